#version 450
// Rotary position embedding, in place, on x = [n tokens][n_heads][head_dim] (row stride
// `token_stride` floats). Pair i of a head rotates by theta = (pos0 + t) * freq[i], where the host
// computed freq[i] = freq_scale * base^(-2i/n_rot) / factor_i in double precision.
//   style 0 (normal): pairs (2i, 2i+1)      style 1 (NeoX): pairs (i, i + n_rot/2)
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

layout(local_size_x_id = 0) in;

layout(std430, binding = 0) buffer X { float x[]; };
layout(std430, binding = 1) readonly buffer Freq { float freq[]; };
layout(std430, binding = 2) readonly buffer Prm { uint params[]; };
layout(push_constant) uniform Params {
    uint n_heads;
    uint head_dim;
    uint n_rot;
    uint style;
    uint token_stride;
    uint n_tokens;  // batch rows recorded; rows >= params[N] are skipped
} p;

void main() {
    const uint half_rot = p.n_rot / 2;
    const uint id = gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * gl_WorkGroupSize.x;
    const uint per_token = p.n_heads * half_rot;
    const uint t = id / per_token;
    if (t >= p.n_tokens || t >= params[PARAM_N]) return;
    const uint head = (id % per_token) / half_rot;
    const uint i = id % half_rot;
    const float theta = float(params[PARAM_POS0] + t) * freq[i];
    const float c = cos(theta), s = sin(theta);
    const uint base = t * p.token_stride + head * p.head_dim;
    const uint ia = p.style == 0 ? base + 2 * i : base + i;
    const uint ib = p.style == 0 ? base + 2 * i + 1 : base + i + half_rot;
    const float x0 = x[ia], x1 = x[ib];
    x[ia] = x0 * c - x1 * s;
    x[ib] = x0 * s + x1 * c;
}
