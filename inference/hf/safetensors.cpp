#include "inference/hf/safetensors.h"

#include <algorithm>
#include <unordered_set>

#include "base/json.h"

namespace hearth::hf {

namespace {

Error fail(const std::string& file, const char* code, const std::string& what) {
    return make_error(std::string("safetensors.") + code,
                      file + ": " + what + "; the file is damaged or not a safetensors file, download it again");
}

struct DtypeInfo {
    const char* name;
    bool supported;
    TensorType type;
    uint32_t bytes;
};

// Every dtype the format defines; only the float types models ship their weights in are converted.
constexpr DtypeInfo kDtypes[] = {
    {"F32", true, TensorType::F32, 4},     {"F16", true, TensorType::F16, 2},
    {"BF16", true, TensorType::BF16, 2},   {"F64", false, TensorType::F64, 8},
    {"I64", false, TensorType::I64, 8},    {"I32", false, TensorType::I32, 4},
    {"I16", false, TensorType::I16, 2},    {"I8", false, TensorType::I8, 1},
    {"U64", false, TensorType::I64, 8},    {"U32", false, TensorType::I32, 4},
    {"U16", false, TensorType::I16, 2},    {"U8", false, TensorType::I8, 1},
    {"BOOL", false, TensorType::I8, 1},    {"F8_E4M3", false, TensorType::I8, 1},
    {"F8_E5M2", false, TensorType::I8, 1},
};

const DtypeInfo* find_dtype(std::string_view s) {
    for (const auto& d : kDtypes)
        if (s == d.name) return &d;
    return nullptr;
}

std::optional<uint64_t> non_negative(const json::Value& v) {
    auto i = v.as_int();
    if (!i || *i < 0) return std::nullopt;
    return static_cast<uint64_t>(*i);
}

}  // namespace

int64_t SafeTensor::n_elements() const {
    int64_t n = 1;
    for (int64_t d : shape) n *= d;
    return n;
}

std::vector<int64_t> SafeTensor::gguf_ne() const {
    std::vector<int64_t> ne(shape.rbegin(), shape.rend());
    if (ne.empty()) ne.push_back(1);
    return ne;
}

const SafeTensor* SafetensorsFile::find(std::string_view name) const {
    for (const auto& t : tensors_)
        if (t.name == name) return &t;
    return nullptr;
}

void SafetensorsFile::release(const SafeTensor& t) const {
    if (map_) release_pages(data(t));
}

Result<SafetensorsFile> SafetensorsFile::parse(SafetensorsFile f, std::span<const uint8_t> bytes) {
    const std::string& fn = f.name_;
    if (bytes.size() < 8) return fail(fn, "truncated", "the file is " + std::to_string(bytes.size()) + " bytes long, too short for a header");
    uint64_t n = 0;
    for (int i = 7; i >= 0; --i) n = (n << 8) | bytes[static_cast<size_t>(i)];
    if (n > kMaxHeaderBytes)
        return fail(fn, "header_too_large", "the header claims " + std::to_string(n) + " bytes, more than the 100 MB a header may have");
    if (n > bytes.size() - 8)
        return fail(fn, "truncated", "the header claims " + std::to_string(n) + " bytes but the file ends after " +
                                         std::to_string(bytes.size() - 8));
    const std::string_view text(reinterpret_cast<const char*>(bytes.data() + 8), static_cast<size_t>(n));
    auto root = json::parse(text, json::Limits{static_cast<size_t>(n) + 1, 8});
    if (!root) return fail(fn, "bad_json", "the header is not valid JSON (" + root.error().message + ")");
    if (!root->is_object()) return fail(fn, "bad_json", "the header is not a JSON object");
    f.data_ = bytes.subspan(8 + static_cast<size_t>(n));
    const uint64_t data_size = f.data_.size();

    std::unordered_set<std::string_view> seen;
    for (const auto& m : root->obj) {
        if (!seen.insert(m.first).second)
            return fail(fn, "duplicate_tensor", "the name '" + m.first + "' appears twice in the header");
        const json::Value& v = m.second;
        if (m.first == "__metadata__") {
            if (!v.is_object()) return fail(fn, "bad_entry", "__metadata__ is not an object");
            for (const auto& kv : v.obj) {
                if (!kv.second.is_string()) return fail(fn, "bad_entry", "__metadata__ value '" + kv.first + "' is not a string");
                f.metadata_.emplace_back(kv.first, kv.second.str);
            }
            continue;
        }
        const std::string tn = "tensor '" + m.first + "'";
        if (m.first.empty()) return fail(fn, "bad_entry", "a tensor has an empty name");
        if (!v.is_object()) return fail(fn, "bad_entry", tn + " is not described by an object");
        const json::Value* dtype = v.find("dtype");
        const json::Value* shape = v.find("shape");
        const json::Value* offs = v.find("data_offsets");
        if (!dtype || !dtype->is_string() || !shape || !shape->is_array() || !offs || !offs->is_array())
            return fail(fn, "bad_entry", tn + " lacks a dtype, shape or data_offsets of the right kind");
        const DtypeInfo* d = find_dtype(dtype->str);
        if (!d) return fail(fn, "unknown_dtype", tn + " has the unknown dtype '" + dtype->str + "'");
        if (!d->supported)
            return make_error("safetensors.unsupported_dtype",
                              fn + ": " + tn + " holds " + dtype->str +
                                  " values; Hearth converts only F32, F16 and BF16 weights. Choose a "
                                  "full-precision copy of the model.");
        SafeTensor t;
        t.name = m.first;
        t.type = d->type;
        if (shape->arr.size() > 4) return fail(fn, "bad_shape", tn + " has " + std::to_string(shape->arr.size()) + " dimensions; at most 4 are possible");
        uint64_t count = 1;
        for (const auto& dim : shape->arr) {
            auto x = non_negative(dim);
            if (!x) return fail(fn, "bad_shape", tn + " has a dimension that is not a non-negative integer");
            if (*x == 0) return fail(fn, "bad_shape", tn + " has a dimension of 0");
            if (*x > (uint64_t{1} << 62) / count) return fail(fn, "bad_shape", tn + " has more elements than any file could hold");
            count *= *x;
            t.shape.push_back(static_cast<int64_t>(*x));
        }
        if (offs->arr.size() != 2) return fail(fn, "bad_entry", tn + ": data_offsets must be two numbers");
        auto b = non_negative(offs->arr[0]), e = non_negative(offs->arr[1]);
        if (!b || !e) return fail(fn, "bad_entry", tn + ": data_offsets must be non-negative integers");
        if (*b > *e || *e > data_size)
            return fail(fn, "out_of_bounds", tn + " lies at bytes " + std::to_string(*b) + " to " + std::to_string(*e) +
                                                 " of a data section of " + std::to_string(data_size));
        if (*e - *b != count * d->bytes)
            return fail(fn, "size_mismatch", tn + " takes " + std::to_string(*e - *b) + " bytes, but " + dtype->str +
                                                 " of its shape need " + std::to_string(count * d->bytes));
        t.begin = *b;
        t.end = *e;
        f.tensors_.push_back(std::move(t));
    }
    std::vector<const SafeTensor*> order;
    for (const auto& t : f.tensors_) order.push_back(&t);
    std::sort(order.begin(), order.end(), [](const SafeTensor* a, const SafeTensor* b) { return a->begin < b->begin; });
    for (size_t i = 1; i < order.size(); ++i)
        if (order[i - 1]->end > order[i]->begin)
            return fail(fn, "overlap", "the data of tensors '" + order[i - 1]->name + "' and '" + order[i]->name + "' overlap");
    return f;
}

Result<SafetensorsFile> SafetensorsFile::from_memory(std::span<const uint8_t> bytes, std::string name) {
    SafetensorsFile f;
    f.name_ = std::move(name);
    return parse(std::move(f), bytes);
}

Result<SafetensorsFile> SafetensorsFile::open(const std::filesystem::path& path) {
    auto map = MappedFile::open(path, {"safetensors.io", "check that the model folder is complete and readable",
                                       "check that the model folder is complete and readable",
                                       "check free memory and address space"});
    if (!map) return map.error();
    SafetensorsFile f;
    f.name_ = path.string();
    f.map_ = std::make_shared<MappedFile>(std::move(*map));
    const auto bytes = f.map_->bytes();  // before f is moved into the argument
    return parse(std::move(f), bytes);
}

}  // namespace hearth::hf
