#include "inference/gguf/gguf_split.h"

#include <cstdio>
#include <filesystem>

#include "inference/gguf/gguf_reader.h"

namespace hearth {

namespace {

std::optional<uint32_t> five_digits(std::string_view s) {
    if (s.size() != 5) return std::nullopt;
    uint32_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + static_cast<uint32_t>(c - '0');
    }
    return v;
}

Error split_error(const char* code, const std::string& message) { return make_error(code, message); }

}  // namespace

std::optional<SplitName> parse_split_name(std::string_view name) {
    if (const auto slash = name.find_last_of("/\\"); slash != std::string_view::npos) name.remove_prefix(slash + 1);
    constexpr std::string_view kExt = ".gguf";
    // "-NNNNN-of-MMMMM.gguf" is 20 characters.
    if (name.size() <= 20 || name.substr(name.size() - kExt.size()) != kExt) return std::nullopt;
    const std::string_view tail = name.substr(name.size() - 20);
    if (tail[0] != '-' || tail.substr(6, 4) != "-of-") return std::nullopt;
    const auto no = five_digits(tail.substr(1, 5)), count = five_digits(tail.substr(10, 5));
    if (!no || !count || *no < 1 || *no > *count) return std::nullopt;
    return SplitName{std::string(name.substr(0, name.size() - 20)), *no, *count};
}

std::string split_part_name(std::string_view prefix, uint32_t no, uint32_t count) {
    char tail[32];
    std::snprintf(tail, sizeof tail, "-%05u-of-%05u.gguf", no, count);
    return std::string(prefix) + tail;
}

Status GgufFile::join_parts(const std::filesystem::path& first, uint64_t count) {
    const uint64_t no = get_uint("split.no").value_or(0);
    const std::string file = first.filename().string();
    const auto split = parse_split_name(file);
    if (no != 0) {
        const std::string want =
            split ? split_part_name(split->prefix, 1, split->count) : std::string("the part numbered 00001");
        return split_error("gguf.split_not_first", name_ + " is part " + std::to_string(no + 1) + " of " +
                                                       std::to_string(count) + " of a split model; open its first part, " +
                                                       want + ", which loads them all");
    }
    if (!split || split->count != count || split->no != 1) {
        return split_error("gguf.split_mismatch",
                           name_ + " is the first of " + std::to_string(count) +
                               " parts of a split model, but its name does not end in " +
                               split_part_name("", 1, static_cast<uint32_t>(count)) +
                               ", so the other parts cannot be found; keep the names the parts were published with");
    }
    for (uint32_t i = 2; i <= count; ++i) {
        const auto path = first.parent_path() / split_part_name(split->prefix, i, static_cast<uint32_t>(count));
        std::error_code ec;
        if (!std::filesystem::exists(path, ec)) {
            return split_error("gguf.split_part_missing",
                               "Part " + std::to_string(i) + " of " + std::to_string(count) + " of the model, " +
                                   path.filename().string() + ", is missing from " + first.parent_path().string() +
                                   "; download every part of the model into the same folder");
        }
        auto part = open_single(path);
        if (!part) return part.error();
        if (part->get_uint("split.count").value_or(1) != count || part->get_uint("split.no").value_or(0) != i - 1) {
            return split_error("gguf.split_mismatch", path.string() + " is not part " + std::to_string(i) + " of " +
                                                          std::to_string(count) + " of the same model as " + name_ +
                                                          "; download the parts again from one repository");
        }
        parts_.push_back(std::make_unique<GgufFile>(std::move(*part)));
        for (const GgufTensorInfo& t : parts_.back()->tensors()) {
            if (tensor_index_.count(t.name)) {
                return split_error("gguf.duplicate_tensor", path.string() + ": the tensor '" + std::string(t.name) +
                                                                "' is also in an earlier part; the parts do not "
                                                                "belong together");
            }
            tensor_index_.emplace(t.name, tensors_.size());
            tensors_.push_back(t);
        }
    }
    if (auto total = get_uint("split.tensors.count"); total && *total != tensors_.size()) {
        return split_error("gguf.split_mismatch", name_ + ": the parts hold " + std::to_string(tensors_.size()) +
                                                      " tensors but the model says " + std::to_string(*total) +
                                                      "; a part is damaged or from another model");
    }
    return {};
}

}  // namespace hearth
