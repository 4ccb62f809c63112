#version 450
// Decode with integer dot products: like matvec.comp, but x arrives quantized to BlockQ8
// (quantize_q8.comp) and each run of 32 weights meets its x block in eight packed 4 x int8 dot
// products (OpSDot, SPV_KHR_integer_dot_product). For every quantized type (Q4_0..Q8_0, Q2_K..Q6_K).
#extension GL_EXT_spirv_intrinsics : require
#if defined(USE_SUBGROUP)
#extension GL_KHR_shader_subgroup_basic : require
#extension GL_KHR_shader_subgroup_arithmetic : require
#endif

layout(local_size_x_id = 0) in;
layout(constant_id = 1) const uint ROWS = 1;
layout(constant_id = 2) const uint NCOLS = 1;
const uint NOUT = ROWS * NCOLS;

#include "q8_block.glsl"

layout(std430, binding = 0) readonly buffer Weights { uint wdata[]; };
layout(std430, binding = 1) readonly buffer XQ { BlockQ8 xq[]; };
layout(std430, binding = 2) writeonly buffer Y { float ydata[]; };

layout(push_constant) uniform Params {
    uint M;
    uint K;
    uint N;
    uint w_offset;
    uint row_bytes;
    uint x_stride;   // BlockQ8 blocks between vectors of XQ
    uint y_stride;
    uint y_offset;
} p;

#include "sdot.glsl"
#include "mm_load.glsl"
#include "dequant.glsl"
#include "q8_unit.glsl"

uint row0;

void store_out(uint o, float v) {
    uint r = o / NCOLS, c = o % NCOLS;
    if (row0 + r < p.M && c < p.N) ydata[c * p.y_stride + p.y_offset + row0 + r] = v;
}

#include "matvec_reduce.glsl"

