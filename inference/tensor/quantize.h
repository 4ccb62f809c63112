// Reference quantizers: plain round-to-nearest into every supported block type (and f32/f16/
// bf16 conversion), producing bytes any GGUF reader (llama.cpp included) decodes the same way.
// Not the importance-weighted search llama.cpp's quantizer uses: quality is a little lower at
// 2-3 bits, which is fine for tests, synthetic models and quick conversions.
#pragma once

#include <cstdint>

#include "base/result.h"
#include "inference/tensor/tensor_type.h"

namespace hearth {

// Encodes n floats into dst, which must hold row_bytes(t, n) bytes.
// Errors: "tensor.unsupported_type" (t is not supported), "tensor.row_size" (n is negative or
// not a multiple of t's block size).
Status quantize_row(TensorType t, const float* src, void* dst, int64_t n);

}  // namespace hearth
