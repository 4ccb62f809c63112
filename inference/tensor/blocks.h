// The packed quantization blocks of GGUF files, byte for byte as llama.cpp / ggml write them
// (the files published on Hugging Face). Everything is little-endian. A "half" is an IEEE fp16
// stored as its raw uint16_t bits (see half.h). Element indices below are within one block; a
// row is a sequence of blocks, a tensor a sequence of rows (ne[0] elements each).
//
// The Vulkan shaders read the same bytes, so each struct documents its exact bit layout.
#pragma once

#include <cstddef>
#include <cstdint>

namespace hearth {

inline constexpr int kQK = 32;    // elements per block of the legacy formats
inline constexpr int kQK_K = 256; // elements per K-quant super-block
inline constexpr int kKScaleBytes = 12;  // packed 6-bit scales/mins of Q4_K, Q5_K (and Q3_K)

// Q4_0: 32 elements, 18 bytes. x[j] = (q[j] - 8) * d, q in 0..15.
// qs[j] (j < 16) holds element j in its low nibble and element j + 16 in its high nibble.
struct BlockQ4_0 {
    uint16_t d;       // half: scale
    uint8_t qs[16];   // nibbles
};
static_assert(sizeof(BlockQ4_0) == 18);

// Q4_1: 32 elements, 20 bytes. x[j] = q[j] * d + m, q in 0..15, nibbles packed as Q4_0.
struct BlockQ4_1 {
    uint16_t d;       // half: scale
    uint16_t m;       // half: minimum (offset)
    uint8_t qs[16];
};
static_assert(sizeof(BlockQ4_1) == 20);

// Q5_0: 32 elements, 22 bytes. q[j] is 5 bits: the low 4 bits are nibbles packed as Q4_0, and
// bit 4 of q[j] is bit j of qh read as a little-endian uint32. x[j] = (q[j] - 16) * d.
struct BlockQ5_0 {
    uint16_t d;       // half: scale
    uint8_t qh[4];    // fifth bits, element j at bit j of the little-endian uint32
    uint8_t qs[16];   // low nibbles as Q4_0
};
static_assert(sizeof(BlockQ5_0) == 22);

// Q5_1: 32 elements, 24 bytes. 5-bit q packed as Q5_0; x[j] = q[j] * d + m.
struct BlockQ5_1 {
    uint16_t d;       // half: scale
    uint16_t m;       // half: minimum
    uint8_t qh[4];
    uint8_t qs[16];
};
static_assert(sizeof(BlockQ5_1) == 24);

// Q8_0: 32 elements, 34 bytes. x[j] = qs[j] * d.
struct BlockQ8_0 {
    uint16_t d;       // half: scale
    int8_t qs[32];
};
static_assert(sizeof(BlockQ8_0) == 34);

// Q8_1: 32 elements, 36 bytes. x[j] = qs[j] * d; s = d * sum(qs) (used by dot products).
struct BlockQ8_1 {
    uint16_t d;       // half: scale
    uint16_t s;       // half: d * sum of qs
    int8_t qs[32];
};
static_assert(sizeof(BlockQ8_1) == 36);

// Q2_K: 256 elements, 84 bytes; 16 sub-blocks of 16 elements.
// Sub-block s = e / 16 has scale (scales[s] & 0xF) and min (scales[s] >> 4), both 4-bit.
// Element e: half h = e / 128, r = e % 128, j = r / 32, l = r % 32;
//   q = (qs[32*h + l] >> (2*j)) & 3;  x[e] = d * (scales[s] & 0xF) * q - dmin * (scales[s] >> 4).
struct BlockQ2_K {
    uint8_t scales[16];  // low nibble scale, high nibble min, per sub-block
    uint8_t qs[64];      // 2-bit quants, 4 per byte (see above)
    uint16_t d;          // half: super-block scale for the scales
    uint16_t dmin;       // half: super-block scale for the mins
};
static_assert(sizeof(BlockQ2_K) == 84);

// Q3_K: 256 elements, 110 bytes; 16 sub-blocks of 16 elements with signed 6-bit scales.
// Element e: h = e / 128, r = e % 128, j = r / 32, l = r % 32;
//   low = (qs[32*h + l] >> (2*j)) & 3;  hbit = (hmask[l] >> (4*h + j)) & 1;
//   q = low - (hbit ? 0 : 4)   (so q in -4..3);   x[e] = d * (sc[e / 16] - 32) * q.
// The 16 scales sc[s] are 6-bit, packed in scales[12]:
//   low 4 bits: s < 8 ? scales[s] & 0xF : scales[s - 8] >> 4
//   high 2 bits: (scales[8 + s % 4] >> (2 * (s / 4))) & 3
struct BlockQ3_K {
    uint8_t hmask[32];   // high (third) bit of each quant
    uint8_t qs[64];      // low 2 bits, as Q2_K
    uint8_t scales[12];  // 16 x 6-bit scales, packed as above
    uint16_t d;          // half: super-block scale
};
static_assert(sizeof(BlockQ3_K) == 110);

// Q4_K: 256 elements, 144 bytes; 8 sub-blocks of 32 elements, each with a 6-bit scale sc[s] and
// a 6-bit min m[s] packed in scales[12]:
//   s < 4:  sc = scales[s] & 63;                         m = scales[s + 4] & 63
//   s >= 4: sc = (scales[s + 4] & 0xF) | ((scales[s - 4] >> 6) << 4);
//           m  = (scales[s + 4] >> 4)  | ((scales[s] >> 6) << 4)
// Element e: c = e / 64 (chunk), r = e % 64; byte qs[32*c + r % 32]; low nibble when r < 32
// (sub-block s = 2c), high nibble otherwise (s = 2c + 1). x[e] = d * sc[s] * q - dmin * m[s].
struct BlockQ4_K {
    uint16_t d;          // half: scale for the sub-block scales
    uint16_t dmin;       // half: scale for the sub-block mins
    uint8_t scales[12];  // packed 6-bit scales and mins
    uint8_t qs[128];     // nibbles
};
static_assert(sizeof(BlockQ4_K) == 144);

// Q5_K: 256 elements, 176 bytes. As Q4_K, plus a fifth bit per element:
// element e (c = e / 64, r = e % 64, l = r % 32) has bit 4 = (qh[l] >> (2*c + (r >= 32))) & 1.
// x[e] = d * sc[s] * q - dmin * m[s], q in 0..31.
struct BlockQ5_K {
    uint16_t d;
    uint16_t dmin;
    uint8_t scales[12];
    uint8_t qh[32];
    uint8_t qs[128];
};
static_assert(sizeof(BlockQ5_K) == 176);

// Q6_K: 256 elements, 210 bytes; 16 sub-blocks of 16 with signed 8-bit scales.
// Element e: h = e / 128, r = e % 128, k = r / 32 (0..3), l = r % 32:
//   low 4 bits = k even ? ql[64*h + l + 32*(k/2)] & 0xF : ql[64*h + l + 32*(k/2)] >> 4
//     (i.e. k=0: ql[l] low, k=1: ql[l+32] low, k=2: ql[l] high, k=3: ql[l+32] high, in the half)
//   high 2 bits = (qh[32*h + l] >> (2*k)) & 3
//   q = (low | high << 4) - 32   (-32..31);   x[e] = d * scales[e / 16] * q.
struct BlockQ6_K {
    uint8_t ql[128];     // low 4 bits
    uint8_t qh[64];      // high 2 bits
    int8_t scales[16];   // signed sub-block scales
    uint16_t d;          // half: super-block scale
};
static_assert(sizeof(BlockQ6_K) == 210);

// Q8_K: 256 elements, 292 bytes: the intermediate format K-quant dot products use.
// x[e] = d * qs[e]; bsums[i] = sum of qs[16*i .. 16*i+15].
struct BlockQ8_K {
    float d;             // f32 scale (not half)
    int8_t qs[256];
    int16_t bsums[16];
};
static_assert(sizeof(BlockQ8_K) == 292);

static_assert(offsetof(BlockQ2_K, d) == 80);
static_assert(offsetof(BlockQ3_K, d) == 108);
static_assert(offsetof(BlockQ6_K, d) == 208);

}  // namespace hearth
