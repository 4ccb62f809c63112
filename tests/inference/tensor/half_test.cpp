#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>

#include "inference/tensor/half.h"

namespace hearth {
namespace {

TEST(Half, KnownValues) {
    EXPECT_EQ(f32_to_fp16(0.0f), 0x0000);
    EXPECT_EQ(f32_to_fp16(-0.0f), 0x8000);
    EXPECT_EQ(f32_to_fp16(1.0f), 0x3C00);
    EXPECT_EQ(f32_to_fp16(-2.0f), 0xC000);
    EXPECT_EQ(f32_to_fp16(0.5f), 0x3800);
    EXPECT_EQ(f32_to_fp16(65504.0f), 0x7BFF);                   // largest finite
    EXPECT_EQ(f32_to_fp16(std::ldexp(1.0f, -14)), 0x0400);       // smallest normal
    EXPECT_EQ(f32_to_fp16(std::ldexp(1.0f, -24)), 0x0001);       // smallest subnormal
    EXPECT_EQ(f32_to_fp16(std::ldexp(1023.0f, -24)), 0x03FF);    // largest subnormal
    EXPECT_EQ(fp16_to_f32(0x3C00), 1.0f);
    EXPECT_EQ(fp16_to_f32(0x7BFF), 65504.0f);
    EXPECT_EQ(fp16_to_f32(0x0001), std::ldexp(1.0f, -24));
    EXPECT_EQ(fp16_to_f32(0x03FF), std::ldexp(1023.0f, -24));
    EXPECT_EQ(fp16_to_f32(0x8001), -std::ldexp(1.0f, -24));
    EXPECT_EQ(fp16_to_f32(0x3555), 0x1.554p-2f);
    EXPECT_TRUE(std::signbit(fp16_to_f32(0x8000)));
}

TEST(Half, RoundsToNearestEven) {
    // 1 + 2^-11 is halfway between 1 and the next fp16 (1 + 2^-10): ties to even -> 1.
    EXPECT_EQ(f32_to_fp16(1.0f + std::ldexp(1.0f, -11)), 0x3C00);
    // 1 + 3*2^-11 is halfway between 1+2^-10 (odd) and 1+2^-9 (even) -> up.
    EXPECT_EQ(f32_to_fp16(1.0f + 3 * std::ldexp(1.0f, -11)), 0x3C02);
    // Just above the halfway point rounds up.
    EXPECT_EQ(f32_to_fp16(std::nextafter(1.0f + std::ldexp(1.0f, -11), 2.0f)), 0x3C01);
    // 65520 is halfway between 65504 and 65536 (infinity): ties to even -> infinity.
    EXPECT_EQ(f32_to_fp16(65520.0f), 0x7C00);
    EXPECT_EQ(f32_to_fp16(65519.0f), 0x7BFF);
    // Subnormals: 2^-25 is half the smallest subnormal -> ties to even (0); a bit more -> 1 ulp.
    EXPECT_EQ(f32_to_fp16(std::ldexp(1.0f, -25)), 0x0000);
    EXPECT_EQ(f32_to_fp16(std::ldexp(1.5f, -25)), 0x0001);
    EXPECT_EQ(f32_to_fp16(std::ldexp(3.0f, -25)), 0x0002);  // 1.5 ulp -> 2 (even)
    EXPECT_EQ(f32_to_fp16(std::ldexp(1.0f, -30)), 0x0000);
    // The largest subnormal plus half an ulp carries into the smallest normal.
    EXPECT_EQ(f32_to_fp16(std::ldexp(1023.5f, -24)), 0x0400);
    EXPECT_EQ(f32_to_fp16(-std::ldexp(1.0f, -26)), 0x8000);
}

TEST(Half, InfinityAndNan) {
    const float inf = std::numeric_limits<float>::infinity();
    EXPECT_EQ(f32_to_fp16(inf), 0x7C00);
    EXPECT_EQ(f32_to_fp16(-inf), 0xFC00);
    EXPECT_EQ(f32_to_fp16(1e10f), 0x7C00);
    EXPECT_EQ(f32_to_fp16(-1e10f), 0xFC00);
    EXPECT_TRUE(std::isinf(fp16_to_f32(0x7C00)));
    EXPECT_TRUE(std::isnan(fp16_to_f32(0x7C01)));
    EXPECT_TRUE(std::isnan(fp16_to_f32(0xFE00)));
    const uint16_t n = f32_to_fp16(std::numeric_limits<float>::quiet_NaN());
    EXPECT_EQ(n & 0x7C00, 0x7C00);
    EXPECT_NE(n & 0x03FF, 0);
    // A NaN whose payload lives only in the low f32 bits must not become infinity.
    EXPECT_TRUE(std::isnan(fp16_to_f32(f32_to_fp16(bits_to_f32(0x7F800001u)))));
}

TEST(Half, EveryHalfRoundTrips) {
    for (uint32_t h = 0; h < 0x10000; ++h) {
        const float f = fp16_to_f32(static_cast<uint16_t>(h));
        if (std::isnan(f)) continue;
        ASSERT_EQ(f32_to_fp16(f), h) << std::hex << h;
    }
}

#if defined(__FLT16_MAX__)
// The compiler's own _Float16 conversion is an independent reference for random inputs.
TEST(Half, MatchesCompilerFloat16) {
    std::mt19937 rng(1234);
    std::uniform_int_distribution<uint32_t> any;
    for (int i = 0; i < 200000; ++i) {
        // Bias towards the fp16 range: exponents around 2^-30..2^17.
        uint32_t u = any(rng);
        u = (u & 0x807FFFFFu) | ((97u + (u >> 23) % 48u) << 23);
        const float f = bits_to_f32(u);
        const _Float16 ref = static_cast<_Float16>(f);
        uint16_t rb;
        std::memcpy(&rb, &ref, 2);
        ASSERT_EQ(f32_to_fp16(f), rb) << f;
        ASSERT_EQ(fp16_to_f32(rb), static_cast<float>(ref));
    }
}
#endif

TEST(BFloat16, Conversions) {
    EXPECT_EQ(f32_to_bf16(1.0f), 0x3F80);
    EXPECT_EQ(bf16_to_f32(0x3F80), 1.0f);
    EXPECT_EQ(bf16_to_f32(0xC040), -3.0f);
    EXPECT_EQ(f32_to_bf16(-0.0f), 0x8000);
    // 1 + 2^-8 is halfway between 1 and 1 + 2^-7: ties to even -> 1.
    EXPECT_EQ(f32_to_bf16(1.0f + std::ldexp(1.0f, -8)), 0x3F80);
    EXPECT_EQ(f32_to_bf16(1.0f + 3 * std::ldexp(1.0f, -8)), 0x3F82);
    EXPECT_EQ(f32_to_bf16(std::nextafter(1.0f + std::ldexp(1.0f, -8), 2.0f)), 0x3F81);
    // The largest float rounds up to infinity; infinity stays infinity.
    EXPECT_EQ(f32_to_bf16(std::numeric_limits<float>::max()), 0x7F80);
    EXPECT_EQ(f32_to_bf16(std::numeric_limits<float>::infinity()), 0x7F80);
    EXPECT_EQ(f32_to_bf16(-std::numeric_limits<float>::infinity()), 0xFF80);
    // Subnormals keep their top bits.
    EXPECT_EQ(f32_to_bf16(bits_to_f32(0x00010000u)), 0x0001);
    // NaN stays NaN even when its payload is only in the low bits that truncation drops.
    EXPECT_TRUE(std::isnan(bf16_to_f32(f32_to_bf16(bits_to_f32(0x7F800001u)))));
    EXPECT_TRUE(std::isnan(bf16_to_f32(f32_to_bf16(std::numeric_limits<float>::quiet_NaN()))));
    for (uint32_t b = 0; b < 0x10000; ++b) {
        const float f = bf16_to_f32(static_cast<uint16_t>(b));
        if (std::isnan(f)) continue;
        ASSERT_EQ(f32_to_bf16(f), b);
    }
}

}  // namespace
}  // namespace hearth
