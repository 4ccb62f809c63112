// Round trips through quantize_row/dequantize_row on random data, with error bounds per type.
// Bounds: a uniform quantizer with step D has RMS error D/sqrt(12). For N(0,1) data the step is
// about (block max)/(levels/2) for symmetric formats and (max-min)/(levels-1) for the offset
// ones, which gives roughly 0.006 (8-bit), 0.04 (5-bit), 0.08 (4-bit), 0.15 (3-bit) and 0.3
// (2-bit) relative RMS error; each bound below is that estimate with about 40% headroom, so a
// wrong bit layout or scale (errors of order 1) fails clearly.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "inference/tensor/dequantize.h"
#include "inference/tensor/quantize.h"

namespace hearth {
namespace {

std::vector<float> gaussian(size_t n, uint32_t seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> dist(0.0f, 1.0f);
    std::vector<float> v(n);
    for (auto& x : v) x = dist(rng);
    return v;
}

double relative_rmse(TensorType t, const std::vector<float>& x) {
    const auto n = static_cast<int64_t>(x.size());
    std::vector<uint8_t> q(row_bytes(t, n));
    EXPECT_TRUE(quantize_row(t, x.data(), q.data(), n).ok());
    std::vector<float> y(x.size());
    dequantize_row(t, q.data(), y.data(), n);
    double err = 0, ref = 0;
    for (size_t i = 0; i < x.size(); ++i) {
        err += (double(y[i]) - x[i]) * (double(y[i]) - x[i]);
        ref += double(x[i]) * x[i];
    }
    return std::sqrt(err / ref);
}

struct Bound {
    TensorType type;
    double max_rel_rmse;
    double min_rel_rmse;  // a quantizer that returns its input unchanged is broken too
};

TEST(Quantize, RoundTripErrorWithinBounds) {
    const Bound bounds[] = {
        {TensorType::F32, 0.0, 0.0},         {TensorType::F16, 4e-4, 1e-5},
        {TensorType::BF16, 3e-3, 1e-4},      {TensorType::Q8_0, 0.01, 1e-3},
        {TensorType::Q8_K, 0.01, 1e-3},      {TensorType::Q6_K, 0.03, 3e-3},
        {TensorType::Q5_0, 0.06, 0.01},      {TensorType::Q5_1, 0.06, 0.01},
        {TensorType::Q5_K, 0.06, 0.01},      {TensorType::Q4_0, 0.12, 0.03},
        {TensorType::Q4_1, 0.12, 0.03},      {TensorType::Q4_K, 0.12, 0.03},
        {TensorType::Q3_K, 0.22, 0.05},      {TensorType::Q2_K, 0.45, 0.1},
    };
    const auto x = gaussian(8192, 42);
    for (const auto& b : bounds) {
        const double e = relative_rmse(b.type, x);
        EXPECT_LE(e, b.max_rel_rmse) << type_name(b.type);
        EXPECT_GE(e, b.min_rel_rmse) << type_name(b.type);
        RecordProperty(std::string("rel_rmse_") + type_name(b.type), std::to_string(e));
    }
}

TEST(Quantize, OrderOfQualityHolds) {
    // More bits never give a worse fit on the same data.
    const auto x = gaussian(4096, 7);
    EXPECT_LT(relative_rmse(TensorType::Q6_K, x), relative_rmse(TensorType::Q5_K, x));
    EXPECT_LT(relative_rmse(TensorType::Q5_K, x), relative_rmse(TensorType::Q4_K, x));
    EXPECT_LT(relative_rmse(TensorType::Q4_K, x), relative_rmse(TensorType::Q3_K, x));
    EXPECT_LT(relative_rmse(TensorType::Q3_K, x), relative_rmse(TensorType::Q2_K, x));
    EXPECT_LT(relative_rmse(TensorType::Q8_0, x), relative_rmse(TensorType::Q5_0, x));
    EXPECT_LT(relative_rmse(TensorType::Q5_0, x), relative_rmse(TensorType::Q4_0, x));
}

TEST(Quantize, ShiftedAndScaledData) {
    // Offsets and large/small magnitudes: the asymmetric formats must track a non-zero mean,
    // and the scales must survive magnitudes far from 1.
    for (float scale : {1e-3f, 1.0f, 300.0f}) {
        auto x = gaussian(2048, 99);
        for (auto& v : x) v = v * scale + 2.0f * scale;
        EXPECT_LE(relative_rmse(TensorType::Q4_1, x), 0.05) << scale;
        EXPECT_LE(relative_rmse(TensorType::Q4_K, x), 0.06) << scale;
        EXPECT_LE(relative_rmse(TensorType::Q8_0, x), 0.01) << scale;
        EXPECT_LE(relative_rmse(TensorType::Q6_K, x), 0.02) << scale;
    }
}

TEST(Quantize, ZerosAndConstantsAreExact) {
    for (TensorType t : {TensorType::Q4_0, TensorType::Q4_1, TensorType::Q5_0, TensorType::Q5_1, TensorType::Q8_0,
                         TensorType::Q2_K, TensorType::Q3_K, TensorType::Q4_K, TensorType::Q5_K, TensorType::Q6_K,
                         TensorType::Q8_K}) {
        std::vector<float> zero(256, 0.0f), y(256, 1.0f);
        std::vector<uint8_t> q(row_bytes(t, 256));
        ASSERT_TRUE(quantize_row(t, zero.data(), q.data(), 256).ok());
        dequantize_row(t, q.data(), y.data(), 256);
        for (float v : y) ASSERT_EQ(v, 0.0f) << type_name(t);
        // A constant power of two is exact where the extreme code is a power of two (symmetric
        // formats) or the offset is stored as fp16 (Q4_1/Q5_1). The 8-bit formats scale by 1/127
        // and the K-quant mins by 1/15 or 1/63 in fp16: exact to fp16 precision only.
        std::vector<float> c(256, -0.5f);
        ASSERT_TRUE(quantize_row(t, c.data(), q.data(), 256).ok());
        dequantize_row(t, q.data(), y.data(), 256);
        const bool exact = t == TensorType::Q4_0 || t == TensorType::Q5_0 || t == TensorType::Q4_1 ||
                           t == TensorType::Q5_1 || t == TensorType::Q3_K || t == TensorType::Q6_K;
        for (float v : y) ASSERT_NEAR(v, -0.5f, exact ? 0.0 : 0.5 * 1e-3) << type_name(t);
    }
}

TEST(Quantize, Errors) {
    std::vector<float> x(64, 1.0f);
    std::vector<uint8_t> out(1024);
    auto s = quantize_row(TensorType::IQ2_XXS, x.data(), out.data(), 64);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, "tensor.unsupported_type");
    EXPECT_NE(s.error().message.find("IQ2_XXS"), std::string::npos);
    s = quantize_row(TensorType::Q4_K, x.data(), out.data(), 64);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, "tensor.row_size");
    s = quantize_row(static_cast<TensorType>(4), x.data(), out.data(), 32);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, "tensor.unsupported_type");
    x[3] = std::nanf("");
    s = quantize_row(TensorType::Q8_0, x.data(), out.data(), 64);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, "tensor.non_finite");
    EXPECT_TRUE(quantize_row(TensorType::Q4_K, x.data(), out.data(), 0).ok());  // empty row: nothing to do
    std::vector<float> big(256, 1.0f);
    big[255] = -INFINITY;
    EXPECT_EQ(quantize_row(TensorType::Q2_K, big.data(), out.data(), 256).error().code, "tensor.non_finite");
}

