#version 450
// Embedding lookup: o[t][i] = table[token_t][i] * scale, for the rows of the table held by this
// part (rows row_begin .. row_begin+row_count-1; a table larger than one buffer binding comes in
// several parts, and each part's dispatch fills the tokens that fall in it).
//   TYPE_F16: the table is F16, two per word; otherwise F32.
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

layout(local_size_x_id = 0) in;

#ifdef TYPE_F16
layout(std430, binding = 0) readonly buffer Table { uint table[]; };
#else
layout(std430, binding = 0) readonly buffer Table { float table[]; };
#endif
layout(std430, binding = 1) writeonly buffer O { float o[]; };
layout(std430, binding = 2) readonly buffer Prm { uint params[]; };
layout(push_constant) uniform Params {
    uint ncols;
    uint n_tokens;
    uint row_begin;
    uint row_count;
    float scale;
} p;

void main() {
    const uint t = gl_WorkGroupID.y;
    if (t >= p.n_tokens || t >= params[PARAM_N]) return;
    const uint token = params[PARAM_TOKENS + t];
    if (token < p.row_begin || token >= p.row_begin + p.row_count) return;
    const uint row = token - p.row_begin;
    const uint i = gl_GlobalInvocationID.x;
    if (i >= p.ncols) return;
#ifdef TYPE_F16
    const vec2 v = load_half2(table[(row * p.ncols + i) / 2]);
    const float val = ((i & 1u) == 0u) ? v.x : v.y;
#else
    const float val = table[row * p.ncols + i];
#endif
    o[t * p.ncols + i] = val * p.scale;
}
