#version 450
// Row softmax in place, one workgroup per row: x[r][i] = exp(x[r][i] * scale - max) / sum.
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

layout(local_size_x_id = 0) in;
layout(constant_id = 0) const uint WG = 64;

layout(std430, binding = 0) buffer X { float x[]; };
layout(push_constant) uniform Params {
    uint ncols;
    uint nrows;
    float scale;
} p;

shared float red[WG];

void main() {
    const uint row = gl_WorkGroupID.x;
    if (row >= p.nrows) return;
    const uint base = row * p.ncols;
    const uint lid = gl_LocalInvocationID.x;
    float m = -1.0 / 0.0;
    for (uint i = lid; i < p.ncols; i += WG) m = max(m, x[base + i] * p.scale);
    red[lid] = m;
    barrier();
    for (uint k = WG / 2; k > 0; k >>= 1) {
        if (lid < k) red[lid] = max(red[lid], red[lid + k]);
        barrier();
    }
    m = red[0];
    barrier();
    float s = 0.0;
    for (uint i = lid; i < p.ncols; i += WG) {
        const float e = exp(x[base + i] * p.scale - m);
        x[base + i] = e;
        s += e;
    }
    red[lid] = s;
    barrier();
    for (uint k = WG / 2; k > 0; k >>= 1) {
        if (lid < k) red[lid] += red[lid + k];
        barrier();
    }
    const float inv = 1.0 / red[0];
    for (uint i = lid; i < p.ncols; i += WG) x[base + i] *= inv;
}
