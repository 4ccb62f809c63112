#version 450
// Writes value + index into every element: the smallest kernel that proves a device runs
// compute shaders and returns correct results (used by the device self-check).
layout(local_size_x_id = 0) in;
layout(std430, binding = 0) writeonly buffer Out { uint data[]; };
layout(push_constant) uniform Params { uint n; uint value; } p;

void main() {
    uint i = gl_GlobalInvocationID.x;
    if (i < p.n) data[i] = p.value + i;
}
