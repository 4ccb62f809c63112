#version 450
// Gated linear unit: o[t][i] = act(gate[t][i]) * up[t][i], i < n_ff.
//   act 0: SiLU (SwiGLU)        act 1: GELU, tanh approximation (GeGLU)
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

layout(local_size_x_id = 0) in;

layout(std430, binding = 0) readonly buffer G { float gate[]; };
layout(std430, binding = 1) readonly buffer U { float up[]; };
layout(std430, binding = 2) writeonly buffer O { float o[]; };
layout(push_constant) uniform Params {
    uint n;     // total elements: tokens * n_ff
    uint act;
} p;

void main() {
    const uint i = gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * gl_WorkGroupSize.x;
    if (i >= p.n) return;
    const float g = gate[i];
    float a;
    if (p.act == 0) {
        a = g / (1.0 + exp(-g));
    } else {
        const float k = 0.7978845608028654;
        a = 0.5 * g * (1.0 + tanh(k * (g + 0.044715 * g * g * g)));
    }
    o[i] = a * up[i];
}
