// The IQ4_NL and IQ4_XS encoders: rows encoded by quantize_row_weighted and decoded by the
// reference dequantizer (the bytes any GGUF reader reads) must beat a simpler encoder (scale from
// the block's extreme, nearest level, no search), stay within the error a 4-bit non-linear grid
// implies, take importances into account, and on brown-6L256's real rows be no worse than
// llama.cpp's own encoding of the same tensors.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <random>
#include <vector>

#include "inference/gguf/gguf_reader.h"
#include "inference/quant/block_quant.h"
#include "inference/tensor/dequantize.h"
#include "inference/tensor/half.h"
#include "inference/tensor/iq_blocks.h"
#include "inference/tensor/iq_tables.h"
#include "tests/inference/quant/iq_rows_testing.h"
#include "tests/support/testdata.h"

namespace hearth::quant {
namespace {

using namespace iq_testing;

int nearest_level(float t) {
    int best = 0;
    for (int k = 1; k < 16; ++k)
        if (std::fabs(t - iq::kvalues_iq4nl[k]) < std::fabs(t - iq::kvalues_iq4nl[best])) best = k;
    return best;
}

float extreme(const float* x, int n) {
    float e = 0;
    for (int i = 0; i < n; ++i)
        if (std::fabs(x[i]) > std::fabs(e)) e = x[i];
    return e;
}

void put_levels(const float* x, float d, uint8_t* qs) {
    for (int j = 0; j < 16; ++j) {
        const int lo = d != 0 ? nearest_level(x[j] / d) : 8, hi = d != 0 ? nearest_level(x[j + 16] / d) : 8;
        qs[j] = static_cast<uint8_t>(lo | hi << 4);
    }
}

// The simple encoders: each block's extreme onto -127, nearest levels; IQ4_XS's sub-block scales
// in steps of the largest one / 32.
std::vector<float> roundtrip_simple(TensorType t, const std::vector<float>& x) {
    const auto n = static_cast<int64_t>(x.size());
    std::vector<uint8_t> q(row_bytes(t, n));
    if (t == TensorType::IQ4_NL) {
        for (int64_t b = 0; b < n / 32; ++b) {
            BlockIQ4_NL blk{};
            blk.d = f32_to_fp16(extreme(&x[32 * b], 32) / -127.0f);
            put_levels(&x[32 * b], fp16_to_f32(blk.d), blk.qs);
            std::memcpy(&q[18 * b], &blk, sizeof blk);
        }
    } else {
        for (int64_t b = 0; b < n / 256; ++b) {
            const float* xb = &x[256 * b];
            float sub[8], top = 0;
            for (int s = 0; s < 8; ++s) {
                sub[s] = extreme(xb + 32 * s, 32) / -127.0f;
                if (std::fabs(sub[s]) > std::fabs(top)) top = sub[s];
            }
            BlockIQ4_XS blk{};
            blk.d = f32_to_fp16(top / -32.0f);
            const float d = fp16_to_f32(blk.d);
            for (int s = 0; s < 8; ++s) {
                const int c = d != 0 ? std::clamp(static_cast<int>(std::nearbyint(sub[s] / d)), -32, 31) : 0;
                const int ls = c + 32;
                blk.scales_l[s / 2] = static_cast<uint8_t>(blk.scales_l[s / 2] | (ls & 15) << (4 * (s % 2)));
                blk.scales_h = static_cast<uint16_t>(blk.scales_h | (ls >> 4) << (2 * s));
                put_levels(xb + 32 * s, d * static_cast<float>(c), blk.qs + 16 * s);
            }
            std::memcpy(&q[136 * b], &blk, sizeof blk);
        }
    }
    std::vector<float> y(x.size());
    dequantize_row(t, q.data(), y.data(), n);
    return y;
}

double variance(const std::vector<float>& x) {
    double s = 0;
    for (float v : x) s += double(v) * v;
    return s / static_cast<double>(x.size());
}

const TensorType kTypes[] = {TensorType::IQ4_NL, TensorType::IQ4_XS};

TEST(Iq4Encode, BeatsTheSimpleEncoderOnGaussianAndHeavyTailedRows) {
    for (TensorType t : kTypes) {
        // The weighting favours the large values, which the simple encoder's scale already fits
        // well on heavy-tailed rows: the gain there is smaller (measured 0.94 IQ4_NL, 0.92 IQ4_XS;
        // on Gaussian rows 0.81, 0.81).
        const bool heavy[] = {false, true};
        for (bool h : heavy) {
            const auto x = h ? heavy_tailed(4096, 2) : gaussian(4096, 1);
            const auto ours = roundtrip(t, x, nullptr), simple = roundtrip_simple(t, x);
            const double e_ours = weighted_error(x.data(), ours.data(), nullptr, 4096, t);
            const double e_simple = weighted_error(x.data(), simple.data(), nullptr, 4096, t);
            EXPECT_LT(e_ours, (h ? 0.97 : 0.9) * e_simple) << type_name(t) << (h ? " heavy-tailed" : " Gaussian")
                                                            << ": " << e_ours / e_simple;
            // Plain mean squared error of a 4-bit non-linear grid: about 1% of the variance
            // (measured 0.0056 on Gaussian rows, 0.012 on heavy-tailed ones, both types).
            EXPECT_LT(mse(x, ours), 0.015 * variance(x)) << type_name(t);
        }
    }
}

TEST(Iq4Encode, ImportanceLowersTheImportanceWeightedError) {
    const auto x = heavy_tailed(4096, 3);
    const auto imp = importances(4096, 4);
    for (TensorType t : kTypes) {
        const auto plain = roundtrip(t, x, nullptr), guided = roundtrip(t, x, imp.data());
        // Measured 0.78 (IQ4_NL), 0.89 (IQ4_XS).
        EXPECT_LT(output_error(x, guided, imp), 0.95 * output_error(x, plain, imp)) << type_name(t);
    }
}

TEST(Iq4Encode, ZeroRowAndOneHugeOutlier) {
    for (TensorType t : kTypes) {
        const std::vector<float> zeros(512, 0.0f);
        for (float v : roundtrip(t, zeros, nullptr)) EXPECT_EQ(v, 0.0f) << type_name(t);
        auto x = gaussian(512, 5);
        x[77] = 1000.0f;
        const auto y = roundtrip(t, x, nullptr);
        EXPECT_NEAR(y[77], 1000.0f, 1000.0f * 0.01f) << type_name(t);
        // The blocks without the outlier keep their own precision.
        double tail = 0;
        for (size_t i = 256; i < 512; ++i) tail += (double(x[i]) - y[i]) * (double(x[i]) - y[i]);
        EXPECT_LT(tail / 256.0, 0.02) << type_name(t);
        const auto simple = roundtrip_simple(t, x);
        EXPECT_LT(weighted_error(x.data(), y.data(), nullptr, 512, t),
                  weighted_error(x.data(), simple.data(), nullptr, 512, t))
            << type_name(t);
    }
}

TEST(Iq4Encode, RowsThatDoNotFitAreRefused) {
    const auto x = gaussian(64, 6);
    std::vector<uint8_t> out(1024);
    auto r = quantize_row_weighted(TensorType::IQ4_XS, x.data(), nullptr, out.data(), 64);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "tensor.row_size");
    EXPECT_TRUE(quantize_row_weighted(TensorType::IQ4_NL, x.data(), nullptr, out.data(), 64).ok());
    auto bad = x;
    bad[9] = INFINITY;
    r = quantize_row_weighted(TensorType::IQ4_NL, bad.data(), nullptr, out.data(), 64);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "tensor.non_finite");
}

