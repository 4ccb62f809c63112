// Rows for the IQ encoder tests (iq4_encode_test, iq1_encode_test): Gaussian, heavy-tailed with
// outlier columns, log-normal importances, the encode -> decode round trip through
// quantize_row_weighted and the reference dequantizer, and the comparison with llama.cpp's encoding
// of brown-6L256 (testdata).
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "inference/gguf/gguf_reader.h"
#include "inference/quant/block_quant.h"
#include "inference/tensor/dequantize.h"
#include "tests/inference/quant/iq_encode_testing.h"
#include "tests/support/testdata.h"

namespace hearth::quant::iq_testing {

// The synthetic rows and the round trip are iq_encode_testing.h's (the IQ2/IQ3 tests').
using test_iq::gaussian;
using test_iq::heavy_tailed;
using test_iq::importances;
using test_iq::roundtrip;

// sum_i imp_i (x_i - y_i)^2: a matrix product's expected output error.
inline double output_error(const std::vector<float>& x, const std::vector<float>& y, const std::vector<float>& imp) {
    double e = 0;
    for (size_t i = 0; i < x.size(); ++i) e += imp[i] * (double(x[i]) - y[i]) * (double(x[i]) - y[i]);
    return e;
}

inline double mse(const std::vector<float>& x, const std::vector<float>& y) {
    double e = 0;
    for (size_t i = 0; i < x.size(); ++i) e += (double(x[i]) - y[i]) * (double(x[i]) - y[i]);
    return e / static_cast<double>(x.size());
}

// weighted_error after the best rescaling of y (y times sum w x y / sum w y^2): the error of the
// choice of points and relative scales, blind to a deliberate stretch of the whole row.
inline double rescaled_weighted_error(const float* x, const float* y, int64_t n, TensorType t) {
    std::vector<float> ys(static_cast<size_t>(n));
    // The default weights, sigma2 + x^2 (block_quant.h).
    double s2 = 0;
    for (int64_t i = 0; i < n; ++i) s2 += double(x[i]) * x[i];
    const double sigma2 = s2 / static_cast<double>(n);
    double a = 0, b = 0;
    for (int64_t i = 0; i < n; ++i) {
        const double wi = sigma2 + double(x[i]) * x[i];
        a += wi * x[i] * y[i];
        b += wi * double(y[i]) * y[i];
    }
    const double c = b > 0 ? a / b : 1.0;
    for (int64_t i = 0; i < n; ++i) ys[static_cast<size_t>(i)] = static_cast<float>(c * y[i]);
    return weighted_error(x, ys.data(), nullptr, n, t);
}

// Weighted error of our encoding of a brown-6L256 tensor against llama.cpp's file's encoding of
// the same weights (made with its importance matrix; ours here has none), both measured with the
// default weighting.
struct Versus {
    double ours = 0, llama = 0;
};
inline Versus against_llama(TensorType t, const char* file, const char* tensor, bool rescaled = false) {
    Versus v;
    auto src = GgufFile::open(test::testdata_dir() / "models/brown-6L256.gguf");
    auto ref = GgufFile::open(test::testdata_dir() / "models" / file);
    EXPECT_TRUE(src && ref);
    if (!src || !ref) return v;
    const GgufTensorInfo* a = src->tensor(tensor);
    const GgufTensorInfo* b = ref->tensor(tensor);
    EXPECT_TRUE(a && b && b->type == t) << tensor;
    if (!a || !b || b->type != t) return v;
    const int64_t n = a->ne[0];
    std::vector<float> x(static_cast<size_t>(n)), y(x.size()), z(x.size());
    std::vector<uint8_t> q(row_bytes(t, n));
    for (int64_t r = 0; r < a->n_rows(); ++r) {
        dequantize_row(a->type, a->data + static_cast<uint64_t>(r) * a->row_size(), x.data(), n);
        dequantize_row(t, b->data + static_cast<uint64_t>(r) * b->row_size(), z.data(), n);
        EXPECT_TRUE(quantize_row_weighted(t, x.data(), nullptr, q.data(), n).ok());
        dequantize_row(t, q.data(), y.data(), n);
        v.ours += rescaled ? rescaled_weighted_error(x.data(), y.data(), n, t) : weighted_error(x.data(), y.data(), nullptr, n, t);
        v.llama += rescaled ? rescaled_weighted_error(x.data(), z.data(), n, t) : weighted_error(x.data(), z.data(), nullptr, n, t);
    }
    return v;
}

}  // namespace hearth::quant::iq_testing
