// The weighted encoders against round-to-nearest on data with heavy tails and outlier columns,
// with and without importances: the weighted error must drop for every type, and the blocks must
// decode through the reference dequantizer (the same bytes every GGUF reader and our Vulkan
// shaders read).
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <vector>

#include "inference/quant/block_quant.h"
#include "inference/tensor/dequantize.h"
#include "inference/tensor/quantize.h"

namespace hearth::quant {
namespace {

// Student-t-like rows (a normal divided by a random scale) with a few columns ten times larger:
// what trained weight matrices with outlier channels look like.
std::vector<float> heavy_tailed(size_t n, uint32_t seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> g(0.0f, 1.0f);
    std::gamma_distribution<float> chi(2.0f, 1.0f);
    std::vector<float> v(n);
    for (size_t i = 0; i < n; ++i) v[i] = g(rng) / std::sqrt(chi(rng) / 2.0f + 0.05f) * (i % 97 == 5 ? 10.0f : 1.0f);
    return v;
}

std::vector<float> importances(size_t n, uint32_t seed) {
    std::mt19937 rng(seed);
    std::lognormal_distribution<float> ln(0.0f, 1.5f);
    std::vector<float> v(n);
    for (auto& x : v) x = ln(rng);
    return v;
}

const TensorType kTypes[] = {TensorType::Q8_0, TensorType::Q4_0, TensorType::Q4_1, TensorType::Q5_0,
                             TensorType::Q5_1, TensorType::Q2_K, TensorType::Q3_K, TensorType::Q4_K,
                             TensorType::Q5_K, TensorType::Q6_K};

std::vector<float> roundtrip_rtn(TensorType t, const std::vector<float>& x) {
    std::vector<uint8_t> q(row_bytes(t, static_cast<int64_t>(x.size())));
    EXPECT_TRUE(quantize_row(t, x.data(), q.data(), static_cast<int64_t>(x.size())).ok());
    std::vector<float> y(x.size());
    dequantize_row(t, q.data(), y.data(), static_cast<int64_t>(x.size()));
    return y;
}

std::vector<float> roundtrip_weighted(TensorType t, const std::vector<float>& x, const float* imp) {
    std::vector<uint8_t> q(row_bytes(t, static_cast<int64_t>(x.size())));
    EXPECT_TRUE(quantize_row_weighted(t, x.data(), imp, q.data(), static_cast<int64_t>(x.size())).ok());
    std::vector<float> y(x.size());
    dequantize_row(t, q.data(), y.data(), static_cast<int64_t>(x.size()));
    return y;
}

TEST(BlockQuant, BeatsRoundToNearestWithoutImportance) {
    const auto x = heavy_tailed(4096, 1);
    for (TensorType t : kTypes) {
        const auto rtn = roundtrip_rtn(t, x), ours = roundtrip_weighted(t, x, nullptr);
        const double e_rtn = weighted_error(x.data(), rtn.data(), nullptr, 4096);
        const double e_ours = weighted_error(x.data(), ours.data(), nullptr, 4096);
        EXPECT_LT(e_ours, e_rtn) << type_name(t);
        // Not merely different: a real improvement below 8 bits.
        if (t != TensorType::Q8_0) {
            EXPECT_LT(e_ours, 0.97 * e_rtn) << type_name(t);
        }
    }
}

TEST(BlockQuant, ImportanceLowersTheImportanceWeightedError) {
    const auto x = heavy_tailed(4096, 2);
    const auto imp = importances(4096, 3);
    for (TensorType t : kTypes) {
        const auto rtn = roundtrip_rtn(t, x), plain = roundtrip_weighted(t, x, nullptr),
                   guided = roundtrip_weighted(t, x, imp.data());
        // The output error of a matrix product weighs column i by its mean squared activation.
        auto output_error = [&](const std::vector<float>& y) {
            double e = 0;
            for (size_t i = 0; i < x.size(); ++i) e += imp[i] * (double(x[i]) - y[i]) * (double(x[i]) - y[i]);
            return e;
        };
        EXPECT_LT(output_error(guided), output_error(rtn)) << type_name(t);
        EXPECT_LT(output_error(guided), output_error(plain)) << type_name(t);
    }
}

TEST(BlockQuant, PlainUnweightedErrorStaysCloseToRoundToNearest) {
    // Weighting trades some plain error for weighted error; it must not give away much.
    const auto x = heavy_tailed(4096, 4);
    for (TensorType t : kTypes) {
        const auto rtn = roundtrip_rtn(t, x), ours = roundtrip_weighted(t, x, nullptr);
        double e_rtn = 0, e_ours = 0;
        for (size_t i = 0; i < x.size(); ++i) {
            e_rtn += (double(x[i]) - rtn[i]) * (double(x[i]) - rtn[i]);
            e_ours += (double(x[i]) - ours[i]) * (double(x[i]) - ours[i]);
        }
        EXPECT_LT(e_ours, 1.3 * e_rtn) << type_name(t);
    }
}

TEST(BlockQuant, ZeroAndConstantBlocksRoundTrip) {
    for (TensorType t : kTypes) {
        std::vector<float> zeros(256, 0.0f), ones(256, 0.5f);
        for (const auto& x : {zeros, ones}) {
            const auto y = roundtrip_weighted(t, x, nullptr);
            for (size_t i = 0; i < x.size(); ++i) EXPECT_NEAR(y[i], x[i], 0.02) << type_name(t) << " " << i;
        }
    }
}

TEST(BlockQuant, ConversionsAndErrorsPassThrough) {
    std::vector<float> x = heavy_tailed(64, 5);
    std::vector<uint8_t> out(64 * 4);
    ASSERT_TRUE(quantize_row_weighted(TensorType::F32, x.data(), nullptr, out.data(), 64).ok());
    EXPECT_EQ(0, std::memcmp(out.data(), x.data(), 256));
    auto bad = quantize_row_weighted(TensorType::Q4_K, x.data(), nullptr, out.data(), 64);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, "tensor.row_size");
    x[3] = NAN;
    auto nan = quantize_row_weighted(TensorType::Q4_0, x.data(), nullptr, out.data(), 64);
    ASSERT_FALSE(nan.ok());
    EXPECT_EQ(nan.error().code, "tensor.non_finite");
}

}  // namespace
}  // namespace hearth::quant
