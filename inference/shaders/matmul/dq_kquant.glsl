// The 256-element "K" super-block formats (GGML layouts). Offsets in bytes inside a block:
//   Q2_K {u8 scales[16] @0; u8 qs[64] @16; f16 d @80; f16 dmin @82}                 84 bytes
//   Q3_K {u8 hmask[32] @0; u8 qs[64] @32; u8 scales[12] @96; f16 d @108}            110 bytes
//   Q4_K {f16 d @0; f16 dmin @2; u8 scales[12] @4; u8 qs[128] @16}                  144 bytes
//   Q5_K {f16 d @0; f16 dmin @2; u8 scales[12] @4; u8 qh[32] @16; u8 qs[128] @48}   176 bytes
//   Q6_K {u8 ql[128] @0; u8 qh[64] @128; i8 scales[16] @192; f16 d @208}           210 bytes
// Four consecutive elements (aligned to 4) always share one sub-block scale and one bit
// position, so dequant4 reads one 32-bit word of quants per plane.

#define BLOCK_K 256u

#if defined(TYPE_Q2_K)
#define BLOCK_BYTES 84u
vec4 dequant4(uint row_off, uint i4) {
    uint blk = row_off + (i4 >> 6) * BLOCK_BYTES;
    uint e = (i4 & 63u) * 4u;
    uint h = e >> 7, j = (e >> 5) & 3u, l = e & 31u;
    uint q = (ld_u32(blk + 16u + 32u * h + l) >> (2u * j)) & 0x03030303u;
    uint sc = ld_u8(blk + 8u * h + 2u * j + (l >> 4));
    float d = ld_f16(blk + 80u) * float(sc & 0xFu);
    float m = ld_f16(blk + 82u) * float(sc >> 4);
    return d * bytes4(q) - m;
}
// Sub-block u (32 elements) of the row: block u / 8, elements 32 * (u % 8) ...
void dequant32(uint row_off, uint u, out vec4 w[8]) {
    uint blk = row_off + (u >> 3) * BLOCK_BYTES;
    uint s = u & 7u, h = s >> 2, j = s & 3u;
    uvec4 q0 = (ld16(blk + 16u + 32u * h) >> (2u * j)) & 0x03030303u;
    uvec4 q1 = (ld16(blk + 32u + 32u * h) >> (2u * j)) & 0x03030303u;
    uint sc = ld_u16(blk + 8u * h + 2u * j);  // the scales of elements 0..15 and 16..31
    vec2 dd = ld_f16(blk + 80u) * vec2(float(sc & 0xFu), float((sc >> 8) & 0xFu));
    vec2 mm = ld_f16(blk + 82u) * vec2(float((sc >> 4) & 0xFu), float((sc >> 12) & 0xFu));
    for (uint i = 0u; i < 4u; ++i) {
        w[i] = dd.x * bytes4(q0[i]) - mm.x;
        w[4u + i] = dd.y * bytes4(q1[i]) - mm.y;
    }
}

#elif defined(TYPE_Q3_K)
#define BLOCK_BYTES 110u
vec4 dequant4(uint row_off, uint i4) {
    uint blk = row_off + (i4 >> 6) * BLOCK_BYTES;
    uint e = (i4 & 63u) * 4u;
    uint h = e >> 7, j = (e >> 5) & 3u, l = e & 31u;
    uint q = (ld_u32(blk + 32u + 32u * h + l) >> (2u * j)) & 0x03030303u;
    uint hm = (ld_u32(blk + l) >> (4u * h + j)) & 0x01010101u;
    q |= hm << 2;  // a set hmask bit means "no -4": q + 4*hm - 4
    // 16 six-bit scales: low 4 bits in the nibbles of bytes 0..7, high 2 bits in bytes 8..11.
    uint is = 8u * h + 2u * j + (l >> 4);
    uint lo = (ld_u8(blk + 96u + (is & 7u)) >> (4u * (is >> 3))) & 0xFu;
    uint hi2 = (ld_u8(blk + 104u + (is & 3u)) >> (2u * (is >> 2))) & 3u;
    float d = ld_f16(blk + 108u) * float(int(lo | (hi2 << 4)) - 32);
    return d * (bytes4(q) - 4.0);
}
float q3k_scale(uint blk, uint is) {
    uint lo = (ld_u8(blk + 96u + (is & 7u)) >> (4u * (is >> 3))) & 0xFu;
    uint hi2 = (ld_u8(blk + 104u + (is & 3u)) >> (2u * (is >> 2))) & 3u;
    return float(int(lo | (hi2 << 4)) - 32);
}
void dequant32(uint row_off, uint u, out vec4 w[8]) {
    uint blk = row_off + (u >> 3) * BLOCK_BYTES;
    uint s = u & 7u, h = s >> 2, j = s & 3u;
    uvec4 q0 = (ld16(blk + 32u + 32u * h) >> (2u * j)) & 0x03030303u;
    uvec4 q1 = (ld16(blk + 48u + 32u * h) >> (2u * j)) & 0x03030303u;
    q0 |= ((ld16(blk) >> (4u * h + j)) & 0x01010101u) << 2;
    q1 |= ((ld16(blk + 16u) >> (4u * h + j)) & 0x01010101u) << 2;
    float d = ld_f16(blk + 108u);
    uint is = 8u * h + 2u * j;
    vec2 dd = d * vec2(q3k_scale(blk, is), q3k_scale(blk, is + 1u));
    for (uint i = 0u; i < 4u; ++i) {
        w[i] = dd.x * (bytes4(q0[i]) - 4.0);
        w[4u + i] = dd.y * (bytes4(q1[i]) - 4.0);
    }
}

