// The reference kernels of the CPU forward pass: plain loops, output argument first, sums in
// double (the matmul: in double over float stretches). These define what every other backend must compute.
#pragma once

#include <cmath>
#include <cstdint>
#include <span>
#include <vector>

#include "inference/arch/model.h"
#include "inference/arch/recipe.h"

namespace hearth::cpu {

// o = x / sqrt(mean(x^2) + eps) * w, for one vector of size n (o may alias x).
void rmsnorm(float* o, const float* x, const float* w, int64_t n, float eps);

// sum_i a[i] * b[i], in double over float stretches as matmul sums.
double dot(const float* a, const float* b, int64_t n);

// W (rows, cols) @ x (cols,) for n vectors: out (n, rows) = in (n, cols) @ W^T, summed in float
// stretches of 64 columns that are added in double (see dot4 in ops.cpp).
// Each weight row is decoded once per call and dotted with every input vector, which is what
// makes a batched prefill cheaper than token-by-token on the CPU. `row_buf` is scratch.
void matmul(float* out, const float* in, int64_t n, const arch::TensorView& w, std::vector<float>& row_buf);

// Rotates the first n_rot dimensions of one head (size head_dim) in place for position `pos`.
void rope(float* head, int32_t n_rot, int32_t pos, arch::RopeStyle style, const arch::LayerRecipe& layer,
          std::span<const float> freq_factors);

// Rotates the first n_rot dimensions of one cached key by `delta` positions (a context shift
// moved it): rope's rotation without rope_attn_factor, which the key already carries. Rotations
// compose, so rope(pos) followed by this is rope(pos + delta) up to rounding.
void rope_shift(float* head, int32_t n_rot, int32_t delta, arch::RopeStyle style, const arch::LayerRecipe& layer,
                std::span<const float> freq_factors);

// c * tanh(x / c); c <= 0 leaves x as is.
inline float softcap(float x, float c);

float silu(float x);
float gelu_tanh(float x);

// All values of a 1-D tensor (norm weights, biases) as floats.
std::vector<float> dequantize_all(const arch::TensorView& t);

inline float softcap(float x, float c) {
    if (c <= 0.0f) return x;
    return static_cast<float>(c * std::tanh(static_cast<double>(x) / c));
}

}  // namespace hearth::cpu
