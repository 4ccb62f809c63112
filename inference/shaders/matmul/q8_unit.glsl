// One run of 32 weights (a block of the 32-element formats, a sub-block of the K formats) as
// int8 quants for integer dot products, plus float coefficients c such that, against a BlockQ8 x,
//   sum_e w[e] * x[e] = x.d * (c.x * isum_lo + c.y * isum_hi) + c.z * x.s_lo + c.w * x.s_hi
// where isum_lo / isum_hi are the int8 dot products of words 0..3 / 4..7 (elements 0..15 /
// 16..31) with x.qs. UNIT_SPLIT is defined for the formats whose scales change every 16 elements
// (Q2_K, Q3_K, Q6_K); for the others c.x == c.y and c.z == c.w, so the whole-run sum and x.s do.
//
// Expects mm_load.glsl and dequant.glsl (BLOCK_BYTES, QS_OFF, QH_OFF, spread4_bit4,
// scale_min_k4, q3k_scale) before it.

#if defined(TYPE_Q2_K) || defined(TYPE_Q3_K) || defined(TYPE_Q6_K)
#define UNIT_SPLIT 1
#endif

// Bytes holding a (bit + 1)-bit two's-complement value in their low bits, sign-extended to int8.
uvec4 sext_bytes(uvec4 t, uint bit) {
    return t | (((t >> bit) & 0x01010101u) * ((0xFFu << bit) & 0xFFu));
}

void unit_q8(uint row_off, uint u, out uvec4 q0, out uvec4 q1, out vec4 c) {
#if defined(TYPE_Q8_0)
    uint blk = row_off + u * BLOCK_BYTES;
    q0 = ld16(blk + 2u);
    q1 = ld16(blk + 18u);
    float d = ld_f16(blk);
    c = vec4(d, d, 0.0, 0.0);
#elif defined(TYPE_Q4_0) || defined(TYPE_Q4_1) || defined(TYPE_Q5_0) || defined(TYPE_Q5_1)
    uint blk = row_off + u * BLOCK_BYTES;
    uvec4 qs = ld16(blk + QS_OFF);
    q0 = qs & 0x0F0F0F0Fu;
    q1 = (qs >> 4) & 0x0F0F0F0Fu;
#if defined(QH_OFF)
    uint qh = ld_u32(blk + QH_OFF);
    for (uint i = 0u; i < 4u; ++i) {
        q0[i] |= spread4_bit4(qh >> (4u * i));
        q1[i] |= spread4_bit4(qh >> (16u + 4u * i));
    }
#endif
    float d = ld_f16(blk);
#if defined(TYPE_Q4_0)
    float m = -8.0 * d;
#elif defined(TYPE_Q5_0)
    float m = -16.0 * d;
#else
    float m = ld_f16(blk + 2u);
#endif
    c = vec4(d, d, m, m);
#elif defined(TYPE_Q2_K)
    uint blk = row_off + (u >> 3) * BLOCK_BYTES;
    uint s = u & 7u, h = s >> 2, j = s & 3u;
    q0 = (ld16(blk + 16u + 32u * h) >> (2u * j)) & 0x03030303u;
    q1 = (ld16(blk + 32u + 32u * h) >> (2u * j)) & 0x03030303u;
    uint sc = ld_u16(blk + 8u * h + 2u * j);  // scale | min << 4 of elements 0..15, then 16..31
    float d = ld_f16(blk + 80u), dmin = ld_f16(blk + 82u);
    c = vec4(d * float(sc & 0xFu), d * float((sc >> 8) & 0xFu), -dmin * float((sc >> 4) & 0xFu),
             -dmin * float(sc >> 12));
#elif defined(TYPE_Q3_K)
    uint blk = row_off + (u >> 3) * BLOCK_BYTES;
    uint s = u & 7u, h = s >> 2, j = s & 3u;
    q0 = (ld16(blk + 32u + 32u * h) >> (2u * j)) & 0x03030303u;
    q1 = (ld16(blk + 48u + 32u * h) >> (2u * j)) & 0x03030303u;
    q0 |= ((ld16(blk) >> (4u * h + j)) & 0x01010101u) << 2;
    q1 |= ((ld16(blk + 16u) >> (4u * h + j)) & 0x01010101u) << 2;
    // v - 4 for v in 0..7 is v with bit 2 flipped, read as a 3-bit two's-complement number.
    q0 = sext_bytes(q0 ^ 0x04040404u, 2u);
    q1 = sext_bytes(q1 ^ 0x04040404u, 2u);
    float d = ld_f16(blk + 108u);
    uint is = 8u * h + 2u * j;
    c = vec4(d * q3k_scale(blk, is), d * q3k_scale(blk, is + 1u), 0.0, 0.0);
#elif defined(TYPE_Q4_K) || defined(TYPE_Q5_K)
    uint blk = row_off + (u >> 3) * BLOCK_BYTES;
    uint s = u & 7u, g = s >> 1, half_ = s & 1u;
    q0 = (ld16(blk + QS_OFF + 32u * g) >> (4u * half_)) & 0x0F0F0F0Fu;
    q1 = (ld16(blk + QS_OFF + 32u * g + 16u) >> (4u * half_)) & 0x0F0F0F0Fu;
#if defined(TYPE_Q5_K)
    q0 |= ((ld16(blk + 16u) >> s) & 0x01010101u) << 4;
    q1 |= ((ld16(blk + 32u) >> s) & 0x01010101u) << 4;
#endif
    vec2 sm = scale_min_k4(blk + 4u, s);
    float d = ld_f16(blk) * sm.x, m = -ld_f16(blk + 2u) * sm.y;
    c = vec4(d, d, m, m);
#elif defined(TYPE_Q6_K)
    uint blk = row_off + (u >> 3) * BLOCK_BYTES;
    uint s = u & 7u, h = s >> 2, qq = s & 3u;
    uint lo_off = blk + 64u * h + 32u * (qq & 1u);
    q0 = ((ld16(lo_off) >> (4u * (qq >> 1))) & 0x0F0F0F0Fu) |
         (((ld16(blk + 128u + 32u * h) >> (2u * qq)) & 0x03030303u) << 4);
    q1 = ((ld16(lo_off + 16u) >> (4u * (qq >> 1))) & 0x0F0F0F0Fu) |
         (((ld16(blk + 144u + 32u * h) >> (2u * qq)) & 0x03030303u) << 4);
    // q - 32 for q in 0..63: bit 5 flipped, read as a 6-bit two's-complement number.
    q0 = sext_bytes(q0 ^ 0x20202020u, 5u);
    q1 = sext_bytes(q1 ^ 0x20202020u, 5u);
    uint sc = ld_u16(blk + 192u + 8u * h + 2u * qq);  // i8 scales of elements 0..15 and 16..31
    float d = ld_f16(blk + 208u);
    c = vec4(d * float(int(sc << 24) >> 24), d * float(int(sc << 16) >> 24), 0.0, 0.0);
#else
#error "unit_q8: no integer-dot layout for this type"
#endif
}
