// Reference (scalar) conversion from any supported tensor type to f32, and the row dot product
// the CPU reference matmul is built on. Readable rather than fast: the Vulkan kernels are
// checked against these.
#pragma once

#include <cstdint>

#include "inference/tensor/tensor_type.h"

namespace hearth {

// Decodes n elements of a row stored in type t at src into dst.
// Preconditions (checked by the caller, e.g. the GGUF reader validates every tensor): t is
// supported and row_size_ok(t, n). Violations never read out of bounds of a correctly sized
// row; they fill dst with NaN instead.
void dequantize_row(TensorType t, const void* src, float* dst, int64_t n);

// sum_i dequant(row)[i] * x[i], accumulated in double, rounded to float once at the end.
// Same preconditions as dequantize_row; returns NaN when they are violated.
float dot_row(TensorType t, const void* row, const float* x, int64_t n);

}  // namespace hearth
