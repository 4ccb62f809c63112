#version 450
// Decode: y[n][m] = sum_k W[m][k] * x[n][k] for a few vectors n < NCOLS. One workgroup owns ROWS
// consecutive rows; its threads walk the row in runs of 32 elements (4 for plain types), so
// neighbouring threads read neighbouring weight blocks and each weight byte is read once.
#if defined(USE_SUBGROUP)
#extension GL_KHR_shader_subgroup_basic : require
#extension GL_KHR_shader_subgroup_arithmetic : require
#endif

layout(local_size_x_id = 0) in;
layout(constant_id = 1) const uint ROWS = 1;
layout(constant_id = 2) const uint NCOLS = 1;
const uint NOUT = ROWS * NCOLS;

layout(std430, binding = 0) readonly buffer Weights { uint wdata[]; };
#if defined(TYPE_F32) || defined(TYPE_F16) || defined(TYPE_BF16)
layout(std430, binding = 1) readonly buffer X { float xdata[]; };
#else
// Block types: K is a multiple of 32, so every x row is a whole number of vec4s.
layout(std430, binding = 1) readonly buffer X { vec4 xdata4[]; };
#endif
layout(std430, binding = 2) writeonly buffer Y { float ydata[]; };

layout(push_constant) uniform Params {
    uint M;          // rows in this dispatch
    uint K;          // row length
    uint N;          // vectors (<= NCOLS)
    uint w_offset;   // byte offset of this dispatch's first row in the weight binding
    uint row_bytes;  // bytes per weight row
    uint x_stride;   // floats between vectors of X
    uint y_stride;   // floats between vectors of Y
    uint y_offset;   // index in each Y vector of this dispatch's first row
} p;

#include "mm_load.glsl"
#include "dequant.glsl"

uint row0;

void store_out(uint o, float v) {
    uint r = o / NCOLS, c = o % NCOLS;
    if (row0 + r < p.M && c < p.N) ydata[c * p.y_stride + p.y_offset + row0 + r] = v;
}

#include "matvec_reduce.glsl"

void main() {
    uint wg = gl_WorkGroupID.y * gl_NumWorkGroups.x + gl_WorkGroupID.x;
    row0 = wg * ROWS;
    if (row0 >= p.M) return;  // whole workgroup: the grid is rounded up to a rectangle
    uint tid = gl_LocalInvocationIndex;

    float acc[NOUT];
    for (uint o = 0u; o < NOUT; ++o) acc[o] = 0.0;
    uint roff[ROWS];
    // Rows past M repeat the last row (reads stay in bounds, results are dropped).
    for (uint r = 0u; r < ROWS; ++r) roff[r] = p.w_offset + min(row0 + r, p.M - 1u) * p.row_bytes;
    uint ncols = min(p.N, NCOLS);

#if defined(HAS_DEQUANT32)
    // Block types: each thread takes whole runs of 32 elements (one Q4_0 block, one K-quant
    // sub-block), so scales are read once per 32 weights and quants in 16-byte loads.
    uint nu = p.K >> 5;
    uint xs4 = p.x_stride >> 2;
    for (uint u = tid; u < nu; u += gl_WorkGroupSize.x) {
        for (uint c = 0u; c < NCOLS; ++c) {
            uint xo = min(c, ncols - 1u) * xs4 + u * 8u;
            vec4 xv[8];
            for (uint i = 0u; i < 8u; ++i) xv[i] = xdata4[xo + i];
            for (uint r = 0u; r < ROWS; ++r) {
                vec4 w[8];
                dequant32(roff[r], u, w);
                vec4 s = w[0] * xv[0];
                for (uint i = 1u; i < 8u; ++i) s += w[i] * xv[i];
                acc[r * NCOLS + c] += (s.x + s.y) + (s.z + s.w);
            }
        }
    }
#else
    uint n4 = p.K >> 2;
    for (uint i4 = tid; i4 < n4; i4 += gl_WorkGroupSize.x) {
        vec4 xv[NCOLS];
        for (uint c = 0u; c < NCOLS; ++c) {
            uint xo = min(c, ncols - 1u) * p.x_stride + i4 * 4u;
            xv[c] = vec4(xdata[xo], xdata[xo + 1u], xdata[xo + 2u], xdata[xo + 3u]);
        }
        for (uint r = 0u; r < ROWS; ++r) {
            vec4 w = dequant4(roff[r], i4);
            for (uint c = 0u; c < NCOLS; ++c) acc[r * NCOLS + c] += dot(w, xv[c]);
        }
    }
    // Plain types may have rows that are not a multiple of 4 long.
    for (uint k = n4 * 4u + tid; k < p.K; k += gl_WorkGroupSize.x) {
        for (uint r = 0u; r < ROWS; ++r) {
            float w = dequant1(roff[r], k);
            for (uint c = 0u; c < NCOLS; ++c) acc[r * NCOLS + c] += w * xdata[min(c, ncols - 1u) * p.x_stride + k];
        }
    }
#endif
    reduce_and_store(acc);
}