#elif defined(TYPE_Q4_K) || defined(TYPE_Q5_K)
#if defined(TYPE_Q4_K)
#define BLOCK_BYTES 144u
#define QS_OFF 16u
#else
#define BLOCK_BYTES 176u
#define QS_OFF 48u
#endif
// Six-bit scale and min of sub-block j (0..7) from the 12 packed bytes at `o`.
vec2 scale_min_k4(uint o, uint j) {
    if (j < 4u) return vec2(float(ld_u8(o + j) & 63u), float(ld_u8(o + j + 4u) & 63u));
    uint b = ld_u8(o + j + 4u);
    return vec2(float((b & 0xFu) | ((ld_u8(o + j - 4u) >> 6) << 4)),
                float((b >> 4) | ((ld_u8(o + j) >> 6) << 4)));
}
vec4 dequant4(uint row_off, uint i4) {
    uint blk = row_off + (i4 >> 6) * BLOCK_BYTES;
    uint e = (i4 & 63u) * 4u;
    uint g = e >> 6, half_ = (e >> 5) & 1u, l = e & 31u;
    uint sub = 2u * g + half_;
    uint q = (ld_u32(blk + QS_OFF + 32u * g + l) >> (4u * half_)) & 0x0F0F0F0Fu;
#if defined(TYPE_Q5_K)
    q |= ((ld_u32(blk + 16u + l) >> sub) & 0x01010101u) << 4;
#endif
    vec2 sm = scale_min_k4(blk + 4u, sub);
    return (ld_f16(blk) * sm.x) * bytes4(q) - ld_f16(blk + 2u) * sm.y;
}
void dequant32(uint row_off, uint u, out vec4 w[8]) {
    uint blk = row_off + (u >> 3) * BLOCK_BYTES;
    uint s = u & 7u, g = s >> 1, half_ = s & 1u;
    uvec4 q0 = (ld16(blk + QS_OFF + 32u * g) >> (4u * half_)) & 0x0F0F0F0Fu;
    uvec4 q1 = (ld16(blk + QS_OFF + 32u * g + 16u) >> (4u * half_)) & 0x0F0F0F0Fu;
#if defined(TYPE_Q5_K)
    q0 |= ((ld16(blk + 16u) >> s) & 0x01010101u) << 4;
    q1 |= ((ld16(blk + 32u) >> s) & 0x01010101u) << 4;
#endif
    vec2 sm = scale_min_k4(blk + 4u, s);
    float d = ld_f16(blk) * sm.x, m = ld_f16(blk + 2u) * sm.y;
    for (uint i = 0u; i < 4u; ++i) {
        w[i] = d * bytes4(q0[i]) - m;
        w[4u + i] = d * bytes4(q1[i]) - m;
    }
}

#elif defined(TYPE_Q6_K)
#define BLOCK_BYTES 210u
vec4 dequant4(uint row_off, uint i4) {
    uint blk = row_off + (i4 >> 6) * BLOCK_BYTES;
    uint e = (i4 & 63u) * 4u;
    uint h = e >> 7, qq = (e >> 5) & 3u, l = e & 31u;
    uint ql = (ld_u32(blk + 64u * h + 32u * (qq & 1u) + l) >> (4u * (qq >> 1))) & 0x0F0F0F0Fu;
    uint qh = (ld_u32(blk + 128u + 32u * h + l) >> (2u * qq)) & 0x03030303u;
    int sc = int(ld_u8(blk + 192u + 8u * h + (l >> 4) + 2u * qq) << 24) >> 24;
    float d = ld_f16(blk + 208u) * float(sc);
    return d * (bytes4(ql | (qh << 4)) - 32.0);
}
void dequant32(uint row_off, uint u, out vec4 w[8]) {
    uint blk = row_off + (u >> 3) * BLOCK_BYTES;
    uint s = u & 7u, h = s >> 2, qq = s & 3u;
    uint lo_off = blk + 64u * h + 32u * (qq & 1u);
    uvec4 q0 = (ld16(lo_off) >> (4u * (qq >> 1))) & 0x0F0F0F0Fu;
    uvec4 q1 = (ld16(lo_off + 16u) >> (4u * (qq >> 1))) & 0x0F0F0F0Fu;
    q0 |= ((ld16(blk + 128u + 32u * h) >> (2u * qq)) & 0x03030303u) << 4;
    q1 |= ((ld16(blk + 144u + 32u * h) >> (2u * qq)) & 0x03030303u) << 4;
    uint sc = ld_u16(blk + 192u + 8u * h + 2u * qq);  // i8 scales of elements 0..15 and 16..31
    float d = ld_f16(blk + 208u);
    vec2 dd = d * vec2(float(int(sc << 24) >> 24), float(int(sc << 16) >> 24));
    for (uint i = 0u; i < 4u; ++i) {
        w[i] = dd.x * (bytes4(q0[i]) - 32.0);
        w[4u + i] = dd.y * (bytes4(q1[i]) - 32.0);
    }
}
#endif
