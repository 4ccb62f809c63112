#version 450
// In place on x[0..n): x = softcap(x * scale, cap). scale only: cap = 0.
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

layout(local_size_x_id = 0) in;

layout(std430, binding = 0) buffer X { float x[]; };
layout(push_constant) uniform Params {
    uint n;
    float scale;
    float cap;
} p;

void main() {
    const uint i = gl_GlobalInvocationID.x + gl_GlobalInvocationID.y * gl_NumWorkGroups.x * gl_WorkGroupSize.x;
    if (i >= p.n) return;
    x[i] = softcap(x[i] * p.scale, p.cap);
}
