// Bit compatibility: blocks built byte by byte from the published GGUF/ggml layouts (not through
// our quantizer), decoded by dequantize_row, compared with values worked out by hand.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <vector>

#include "inference/tensor/blocks.h"
#include "inference/tensor/dequantize.h"

namespace hearth {
namespace {

using Bytes = std::vector<uint8_t>;

void put16(Bytes& b, size_t at, uint16_t v) {
    b[at] = static_cast<uint8_t>(v);
    b[at + 1] = static_cast<uint8_t>(v >> 8);
}

std::vector<float> decode(TensorType t, const Bytes& b, int n) {
    std::vector<float> y(static_cast<size_t>(n));
    dequantize_row(t, b.data(), y.data(), n);
    return y;
}

void expect_all(const std::vector<float>& got, const std::vector<float>& want) {
    ASSERT_EQ(got.size(), want.size());
    for (size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i], want[i]) << "element " << i;
}

constexpr uint16_t kHalfOne = 0x3C00, kHalfHalf = 0x3800, kHalfTwo = 0x4000, kHalfQuarter = 0x3400,
                   kHalfMinusOne = 0xBC00;

TEST(Blocks, Q4_0) {
    Bytes b(18, 0x88);         // every nibble 8 -> 0
    put16(b, 0, kHalfOne);     // d = 1
    b[2 + 0] = 0x1F;           // element 0 = 15-8 = 7 (low), element 16 = 1-8 = -7 (high)
    b[2 + 15] = 0x08 | 0x00;   // element 15 = 0, element 31 = 0-8 = -8
    std::vector<float> want(32, 0.0f);
    want[0] = 7;
    want[16] = -7;
    want[31] = -8;
    expect_all(decode(TensorType::Q4_0, b, 32), want);
}

TEST(Blocks, Q4_1) {
    Bytes b(20, 0);
    put16(b, 0, kHalfHalf);       // d = 0.5
    put16(b, 2, kHalfMinusOne);   // m = -1
    b[4 + 3] = 0xA2;              // element 3 = 2*0.5-1 = 0, element 19 = 10*0.5-1 = 4
    std::vector<float> want(32, -1.0f);
    want[3] = 0;
    want[19] = 4;
    expect_all(decode(TensorType::Q4_1, b, 32), want);
}

TEST(Blocks, Q5_0) {
    Bytes b(22, 0);
    put16(b, 0, kHalfOne);
    b[2] = 0x01;  // qh bit 0  -> element 0 gets bit 4
    b[4] = 0x01;  // qh bit 16 -> element 16
    b[5] = 0x80;  // qh bit 31 -> element 31
    b[6 + 0] = 0x3F;  // element 0 = (15|16)-16 = 15, element 16 = (3|16)-16 = 3
    std::vector<float> want(32, -16.0f);  // q = 0 everywhere else
    want[0] = 15;
    want[16] = 3;
    want[31] = 0;
    expect_all(decode(TensorType::Q5_0, b, 32), want);
}

TEST(Blocks, Q5_1) {
    Bytes b(24, 0);
    put16(b, 0, kHalfTwo);   // d = 2
    put16(b, 2, kHalfHalf);  // m = 0.5
    b[4] = 0x02;             // qh bit 1 -> element 1
    b[8 + 1] = 0x51;         // element 1 = (1|16)*2+0.5 = 34.5, element 17 = 5*2+0.5 = 10.5
    std::vector<float> want(32, 0.5f);
    want[1] = 34.5f;
    want[17] = 10.5f;
    expect_all(decode(TensorType::Q5_1, b, 32), want);
}

TEST(Blocks, Q8_0) {
    Bytes b(34, 0);
    put16(b, 0, kHalfQuarter);  // d = 0.25
    b[2 + 5] = 0x80;            // -128 -> -32
    b[2 + 31] = 0x7F;           // 127 -> 31.75
    std::vector<float> want(32, 0.0f);
    want[5] = -32;
    want[31] = 31.75f;
    expect_all(decode(TensorType::Q8_0, b, 32), want);
}

TEST(Blocks, Q2_K) {
    Bytes b(84, 0);
    put16(b, 80, kHalfOne);   // d = 1
    put16(b, 82, kHalfHalf);  // dmin = 0.5
    b[0] = 0x23;  // sub-block 0: scale 3, min 2 -> offset -1
    b[2] = 0x01;  // sub-block 2: scale 1
    b[4] = 0x05;  // sub-block 4: scale 5
    b[6] = 0x31;  // sub-block 6: scale 1, min 3 -> offset -1.5
    b[8] = 0x07;  // sub-block 8: scale 7
    b[9] = 0x10;  // sub-block 9: min 1 -> offset -0.5
    b[16 + 0] = 0xE4;   // byte 0 of the first half: 2-bit fields 0,1,2,3 -> elements 0, 32, 64, 96
    b[16 + 33] = 0x02;  // byte 1 of the second half, field 0 -> element 129 = 2
    std::vector<float> want(256, 0.0f);
    for (int e = 0; e < 16; ++e) want[e] = -1;
    for (int e = 96; e < 112; ++e) want[e] = -1.5f;
    for (int e = 144; e < 160; ++e) want[e] = -0.5f;
    want[32] = 1 * 1;     // q=1, scale 1
    want[64] = 5 * 2;     // q=2, scale 5
    want[96] = 3 - 1.5f;  // q=3, scale 1, offset -1.5
    want[129] = 7 * 2;    // q=2, scale 7
    expect_all(decode(TensorType::Q2_K, b, 256), want);
}

TEST(Blocks, Q3_K) {
    Bytes b(110, 0);
    // Scales: every sub-block 32 (signed 0) except s=0 -> 33 (+1) and s=13 -> 28 (-4).
    // 32 = low 0, high 2: the four high-bit bytes are 0b10101010.
    b[96 + 8] = 0xAA;
    b[96 + 9] = 0x6A;   // s=13 (byte 8 + 13%4, bits 6-7): high 1 instead of 2
    b[96 + 10] = 0xAA;
    b[96 + 11] = 0xAA;
    b[96 + 0] = 0x01;   // s=0 low nibble 1 -> 33
    b[96 + 5] = 0xC0;   // s=13 low nibble (byte 13-8 = 5, high nibble) 12 -> 28
    put16(b, 108, kHalfTwo);  // d = 2
    b[32 + 0] = 0x03;   // element 0: low bits 3
    b[0] = 0x01;        // hmask[0] bit 0: element 0 high bit set -> q = 3
    b[32 + 50] = 0x20;  // element 210 (half 1, j=2, l=18): low bits 2
    b[18] = 0x40;       // hmask[18] bit 4*1+2 -> q = 2
    std::vector<float> want(256, 0.0f);
    for (int e = 0; e < 16; ++e) want[e] = 2 * 1 * -4;       // q = -4 (no high bit)
    for (int e = 208; e < 224; ++e) want[e] = 2 * -4 * -4;  // sub-block 13
    want[0] = 2 * 1 * 3;
    want[210] = 2 * -4 * 2;
    expect_all(decode(TensorType::Q3_K, b, 256), want);
}

TEST(Blocks, Q4_K) {
    Bytes b(144, 0);
    put16(b, 0, kHalfOne);  // d = 1
    put16(b, 2, kHalfOne);  // dmin = 1
    // Sub-block 0: scale 2, min 1. Sub-block 5: scale 40 (0b10'1000), min 33 (0b10'0001).
    b[4 + 0] = 2;
    b[4 + 4] = 1;
    b[4 + 1] = 0x80;  // top bits of byte 1 = scale[5] >> 4
    b[4 + 5] = 0x80;  // top bits of byte 5 = min[5] >> 4
    b[4 + 9] = 0x18;  // byte 9: low nibble scale[5] & 15 = 8, high nibble min[5] & 15 = 1
    b[16 + 0] = 0x07;       // element 0 (chunk 0, low nibble) = 7
    b[16 + 64 + 3] = 0xF0;  // chunk 2 byte 3: high nibble 15 -> element 163 (sub-block 5)
    std::vector<float> want(256, 0.0f);
    for (int e = 0; e < 32; ++e) want[e] = -1;
    for (int e = 160; e < 192; ++e) want[e] = -33;
    want[0] = 2 * 7 - 1;
    want[163] = 40 * 15 - 33;
    expect_all(decode(TensorType::Q4_K, b, 256), want);
}

TEST(Blocks, Q5_K) {
    Bytes b(176, 0);
    put16(b, 0, kHalfHalf);  // d = 0.5, dmin = 0
    // Sub-block 7: scale 63 = high bits 3 in byte 3, low nibble 15 in byte 11.
    b[4 + 3] = 0xC0;
    b[4 + 11] = 0x0F;
    b[16 + 5] = 0x80;         // qh[5] bit 7 -> element 224+5 gets +16
    b[16 + 6] = 0x80;         // qh[6] bit 7 -> element 230 gets +16
    b[48 + 96 + 5] = 0x30;    // chunk 3 byte 5 high nibble 3 -> element 229
    std::vector<float> want(256, 0.0f);
    want[229] = 0.5f * 63 * 19;
    want[230] = 0.5f * 63 * 16;
    expect_all(decode(TensorType::Q5_K, b, 256), want);
}

TEST(Blocks, Q6_K) {
    Bytes b(210, 0);
    put16(b, 208, kHalfHalf);  // d = 0.5
    b[192 + 0] = 2;            // scales[0] = 2
    b[192 + 7] = 0xFD;         // scales[7] = -3
    b[192 + 13] = 1;           // scales[13] = 1
    b[0] = 0x01;        // ql[0] low nibble 1 -> element 0
    b[128 + 0] = 0x02;  // qh[0] bits 0-1 = 2 -> element 0: q = (1 | 32) - 32 = 1
    b[56] = 0xF0;       // ql[56] high nibble 15 -> element 120 (k=3, l=24)
    b[128 + 24] = 0xC0; // qh[24] bits 6-7 = 3 -> q = (15 | 48) - 32 = 31
    b[95] = 0x50;       // ql[64+31] high nibble 5 -> element 223 (half 1, k=2, l=31)
    b[128 + 63] = 0x10; // qh[32+31] bits 4-5 = 1 -> q = (5 | 16) - 32 = -11
    std::vector<float> want(256, 0.0f);
    for (int e = 0; e < 16; ++e) want[e] = 0.5f * 2 * -32;
    for (int e = 112; e < 128; ++e) want[e] = 0.5f * -3 * -32;
    for (int e = 208; e < 224; ++e) want[e] = 0.5f * 1 * -32;
    want[0] = 0.5f * 2 * 1;
    want[120] = 0.5f * -3 * 31;
    want[223] = 0.5f * 1 * -11;
    expect_all(decode(TensorType::Q6_K, b, 256), want);
}

TEST(Blocks, Q8_K) {
    Bytes b(292, 0);
    const float d = 0.5f;
    std::memcpy(b.data(), &d, 4);
    b[4 + 10] = static_cast<uint8_t>(-7);
    std::vector<float> want(256, 0.0f);
    want[10] = -3.5f;
    expect_all(decode(TensorType::Q8_K, b, 256), want);
}

TEST(Blocks, PlainTypes) {
    Bytes f16(4);
    put16(f16, 0, 0xC000);  // -2
    put16(f16, 2, 0x3555);
    expect_all(decode(TensorType::F16, f16, 2), {-2.0f, 0x1.554p-2f});
    Bytes bf(4);
    put16(bf, 0, 0x3F80);
    put16(bf, 2, 0xC040);
    expect_all(decode(TensorType::BF16, bf, 2), {1.0f, -3.0f});
}

TEST(Blocks, MultiBlockRowsAndBadInput) {
    // Two Q8_0 blocks back to back: the second block's d applies to elements 32..63.
    Bytes b(68, 0);
    put16(b, 0, kHalfOne);
    put16(b, 34, kHalfTwo);
    b[2] = 3;
    b[36] = 3;
    const auto y = decode(TensorType::Q8_0, b, 64);
    EXPECT_EQ(y[0], 3);
    EXPECT_EQ(y[32], 6);
    // A row length that is not a multiple of the block gives NaN, never an out-of-bounds read.
    std::vector<float> out(40);
    dequantize_row(TensorType::Q8_0, b.data(), out.data(), 40);
    EXPECT_TRUE(std::isnan(out[0]));
    dequantize_row(TensorType::IQ2_XXS, b.data(), out.data(), 32);
    EXPECT_TRUE(std::isnan(out[0]));
}

}  // namespace
}  // namespace hearth
