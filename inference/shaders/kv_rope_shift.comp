#version 450
// Re-rotates cached keys after a context shift: rows [row0, row0+n_rows) of the K cache
// ([n_ctx][n_kv_heads][head_dim], F16 two per word, or float32 with KV_F32) move by `delta`
// positions, which for RoPE is one more rotation by delta * freq[i] (rotations compose).
// Each invocation owns whole 32-bit words, so F16 halves are never written by two invocations:
//   normal style: pair (2i, 2i+1) is one word;
//   NeoX: pairs (2j, 2j+n_rot/2) and (2j+1, 2j+1+n_rot/2) together own two words (n_rot % 4 == 0).
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

layout(local_size_x_id = 0) in;

layout(std430, binding = 0) buffer K { uint kc[]; };
layout(std430, binding = 1) readonly buffer Freq { float freq[]; };
layout(push_constant) uniform Params {
    uint n_heads;
    uint head_dim;
    uint n_rot;
    uint style;
    uint row0;
    uint n_rows;
    float delta;
} p;

#ifdef KV_F32
float load1(uint e) { return uintBitsToFloat(kc[e]); }
void store1(uint e, float v) { kc[e] = floatBitsToUint(v); }
#endif

void rotate(inout float a, inout float b, float theta) {
    const float c = cos(theta), s = sin(theta);
    const float x0 = a, x1 = b;
    a = x0 * c - x1 * s;
    b = x0 * s + x1 * c;
}

void main() {
    const uint per_head = p.style == 0 ? p.n_rot / 2 : p.n_rot / 4;
    const uint id = gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * gl_WorkGroupSize.x;
    const uint row = id / (p.n_heads * per_head);
    if (row >= p.n_rows) return;
    const uint head = (id / per_head) % p.n_heads;
    const uint j = id % per_head;
    const uint base = ((p.row0 + row) * p.n_heads + head) * p.head_dim;  // element index
    if (p.style == 0) {
        const uint e = base + 2 * j;
#ifdef KV_F32
        float a = load1(e), b = load1(e + 1);
        rotate(a, b, p.delta * freq[j]);
        store1(e, a);
        store1(e + 1, b);
#else
        vec2 v = load_half2(kc[e / 2]);
        rotate(v.x, v.y, p.delta * freq[j]);
        kc[e / 2] = store_half2(v);
#endif
    } else {
        const uint half_rot = p.n_rot / 2;
        const uint e0 = base + 2 * j, e1 = base + 2 * j + half_rot;
#ifdef KV_F32
        float a0 = load1(e0), a1 = load1(e0 + 1), b0 = load1(e1), b1 = load1(e1 + 1);
        rotate(a0, b0, p.delta * freq[2 * j]);
        rotate(a1, b1, p.delta * freq[2 * j + 1]);
        store1(e0, a0);
        store1(e0 + 1, a1);
        store1(e1, b0);
        store1(e1 + 1, b1);
#else
        vec2 a = load_half2(kc[e0 / 2]), b = load_half2(kc[e1 / 2]);
        rotate(a.x, b.x, p.delta * freq[2 * j]);
        rotate(a.y, b.y, p.delta * freq[2 * j + 1]);
        kc[e0 / 2] = store_half2(a);
        kc[e1 / 2] = store_half2(b);
#endif
    }
}
