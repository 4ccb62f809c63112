#version 450
// Attention for a batch of query tokens (prefill), tiled over queries as well as keys.
//
// attention.comp gives every (head, query token) its own workgroup, so each query re-reads every
// key and value of its head: K/V traffic grows with n_tokens x context. Here one workgroup takes
// one KV head and a block of BR query rows, where the rows of a KV head are its (token, query
// head) pairs in the order t * G + g (G = n_heads / n_kv_heads): under GQA the query heads that
// share a KV head also share its tiles, and G need not divide BR. Keys and values are brought
// into shared memory BC rows at a time, converted to float once, and used by all BR rows.
//
// One thread per row: it keeps its query and its output in registers and walks the tile's keys
// in step with the others, so every shared-memory read is the same address for the whole
// workgroup (a broadcast: no bank conflicts on GPUs, no gathers on CPU drivers such as
// lavapipe), and the online softmax (running max and sum) needs no reduction across threads.
//
// Per row, as in attention.comp: s_j = softcap(q . k_j * scale, cap) for keys j in [begin, pos]
// (begin = pos+1-window with a sliding window, else 0), o = sum_j softmax(s)_j v_j.
// Head sizes are specialisation constants; rows are stored as vec4, zero-padded past the head size.
//
// KV_F32: the cache holds float32 instead of F16; the bindings stay uint words.
// CPU_DRIVER: the variant for CPU drivers, with rolled loops (see LOOP).
#extension GL_GOOGLE_include_directive : require
#extension GL_EXT_control_flow_attributes : require
#include "common.glsl"

layout(local_size_x_id = 0) in;
layout(constant_id = 0) const uint BR = 64;   // query rows per workgroup = threads
layout(constant_id = 1) const uint BC = 16;   // keys per tile
layout(constant_id = 2) const uint HDK = 64;  // even
layout(constant_id = 3) const uint HDV = 64;  // even
const uint K4 = (HDK + 3) / 4, V4 = (HDV + 3) / 4;

#ifdef CPU_DRIVER
// lavapipe compiles each barrier into a coroutine split that saves every value live across
// it; with all loops unrolled, qv, acc and s become hundreds of such values and one pipeline
// takes minutes to build. The loops marked LOOP stay rolled, which keeps those arrays in
// (stack) memory, cheap on a CPU; the INNER loops over one key's vec4s are left to the compiler.
#define LOOP [[dont_unroll]]
#define INNER
#else
// A GPU keeps qv, acc and s in registers only when every index is a constant.
#define LOOP [[unroll]]
#define INNER [[unroll]]
#endif

layout(std430, binding = 0) readonly buffer Q { float q[]; };
layout(std430, binding = 1) readonly buffer K { uint kc[]; };
layout(std430, binding = 2) readonly buffer V { uint vc[]; };
layout(std430, binding = 3) writeonly buffer O { float o[]; };
layout(std430, binding = 4) readonly buffer Prm { uint params[]; };
layout(push_constant) uniform Params {
    uint n_heads;
    uint n_kv_heads;
    uint q_stride;   // floats between tokens in q
    uint o_stride;   // floats between tokens in o
    uint n_tokens;   // the batch the dispatch was recorded for (params[PARAM_N] may be fewer)
    uint window;     // 0: full causal
    float scale;
    float cap;       // 0: no soft-capping
} p;

#ifdef KV_F32
#define LOAD_PAIR(buf, i) vec2(uintBitsToFloat(buf[2 * (i)]), uintBitsToFloat(buf[2 * (i) + 1]))
#else
#define LOAD_PAIR(buf, i) load_half2(buf[i])
#endif

shared vec4 Ks[BC * K4];
shared vec4 Vs[BC * V4];

const float NEG_INF = -1.0 / 0.0;

uint row_begin(uint pos) { return (p.window > 0 && pos + 1 > p.window) ? pos + 1 - p.window : 0; }

