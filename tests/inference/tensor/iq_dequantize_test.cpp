// The IQ block decoders: hand-made blocks whose values follow from the layouts in iq_blocks.h,
// and the dot product agreeing with the decoded row. (Their agreement with the ecosystem's
// quantizer is checked on real files in tests/inference/iq_models.)
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <vector>

#include "inference/arch/synthetic.h"
#include "inference/tensor/dequantize.h"
#include "inference/tensor/half.h"
#include "inference/tensor/iq_blocks.h"
#include "inference/tensor/iq_tables.h"

using namespace hearth;

namespace {

constexpr TensorType kIqTypes[] = {TensorType::IQ4_NL, TensorType::IQ4_XS,  TensorType::IQ2_XXS,
                                   TensorType::IQ2_XS, TensorType::IQ2_S,   TensorType::IQ3_XXS,
                                   TensorType::IQ3_S,  TensorType::IQ1_S,   TensorType::IQ1_M};

template <class Block>
std::vector<float> decode(const Block& b, TensorType t) {
    std::vector<float> y(traits(t).block_size);
    dequantize_row(t, &b, y.data(), static_cast<int64_t>(y.size()));
    return y;
}

TEST(IqDequantize, EveryIqTypeIsReadableButNotWritable) {
    for (TensorType t : kIqTypes) {
        EXPECT_TRUE(is_supported(t)) << type_name(t);
        EXPECT_FALSE(is_writable(t)) << type_name(t);
    }
}

TEST(IqDequantize, Iq4NlNibblesIndexTheLevels) {
    BlockIQ4_NL b{};
    b.d = f32_to_fp16(0.5f);
    for (int j = 0; j < 16; ++j) b.qs[j] = static_cast<uint8_t>(j | (15 - j) << 4);
    const auto y = decode(b, TensorType::IQ4_NL);
    for (int j = 0; j < 16; ++j) {
        EXPECT_FLOAT_EQ(y[j], 0.5f * iq::kvalues_iq4nl[j]);
        EXPECT_FLOAT_EQ(y[j + 16], 0.5f * iq::kvalues_iq4nl[15 - j]);
    }
}

TEST(IqDequantize, Iq4XsSixBitScalesFromTwoFields) {
    BlockIQ4_XS b{};
    b.d = f32_to_fp16(1.0f);
    // Sub-block 3: low nibble 5 (high nibble of scales_l[1]), high bits 2 -> ls = 37, scale 5.
    b.scales_l[1] = 0x50;
    b.scales_h = 2 << 6;
    std::memset(b.qs + 48, 0x99, 16);  // level 9 everywhere in sub-block 3
    const auto y = decode(b, TensorType::IQ4_XS);
    for (int e = 96; e < 128; ++e) EXPECT_FLOAT_EQ(y[e], 5.0f * iq::kvalues_iq4nl[9]) << e;
    // Sub-block 0 has ls = 0: scale -32 on level 0.
    EXPECT_FLOAT_EQ(y[0], -32.0f * iq::kvalues_iq4nl[0]);
}

TEST(IqDequantize, Iq2XxsGridSignsAndScale) {
    BlockIQ2_XXS b{};
    b.d = f32_to_fp16(2.0f);
    auto* bytes = reinterpret_cast<uint8_t*>(b.qs);
    bytes[8] = 7;  // group 1, first 8 values: grid entry 7
    const uint32_t aux = (3u << 28) | 5u;  // scale 3; sign index 5 for 8-value group 0
    std::memcpy(bytes + 12, &aux, 4);
    const auto y = decode(b, TensorType::IQ2_XXS);
    const float db = 2.0f * 3.5f * 0.25f;
    const uint8_t signs = iq::ksigns_iq2xs[5];
    for (int j = 0; j < 8; ++j) {
        const float g = static_cast<float>((iq::iq2xxs_grid[7] >> (8 * j)) & 0xFF);
        EXPECT_FLOAT_EQ(y[32 + j], db * g * ((signs >> j) & 1 ? -1.0f : 1.0f)) << j;
    }
}

TEST(IqDequantize, Iq1MScaleIsSpreadOverTheTopNibbles) {
    BlockIQ1_M b{};
    const uint16_t h = f32_to_fp16(0.5f);
    uint16_t sc[4];
    for (int w = 0; w < 4; ++w) sc[w] = static_cast<uint16_t>(((h >> (4 * w)) & 0xF) << 12);
    std::memcpy(b.scales, sc, sizeof sc);
    const auto y = decode(b, TensorType::IQ1_M);
    // Sub-scales 0 (factor 1), index 0 (all -1), delta +1/8.
    for (float v : y) EXPECT_FLOAT_EQ(v, 0.5f * (-1.0f + 0.125f));
}

TEST(IqDequantize, Iq1SDeltaSignAndScale) {
    BlockIQ1_S b{};
    b.d = f32_to_fp16(1.0f);
    b.qh[2] = static_cast<uint16_t>(0x8000 | (2 << 12));  // group 2: scale 2*2+1 = 5, delta -1/8
    const auto y = decode(b, TensorType::IQ1_S);
    EXPECT_FLOAT_EQ(y[64], 5.0f * (-1.0f - 0.125f));
    EXPECT_FLOAT_EQ(y[0], 1.0f * (-1.0f + 0.125f));
}

TEST(IqDequantize, DotProductEqualsDecodedRow) {
    for (TensorType t : kIqTypes) {
        const int64_t n = 512;
        std::vector<uint8_t> row(row_bytes(t, n));
        arch::fill_random_block_row(t, n, 1.0f, 42, 0, row.data());
        std::vector<float> w(n), x(n);
        dequantize_row(t, row.data(), w.data(), n);
        double want = 0;
        for (int64_t i = 0; i < n; ++i) {
            x[i] = std::sin(0.37f * static_cast<float>(i));
            ASSERT_TRUE(std::isfinite(w[i])) << type_name(t);
            want += double(w[i]) * x[i];
        }
        EXPECT_NEAR(dot_row(t, row.data(), x.data(), n), want, 1e-5 * (1 + std::abs(want))) << type_name(t);
    }
}

}  // namespace
