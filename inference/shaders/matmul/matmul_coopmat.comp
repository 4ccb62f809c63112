#version 450
// Prefill with cooperative matrices (VK_NV_cooperative_matrix): Y[n][m] = sum_k X[n][k] * W[m][k].
//
// A workgroup is 4 subgroups and computes a 64 x 64 tile of Y (64 vectors x 64 weight rows); each
// subgroup owns a 32 x 32 quarter as (32/FM) x (32/FN) accumulator fragments. K advances in steps
// of 32: the weight tile is dequantized (same dequantizers as matmul.comp) and the activation tile
// copied into shared memory as float16, then each subgroup multiplies FM x FK fragments of X by
// FK x FN fragments of W^T, accumulating in float32.
//
// In coopmat terms C = A * B with A = X tile (row-major, rows are vectors) and B = W^T (the
// weight tile is stored one weight row after the other, so B is column-major).
//
// Edges: rows past M read the last row (their outputs are never stored), vectors past N and K
// past the end are zeros. Fragments that lie wholly inside Y are stored straight into it when
// p.direct_store says the addresses are aligned enough; the others go through a per-subgroup
// staging area in shared memory and are written element by element with bounds checks.
//
// COOPMAT_EMULATE=1 builds the same kernel with the fragment operations written out in plain
// code (same shared-memory layout, offsets and float16 rounding), so devices without cooperative
// matrices (lavapipe in CI) can test the tiling, the conversions and the edge handling.
#extension GL_GOOGLE_include_directive : require
#extension GL_KHR_shader_subgroup_basic : require
#if !COOPMAT_EMULATE
#extension GL_EXT_shader_explicit_arithmetic_types_float16 : require
#extension GL_KHR_memory_scope_semantics : require
#extension GL_NV_cooperative_matrix : require
#endif

layout(local_size_x_id = 0) in;              // 4 * SG
layout(constant_id = 1) const uint FM = 16;  // fragment rows (vectors)
layout(constant_id = 2) const uint FN = 16;  // fragment columns (weight rows)
layout(constant_id = 3) const uint FK = 16;  // fragment depth
layout(constant_id = 4) const uint SG = 32;  // subgroup size

const uint ST = 32u;       // subgroup tile edge
const uint BT = 64u;       // workgroup tile edge: 2 x 2 subgroup tiles
const uint TK = 32u;       // K step
const uint LDS = TK + 8u;  // row stride in halves: 80 bytes keeps rows 16-byte aligned, skews banks
const uint FR = ST / FM;   // fragments per subgroup tile, down
const uint FC = ST / FN;   // ... and across
const uint FE = FM * FN;   // elements per accumulator fragment

layout(std430, binding = 0) readonly buffer Weights { uint wdata[]; };
layout(std430, binding = 1) readonly buffer X { float xdata[]; };
layout(std430, binding = 2) writeonly buffer Y { float ydata[]; };

layout(push_constant) uniform Params {
    uint M;             // rows of W in this dispatch
    uint K;
    uint N;             // rows of X
    uint w_offset;      // byte offset of this dispatch's first row in the weight binding
    uint row_bytes;
    uint x_stride;      // floats between rows of X
    uint y_stride;      // floats between rows of Y
    uint y_offset;      // column of Y where this dispatch's first weight row lands
    uint direct_store;  // 1: y_stride and y_offset are multiples of 4 and Y starts 16-byte aligned
} p;

#include "mm_load.glsl"
#include "dequant.glsl"

#if COOPMAT_EMULATE
// float16 values held in float, rounded exactly as a float16 store would round them.
#define SH_T float
float to_sh(float v) { return unpackHalf2x16(packHalf2x16(vec2(clamp(v, -65504.0, 65504.0), 0.0))).x; }
#else
#define SH_T float16_t
// Clamped: an activation past the float16 range becomes its largest value rather than infinity.
float16_t to_sh(float v) { return float16_t(clamp(v, -65504.0, 65504.0)); }
#endif

shared SH_T ws[BT * LDS];       // weight tile: row m at m * LDS
shared SH_T xs[BT * LDS];       // activation tile: vector n at n * LDS
shared float stage[4u * FE];    // one accumulator fragment per subgroup, row-major

// First element of A fragment i (rows sn + i*FM) and B fragment j (weight rows sm + j*FN) at kk.
uint a_elem(uint sn, uint i, uint kk) { return (sn + i * FM) * LDS + kk; }
uint b_elem(uint sm, uint j, uint kk) { return (sm + j * FN) * LDS + kk; }

void load_tiles(uint m0, uint n0, uint k0) {
    uint tid = gl_LocalInvocationIndex;
    for (uint g = tid; g < BT * (TK / 4u); g += gl_WorkGroupSize.x) {
        uint m = g / (TK / 4u), kq = g % (TK / 4u);
        uint k = k0 + kq * 4u;
        uint roff = p.w_offset + min(m0 + m, p.M - 1u) * p.row_bytes;
        vec4 v;
        if (k + 4u <= p.K) {
            v = dequant4(roff, k >> 2);
        } else {
            for (uint e = 0u; e < 4u; ++e) v[e] = (k + e < p.K) ? dequant1(roff, k + e) : 0.0;
        }
        for (uint e = 0u; e < 4u; ++e) ws[m * LDS + kq * 4u + e] = to_sh(v[e]);
    }
    for (uint g = tid; g < BT * (TK / 4u); g += gl_WorkGroupSize.x) {
        uint n = g / (TK / 4u), kq = g % (TK / 4u);
        uint k = k0 + kq * 4u;
        uint base = (n0 + n) * p.x_stride + k;
        for (uint e = 0u; e < 4u; ++e)
            xs[n * LDS + kq * 4u + e] = to_sh((n0 + n < p.N && k + e < p.K) ? xdata[base + e] : 0.0);
    }
}

