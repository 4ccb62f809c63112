// The IQ formats (GGML layouts; see inference/tensor/iq_blocks.h for the bit-level description).
// Byte offsets inside a block:
//   IQ4_NL  {f16 d @0; u8 qs[16] @2}                                                    18 bytes, 32 elements
//   IQ4_XS  {f16 d @0; u16 scales_h @2; u8 scales_l[4] @4; u8 qs[128] @8}              136 bytes
//   IQ2_XXS {f16 d @0; u16 qs[32] @2}                                                  66 bytes
//   IQ2_XS  {f16 d @0; u16 qs[32] @2; u8 scales[8] @66}                                74 bytes
//   IQ2_S   {f16 d @0; u8 qs[32] @2; u8 signs[32] @34; u8 qh[8] @66; u8 scales[8] @74}  82 bytes
//   IQ3_XXS {f16 d @0; u8 qs[64] @2; u32 scales_signs[8] @66}                          98 bytes
//   IQ3_S   {f16 d @0; u8 qs[64] @2; u8 qh[8] @66; u8 signs[32] @74; u8 scales[4] @106} 110 bytes
//   IQ1_S   {f16 d @0; u8 qs[32] @2; u16 qh[8] @34}                                    50 bytes
//   IQ1_M   {u8 qs[32] @0; u8 qh[16] @32; u16 sc[4] @48 (d in the top nibbles)}        56 bytes
// Every 256-element type is 8 groups of 32; iq4(blk, g, k) returns elements 4k .. 4k+3 of group g
// of the block at byte blk. dequant32 and dequant4 are built on it.

#include "iq_tables.glsl"

// The grids and the sign table, as inference/vulkan/iq_tables_gpu.cpp lays them out (uint words;
// a 64-bit grid entry is two words, low first). Only the grid types read it.
layout(std430, binding = 3) readonly buffer IqTables { uint iqt[]; };
#define IQT_KSIGNS 0u
#define IQT_IQ2XXS 128u
#define IQT_IQ2XS 640u
#define IQT_IQ2S 1664u
#define IQT_IQ3XXS 3712u
#define IQT_IQ3S 3968u
#define IQT_IQ1S 4480u
uint ksigns(uint i) { return iqt[IQT_KSIGNS + i]; }
uvec2 grid8(uint base, uint i) { return uvec2(iqt[base + 2u * i], iqt[base + 2u * i + 1u]); }

// +1 or -1 for bits 0..3 of s (a set bit negates).
vec4 signs4(uint s) {
    return vec4(1.0) - 2.0 * vec4(float(s & 1u), float((s >> 1) & 1u), float((s >> 2) & 1u), float((s >> 3) & 1u));
}

vec4 kvalues4(uint q) {  // IQ4 levels of the low nibbles of bytes 0..3 of q
    return vec4(float(kvalues_iq4nl[q & 0xFu]), float(kvalues_iq4nl[(q >> 8) & 0xFu]),
                float(kvalues_iq4nl[(q >> 16) & 0xFu]), float(kvalues_iq4nl[(q >> 24) & 0xFu]));
}

#if defined(TYPE_IQ4_NL)
#define BLOCK_K 32u
#define BLOCK_BYTES 18u
#else
#define BLOCK_K 256u
#endif

#if defined(TYPE_IQ4_NL) || defined(TYPE_IQ4_XS)
#if defined(TYPE_IQ4_XS)
#define BLOCK_BYTES 136u
#endif
// Group g of 32: k < 4 are low nibbles of qs bytes 4k..4k+3, k >= 4 the high nibbles of 4(k-4)...
vec4 iq4(uint blk, uint g, uint k) {
#if defined(TYPE_IQ4_NL)
    float d = ld_f16(blk);
    uint qs = blk + 2u;
#else
    uint sl = (ld_u8(blk + 4u + (g >> 1)) >> (4u * (g & 1u))) & 0xFu;
    uint sh = (ld_u16(blk + 2u) >> (2u * g)) & 3u;
    float d = ld_f16(blk) * float(int(sl | (sh << 4)) - 32);
    uint qs = blk + 8u + 16u * g;
#endif
    uint q = (ld_u32(qs + 4u * (k & 3u)) >> (4u * (k >> 2))) & 0x0F0F0F0Fu;
    return d * kvalues4(q);
}

#elif defined(TYPE_IQ2_XXS)
#define BLOCK_BYTES 66u
vec4 iq4(uint blk, uint g, uint k) {
    uint l = k >> 1, h = k & 1u;
    uint aux = ld_u32(blk + 6u + 8u * g);
    float db = ld_f16(blk) * (0.5 + float(aux >> 28)) * 0.25;
    uvec2 e = grid8(IQT_IQ2XXS, ld_u8(blk + 2u + 8u * g + l));
    uint s = ksigns((aux >> (7u * l)) & 127u);
    return db * bytes4(h == 0u ? e.x : e.y) * signs4(s >> (4u * h));
}