// Pairs (2i, 2i+1) of a row of `n` values land in vec4 i/2, half i%2; a row's last vec4 is
// zero past n (n is even, so only a whole half can be missing).
void load_tile(uint j0, uint cnt, uint n, uint n4, uint row_words, uint off, bool is_k) {
    for (uint w = gl_LocalInvocationID.x; w < BC * n4 * 2; w += BR) {
        const uint jj = w / (n4 * 2), pr = w % (n4 * 2);
        vec2 x = vec2(0.0);
        if (jj < cnt && pr < n / 2) x = is_k ? LOAD_PAIR(kc, (j0 + jj) * row_words + off + pr)
                                             : LOAD_PAIR(vc, (j0 + jj) * row_words + off + pr);
        const uint at = jj * n4 + pr / 2;
        if (is_k) {
            if (pr % 2 == 0) Ks[at].xy = x; else Ks[at].zw = x;
        } else {
            if (pr % 2 == 0) Vs[at].xy = x; else Vs[at].zw = x;
        }
    }
}

void main() {
    const uint kvh = gl_WorkGroupID.x, row0 = gl_WorkGroupID.y * BR;
    const uint G = p.n_heads / p.n_kv_heads;
    const uint rows_total = min(p.n_tokens, params[PARAM_N]) * G;
    if (row0 >= rows_total) return;  // the whole workgroup: the batch is shorter this time
    const uint pos0 = params[PARAM_POS0];
    const uint t_first = row0 / G, t_last = (min(row0 + BR, rows_total) - 1) / G;
    // Keys any row of the block needs: from the first token's window start to the last token.
    const uint kv_begin = row_begin(pos0 + t_first), kv_end = pos0 + t_last + 1;

    const uint row = row0 + gl_LocalInvocationID.x;
    const bool live = row < rows_total;
    const uint t = live ? row / G : t_last;
    const uint h = kvh * G + row % G;
    const uint pos = pos0 + t;
    const uint my_begin = row_begin(pos), my_end = live ? pos + 1 : 0;

    vec4 qv[K4];
    LOOP for (uint i = 0; i < K4; ++i) {
        vec4 x = vec4(0.0);
        if (live) {
            const uint b = t * p.q_stride + h * HDK + 4 * i;
            x.xy = vec2(q[b], q[b + 1]);
            if (4 * i + 2 < HDK) x.zw = vec2(q[b + 2], q[b + 3]);
        }
        qv[i] = x;
    }
    vec4 acc[V4];
    LOOP for (uint i = 0; i < V4; ++i) acc[i] = vec4(0.0);
    float m = NEG_INF, l = 0.0;

    const uint k_row_words = p.n_kv_heads * HDK / 2, v_row_words = p.n_kv_heads * HDV / 2;  // pairs
    for (uint j0 = kv_begin; j0 < kv_end; j0 += BC) {
        const uint cnt = min(BC, kv_end - j0);
        // Rows past cnt are zero, not garbage: they meet a zero weight below, and 0 * NaN is NaN.
        load_tile(j0, cnt, HDK, K4, k_row_words, kvh * HDK / 2, true);
        load_tile(j0, cnt, HDV, V4, v_row_words, kvh * HDV / 2, false);
        barrier();

        float s[BC];
        float m_new = m;
        LOOP for (uint k = 0; k < BC; ++k) {
            float d = 0.0;
            INNER for (uint i = 0; i < K4; ++i) d += dot(qv[i], Ks[k * K4 + i]);
            const uint j = j0 + k;
            s[k] = (j >= my_begin && j < my_end && k < cnt) ? softcap(d * p.scale, p.cap) : NEG_INF;
            m_new = max(m_new, s[k]);
        }
        // m_new = -inf: no key of this row seen yet; every weight so far is zero.
        if (m_new > NEG_INF) {
            const float corr = exp(m - m_new);
            l *= corr;
            INNER for (uint i = 0; i < V4; ++i) acc[i] *= corr;
            LOOP for (uint k = 0; k < BC; ++k) {
                const float e = exp(s[k] - m_new);
                l += e;
                INNER for (uint i = 0; i < V4; ++i) acc[i] += e * Vs[k * V4 + i];
            }
            m = m_new;
        }
        barrier();  // the next tile overwrites Ks and Vs
    }

    if (!live) return;
    const float inv = l > 0.0 ? 1.0 / l : 0.0;
    const uint ob = t * p.o_stride + h * HDV;
    LOOP for (uint i = 0; i < V4; ++i) {
        const vec4 x = acc[i] * inv;
        o[ob + 4 * i] = x.x;
        o[ob + 4 * i + 1] = x.y;
        if (4 * i + 2 < HDV) {
            o[ob + 4 * i + 2] = x.z;
            o[ob + 4 * i + 3] = x.w;
        }
    }
}
