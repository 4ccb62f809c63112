#version 450
// Embedding lookup: o[t][i] = dequant(table[token_t])[i] * scale, for the rows of the table held
// by this part (rows row_begin .. row_begin+row_count-1; a table larger than one buffer binding
// comes in several parts, and each part's dispatch fills the tokens that fall in it). The table is
// stored as the file stores it (TYPE_<name> picks the dequantizer the matrix kernels use), so a
// quantized embedding takes its quantized size on the GPU. One thread per 4 elements of a row.
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

layout(local_size_x_id = 0) in;

layout(std430, binding = 0) readonly buffer Weights { uint wdata[]; };
layout(std430, binding = 1) writeonly buffer O { float o[]; };
layout(std430, binding = 2) readonly buffer Prm { uint params[]; };
layout(push_constant) uniform Params {
    uint ncols;
    uint n_tokens;
    uint row_begin;
    uint row_count;
    uint row_bytes;
    float scale;
} p;

#include "matmul/mm_load.glsl"
#include "matmul/dequant.glsl"

void main() {
    const uint t = gl_WorkGroupID.y;
    if (t >= p.n_tokens || t >= params[PARAM_N]) return;
    const uint token = params[PARAM_TOKENS + t];
    if (token < p.row_begin || token >= p.row_begin + p.row_count) return;
    const uint row_off = (token - p.row_begin) * p.row_bytes;
    const uint i4 = gl_GlobalInvocationID.x;
    const uint k = i4 * 4u;
    if (k >= p.ncols) return;
    const uint out0 = t * p.ncols + k;
    if (k + 4u <= p.ncols) {
        const vec4 v = dequant4(row_off, i4) * p.scale;
        o[out0] = v.x;
        o[out0 + 1u] = v.y;
        o[out0 + 2u] = v.z;
        o[out0 + 3u] = v.w;
    } else {
        // Only plain types have rows that are not a multiple of 4 long.
        for (uint j = k; j < p.ncols; ++j) o[t * p.ncols + j] = dequant1(row_off, j) * p.scale;
    }
}
