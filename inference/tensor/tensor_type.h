// Tensor element types, numbered exactly as GGML numbers them in GGUF files (the `type` field of a
// tensor info). Ids 4 and 5 (the removed Q4_2/Q4_3) and 31-33, 36-38 (removed repacked layouts)
// are not assigned; a file using them is refused as an unknown type.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace hearth {

enum class TensorType : uint32_t {
    F32 = 0,
    F16 = 1,
    Q4_0 = 2,
    Q4_1 = 3,
    Q5_0 = 6,
    Q5_1 = 7,
    Q8_0 = 8,
    Q8_1 = 9,
    Q2_K = 10,
    Q3_K = 11,
    Q4_K = 12,
    Q5_K = 13,
    Q6_K = 14,
    Q8_K = 15,
    IQ2_XXS = 16,
    IQ2_XS = 17,
    IQ3_XXS = 18,
    IQ1_S = 19,
    IQ4_NL = 20,
    IQ3_S = 21,
    IQ2_S = 22,
    IQ4_XS = 23,
    I8 = 24,
    I16 = 25,
    I32 = 26,
    I64 = 27,
    F64 = 28,
    IQ1_M = 29,
    BF16 = 30,
    TQ1_0 = 34,
    TQ2_0 = 35,
    MXFP4 = 39,
};

struct TypeTraits {
    const char* name;      // "Q4_K", as llama.cpp and Hugging Face file names spell it
    uint32_t block_size;   // elements per block (1 for plain types)
    uint32_t block_bytes;  // bytes per block
    bool supported;        // Hearth can read it: dequantize, dot products, both backends
    bool quantized;        // a block format rather than a plain number type
    bool writable = true;  // Hearth can also quantize to it (not the IQ types: reading only)
};

// Traits for a raw id read from a file; nullptr when the id is not a known GGML type.
const TypeTraits* type_traits(uint32_t raw);
// Traits for a TensorType value. Never null: an out-of-range value gives an "unknown" entry
// with block_size 0 and supported false.
const TypeTraits& traits(TensorType t);
inline const char* type_name(TensorType t) { return traits(t).name; }
inline bool is_supported(TensorType t) { return traits(t).supported; }
inline bool is_writable(TensorType t) { return traits(t).supported && traits(t).writable; }
inline bool is_quantized(TensorType t) { return traits(t).quantized; }

// "Q4_K" -> TensorType::Q4_K (case-insensitive); nullopt when no type has that name.
std::optional<TensorType> type_from_name(std::string_view name);

// Whether a row of n elements can be stored in type t: t is known, n >= 0 and n is a multiple of
// the block size.
bool row_size_ok(TensorType t, int64_t n);
// Bytes of a row of n elements; n must satisfy row_size_ok (returns 0 otherwise).
uint64_t row_bytes(TensorType t, int64_t n);

}  // namespace hearth
