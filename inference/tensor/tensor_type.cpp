#include "inference/tensor/tensor_type.h"

#include <array>
#include <cctype>

namespace hearth {
namespace {

struct Entry {
    uint32_t id;
    TypeTraits traits;
};

// Block geometry as GGML defines it; "supported" is what dequantize.cpp (and both backends) read,
// "writable" what quantize.cpp can also write.
constexpr Entry kTypes[] = {
    {0, {"F32", 1, 4, true, false}},
    {1, {"F16", 1, 2, true, false}},
    {2, {"Q4_0", 32, 18, true, true}},
    {3, {"Q4_1", 32, 20, true, true}},
    {6, {"Q5_0", 32, 22, true, true}},
    {7, {"Q5_1", 32, 24, true, true}},
    {8, {"Q8_0", 32, 34, true, true}},
    {9, {"Q8_1", 32, 36, false, true}},
    {10, {"Q2_K", 256, 84, true, true}},
    {11, {"Q3_K", 256, 110, true, true}},
    {12, {"Q4_K", 256, 144, true, true}},
    {13, {"Q5_K", 256, 176, true, true}},
    {14, {"Q6_K", 256, 210, true, true}},
    {15, {"Q8_K", 256, 292, true, true}},
    {16, {"IQ2_XXS", 256, 66, true, true, false}},
    {17, {"IQ2_XS", 256, 74, true, true, false}},
    {18, {"IQ3_XXS", 256, 98, true, true, false}},
    {19, {"IQ1_S", 256, 50, true, true, false}},
    {20, {"IQ4_NL", 32, 18, true, true, false}},
    {21, {"IQ3_S", 256, 110, true, true, false}},
    {22, {"IQ2_S", 256, 82, true, true, false}},
    {23, {"IQ4_XS", 256, 136, true, true, false}},
    {24, {"I8", 1, 1, false, false}},
    {25, {"I16", 1, 2, false, false}},
    {26, {"I32", 1, 4, false, false}},
    {27, {"I64", 1, 8, false, false}},
    {28, {"F64", 1, 8, false, false}},
    {29, {"IQ1_M", 256, 56, true, true, false}},
    {30, {"BF16", 1, 2, true, false}},
    {34, {"TQ1_0", 256, 54, false, true}},
    {35, {"TQ2_0", 256, 66, false, true}},
    {39, {"MXFP4", 32, 17, false, true}},
};

constexpr TypeTraits kUnknown = {"unknown", 0, 0, false, false};

bool iequal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::toupper(static_cast<unsigned char>(a[i])) != std::toupper(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

}  // namespace

const TypeTraits* type_traits(uint32_t raw) {
    for (const auto& e : kTypes)
        if (e.id == raw) return &e.traits;
    return nullptr;
}

const TypeTraits& traits(TensorType t) {
    const TypeTraits* tt = type_traits(static_cast<uint32_t>(t));
    return tt ? *tt : kUnknown;
}

std::optional<TensorType> type_from_name(std::string_view name) {
    for (const auto& e : kTypes)
        if (iequal(name, e.traits.name)) return static_cast<TensorType>(e.id);
    return std::nullopt;
}

bool row_size_ok(TensorType t, int64_t n) {
    const TypeTraits& tt = traits(t);
    return tt.block_size != 0 && n >= 0 && n % tt.block_size == 0;
}

uint64_t row_bytes(TensorType t, int64_t n) {
    if (!row_size_ok(t, n)) return 0;
    const TypeTraits& tt = traits(t);
    return static_cast<uint64_t>(n) / tt.block_size * tt.block_bytes;
}

}  // namespace hearth