// Run u of 32 weights (a whole block of the 32-element formats, a sub-block of the K formats)
// of the row at row_off, against x block `x`.
float unit_dot(uint row_off, uint u, BlockQ8 x) {
#if defined(TYPE_Q8_0)
    uint blk = row_off + u * BLOCK_BYTES;
    int isum = 0;
    for (uint i = 0u; i < 8u; ++i) isum += sdot4x8(ld_u32(blk + 2u + 4u * i), x.qs[i], 0);
    return ld_f16(blk) * x.d * float(isum);
#elif defined(TYPE_Q4_K) || defined(TYPE_Q5_K)
    uint blk = row_off + (u >> 3) * BLOCK_BYTES;
    uint s = u & 7u, g = s >> 1, half_ = s & 1u;
    uvec4 q0 = (ld16(blk + QS_OFF + 32u * g) >> (4u * half_)) & 0x0F0F0F0Fu;
    uvec4 q1 = (ld16(blk + QS_OFF + 32u * g + 16u) >> (4u * half_)) & 0x0F0F0F0Fu;
#if defined(TYPE_Q5_K)
    q0 |= ((ld16(blk + 16u) >> s) & 0x01010101u) << 4;
    q1 |= ((ld16(blk + 32u) >> s) & 0x01010101u) << 4;
#endif
    int isum = 0;
    for (uint i = 0u; i < 4u; ++i) isum += sdot4x8(q0[i], x.qs[i], 0) + sdot4x8(q1[i], x.qs[4u + i], 0);
    vec2 sm = scale_min_k4(blk + 4u, s);
    // sum (d*sc*q - dmin*m) * dx*qx = d*sc * dx*sum(q*qx) - dmin*m * (dx*sum(qx))
    return ld_f16(blk) * sm.x * x.d * float(isum) - ld_f16(blk + 2u) * sm.y * x.s;
#elif defined(TYPE_Q6_K)
    uint blk = row_off + (u >> 3) * BLOCK_BYTES;
    uint s = u & 7u, h = s >> 2, qq = s & 3u;
    uint lo_off = blk + 64u * h + 32u * (qq & 1u);
    uvec4 q0 = ((ld16(lo_off) >> (4u * (qq >> 1))) & 0x0F0F0F0Fu) |
               (((ld16(blk + 128u + 32u * h) >> (2u * qq)) & 0x03030303u) << 4);
    uvec4 q1 = ((ld16(lo_off + 16u) >> (4u * (qq >> 1))) & 0x0F0F0F0Fu) |
               (((ld16(blk + 144u + 32u * h) >> (2u * qq)) & 0x03030303u) << 4);
    // q - 32 as int8 in every byte: flip bit 5, then sign-extend from it.
    uvec4 t0 = q0 ^ 0x20202020u, t1 = q1 ^ 0x20202020u;
    q0 = t0 | (((t0 >> 5) & 0x01010101u) * 0xC0u);
    q1 = t1 | (((t1 >> 5) & 0x01010101u) * 0xC0u);
    int i0 = 0, i1 = 0;
    for (uint i = 0u; i < 4u; ++i) {
        i0 += sdot4x8(q0[i], x.qs[i], 0);
        i1 += sdot4x8(q1[i], x.qs[4u + i], 0);
    }
    uint sc = ld_u16(blk + 192u + 8u * h + 2u * qq);  // i8 scales of elements 0..15 and 16..31
    return ld_f16(blk + 208u) * x.d * float((int(sc << 24) >> 24) * i0 + (int(sc << 16) >> 24) * i1);
#elif defined(TYPE_Q2_K) || defined(TYPE_Q3_K)
    // Scales (and Q2_K's mins) per 16 elements: two integer sums, and x's half sums for the mins.
    uvec4 q0, q1;
    vec4 c;
    unit_q8(row_off, u, q0, q1, c);
    int i0 = 0, i1 = 0;
    for (uint i = 0u; i < 4u; ++i) {
        i0 += sdot4x8(q0[i], x.qs[i], 0);
        i1 += sdot4x8(q1[i], x.qs[4u + i], 0);
    }
    return x.d * (c.x * float(i0) + c.y * float(i1)) + c.z * x.s_lo + c.w * x.s_hi;
#else
    uint blk = row_off + u * BLOCK_BYTES;
    float d = ld_f16(blk);
    int isum = 0;
#if defined(QH_OFF)
    uint qh = ld_u32(blk + QH_OFF);
#endif
    for (uint i = 0u; i < 4u; ++i) {
        uint w = ld_u32(blk + QS_OFF + 4u * i);
        uint lo = w & 0x0F0F0F0Fu, hi = (w >> 4) & 0x0F0F0F0Fu;
#if defined(QH_OFF)
        lo |= spread4_bit4(qh >> (4u * i));
        hi |= spread4_bit4(qh >> (16u + 4u * i));
#endif
        isum += sdot4x8(lo, x.qs[i], 0) + sdot4x8(hi, x.qs[4u + i], 0);
    }
#if defined(TYPE_Q4_0)
    return d * (x.d * float(isum) - 8.0 * x.s);
#elif defined(TYPE_Q5_0)
    return d * (x.d * float(isum) - 16.0 * x.s);
#else
    return d * x.d * float(isum) + ld_f16(blk + 2u) * x.s;
#endif
#endif
}

void main() {
    uint wg = gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x;
    row0 = wg * ROWS;
    if (row0 >= p.M) return;
    uint tid = gl_LocalInvocationIndex;

    float acc[NOUT];
    for (uint o = 0u; o < NOUT; ++o) acc[o] = 0.0;
    uint roff[ROWS];
    for (uint r = 0u; r < ROWS; ++r) roff[r] = p.w_offset + min(row0 + r, p.M - 1u) * p.row_bytes;
    uint ncols = min(p.N, NCOLS);

    uint nb = p.K / 32u;
    for (uint b = tid; b < nb; b += gl_WorkGroupSize.x) {
        BlockQ8 xb[NCOLS];
        for (uint c = 0u; c < NCOLS; ++c) xb[c] = xq[min(c, ncols - 1u) * p.x_stride + b];
        for (uint r = 0u; r < ROWS; ++r) {
            for (uint c = 0u; c < NCOLS; ++c) acc[r * NCOLS + c] += unit_dot(roff[r], b, xb[c]);
        }
    }
    reduce_and_store(acc);
}
