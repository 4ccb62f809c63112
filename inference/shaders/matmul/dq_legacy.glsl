// The 32-element block formats (GGML layouts, little-endian, fp16 scales):
//   Q4_0 {f16 d; u8 qs[16]}                 x = d * (q - 8)
//   Q4_1 {f16 d; f16 m; u8 qs[16]}          x = d * q + m
//   Q5_0 {f16 d; u8 qh[4]; u8 qs[16]}       x = d * (q - 16), bit 4 of q from qh
//   Q5_1 {f16 d; f16 m; u8 qh[4]; u8 qs[16]} x = d * q + m
//   Q8_0 {f16 d; i8 qs[32]}                 x = d * q
// In the 4- and 5-bit formats element j (< 16) is the low nibble of qs[j] and element j + 16 the
// high nibble; bit j of the 32-bit qh is the fifth bit of element j.
//
// dequant4(row_off, i4) returns elements 4*i4 .. 4*i4+3 of the row starting at byte row_off.

#if defined(TYPE_Q4_0) || defined(TYPE_Q4_1) || defined(TYPE_Q5_0) || defined(TYPE_Q5_1)
#define BLOCK_K 32u
#if defined(TYPE_Q4_0)
#define BLOCK_BYTES 18u
#define QS_OFF 2u
#elif defined(TYPE_Q4_1)
#define BLOCK_BYTES 20u
#define QS_OFF 4u
#elif defined(TYPE_Q5_0)
#define BLOCK_BYTES 22u
#define QH_OFF 2u
#define QS_OFF 6u
#else
#define BLOCK_BYTES 24u
#define QH_OFF 4u
#define QS_OFF 8u
#endif

// Spreads the low 4 bits of b to bit 4 of each byte.
uint spread4_bit4(uint b) {
    return ((b & 1u) | ((b & 2u) << 7) | ((b & 4u) << 14) | ((b & 8u) << 21)) << 4;
}

vec4 dequant4(uint row_off, uint i4) {
    uint blk = row_off + (i4 >> 3) * BLOCK_BYTES;
    uint sub = i4 & 7u;          // which group of 4 inside the 32-element block
    uint hi = sub >> 2;          // 0: low nibbles (elements 0..15), 1: high nibbles (16..31)
    uint j = (sub & 3u) * 4u;    // first byte of qs
    uint q = (ld_u32(blk + QS_OFF + j) >> (hi * 4u)) & 0x0F0F0F0Fu;
#if defined(QH_OFF)
    uint qh = ld_u32(blk + QH_OFF);
    q |= spread4_bit4(qh >> (j + hi * 16u));
#endif
    float d = ld_f16(blk);
#if defined(TYPE_Q4_0)
    return d * (bytes4(q) - 8.0);
#elif defined(TYPE_Q5_0)
    return d * (bytes4(q) - 16.0);
#else
    return d * bytes4(q) + ld_f16(blk + 2u);
#endif
}

// All 32 elements of block u: w[i] holds elements 4i .. 4i+3.
void dequant32(uint row_off, uint u, out vec4 w[8]) {
    uint blk = row_off + u * BLOCK_BYTES;
    uvec4 qs = ld16(blk + QS_OFF);
    float d = ld_f16(blk);
#if defined(QH_OFF)
    uint qh = ld_u32(blk + QH_OFF);
#endif
#if defined(TYPE_Q4_0)
    vec2 dm = vec2(d, -8.0 * d);
#elif defined(TYPE_Q5_0)
    vec2 dm = vec2(d, -16.0 * d);
#else
    vec2 dm = vec2(d, ld_f16(blk + 2u));
#endif
    for (uint i = 0u; i < 4u; ++i) {
        uint lo = qs[i] & 0x0F0F0F0Fu, hi = (qs[i] >> 4) & 0x0F0F0F0Fu;
#if defined(QH_OFF)
        lo |= spread4_bit4(qh >> (4u * i));
        hi |= spread4_bit4(qh >> (16u + 4u * i));
#endif
        w[i] = dm.x * bytes4(lo) + dm.y;
        w[4u + i] = dm.x * bytes4(hi) + dm.y;
    }
}

#elif defined(TYPE_Q8_0)
#define BLOCK_K 32u
#define BLOCK_BYTES 34u
vec4 dequant4(uint row_off, uint i4) {
    uint blk = row_off + (i4 >> 3) * BLOCK_BYTES;
    return ld_f16(blk) * sbytes4(ld_u32(blk + 2u + (i4 & 7u) * 4u));
}
void dequant32(uint row_off, uint u, out vec4 w[8]) {
    uint blk = row_off + u * BLOCK_BYTES;
    float d = ld_f16(blk);
    uvec4 a = ld16(blk + 2u), b = ld16(blk + 18u);
    for (uint i = 0u; i < 4u; ++i) {
        w[i] = d * sbytes4(a[i]);
        w[4u + i] = d * sbytes4(b[i]);
    }
}
#endif
