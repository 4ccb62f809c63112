// Importance-weighted block quantizers: the same GGUF block layouts as tensor/quantize.h's
// round-to-nearest ones (bit for bit readable by any GGUF reader), but every scale and minimum is
// chosen by weighted least squares over a search of candidate scales, so that the elements that
// matter most to the layer's output are reproduced best.
//
// The weight of element i of a row x is
//   with an importance matrix:    w_i = sqrt(imp_i) * (sigma2 + x_i^2)   K-quants (Q2_K..Q6_K)
//                                 w_i = imp_i * sqrt(sigma2 + x_i^2)   the 32-element formats and
//                                                                     the IQ2/IQ3 grid types
//                                 w_i = sqrt(imp_i) * sqrt(sigma2 + x_i^2)   IQ1_S, IQ1_M
//   without:                      w_i = sigma2 + x_i^2   (IQ1_S, IQ1_M: sqrt(sigma2 + x_i^2))
// where imp_i is the mean squared activation of input column i (imatrix.h) and sigma2 the mean of
// x^2 over the row. imp_i is what the expected squared output error of a matrix product weighs
// column i's error by; the x-dependent factor favours the large weights, which carry the outlier
// channels when no activations are known. The importance enters as its square root (the RMS
// activation) because a few thousand calibration tokens estimate it noisily and a rounding grid
// chosen for one text's extremes fits others worse: on a held-out split of brown-calib.txt
// (imatrix from its first half, KL divergence on its second) sqrt(imp) * (sigma2 + x^2) beat
// imp * sqrt(sigma2 + x^2) at Q2_K, Q3_K_S and Q4_K_M, but not at Q4_0, whose one scale per 32
// elements has no sub-block scales to absorb a noisy importance (docs/ACCURACY.md).
#pragma once

#include <cstdint>

#include "base/result.h"
#include "inference/tensor/tensor_type.h"

namespace hearth::quant {

// How a block's scales are chosen. Plain is the baseline the weighting is measured against
// (docs/ACCURACY.md): tensor/quantize.h's round-to-nearest, scales from the block's max/min, no
// search and no weights (an importance matrix is ignored). Not for making models.
enum class Rounding { Weighted, Plain };

// Whether quantize_row_weighted encodes type t with its weighted search (the block types Q4_0,
// Q4_1, Q5_0, Q5_1, Q8_0, Q2_K..Q6_K). F32, F16 and BF16 are converted as they are.
bool has_weighted_encoder(TensorType t);

// Encodes n floats of one row into dst (row_bytes(t, n) bytes). `importance` is null or holds n
// per-column importances (>= 0). Errors: those of quantize_row ("tensor.unsupported_type",
// "tensor.row_size", "tensor.non_finite").
Status quantize_row_weighted(TensorType t, const float* x, const float* importance, void* dst, int64_t n);

// sum_i w_i (x_i - y_i)^2 / sum_i w_i with the weights above: the error measure the encoders
// minimise, for tests and reports. `y` is the decoded row.
// With an importance, t picks the formula (a K-quant's or a 32-element format's).
double weighted_error(const float* x, const float* y, const float* importance, int64_t n,
                      TensorType t = TensorType::Q4_K);

}  // namespace hearth::quant
