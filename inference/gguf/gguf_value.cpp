// GGUF metadata value types and element access into validated arrays.
#include <cmath>
#include <cstring>

#include "inference/gguf/gguf_cursor.h"
#include "inference/gguf/gguf_reader.h"

namespace hearth {

using gguf_detail::Cursor;

const char* gguf_type_name(GgufValueType t) {
    switch (t) {
        case GgufValueType::U8: return "u8";
        case GgufValueType::I8: return "i8";
        case GgufValueType::U16: return "u16";
        case GgufValueType::I16: return "i16";
        case GgufValueType::U32: return "u32";
        case GgufValueType::I32: return "i32";
        case GgufValueType::F32: return "f32";
        case GgufValueType::BOOL: return "bool";
        case GgufValueType::STRING: return "string";
        case GgufValueType::ARRAY: return "array";
        case GgufValueType::U64: return "u64";
        case GgufValueType::I64: return "i64";
        case GgufValueType::F64: return "f64";
    }
    return "?";
}

uint32_t gguf_scalar_size(GgufValueType t) {
    switch (t) {
        case GgufValueType::U8:
        case GgufValueType::I8:
        case GgufValueType::BOOL: return 1;
        case GgufValueType::U16:
        case GgufValueType::I16: return 2;
        case GgufValueType::U32:
        case GgufValueType::I32:
        case GgufValueType::F32: return 4;
        case GgufValueType::U64:
        case GgufValueType::I64:
        case GgufValueType::F64: return 8;
        case GgufValueType::STRING:
        case GgufValueType::ARRAY: return 0;
    }
    return 0;
}

static bool is_int_type(GgufValueType t) {
    switch (t) {
        case GgufValueType::U8:
        case GgufValueType::I8:
        case GgufValueType::U16:
        case GgufValueType::I16:
        case GgufValueType::U32:
        case GgufValueType::I32:
        case GgufValueType::U64:
        case GgufValueType::I64: return true;
        default: return false;
    }
}

bool GgufValue::is_integer() const { return is_int_type(type); }

namespace {

// Reads one fixed-size element (already known to be inside `raw`), as integer or float.
struct Scalar {
    bool is_float = false;
    bool is_signed = false;
    uint64_t bits = 0;  // zero-extended raw bits
};

Scalar element(const uint8_t* p, GgufValueType t) {
    Scalar s;
    const uint32_t n = gguf_scalar_size(t);
    for (uint32_t i = 0; i < n; ++i) s.bits |= static_cast<uint64_t>(p[i]) << (8 * i);
    s.is_float = t == GgufValueType::F32 || t == GgufValueType::F64;
    s.is_signed = t == GgufValueType::I8 || t == GgufValueType::I16 || t == GgufValueType::I32 ||
                  t == GgufValueType::I64;
    if (s.is_signed && n < 8 && (s.bits >> (8 * n - 1)) & 1) s.bits |= ~uint64_t{0} << (8 * n);  // sign-extend
    return s;
}

double to_double(const Scalar& s, GgufValueType t) {
    if (t == GgufValueType::F32) {
        float f;
        const auto b = static_cast<uint32_t>(s.bits);
        std::memcpy(&f, &b, 4);
        return f;
    }
    if (t == GgufValueType::F64) {
        double d;
        std::memcpy(&d, &s.bits, 8);
        return d;
    }
    return s.is_signed ? static_cast<double>(static_cast<int64_t>(s.bits)) : static_cast<double>(s.bits);
}

// Arrays hold: u32 element type, u64 count, then the elements; `raw` covers all of it.
constexpr uint64_t kArrayHeader = 12;

}  // namespace

std::optional<double> GgufValue::number_at(uint64_t i) const {
    if (!is_array() || i >= count) return std::nullopt;
    const uint32_t size = gguf_scalar_size(elem_type);
    if (size == 0) return std::nullopt;
    const uint8_t* p = raw.data() + kArrayHeader + i * size;
    return to_double(element(p, elem_type), elem_type);
}

std::optional<int64_t> GgufValue::int_at(uint64_t i) const {
    if (!is_array() || i >= count) return std::nullopt;
    if (!is_int_type(elem_type) && elem_type != GgufValueType::BOOL) return std::nullopt;
    const uint32_t size = gguf_scalar_size(elem_type);
    const Scalar s = element(raw.data() + kArrayHeader + i * size, elem_type);
    if (!s.is_signed && s.bits > static_cast<uint64_t>(INT64_MAX)) return std::nullopt;
    return static_cast<int64_t>(s.bits);
}

std::optional<std::string_view> GgufValue::string_at(uint64_t i) const {
    if (!is_array() || elem_type != GgufValueType::STRING || i >= count) return std::nullopt;
    Cursor c(raw.subspan(kArrayHeader));
    std::string_view s;
    for (uint64_t k = 0; k <= i; ++k)
        if (!c.read_string(s)) return std::nullopt;  // cannot happen in a validated file
    return s;
}

}  // namespace hearth
