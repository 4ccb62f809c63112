#version 450
// Attention over the F16 KV cache, flash style: one workgroup per (head, query token, split),
// keys visited in tiles of WG with a running max and sum (online softmax), so no score matrix is
// ever stored and any context length fits.
//
//   s_j = softcap(q . k_j * scale, cap) for keys j in [begin, pos]; begin = pos+1-window with a
//   sliding window, else 0; GQA: head h reads KV head h / (n_heads / n_kv_heads).
//   o = sum_j softmax(s)_j v_j
//
// KV_F32: the cache holds float32 instead (the accuracy mode); the bindings stay uint words.
//
// Split-K (decode over long contexts): with n_split > 1 each split covers a slice of the keys
// and writes (max, sum, unnormalised o) to `part`; attention_combine.comp merges them.
#extension GL_GOOGLE_include_directive : require
#include "common.glsl"

layout(local_size_x_id = 0) in;
layout(constant_id = 0) const uint WG = 64;
const uint MAX_PAIRS = 4;      // output pairs per thread: head_dim_v <= 2 * 4 * WG
const uint MAX_HEAD_DIM = 512;

layout(std430, binding = 0) readonly buffer Q { float q[]; };
layout(std430, binding = 1) readonly buffer K { uint kc[]; };
layout(std430, binding = 2) readonly buffer V { uint vc[]; };
layout(std430, binding = 3) writeonly buffer O { float o[]; };
layout(std430, binding = 4) writeonly buffer Part { float part[]; };
layout(std430, binding = 5) readonly buffer Prm { uint params[]; };
layout(push_constant) uniform Params {
    uint n_heads;
    uint n_kv_heads;
    uint hd_k;
    uint hd_v;
    uint q_stride;   // floats between tokens in q
    uint o_stride;   // floats between tokens in o
    uint n_tokens;
    uint window;     // 0: full causal
    float scale;
    float cap;       // 0: no soft-capping
    uint n_split;
} p;

#ifdef KV_F32
#define LOAD_PAIR(buf, i) vec2(uintBitsToFloat(buf[2 * (i)]), uintBitsToFloat(buf[2 * (i) + 1]))
#else
#define LOAD_PAIR(buf, i) load_half2(buf[i])
#endif

shared float qs[MAX_HEAD_DIM];
shared float sc[WG];
shared float red[WG];

float reduce_max(float v) {
    const uint lid = gl_LocalInvocationID.x;
    red[lid] = v;
    barrier();
    for (uint k = WG / 2; k > 0; k >>= 1) {
        if (lid < k) red[lid] = max(red[lid], red[lid + k]);
        barrier();
    }
    const float r = red[0];
    barrier();
    return r;
}

float reduce_sum(float v) {
    const uint lid = gl_LocalInvocationID.x;
    red[lid] = v;
    barrier();
    for (uint k = WG / 2; k > 0; k >>= 1) {
        if (lid < k) red[lid] += red[lid + k];
        barrier();
    }
    const float r = red[0];
    barrier();
    return r;
}

void main() {
    const uint h = gl_WorkGroupID.x, t = gl_WorkGroupID.y, split = gl_WorkGroupID.z;
    const uint lid = gl_LocalInvocationID.x;
    if (t >= p.n_tokens || t >= params[PARAM_N]) return;
    const uint pos = params[PARAM_POS0] + t;
    const uint kv_end = pos + 1;
    const uint kv_begin = (p.window > 0 && pos + 1 > p.window) ? pos + 1 - p.window : 0;
    const uint per = (kv_end - kv_begin + p.n_split - 1) / p.n_split;
    const uint s_begin = min(kv_end, kv_begin + split * per);
    const uint s_end = min(kv_end, s_begin + per);
    const uint kvh = h / (p.n_heads / p.n_kv_heads);
    const uint k_row_words = p.n_kv_heads * p.hd_k / 2, v_row_words = p.n_kv_heads * p.hd_v / 2;  // pairs
    const uint k_off = kvh * p.hd_k / 2, v_off = kvh * p.hd_v / 2;

    for (uint i = lid; i < p.hd_k; i += WG) qs[i] = q[t * p.q_stride + h * p.hd_k + i];
    barrier();

    float m = -1.0 / 0.0, l = 0.0;
    vec2 acc[MAX_PAIRS];
    for (uint k = 0; k < MAX_PAIRS; ++k) acc[k] = vec2(0.0);
    const uint pairs = p.hd_v / 2;

    for (uint j0 = s_begin; j0 < s_end; j0 += WG) {
        const uint j = j0 + lid;
        float s = -1.0 / 0.0;
        if (j < s_end) {
            float d = 0.0;
            const uint kb = j * k_row_words + k_off;
            for (uint w = 0; w < p.hd_k / 2; ++w) {
                const vec2 kv = LOAD_PAIR(kc, kb + w);
                d += qs[2 * w] * kv.x + qs[2 * w + 1] * kv.y;
            }
            s = softcap(d * p.scale, p.cap);
        }
        const float m_new = max(m, reduce_max(s));
        const float e = j < s_end ? exp(s - m_new) : 0.0;
        sc[lid] = e;
        const float tile_sum = reduce_sum(e);  // its barriers also publish sc
        const float corr = exp(m - m_new);
        l = l * corr + tile_sum;
        const uint cnt = min(WG, s_end - j0);
        for (uint k = 0; k < MAX_PAIRS; ++k) {
            const uint d2 = lid + k * WG;
            if (d2 >= pairs) break;
            vec2 a = acc[k] * corr;
            for (uint jj = 0; jj < cnt; ++jj) a += sc[jj] * LOAD_PAIR(vc, (j0 + jj) * v_row_words + v_off + d2);
            acc[k] = a;
        }
        m = m_new;
        barrier();  // sc is rewritten by the next tile
    }

    if (p.n_split == 1) {
        const float inv = l > 0.0 ? 1.0 / l : 0.0;
        for (uint k = 0; k < MAX_PAIRS; ++k) {
            const uint d2 = lid + k * WG;
            if (d2 >= pairs) break;
            const uint ob = t * p.o_stride + h * p.hd_v + 2 * d2;
            o[ob] = acc[k].x * inv;
            o[ob + 1] = acc[k].y * inv;
        }
    } else {
        // part[((t * n_heads + h) * n_split + split) * (hd_v + 2) + ...] = max, sum, o[hd_v]
        const uint pb = ((t * p.n_heads + h) * p.n_split + split) * (p.hd_v + 2);
        if (lid == 0) {
            part[pb] = m;
            part[pb + 1] = l;
        }
        for (uint k = 0; k < MAX_PAIRS; ++k) {
            const uint d2 = lid + k * WG;
            if (d2 >= pairs) break;
            part[pb + 2 + 2 * d2] = acc[k].x;
            part[pb + 3 + 2 * d2] = acc[k].y;
        }
    }
}
