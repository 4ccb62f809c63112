// The reference kernels on hand-computed values.
#include "inference/cpu/ops.h"

#include <gtest/gtest.h>

#include <cmath>

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
