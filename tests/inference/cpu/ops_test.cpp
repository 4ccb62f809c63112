// The reference kernels on hand-computed values.
#include "inference/cpu/ops.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace hearth;
using namespace hearth::cpu;

TEST(CpuOps, RmsNorm) {
    const float x[4] = {1, 2, 3, 4};
    const float w[4] = {1, 1, 2, 0.5f};
    float o[4];
    rmsnorm(o, x, w, 4, 0.0f);
    const double r = 1.0 / std::sqrt(30.0 / 4);  // mean of squares 7.5
    EXPECT_NEAR(o[0], 1 * r, 1e-6);
    EXPECT_NEAR(o[2], 3 * r * 2, 1e-6);
    EXPECT_NEAR(o[3], 4 * r * 0.5, 1e-6);
}

TEST(CpuOps, RopeNormalRotatesAdjacentPairs) {
    arch::LayerRecipe l;
    l.rope_base = 100.0f;
    float h[4] = {1, 0, 1, 0};
    rope(h, 4, 2, arch::RopeStyle::Normal, l, {});
    // pair 0 at theta = 2, pair 1 at theta = 2 * 100^(-1/2) = 0.2
    EXPECT_NEAR(h[0], std::cos(2.0), 1e-6);
    EXPECT_NEAR(h[1], std::sin(2.0), 1e-6);
    EXPECT_NEAR(h[2], std::cos(0.2), 1e-6);
    EXPECT_NEAR(h[3], std::sin(0.2), 1e-6);
}

TEST(CpuOps, RopeNeoxRotatesHalves) {
    arch::LayerRecipe l;
    l.rope_base = 100.0f;
    float h[6] = {1, 1, 0, 0, 7, 8};  // n_rot 4 of a head of 6: the last two stay
    rope(h, 4, 2, arch::RopeStyle::Neox, l, {});
    EXPECT_NEAR(h[0], std::cos(2.0), 1e-6);  // pair (0, 2)
    EXPECT_NEAR(h[2], std::sin(2.0), 1e-6);
    EXPECT_NEAR(h[1], std::cos(0.2), 1e-6);  // pair (1, 3)
    EXPECT_NEAR(h[3], std::sin(0.2), 1e-6);
    EXPECT_EQ(h[4], 7.0f);
    EXPECT_EQ(h[5], 8.0f);
}

TEST(CpuOps, RopeScaleAndFactors) {
    arch::LayerRecipe l;
    l.rope_base = 100.0f;
    l.rope_freq_scale = 0.5f;
    l.use_freq_factors = true;
    const float factors[2] = {1.0f, 4.0f};
    float h[4] = {1, 0, 1, 0};
    rope(h, 4, 2, arch::RopeStyle::Normal, l, factors);
    EXPECT_NEAR(h[0], std::cos(1.0), 1e-6);    // 2 * 0.5
    EXPECT_NEAR(h[2], std::cos(0.025), 1e-6);  // 2 * 0.5 * 0.1 / 4
}

TEST(CpuOps, Activations) {
    EXPECT_NEAR(silu(1.0f), 1.0 / (1.0 + std::exp(-1.0)), 1e-7);
    EXPECT_NEAR(gelu_tanh(1.0f), 0.841191990607, 1e-6);  // the tanh form at 1
    EXPECT_NEAR(gelu_tanh(-3.0f), -0.00363739, 1e-6);
    EXPECT_FLOAT_EQ(softcap(10.0f, 0.0f), 10.0f);
    EXPECT_NEAR(softcap(60.0f, 30.0f), 30.0 * std::tanh(2.0), 1e-5);
}

// The vectorized matmul and dot against a plain double loop, on sizes that exercise every tail:
// rows not a multiple of the 4-row tile, columns neither a multiple of 64 nor of 4.
TEST(CpuOps, MatmulAndDotMatchAPlainDoubleSum) {
    for (const int64_t cols : {3, 64, 172, 200, 768}) {
        const int64_t rows = 7, n = 3;
        std::vector<float> w(static_cast<size_t>(rows * cols)), x(static_cast<size_t>(n * cols));
        uint32_t seed = 12345;
        auto next = [&] {
            seed = seed * 1664525u + 1013904223u;
            return static_cast<float>(seed >> 8) / 16777216.0f - 0.5f;
        };
        for (auto& v : w) v = next();
        for (auto& v : x) v = next();
        arch::TensorView view;
        view.ne = {cols, rows, 1, 1};
        view.data = w.data();
        view.nbytes = w.size() * sizeof(float);
        std::vector<float> out(static_cast<size_t>(n * rows), -1.0f), row_buf;
        matmul(out.data(), x.data(), n, view, row_buf);
        for (int64_t t = 0; t < n; ++t) {
            for (int64_t r = 0; r < rows; ++r) {
                double want = 0, mag = 0;
                for (int64_t c = 0; c < cols; ++c) {
                    want += static_cast<double>(w[r * cols + c]) * x[t * cols + c];
                    mag += std::fabs(static_cast<double>(w[r * cols + c]) * x[t * cols + c]);
                }
                EXPECT_NEAR(out[t * rows + r], want, 1e-6 * mag + 1e-7) << cols << " cols, row " << r;
                EXPECT_NEAR(dot(&w[r * cols], &x[t * cols], cols), want, 1e-6 * mag) << cols << " cols";
            }
        }
    }
}