TEST(Iq4Encode, NoWorseThanLlamaCppOnBrownRows) {
    // Measured 0.89 and 0.84 (IQ4_XS), 0.90 and 0.85 (IQ4_NL) of llama.cpp's error; over all of
    // brown's matrices 0.89 and 0.90.
    HEARTH_REQUIRE_TESTDATA("models/brown-6L256-IQ4_XS.gguf");
    HEARTH_REQUIRE_TESTDATA("models/brown-6L256-IQ4_NL.gguf");
    struct Case {
        TensorType t;
        const char* file;
        const char* tensor;
    };
    for (const Case& c : {Case{TensorType::IQ4_XS, "brown-6L256-IQ4_XS.gguf", "blk.0.attn_v.weight"},
                          Case{TensorType::IQ4_XS, "brown-6L256-IQ4_XS.gguf", "blk.3.ffn_down.weight"},
                          Case{TensorType::IQ4_NL, "brown-6L256-IQ4_NL.gguf", "blk.0.attn_v.weight"},
                          Case{TensorType::IQ4_NL, "brown-6L256-IQ4_NL.gguf", "blk.3.ffn_down.weight"}}) {
        const Versus v = against_llama(c.t, c.file, c.tensor);
        ASSERT_GT(v.llama, 0) << c.tensor;
        EXPECT_LT(v.ours, 0.97 * v.llama) << type_name(c.t) << " " << c.tensor << ": " << v.ours / v.llama;
    }
}

}  // namespace
}  // namespace hearth::quant