#elif defined(TYPE_IQ2_XS)
#define BLOCK_BYTES 74u
vec4 iq4(uint blk, uint g, uint k) {
    uint l = k >> 1, h = k & 1u;
    uint q = ld_u16(blk + 2u + 8u * g + 2u * l);
    float db = ld_f16(blk) * (0.5 + float((ld_u8(blk + 66u + g) >> (4u * (l >> 1))) & 0xFu)) * 0.25;
    uvec2 e = grid8(IQT_IQ2XS, q & 511u);
    uint s = ksigns(q >> 9);
    return db * bytes4(h == 0u ? e.x : e.y) * signs4(s >> (4u * h));
}

#elif defined(TYPE_IQ2_S)
#define BLOCK_BYTES 82u
vec4 iq4(uint blk, uint g, uint k) {
    uint l = k >> 1, h = k & 1u, i = 4u * g + l;
    uint idx = ld_u8(blk + 2u + i) | (((ld_u8(blk + 66u + g) >> (2u * l)) & 3u) << 8);
    float db = ld_f16(blk) * (0.5 + float((ld_u8(blk + 74u + g) >> (4u * (l >> 1))) & 0xFu)) * 0.25;
    uvec2 e = grid8(IQT_IQ2S, idx);
    return db * bytes4(h == 0u ? e.x : e.y) * signs4(ld_u8(blk + 34u + i) >> (4u * h));
}

#elif defined(TYPE_IQ3_XXS)
#define BLOCK_BYTES 98u
vec4 iq4(uint blk, uint g, uint k) {
    uint l = k >> 1, h = k & 1u;
    uint aux = ld_u32(blk + 66u + 4u * g);
    float db = ld_f16(blk) * (0.5 + float(aux >> 28)) * 0.5;
    uint s = ksigns((aux >> (7u * l)) & 127u);
    return db * bytes4(iqt[IQT_IQ3XXS + ld_u8(blk + 2u + 8u * g + k)]) * signs4(s >> (4u * h));
}

#elif defined(TYPE_IQ3_S)
#define BLOCK_BYTES 110u
vec4 iq4(uint blk, uint g, uint k) {
    uint i = 8u * g + k;
    uint idx = ld_u8(blk + 2u + i) | (((ld_u8(blk + 66u + g) >> k) & 1u) << 8);
    float db = ld_f16(blk) * float(1u + 2u * ((ld_u8(blk + 106u + (g >> 1)) >> (4u * (g & 1u))) & 0xFu));
    uint s = ld_u8(blk + 74u + (i >> 1)) >> (4u * (k & 1u));
    return db * bytes4(iqt[IQT_IQ3S + idx]) * signs4(s);
}

#elif defined(TYPE_IQ1_S)
#define BLOCK_BYTES 50u
vec4 iq4(uint blk, uint g, uint k) {
    uint l = k >> 1, h = k & 1u;
    uint qh = ld_u16(blk + 34u + 2u * g);
    float dl = ld_f16(blk) * float(2u * ((qh >> 12) & 7u) + 1u);
    float delta = (qh & 0x8000u) != 0u ? -0.125 : 0.125;
    uvec2 e = grid8(IQT_IQ1S, ld_u8(blk + 2u + 4u * g + l) | (((qh >> (3u * l)) & 7u) << 8));
    return dl * (sbytes4(h == 0u ? e.x : e.y) + delta);
}

#elif defined(TYPE_IQ1_M)
#define BLOCK_BYTES 56u
vec4 iq4(uint blk, uint g, uint k) {
    uint l = k >> 1, h = k & 1u;
    uint dbits = (ld_u16(blk + 48u) >> 12) | ((ld_u16(blk + 50u) >> 8) & 0xF0u) |
                 ((ld_u16(blk + 52u) >> 4) & 0xF00u) | (ld_u16(blk + 54u) & 0xF000u);
    uint sc = ld_u16(blk + 48u + 2u * (g >> 1)) >> (6u * (g & 1u) + 3u * (l >> 1));
    float dl = unpackHalf2x16(dbits).x * float(2u * (sc & 7u) + 1u);
    uint nib = (ld_u16(blk + 32u + 2u * g) >> (4u * l)) & 0xFu;
    float delta = (nib & 8u) != 0u ? -0.125 : 0.125;
    uvec2 e = grid8(IQT_IQ1S, ld_u8(blk + 4u * g + l) | ((nib & 7u) << 8));
    return dl * (sbytes4(h == 0u ? e.x : e.y) + delta);
}
#endif

vec4 dequant4(uint row_off, uint i4) {
#if defined(TYPE_IQ4_NL)
    return iq4(row_off + (i4 >> 3) * BLOCK_BYTES, 0u, i4 & 7u);
#else
    return iq4(row_off + (i4 >> 6) * BLOCK_BYTES, (i4 >> 3) & 7u, i4 & 7u);
#endif
}

// Run u of 32 elements of the row (one IQ4_NL block, or one group of a 256-element block).
void dequant32(uint row_off, uint u, out vec4 w[8]) {
#if defined(TYPE_IQ4_NL)
    uint blk = row_off + u * BLOCK_BYTES, g = 0u;
#else
    uint blk = row_off + (u >> 3) * BLOCK_BYTES, g = u & 7u;
#endif
    for (uint k = 0u; k < 8u; ++k) w[k] = iq4(blk, g, k);
}
