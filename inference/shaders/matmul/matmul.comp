#version 450
// Prefill: Y[n][m] = sum_k X[n][k] * W[m][k]. A workgroup of TM_T x TN_T threads computes a
// (TM_T*RM) x (TN_T*RN) tile of Y, walking K in steps of TK: it dequantizes the weight tile and
// copies the activation tile into shared memory, then each thread accumulates RM x RN outputs.
// Rows (M), vectors (N) and K need not be multiples of the tile sizes.

layout(local_size_x_id = 0) in;  // must equal TM_T * TN_T
layout(constant_id = 1) const uint TM_T = 16;
layout(constant_id = 2) const uint TN_T = 16;
layout(constant_id = 3) const uint RM = 4;
layout(constant_id = 4) const uint RN = 4;
layout(constant_id = 5) const uint TK = 32;  // multiple of 4
const uint TM = TM_T * RM;
const uint TN = TN_T * RN;
const uint LDS = TK + 1;  // padded row stride: threads of one tx column hit different banks

layout(std430, binding = 0) readonly buffer Weights { uint wdata[]; };
layout(std430, binding = 1) readonly buffer X { float xdata[]; };
layout(std430, binding = 2) writeonly buffer Y { float ydata[]; };

layout(push_constant) uniform Params {
    uint M;          // rows of W in this dispatch
    uint K;
    uint N;          // rows of X
    uint w_offset;   // byte offset of this dispatch's first row in the weight binding
    uint row_bytes;
    uint x_stride;   // floats between rows of X
    uint y_stride;   // floats between rows of Y
    uint y_offset;   // column of Y where this dispatch's first weight row lands
} p;

#include "mm_load.glsl"
#include "dequant.glsl"

shared float ws[TM * LDS];
shared float xs[TN * LDS];

void main() {
    uint tid = gl_LocalInvocationIndex;
    uint m0 = gl_WorkGroupID.x * TM;
    uint n0 = gl_WorkGroupID.y * TN;
    uint tx = tid % TM_T, ty = tid / TM_T;

    float acc[RM * RN];
    for (uint i = 0u; i < RM * RN; ++i) acc[i] = 0.0;

    for (uint k0 = 0u; k0 < p.K; k0 += TK) {
        for (uint g = tid; g < TM * (TK / 4u); g += gl_WorkGroupSize.x) {
            uint m = g / (TK / 4u), kq = g % (TK / 4u);
            uint k = k0 + kq * 4u;
            uint roff = p.w_offset + min(m0 + m, p.M - 1u) * p.row_bytes;
            vec4 v;
            if (k + 4u <= p.K) {
                v = dequant4(roff, k >> 2);
            } else {
                for (uint e = 0u; e < 4u; ++e) v[e] = (k + e < p.K) ? dequant1(roff, k + e) : 0.0;
            }
            for (uint e = 0u; e < 4u; ++e) ws[m * LDS + kq * 4u + e] = v[e];
        }
        for (uint g = tid; g < TN * TK; g += gl_WorkGroupSize.x) {
            uint n = g / TK, kk = g % TK;
            uint k = k0 + kk;
            xs[n * LDS + kk] = (n0 + n < p.N && k < p.K) ? xdata[(n0 + n) * p.x_stride + k] : 0.0;
        }
        barrier();
        for (uint kk = 0u; kk < TK; ++kk) {
            float a[RM];
            for (uint i = 0u; i < RM; ++i) a[i] = ws[(tx + i * TM_T) * LDS + kk];
            for (uint j = 0u; j < RN; ++j) {
                float b = xs[(ty + j * TN_T) * LDS + kk];
                for (uint i = 0u; i < RM; ++i) acc[j * RM + i] += a[i] * b;
            }
        }
        barrier();
    }

    for (uint j = 0u; j < RN; ++j) {
        uint n = n0 + ty + j * TN_T;
        if (n >= p.N) continue;
        for (uint i = 0u; i < RM; ++i) {
            uint m = m0 + tx + i * TM_T;
            if (m < p.M) ydata[n * p.y_stride + p.y_offset + m] = acc[j * RM + i];
        }
    }
}
