#version 450
// Prefill with integer dot products: Y[n][m] = sum_k X[n][k] * W[m][k] with X already quantized
// to BlockQ8 (quantize_q8.comp). Tiled like matmul.comp: a workgroup of TM_T x TN_T threads owns
// a (TM_T*RM) x (TN_T*RN) tile of Y and walks K in steps of TKB runs of 32. Each step decodes
// the weight tile to int8 words plus per-run coefficients (q8_unit.glsl) and copies the int8
// activation tile into shared memory; each thread then forms its RM x RN outputs with packed
// 4 x int8 dot products, applying the scales in float once per run of 32.
// M, N and K (a multiple of 32) need not be multiples of the tile sizes.
#extension GL_EXT_spirv_intrinsics : require

layout(local_size_x_id = 0) in;  // must equal TM_T * TN_T
layout(constant_id = 1) const uint TM_T = 16;
layout(constant_id = 2) const uint TN_T = 16;
layout(constant_id = 3) const uint RM = 4;
layout(constant_id = 4) const uint RN = 4;
layout(constant_id = 5) const uint TKB = 2;  // runs of 32 per K step
const uint TM = TM_T * RM;
const uint TN = TN_T * RN;
const uint LDW = TKB * 8u + 1u;  // padded words per tile row: threads of one tx column hit different banks

#include "q8_block.glsl"

layout(std430, binding = 0) readonly buffer Weights { uint wdata[]; };
layout(std430, binding = 1) readonly buffer XQ { BlockQ8 xq[]; };
layout(std430, binding = 2) writeonly buffer Y { float ydata[]; };

layout(push_constant) uniform Params {
    uint M;          // rows of W in this dispatch
    uint K;
    uint N;          // rows of X
    uint w_offset;   // byte offset of this dispatch's first row in the weight binding
    uint row_bytes;
    uint x_stride;   // BlockQ8 blocks between rows of XQ
    uint y_stride;   // floats between rows of Y
    uint y_offset;   // column of Y where this dispatch's first weight row lands
} p;

#include "sdot.glsl"
#include "mm_load.glsl"
#include "dequant.glsl"
#include "q8_unit.glsl"

shared uint wq_sh[TM * LDW];
shared vec4 wc_sh[TM * TKB];
shared uint xq_sh[TN * LDW];
shared vec4 xc_sh[TN * TKB];  // d, s, s_lo, s_hi

void main() {
    uint tid = gl_LocalInvocationIndex;
    uint m0 = gl_WorkGroupID.x * TM;
    uint n0 = gl_WorkGroupID.y * TN;
    uint tx = tid % TM_T, ty = tid / TM_T;

    float acc[RM * RN];
    for (uint i = 0u; i < RM * RN; ++i) acc[i] = 0.0;

    uint nb = p.K / 32u;
    for (uint b0 = 0u; b0 < nb; b0 += TKB) {
        // Runs past K decode as zero; rows past M repeat the last row (results are dropped).
        for (uint g = tid; g < TM * TKB; g += gl_WorkGroupSize.x) {
            uint m = g / TKB, kb = g % TKB;
            uvec4 q0 = uvec4(0u), q1 = uvec4(0u);
            vec4 c = vec4(0.0);
            if (b0 + kb < nb) unit_q8(p.w_offset + min(m0 + m, p.M - 1u) * p.row_bytes, b0 + kb, q0, q1, c);
            uint o = m * LDW + kb * 8u;
            for (uint i = 0u; i < 4u; ++i) {
                wq_sh[o + i] = q0[i];
                wq_sh[o + 4u + i] = q1[i];
            }
            wc_sh[m * TKB + kb] = c;
        }
        for (uint g = tid; g < TN * TKB; g += gl_WorkGroupSize.x) {
            uint n = g / TKB, kb = g % TKB;
            uint o = n * LDW + kb * 8u;
            if (n0 + n < p.N && b0 + kb < nb) {
                uint xi = (n0 + n) * p.x_stride + b0 + kb;
                for (uint i = 0u; i < 8u; ++i) xq_sh[o + i] = xq[xi].qs[i];
                xc_sh[n * TKB + kb] = vec4(xq[xi].d, xq[xi].s, xq[xi].s_lo, xq[xi].s_hi);
            } else {
                for (uint i = 0u; i < 8u; ++i) xq_sh[o + i] = 0u;
                xc_sh[n * TKB + kb] = vec4(0.0);
            }
        }
        barrier();
        for (uint kb = 0u; kb < TKB; ++kb) {
            int lo[RM * RN], hi[RM * RN];
            for (uint i = 0u; i < RM * RN; ++i) {
                lo[i] = 0;
                hi[i] = 0;
            }
            for (uint w = 0u; w < 4u; ++w) {
                uint a[RM], a2[RM];
                for (uint i = 0u; i < RM; ++i) {
                    uint o = (tx + i * TM_T) * LDW + kb * 8u + w;
                    a[i] = wq_sh[o];
                    a2[i] = wq_sh[o + 4u];
                }
                for (uint j = 0u; j < RN; ++j) {
                    uint o = (ty + j * TN_T) * LDW + kb * 8u + w;
                    uint b = xq_sh[o], b2 = xq_sh[o + 4u];
                    for (uint i = 0u; i < RM; ++i) {
                        lo[j * RM + i] += sdot4x8(a[i], b, 0);
                        hi[j * RM + i] += sdot4x8(a2[i], b2, 0);
                    }
                }
            }
            vec4 wc[RM];
            for (uint i = 0u; i < RM; ++i) wc[i] = wc_sh[(tx + i * TM_T) * TKB + kb];
            for (uint j = 0u; j < RN; ++j) {
                vec4 xc = xc_sh[(ty + j * TN_T) * TKB + kb];
                for (uint i = 0u; i < RM; ++i) {
                    uint o = j * RM + i;
#if defined(UNIT_SPLIT)
                    acc[o] += xc.x * (wc[i].x * float(lo[o]) + wc[i].y * float(hi[o])) + wc[i].z * xc.z +
                              wc[i].w * xc.w;
#else
                    acc[o] += xc.x * wc[i].x * float(lo[o] + hi[o]) + wc[i].z * xc.y;
#endif
                }
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
