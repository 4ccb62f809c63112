// One function per stage of a layer, in the recipe's order; record_forward strings them together.
#include "inference/vulkan/graph.h"

#include <string>

#include "inference/vulkan/activation_taps.h"
#include "inference/vulkan/kernels.h"

namespace hearth::vk {

namespace {

struct Rec {
    PipelineCache& cache;
    Sequence& seq;
    const MatmulConfig& mm;
    const arch::Model& m;
    const GpuWeights& w;
    const KvCache& kv;
    const Scratch& s;
    const GraphShape& shape;

    void mark(const char* op) {
        if (shape.profile) seq.timestamp(op);
    }
    Status linear(const WeightMatrix& wm, const BufferView& x, const BufferView& y, uint32_t n, const char* op) {
        auto st = record_linear(cache, seq, mm, wm, x, y, n, s.mm_scratch);
        if (st && shape.taps) st = record_tap(cache, seq, *shape.taps, wm, x, n);
        mark(op);
        return st;
    }
    Status norm(const BufferView& x, const BufferView& wt, const BufferView& o, uint32_t cols, uint32_t rows,
                const char* op) {
        auto st = record_rms_norm(cache, seq, x, wt, o, cols, rows, m.recipe.rms_eps);
        mark(op);
        return st;
    }

    Status attention_block(uint32_t il, uint32_t n);
    Status ffn_block(uint32_t il, uint32_t n);
    Status head(uint32_t n);
};

#define TRY(expr)                          \
    do {                                   \
        if (auto st_ = (expr); !st_) return st_; \
    } while (0)

Status Rec::attention_block(uint32_t il, uint32_t n) {
    const auto& hp = m.hp;
    const auto& r = m.recipe;
    const auto& L = w.layers[il];
    const uint32_t dim = hp.n_embd, nq = hp.n_embd_q(), nk = hp.n_embd_k_gqa(), nv = hp.n_embd_v_gqa();
    TRY(norm(s.x, L.attn_norm, s.h, dim, n, "attn_norm"));
    TRY(linear(L.wq, s.h, s.q, n, "wq"));
    TRY(linear(L.wk, s.h, s.k, n, "wk"));
    TRY(linear(L.wv, s.h, s.v, n, "wv"));
    if (r.qkv_bias) {
        TRY(record_add(cache, seq, s.q, L.bq, s.q, n * nq, nq));
        TRY(record_add(cache, seq, s.k, L.bk, s.k, n * nk, nk));
        TRY(record_add(cache, seq, s.v, L.bv, s.v, n * nv, nv));
        mark("qkv_bias");
    }
    if (r.qk_norm) {
        TRY(norm(s.q, L.q_norm, s.q, hp.head_dim_k, n * hp.n_head, "q_norm"));
        TRY(norm(s.k, L.k_norm, s.k, hp.head_dim_k, n * hp.n_head_kv, "k_norm"));
    }
    if (r.n_rot > 0) {
        const bool neox = r.rope_style == arch::RopeStyle::Neox;
        const auto n_rot = static_cast<uint32_t>(r.n_rot);
        TRY(record_rope(cache, seq, s.q, L.rope_freqs, s.params,
                        RopeArgs{n, uint32_t(hp.n_head), uint32_t(hp.head_dim_k), n_rot, neox, 0}));
        TRY(record_rope(cache, seq, s.k, L.rope_freqs, s.params,
                        RopeArgs{n, uint32_t(hp.n_head_kv), uint32_t(hp.head_dim_k), n_rot, neox, 0}));
        mark("rope");
    }
    TRY(record_kv_write(cache, seq, s.k, kv.k[il], s.params, nk, n, kv.n_ctx, kv.f32));
    TRY(record_kv_write(cache, seq, s.v, kv.v[il], s.params, nv, n, kv.n_ctx, kv.f32));
    mark("kv_write");
    AttentionArgs a;
    a.n_tokens = n;
    a.n_heads = hp.n_head;
    a.n_kv_heads = hp.n_head_kv;
    a.hd_k = hp.head_dim_k;
    a.hd_v = hp.head_dim_v;
    a.window = static_cast<uint32_t>(r.layers[il].sliding_window);
    // The CPU multiplies cos and sin by rope_attn_factor (YaRN, LongRoPE), scaling q and k each by
    // it; here the rope kernel does not, and the scores take the product instead.
    a.scale = r.attn_scale * r.layers[il].rope_attn_factor * r.layers[il].rope_attn_factor;
    a.softcap = r.attn_softcap;
    a.n_split = n == 1 ? shape.attn_split : 1;
    a.kv_f32 = kv.f32;
    TRY(record_attention(cache, seq, a, s.q, kv.k[il], kv.v[il], s.att, s.params, s.part));
    mark("attention");
    TRY(linear(L.wo, s.att, s.proj, n, "wo"));
    if (r.post_attn_norm) TRY(norm(s.proj, L.post_attn_norm, s.proj, dim, n, "post_attn_norm"));
    TRY(record_add(cache, seq, s.x, s.proj, s.x, n * dim, n * dim));
    mark("residual");
    return {};
}

Status Rec::ffn_block(uint32_t il, uint32_t n) {
    const auto& hp = m.hp;
    const auto& r = m.recipe;
    const auto& L = w.layers[il];
    const uint32_t dim = hp.n_embd, ff = hp.n_ff;
    TRY(norm(s.x, L.ffn_norm, s.h, dim, n, "ffn_norm"));
    TRY(linear(L.gate, s.h, s.gate, n, "ffn_gate"));
    TRY(linear(L.up, s.h, s.up, n, "ffn_up"));
    const GluAct act = r.activation == arch::Activation::SiluGlu ? GluAct::Silu : GluAct::GeluTanh;
    TRY(record_glu(cache, seq, s.gate, s.up, s.gate, n * ff, act));
    mark("glu");
    TRY(linear(L.down, s.gate, s.proj, n, "ffn_down"));
    if (r.post_ffn_norm) TRY(norm(s.proj, L.post_ffn_norm, s.proj, dim, n, "post_ffn_norm"));
    TRY(record_add(cache, seq, s.x, s.proj, s.x, n * dim, n * dim));
    mark("residual");
    return {};
}

Status Rec::head(uint32_t n) {
    const uint32_t dim = m.hp.n_embd, nv = m.hp.n_vocab;
    const uint32_t first = shape.head == Head::All ? 0 : n - 1, rows = n - first;
    const BufferView xs = s.x.sub(uint64_t(first) * dim * 4, uint64_t(rows) * dim * 4);
    const BufferView hs = s.h.sub(0, uint64_t(rows) * dim * 4);
    const BufferView lg = s.logits.sub(0, uint64_t(rows) * nv * 4);
    TRY(norm(xs, w.output_norm, hs, dim, rows, "output_norm"));
    TRY(linear(w.output, hs, lg, rows, "output"));
    if (m.recipe.final_softcap > 0) TRY(record_unary(cache, seq, lg, rows * nv, 1.0f, m.recipe.final_softcap));
    if (shape.head == Head::Last) TRY(record_argmax(cache, seq, lg, nv, s.argmax));
    mark("head");
    return {};
}

}  // namespace

Status record_forward(PipelineCache& cache, Sequence& seq, const MatmulConfig& mm, const arch::Model& model,
                      const GpuWeights& w, const KvCache& kv, const Scratch& s, const GraphShape& shape) {
    if (shape.n == 0 || shape.n > s.max_batch)
        return make_error("vulkan.bad_kernel_args", "Internal error: batch of " + std::to_string(shape.n) +
                                                        " tokens for a graph sized for " +
                                                        std::to_string(s.max_batch) + ".");
    Rec r{cache, seq, mm, model, w, kv, s, shape};
    TRY(record_get_rows(cache, seq, w.embedding, s.x, s.params, shape.n, model.recipe.embd_scale));
    r.mark("embedding");
    for (uint32_t il = 0; il < w.layers.size(); ++il) {
        TRY(r.attention_block(il, shape.n));
        TRY(r.ffn_block(il, shape.n));
    }
    if (shape.head != Head::None) TRY(r.head(shape.n));
    return {};
}

}  // namespace hearth::vk
