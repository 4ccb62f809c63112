// Typed lookups over a validated GgufFile's metadata and tensors.
#include <cmath>
#include <limits>

#include "inference/gguf/gguf_reader.h"

namespace hearth {

// double -> float without the undefined behaviour of converting an out-of-range value.
static float narrow(double d) {
    if (d > std::numeric_limits<float>::max()) return std::numeric_limits<float>::infinity();
    if (d < -std::numeric_limits<float>::max()) return -std::numeric_limits<float>::infinity();
    return static_cast<float>(d);  // NaN converts fine
}

const GgufValue* GgufFile::find(std::string_view key) const {
    auto it = kv_index_.find(key);
    return it == kv_index_.end() ? nullptr : &metadata_[it->second].value;
}

const GgufTensorInfo* GgufFile::tensor(std::string_view name) const {
    auto it = tensor_index_.find(name);
    return it == tensor_index_.end() ? nullptr : &tensors_[it->second];
}

std::optional<std::string_view> GgufFile::get_string(std::string_view key) const {
    const GgufValue* v = find(key);
    if (!v || v->type != GgufValueType::STRING) return std::nullopt;
    return v->str;
}

static bool is_unsigned(GgufValueType t) {
    return t == GgufValueType::U8 || t == GgufValueType::U16 || t == GgufValueType::U32 || t == GgufValueType::U64;
}
static bool is_signed(GgufValueType t) {
    return t == GgufValueType::I8 || t == GgufValueType::I16 || t == GgufValueType::I32 || t == GgufValueType::I64;
}

std::optional<uint64_t> GgufFile::get_uint(std::string_view key) const {
    const GgufValue* v = find(key);
    if (!v) return std::nullopt;
    if (is_unsigned(v->type)) return v->u;
    if (is_signed(v->type) && v->i >= 0) return static_cast<uint64_t>(v->i);
    return std::nullopt;
}

std::optional<int64_t> GgufFile::get_int(std::string_view key) const {
    const GgufValue* v = find(key);
    if (!v) return std::nullopt;
    if (is_signed(v->type)) return v->i;
    if (is_unsigned(v->type) && v->u <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
        return static_cast<int64_t>(v->u);
    return std::nullopt;
}

std::optional<double> GgufFile::get_float(std::string_view key) const {
    const GgufValue* v = find(key);
    if (!v) return std::nullopt;
    if (v->type == GgufValueType::F32 || v->type == GgufValueType::F64) return v->f;
    if (is_signed(v->type)) return static_cast<double>(v->i);
    if (is_unsigned(v->type)) return static_cast<double>(v->u);
    return std::nullopt;
}

std::optional<bool> GgufFile::get_bool(std::string_view key) const {
    const GgufValue* v = find(key);
    if (!v || v->type != GgufValueType::BOOL) return std::nullopt;
    return v->u != 0;
}

std::optional<uint64_t> GgufFile::get_array_count(std::string_view key) const {
    const GgufValue* v = find(key);
    if (!v || !v->is_array()) return std::nullopt;
    return v->count;
}

std::optional<std::vector<std::string_view>> GgufFile::get_string_array(std::string_view key) const {
    const GgufValue* v = find(key);
    if (!v || !v->is_array() || v->elem_type != GgufValueType::STRING) return std::nullopt;
    // Walk once (string_at would make this quadratic). The array was validated when opened.
    std::vector<std::string_view> out;
    out.reserve(static_cast<size_t>(v->count));
    const uint8_t* p = v->raw.data() + 12;
    const uint8_t* end = v->raw.data() + v->raw.size();
    for (uint64_t i = 0; i < v->count; ++i) {
        if (end - p < 8) return std::nullopt;
        uint64_t n = 0;
        for (int b = 0; b < 8; ++b) n |= static_cast<uint64_t>(p[b]) << (8 * b);
        p += 8;
        if (n > static_cast<uint64_t>(end - p)) return std::nullopt;
        out.emplace_back(reinterpret_cast<const char*>(p), static_cast<size_t>(n));
        p += n;
    }
    return out;
}

std::optional<std::vector<float>> GgufFile::get_f32_array(std::string_view key) const {
    const GgufValue* v = find(key);
    if (!v || !v->is_array()) return std::nullopt;
    if (v->elem_type != GgufValueType::F32 && v->elem_type != GgufValueType::F64) return std::nullopt;
    std::vector<float> out(static_cast<size_t>(v->count));
    for (uint64_t i = 0; i < v->count; ++i) out[i] = narrow(*v->number_at(i));
    return out;
}

std::optional<std::vector<int32_t>> GgufFile::get_i32_array(std::string_view key) const {
    const GgufValue* v = find(key);
    if (!v || !v->is_array() || !(is_signed(v->elem_type) || is_unsigned(v->elem_type))) return std::nullopt;
    std::vector<int32_t> out(static_cast<size_t>(v->count));
    for (uint64_t i = 0; i < v->count; ++i) {
        const auto x = v->int_at(i);
        if (!x || *x < std::numeric_limits<int32_t>::min() || *x > std::numeric_limits<int32_t>::max())
            return std::nullopt;
        out[i] = static_cast<int32_t>(*x);
    }
    return out;
}

}  // namespace hearth
