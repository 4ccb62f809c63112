#version 450
// The log-sum-exp of x[0..n) in two numbers: result[0] = bits of m = max x, result[1] = bits of
// sum_i exp(x[i] - m), so the host forms m + log(sum) in double. Subtracting the max first keeps
// every term in [0, 1]. One workgroup: the sampler needs it once per token, like argmax.
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

layout(local_size_x_id = 0) in;
layout(constant_id = 0) const uint WG = 256;

layout(std430, binding = 0) readonly buffer X { float x[]; };
layout(std430, binding = 1) writeonly buffer O { uint result[]; };
layout(push_constant) uniform Params { uint n; } p;

shared float red[WG];

void main() {
    const uint lid = gl_LocalInvocationID.x;
    float m = -1.0 / 0.0;
    for (uint i = lid; i < p.n; i += WG) m = max(m, x[i]);
    red[lid] = m;
    barrier();
    for (uint s = WG / 2; s > 0; s >>= 1) {
        if (lid < s) red[lid] = max(red[lid], red[lid + s]);
        barrier();
    }
    m = red[0];
    barrier();

    float sum = 0.0;
    for (uint i = lid; i < p.n; i += WG) sum += exp(x[i] - m);
    red[lid] = sum;
    barrier();
    for (uint s = WG / 2; s > 0; s >>= 1) {
        if (lid < s) red[lid] += red[lid + s];
        barrier();
    }
    if (lid == 0) {
        result[0] = floatBitsToUint(m);
        result[1] = floatBitsToUint(red[0]);
    }
}