// Writes the fragment now in this subgroup's staging area to Y[n][m] (n, m: its first element),
// skipping what lies outside Y.
void copy_out(uint sg, uint n, uint m) {
    subgroupMemoryBarrierShared();
    subgroupBarrier();
    for (uint e = gl_SubgroupInvocationID; e < FE; e += gl_SubgroupSize) {
        uint r = e / FN, c = e % FN;
        if (n + r < p.N && m + c < p.M) ydata[(n + r) * p.y_stride + p.y_offset + m + c] = stage[sg * FE + e];
    }
    subgroupBarrier();  // the staging area is reused for the next fragment
}

#if !COOPMAT_EMULATE

void main() {
    uint m0 = gl_WorkGroupID.x * BT, n0 = gl_WorkGroupID.y * BT;
    uint sg = gl_SubgroupID;
    uint sn = (sg >> 1) * ST, sm = (sg & 1u) * ST;

    fcoopmatNV<32, gl_ScopeSubgroup, FM, FN> acc[FR * FC];
    for (uint f = 0u; f < FR * FC; ++f) acc[f] = fcoopmatNV<32, gl_ScopeSubgroup, FM, FN>(0.0);

    for (uint k0 = 0u; k0 < p.K; k0 += TK) {
        load_tiles(m0, n0, k0);
        barrier();
        for (uint kk = 0u; kk < TK; kk += FK) {
            fcoopmatNV<16, gl_ScopeSubgroup, FM, FK> a[FR];
            fcoopmatNV<16, gl_ScopeSubgroup, FK, FN> b[FC];
            for (uint i = 0u; i < FR; ++i) coopMatLoadNV(a[i], xs, a_elem(sn, i, kk), LDS, false);
            for (uint j = 0u; j < FC; ++j) coopMatLoadNV(b[j], ws, b_elem(sm, j, kk), LDS, true);
            for (uint i = 0u; i < FR; ++i)
                for (uint j = 0u; j < FC; ++j) acc[i * FC + j] = coopMatMulAddNV(a[i], b[j], acc[i * FC + j]);
        }
        barrier();
    }

    for (uint i = 0u; i < FR; ++i) {
        for (uint j = 0u; j < FC; ++j) {
            uint n = n0 + sn + i * FM, m = m0 + sm + j * FN;
            if (p.direct_store != 0u && n + FM <= p.N && m + FN <= p.M) {
                coopMatStoreNV(acc[i * FC + j], ydata, n * p.y_stride + p.y_offset + m, p.y_stride, false);
            } else {
                coopMatStoreNV(acc[i * FC + j], stage, sg * FE, FN, false);
                copy_out(sg, n, m);
            }
        }
    }
}

#else  // COOPMAT_EMULATE

// Element e of a fragment lives in invocation e % SG, slot e / SG.
const uint EPI = FE / SG;

void main() {
    uint m0 = gl_WorkGroupID.x * BT, n0 = gl_WorkGroupID.y * BT;
    uint sg = gl_SubgroupID, lane = gl_SubgroupInvocationID;
    uint sn = (sg >> 1) * ST, sm = (sg & 1u) * ST;

    float acc[FR * FC * EPI];
    for (uint f = 0u; f < FR * FC * EPI; ++f) acc[f] = 0.0;

    for (uint k0 = 0u; k0 < p.K; k0 += TK) {
        load_tiles(m0, n0, k0);
        barrier();
        for (uint kk = 0u; kk < TK; kk += FK) {
            for (uint i = 0u; i < FR; ++i) {
                for (uint j = 0u; j < FC; ++j) {
                    uint a0 = a_elem(sn, i, kk), b0 = b_elem(sm, j, kk);
                    for (uint s = 0u; s < EPI; ++s) {
                        uint e = s * SG + lane, r = e / FN, c = e % FN;
                        float sum = 0.0;
                        // A row-major: (r, t) at a0 + r*LDS + t; B column-major: (t, c) at b0 + c*LDS + t.
                        for (uint t = 0u; t < FK; ++t) sum += xs[a0 + r * LDS + t] * ws[b0 + c * LDS + t];
                        acc[(i * FC + j) * EPI + s] += sum;
                    }
                }
            }
        }
        barrier();
    }

    for (uint i = 0u; i < FR; ++i) {
        for (uint j = 0u; j < FC; ++j) {
            uint n = n0 + sn + i * FM, m = m0 + sm + j * FN;
            if (p.direct_store != 0u && n + FM <= p.N && m + FN <= p.M) {
                for (uint s = 0u; s < EPI; ++s) {
                    uint e = s * SG + lane, r = e / FN, c = e % FN;
                    ydata[(n + r) * p.y_stride + p.y_offset + m + c] = acc[(i * FC + j) * EPI + s];
                }
            } else {
                for (uint s = 0u; s < EPI; ++s) stage[sg * FE + s * SG + lane] = acc[(i * FC + j) * EPI + s];
                copy_out(sg, n, m);
            }
        }
    }
}

#endif
