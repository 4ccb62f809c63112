// Plain number types: F32, F16, BF16. One "block" is one element; rows may have any length, so
// these also provide dequant1 for the tail of a row whose length is not a multiple of 4.

#if defined(TYPE_F32)
#define BLOCK_K 1u
// Row starts are 4-byte aligned for F32.
vec4 dequant4(uint row_off, uint i4) {
    uint w = (row_off >> 2) + i4 * 4u;
    return uintBitsToFloat(uvec4(wdata[w], wdata[w + 1u], wdata[w + 2u], wdata[w + 3u]));
}
float dequant1(uint row_off, uint k) { return uintBitsToFloat(wdata[(row_off >> 2) + k]); }

#elif defined(TYPE_F16)
#define BLOCK_K 1u
vec4 dequant4(uint row_off, uint i4) {
    uint o = row_off + i4 * 8u;
    return vec4(unpackHalf2x16(ld_u32(o)), unpackHalf2x16(ld_u32(o + 4u)));
}
float dequant1(uint row_off, uint k) { return ld_f16(row_off + k * 2u); }

#elif defined(TYPE_BF16)
#define BLOCK_K 1u
vec2 bf16x2(uint v) { return uintBitsToFloat(uvec2(v << 16, v & 0xFFFF0000u)); }
vec4 dequant4(uint row_off, uint i4) {
    uint o = row_off + i4 * 8u;
    return vec4(bf16x2(ld_u32(o)), bf16x2(ld_u32(o + 4u)));
}
float dequant1(uint row_off, uint k) { return uintBitsToFloat(ld_u16(row_off + k * 2u) << 16); }
#endif

#if defined(TYPE_F32) || defined(TYPE_F16) || defined(TYPE_BF16)
#define HAS_DEQUANT1 1
#endif