TEST(Quantize, DotRowMatchesDequantizedDot) {
    const auto w = gaussian(1024, 5), x = gaussian(1024, 6);
    for (TensorType t : {TensorType::F32, TensorType::F16, TensorType::BF16, TensorType::Q8_0, TensorType::Q4_0,
                         TensorType::Q5_1, TensorType::Q3_K, TensorType::Q4_K, TensorType::Q6_K}) {
        std::vector<uint8_t> q(row_bytes(t, 1024));
        ASSERT_TRUE(quantize_row(t, w.data(), q.data(), 1024).ok());
        std::vector<float> y(1024);
        dequantize_row(t, q.data(), y.data(), 1024);
        double ref = 0;
        for (int i = 0; i < 1024; ++i) ref += double(y[i]) * x[i];
        EXPECT_NEAR(dot_row(t, q.data(), x.data(), 1024), ref, 1e-4 * (1 + std::fabs(ref))) << type_name(t);
    }
    // Plain types with a length that is not a multiple of the internal chunk.
    std::vector<uint16_t> h(300);
    ASSERT_TRUE(quantize_row(TensorType::F16, w.data(), h.data(), 300).ok());
    double ref = 0;
    std::vector<float> y(300);
    dequantize_row(TensorType::F16, h.data(), y.data(), 300);
    for (int i = 0; i < 300; ++i) ref += double(y[i]) * x[i];
    EXPECT_NEAR(dot_row(TensorType::F16, h.data(), x.data(), 300), ref, 1e-4 * (1 + std::fabs(ref)));
    EXPECT_TRUE(std::isnan(dot_row(TensorType::Q4_0, h.data(), x.data(), 33)));
}

}  // namespace
}  // namespace hearth
