#version 450
// The k largest values of x[0..n) in order (ties: lower index first): result[2r] = index,
// result[2r+1] = value bits, for r < k; index 0xFFFFFFFF past n. One workgroup; round r is an
// argmax over the values that rank after round r-1's pick, so k stays small (a sampler's top-k).
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

layout(local_size_x_id = 0) in;
layout(constant_id = 0) const uint WG = 256;

layout(std430, binding = 0) readonly buffer X { float x[]; };
layout(std430, binding = 1) writeonly buffer O { uint result[]; };
layout(push_constant) uniform Params {
    uint n;
    uint k;
} p;

shared float best_v[WG];
shared uint best_i[WG];

const uint NONE = 0xFFFFFFFFu;

// a ranks before b: larger value, or equal value and lower index.
bool before(float av, uint ai, float bv, uint bi) {
    if (ai == NONE) return false;
    if (bi == NONE) return true;
    return av > bv || (av == bv && ai < bi);
}

void main() {
    const uint lid = gl_LocalInvocationID.x;
    float prev_v = 0.0;
    uint prev_i = NONE;  // nothing picked yet
    for (uint r = 0; r < p.k; ++r) {
        float bv = 0.0;
        uint bi = NONE;
        for (uint i = lid; i < p.n; i += WG) {
            const float v = x[i];
            if (prev_i != NONE && !before(prev_v, prev_i, v, i)) continue;  // already picked
            if (before(v, i, bv, bi)) { bv = v; bi = i; }
        }
        best_v[lid] = bv;
        best_i[lid] = bi;
        barrier();
        for (uint s = WG / 2; s > 0; s >>= 1) {
            if (lid < s && before(best_v[lid + s], best_i[lid + s], best_v[lid], best_i[lid])) {
                best_v[lid] = best_v[lid + s];
                best_i[lid] = best_i[lid + s];
            }
            barrier();
        }
        prev_v = best_v[0];
        prev_i = best_i[0];
        if (lid == 0) {
            result[2 * r] = prev_i;
            result[2 * r + 1] = floatBitsToUint(prev_v);
        }
        barrier();
        if (prev_i == NONE) {
            for (uint q = r + 1 + lid; q < p.k; q += WG) {
                result[2 * q] = NONE;
                result[2 * q + 1] = 0u;
            }
            return;
        }
    }
}
