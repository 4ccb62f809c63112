#version 450
// Stores n rows of K or V (float, [n][width], width even) into the F16 cache at rows
// pos0 .. pos0+n-1 ([n_ctx][width] halves, two per word; KV_F32: floats).
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

layout(local_size_x_id = 0) in;

layout(std430, binding = 0) readonly buffer Src { vec2 src[]; };
layout(std430, binding = 1) writeonly buffer Cache { uint cache[]; };
layout(std430, binding = 2) readonly buffer Prm { uint params[]; };
layout(push_constant) uniform Params {
    uint width;  // floats per row
    uint n_tokens;
    uint n_ctx;
} p;

void main() {
    const uint half_w = p.width / 2;
    const uint id = gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * gl_WorkGroupSize.x;
    const uint t = id / half_w;
    if (t >= p.n_tokens || t >= params[PARAM_N]) return;
    const uint pos = params[PARAM_POS0] + t;
    if (pos >= p.n_ctx) return;
#ifdef KV_F32
    const uint at = 2 * (pos * half_w + id % half_w);
    cache[at] = floatBitsToUint(src[id].x);
    cache[at + 1] = floatBitsToUint(src[id].y);
#else
    cache[pos * half_w + id % half_w] = store_half2(src[id]);
#endif
}
