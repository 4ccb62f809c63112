// `hearth-cli info FILE [--all]`: what a GGUF model file holds, without loading the weights.
#include <cinttypes>
#include <cstdio>
#include <map>
#include <string>

#include "app/cli/commands.h"
#include "inference/gguf/gguf_reader.h"

namespace hearth::cli {
namespace {

std::string human_bytes(uint64_t b) {
    char buf[64];
    const double d = static_cast<double>(b);
    if (b < 1024)
        std::snprintf(buf, sizeof buf, "%" PRIu64 " B", b);
    else if (b < 1024ull * 1024)
        std::snprintf(buf, sizeof buf, "%.1f KiB", d / 1024.0);
    else if (b < 1024ull * 1024 * 1024)
        std::snprintf(buf, sizeof buf, "%.1f MiB", d / (1024.0 * 1024.0));
    else
        std::snprintf(buf, sizeof buf, "%.2f GiB", d / (1024.0 * 1024.0 * 1024.0));
    return buf;
}

std::string human_count(uint64_t n) {
    char buf[64];
    const double d = static_cast<double>(n);
    if (n >= 1000000000ull)
        std::snprintf(buf, sizeof buf, "%" PRIu64 " (%.2f B)", n, d / 1e9);
    else if (n >= 1000000ull)
        std::snprintf(buf, sizeof buf, "%" PRIu64 " (%.2f M)", n, d / 1e6);
    else if (n >= 1000ull)
        std::snprintf(buf, sizeof buf, "%" PRIu64 " (%.1f K)", n, d / 1e3);
    else
        std::snprintf(buf, sizeof buf, "%" PRIu64, n);
    return buf;
}

// Control characters would garble the terminal; long strings (templates) are cut.
std::string printable(std::string_view s, size_t max_len) {
    std::string out;
    for (char c : s) {
        if (out.size() >= max_len) {
            out += "...";
            break;
        }
        if (c == '\n') out += "\\n";
        else if (static_cast<unsigned char>(c) < 0x20) out += '?';
        else out += c;
    }
    return out;
}

std::string value_string(const GgufValue& v) {
    char buf[64];
    switch (v.type) {
        case GgufValueType::U8:
        case GgufValueType::U16:
        case GgufValueType::U32:
        case GgufValueType::U64:
            std::snprintf(buf, sizeof buf, "%" PRIu64, v.u);
            return buf;
        case GgufValueType::I8:
        case GgufValueType::I16:
        case GgufValueType::I32:
        case GgufValueType::I64:
            std::snprintf(buf, sizeof buf, "%" PRId64, v.i);
            return buf;
        case GgufValueType::F32:
        case GgufValueType::F64:
            std::snprintf(buf, sizeof buf, "%g", v.f);
            return buf;
        case GgufValueType::BOOL: return v.u ? "true" : "false";
        case GgufValueType::STRING: return "\"" + printable(v.str, 80) + "\"";
        case GgufValueType::ARRAY:
            std::snprintf(buf, sizeof buf, "[%s x %" PRIu64 "]", gguf_type_name(v.elem_type), v.count);
            return buf;
    }
    return "?";
}

void print_value_line(const GgufFile& f, const std::string& label, const std::string& key) {
    const GgufValue* v = f.find(key);
    std::printf("  %-22s %s\n", label.c_str(), v ? value_string(*v).c_str() : "-");
}

}  // namespace

int cmd_info(Args& args) {
    const bool all = args.flag({"--all"});
    auto pos = args.positional();
    if (int rc = reject_unused(args, "info")) return rc;
    if (!args.error.empty()) return usage_error(args.error);
    if (pos.size() != 1) {
        std::fprintf(stderr, "usage: hearth-cli info FILE [--all]\n");
        return 2;
    }
    auto opened = GgufFile::open(pos[0]);
    if (!opened) return fail(opened.error().message);
    const GgufFile& f = *opened;

    const std::string arch(f.get_string("general.architecture").value_or(""));
    uint64_t params = 0;
    struct TypeUse {
        uint64_t count = 0, bytes = 0;
    };
    std::map<std::string, TypeUse> hist;
    for (const auto& t : f.tensors()) {
        params += static_cast<uint64_t>(t.n_elements());
        auto& h = hist[type_name(t.type)];
        ++h.count;
        h.bytes += t.size_bytes;
    }

    std::printf("file:        %s\n", f.name().c_str());
    std::printf("size:        %s (%" PRIu64 " bytes)\n", human_bytes(f.file_size()).c_str(), f.file_size());
    std::printf("gguf:        version %u, alignment %" PRIu64 ", %zu metadata keys, %zu tensors\n", f.version(),
                f.alignment(), f.metadata().size(), f.tensors().size());
    std::printf("arch:        %s\n", arch.empty() ? "-" : printable(arch, 80).c_str());
    std::printf("name:        %s\n", printable(f.get_string("general.name").value_or("-"), 80).c_str());
    std::printf("parameters:  %s\n", human_count(params).c_str());
    std::printf("tensor types:\n");
    for (const auto& [name, h] : hist)
        std::printf("  %-8s %6" PRIu64 " tensors  %s\n", name.c_str(), h.count, human_bytes(h.bytes).c_str());

    std::printf("hyperparameters:\n");
    const std::string a = arch.empty() ? "?" : arch;
    print_value_line(f, "context_length", a + ".context_length");
    print_value_line(f, "embedding_length", a + ".embedding_length");
    print_value_line(f, "block_count", a + ".block_count");
    print_value_line(f, "head_count", a + ".attention.head_count");
    print_value_line(f, "head_count_kv", a + ".attention.head_count_kv");
    print_value_line(f, "feed_forward_length", a + ".feed_forward_length");
    print_value_line(f, "rope.freq_base", a + ".rope.freq_base");

    std::printf("tokenizer:\n");
    std::printf("  %-22s %s\n", "model", printable(f.get_string("tokenizer.ggml.model").value_or("-"), 80).c_str());
    const auto vocab = f.get_array_count("tokenizer.ggml.tokens");
    std::printf("  %-22s %s\n", "vocab_size", vocab ? std::to_string(*vocab).c_str() : "-");
    const auto tmpl = f.get_string("tokenizer.chat_template");
    std::printf("chat template: %s\n", tmpl ? printable(*tmpl, 400).c_str() : "none");

    std::printf("metadata:\n");
    for (const auto& kv : f.metadata()) {
        if (kv.key == "tokenizer.chat_template") continue;  // printed above
        std::printf("  %-40s %s\n", printable(kv.key, 120).c_str(), value_string(kv.value).c_str());
    }
    if (all) {
        std::printf("tensors:\n");
        for (const auto& t : f.tensors()) {
            std::string shape;
            for (int d = 0; d < t.n_dims; ++d) shape += (d ? " x " : "") + std::to_string(t.ne[d]);
            std::printf("  %-40s %-6s %-22s offset %" PRIu64 "  %s\n", printable(t.name, 120).c_str(),
                        type_name(t.type), shape.c_str(), t.offset, human_bytes(t.size_bytes).c_str());
        }
    }
    return 0;
}

}  // namespace hearth::cli
