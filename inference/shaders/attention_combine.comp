#version 450
// Merges the split-K partials of attention.comp: with M = max_s m_s,
//   o = sum_s exp(m_s - M) acc_s / sum_s exp(m_s - M) l_s
// One workgroup per (head, token); empty splits (m = -inf) weigh nothing.
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

layout(local_size_x_id = 0) in;

layout(std430, binding = 0) readonly buffer Part { float part[]; };
layout(std430, binding = 1) writeonly buffer O { float o[]; };
layout(std430, binding = 2) readonly buffer Prm { uint params[]; };
layout(push_constant) uniform Params {
    uint n_heads;
    uint hd_v;
    uint o_stride;
    uint n_tokens;
    uint n_split;
} p;

void main() {
    const uint h = gl_WorkGroupID.x, t = gl_WorkGroupID.y;
    if (t >= p.n_tokens || t >= params[PARAM_N]) return;
    const uint stride = p.hd_v + 2;
    const uint base = (t * p.n_heads + h) * p.n_split * stride;
    float mx = -1.0 / 0.0;
    for (uint s = 0; s < p.n_split; ++s) mx = max(mx, part[base + s * stride]);
    float l = 0.0;
    for (uint s = 0; s < p.n_split; ++s) {
        const float ms = part[base + s * stride];
        if (ms > -1.0 / 0.0) l += exp(ms - mx) * part[base + s * stride + 1];
    }
    const float inv = l > 0.0 ? 1.0 / l : 0.0;
    for (uint d = gl_LocalInvocationID.x; d < p.hd_v; d += gl_WorkGroupSize.x) {
        float a = 0.0;
        for (uint s = 0; s < p.n_split; ++s) {
            const float ms = part[base + s * stride];
            if (ms > -1.0 / 0.0) a += exp(ms - mx) * part[base + s * stride + 2 + d];
        }
        o[t * p.o_stride + h * p.hd_v + d] = a * inv;
    }
}
