#version 450
// Greedy pick on the GPU: out[0] = index of the largest x[i] (the first one on ties), out[1] =
// its value's bits. One workgroup, so decode reads back 8 bytes instead of the vocabulary.
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

layout(local_size_x_id = 0) in;
layout(constant_id = 0) const uint WG = 256;

layout(std430, binding = 0) readonly buffer X { float x[]; };
layout(std430, binding = 1) writeonly buffer O { uint result[]; };
layout(push_constant) uniform Params { uint n; } p;

shared float best_v[WG];
shared uint best_i[WG];

void main() {
    const uint lid = gl_LocalInvocationID.x;
    float bv = -1.0 / 0.0;
    uint bi = 0xFFFFFFFFu;
    for (uint i = lid; i < p.n; i += WG) {
        const float v = x[i];
        if (v > bv || bi == 0xFFFFFFFFu) { bv = v; bi = i; }
    }
    best_v[lid] = bv;
    best_i[lid] = bi;
    barrier();
    for (uint k = WG / 2; k > 0; k >>= 1) {
        if (lid < k) {
            const float ov = best_v[lid + k];
            const uint oi = best_i[lid + k];
            if (oi != 0xFFFFFFFFu &&
                (best_i[lid] == 0xFFFFFFFFu || ov > best_v[lid] || (ov == best_v[lid] && oi < best_i[lid]))) {
                best_v[lid] = ov;
                best_i[lid] = oi;
            }
        }
        barrier();
    }
    if (lid == 0) {
        result[0] = best_i[0];
        result[1] = floatBitsToUint(best_v[0]);
    }
}
