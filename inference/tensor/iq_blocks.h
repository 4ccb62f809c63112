// The "IQ" (importance-quantized) blocks of GGUF files, byte for byte as ggml writes them. Most
// IQ formats do not store quants directly but indices into fixed codebooks ("grids") of 4 or 8
// values, plus sign bits; the codebooks and the sign table are in iq_tables.h. All little-endian,
// halves are raw fp16 bits. A grid entry's bytes, least significant first, are its coordinates.
//
// Common to the sign-coded types (IQ2_*, IQ3_*): a 7-bit sign index s gives the sign byte
// ksigns_iq2xs[s] (the 8th bit makes the count of minus signs even); element j of an 8-value
// group is negative when bit j of that byte is set.
#pragma once

#include <cstddef>
#include <cstdint>

namespace hearth {

// IQ4_NL: 32 elements, 18 bytes. Non-linear 4-bit: x[j] = d * kvalues_iq4nl[q[j]], with the nibbles
// packed as Q4_0 (qs[j] low nibble: element j; high nibble: element j + 16).
struct BlockIQ4_NL {
    uint16_t d;      // half
    uint8_t qs[16];
};
static_assert(sizeof(BlockIQ4_NL) == 18);

// IQ4_XS: 256 elements, 136 bytes; 8 sub-blocks of 32 packed as IQ4_NL, each with a 6-bit scale
// ls[s] = ((scales_l[s / 2] >> (4 * (s % 2))) & 0xF) | (((scales_h >> (2 * s)) & 3) << 4).
// x = d * (ls[s] - 32) * kvalues_iq4nl[q]; sub-block s reads qs[16 * s .. 16 * s + 15].
struct BlockIQ4_XS {
    uint16_t d;           // half
    uint16_t scales_h;    // high 2 bits of the 8 scales
    uint8_t scales_l[4];  // low 4 bits, two per byte
    uint8_t qs[128];
};
static_assert(sizeof(BlockIQ4_XS) == 136);

// IQ2_XXS: 256 elements, 66 bytes; 8 groups of 32, each in two little-endian uint32 a, b read from
// qs[4g .. 4g+3] (bytes 8g .. 8g+7). Bytes of a: four indices into iq2xxs_grid (8 values each);
// b bits 7l .. 7l+6: the sign index of 8-value group l; b >> 28: the 4-bit scale.
// x = d * (0.5 + (b >> 28)) * 0.25 * grid[j] * sign.
struct BlockIQ2_XXS {
    uint16_t d;       // half
    uint16_t qs[32];
};
static_assert(sizeof(BlockIQ2_XXS) == 66);

// IQ2_XS: 256 elements, 74 bytes. qs[i] (i = 0..31, one per 8 values): low 9 bits index
// iq2xs_grid, high 7 bits the sign index. Group g of 32 values has two 4-bit scales in
// scales[g]: the low nibble for its first 16 values, the high nibble for the last 16;
// x = d * (0.5 + scale) * 0.25 * grid[j] * sign.
struct BlockIQ2_XS {
    uint16_t d;         // half
    uint16_t qs[32];
    uint8_t scales[8];
};
static_assert(sizeof(BlockIQ2_XS) == 74);

// IQ2_S: 256 elements, 82 bytes. 8 values per entry i = 0..31 (group g = i / 4, l = i % 4):
// grid index (10 bits) = qs[i] | ((qh[g] >> (2 * l)) & 3) << 8 into iq2s_grid; the 8 sign bits
// are plain (no parity table): qs[32 + i]. Scales as IQ2_XS.
struct BlockIQ2_S {
    uint16_t d;          // half
    uint8_t qs[64];      // 32 grid-index low bytes, then 32 sign bytes
    uint8_t qh[8];       // grid-index high bits, 2 per entry
    uint8_t scales[8];
};
static_assert(sizeof(BlockIQ2_S) == 82);

// IQ3_XXS: 256 elements, 98 bytes. qs[0..63]: indices into iq3xxs_grid (4 values each), two per 8
// values. qs[64 + 4g .. 64 + 4g + 3] (group g of 32) is a little-endian uint32 b: bits 7l .. 7l+6
// the sign index of its 8-value group l, b >> 28 the scale; x = d * (0.5 + (b >> 28)) * 0.5 *
// grid[j] * sign.
struct BlockIQ3_XXS {
    uint16_t d;       // half
    uint8_t qs[96];
};
static_assert(sizeof(BlockIQ3_XXS) == 98);

// IQ3_S: 256 elements, 110 bytes. Entry i = 0..63 (4 values): grid index (9 bits) = qs[i] |
// ((qh[i / 8] >> (i % 8)) & 1) << 8 into iq3s_grid. Plain sign bits: signs[i / 2] bit (4 * (i % 2)
// + j) for value j of the entry. Group g of 32 values has the 4-bit scale (scales[g / 2] >>
// (4 * (g % 2))) & 0xF; x = d * (1 + 2 * scale) * grid[j] * sign.
struct BlockIQ3_S {
    uint16_t d;          // half
    uint8_t qs[64];
    uint8_t qh[8];
    uint8_t signs[32];
    uint8_t scales[4];
};
static_assert(sizeof(BlockIQ3_S) == 110);

// IQ1_S: 256 elements, 50 bytes. Group g of 32 values has qh[g]: bits 3l .. 3l+2 are the high
// bits of the 11-bit index qs[4g + l] | (bits << 8) into iq1s_grid (8 signed values in -1..1) for
// its 8-value group l; bits 12..14 the scale s; bit 15 the sign of the shift delta.
// x = d * (2s + 1) * (grid[j] + (bit 15 ? -0.125 : 0.125)).
struct BlockIQ1_S {
    uint16_t d;        // half
    uint8_t qs[32];
    uint16_t qh[8];
};
static_assert(sizeof(BlockIQ1_S) == 50);

// IQ1_M: 256 elements, 56 bytes, no separate scale field: the fp16 super-block scale is spread
// over the top nibbles of the four uint16 words sc[0..3] of `scales`:
//   d bits = (sc[0] >> 12) | ((sc[1] >> 8) & 0xF0) | ((sc[2] >> 4) & 0xF00) | (sc[3] & 0xF000).
// Group g of 32 values (two halves of 16) has 3-bit scales (sc[g / 2] >> (6 * (g % 2))) & 7 for
// its first half and (sc[g / 2] >> (6 * (g % 2) + 3)) & 7 for its second. Its 8-value group l
// (0..3) has the 11-bit index qs[4g + l] | (((qh[2g + l / 2] >> (4 * (l % 2))) & 7) << 8) into
// iq1s_grid and the delta sign bit 3 of that same nibble; x = d * (2s + 1) * (grid[j] +- 0.125).
struct BlockIQ1_M {
    uint8_t qs[32];
    uint8_t qh[16];
    uint8_t scales[8];
};
static_assert(sizeof(BlockIQ1_M) == 56);

static_assert(offsetof(BlockIQ3_S, scales) == 106);
static_assert(offsetof(BlockIQ2_S, scales) == 74);

}  // namespace hearth
