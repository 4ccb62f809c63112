#version 450
// Activation tap (vulkan/activation_taps.h): adds each column's sum of squares over the rows of
// x to its slot, and the number of rows to the slot's count, so an importance matrix is summed
// on the device as the recorded graph replays. One invocation per column: no two write the same
// word, so plain adds suffice; taps of successive products are ordered by the sequence's barriers.
//   slot layout: sums[offset] = rows counted, sums[offset + 1 + c] = sum of x[r][c]^2
layout(local_size_x_id = 0) in;

layout(std430, binding = 0) readonly buffer X { float x[]; };
layout(std430, binding = 1) buffer Sums { float sums[]; };
layout(push_constant) uniform Params {
    uint n_rows;
    uint n_cols;
    uint offset;
} p;

void main() {
    const uint c = gl_GlobalInvocationID.x;
    if (c >= p.n_cols) return;
    // Rows summed first in a local, so the stored float sees one rounding per replay.
    float s = 0.0;
    for (uint r = 0; r < p.n_rows; ++r) {
        const float v = x[r * p.n_cols + c];
        s += v * v;
    }
    sums[p.offset + 1 + c] += s;
    if (c == 0) sums[p.offset] += float(p.n_rows);
}
