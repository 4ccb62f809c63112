#version 450
// o[r][i] = x[r][i] / sqrt(mean_i(x[r][i]^2) + eps) * (w[i] + w_offset), one workgroup per row.
// Rows of the whole residual stream (ncols = n_embd) or single heads (ncols = head_dim, for the
// per-head q/k norms). o may alias x.
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

layout(local_size_x_id = 0) in;
layout(constant_id = 0) const uint WG = 64;

layout(std430, binding = 0) readonly buffer X { float x[]; };
layout(std430, binding = 1) readonly buffer W { float w[]; };
layout(std430, binding = 2) buffer O { float o[]; };
layout(push_constant) uniform Params {
    uint ncols;
    uint nrows;
    float eps;
    float w_offset;   // 1.0 for weights stored as (w - 1); 0 otherwise
    uint has_weight;  // 0: plain normalisation
} p;

shared float partial[WG];

void main() {
    const uint row = gl_WorkGroupID.x + gl_WorkGroupID.y * 65535u;
    if (row >= p.nrows) return;
    const uint base = row * p.ncols;
    float s = 0.0;
    for (uint i = gl_LocalInvocationID.x; i < p.ncols; i += WG) s += x[base + i] * x[base + i];
    partial[gl_LocalInvocationID.x] = s;
    barrier();
    for (uint k = WG / 2; k > 0; k >>= 1) {
        if (gl_LocalInvocationID.x < k) partial[gl_LocalInvocationID.x] += partial[gl_LocalInvocationID.x + k];
        barrier();
    }
    const float scale = inversesqrt(partial[0] / float(p.ncols) + p.eps);
    for (uint i = gl_LocalInvocationID.x; i < p.ncols; i += WG) {
        const float wi = p.has_weight != 0 ? w[i] + p.w_offset : 1.0;
        o[base + i] = x[base + i] * scale * wi;
    }
}
