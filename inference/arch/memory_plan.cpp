#include "inference/arch/memory_plan.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "base/align.h"
#include "inference/arch/recipe.h"

namespace hearth::arch {

// ---- BlockPacker ----

BlockPacker::Placement BlockPacker::place(uint64_t size, uint64_t align) {
    const uint64_t a = std::max(align, align_);
    size = std::max<uint64_t>(size, 4);
    for (size_t i = 0; i < blocks_.size(); ++i) {
        Block& b = blocks_[i];
        const uint64_t at = align_up(b.top, a);
        if (at + size <= b.size) {
            b.top = at + size;
            used_ += align_up(size, a);
            return Placement{i, at, 0};
        }
    }
    // A new block: what is still expected (so a planned arena ends in a block of exactly what is
    // left), else the doubling size; never below the range, never above the cap unless the range is.
    const uint64_t want = std::max<uint64_t>(expected_ > used_ ? expected_ - used_ : next_, 64 << 10);
    uint64_t block = std::min(cap_, want);
    // A capped block holds a whole number of ranges of this size: equal ranges (the KV cache's
    // layers) then leave no gap at the end of each block.
    const uint64_t step = align_up(size, a);
    if (want > cap_ && step <= cap_) block = cap_ / step * step;
    block = std::max(size, block);
    next_ = std::min(cap_, block * 2);
    blocks_.push_back(Block{block, size});
    used_ += align_up(size, a);
    return Placement{blocks_.size() - 1, 0, block};
}

void BlockPacker::drop_last_block() {
    if (blocks_.empty()) return;
    used_ -= std::min(used_, align_up(blocks_.back().top, align_));
    blocks_.pop_back();
}

void BlockPacker::reset() {
    blocks_.clear();
    used_ = expected_ = 0;
    next_ = 1ull << 20;
}

uint64_t BlockPacker::allocated() const {
    uint64_t t = 0;
    for (const auto& b : blocks_) t += b.size;
    return t;
}

uint64_t ArenaPlan::expected() const {
    uint64_t t = 0;
    for (uint64_t s : sizes) t += align_up(std::max<uint64_t>(s, 4), kPlanAlign);
    return t;
}

uint64_t ArenaPlan::allocated() const {
    BlockPacker p(block_cap);
    p.expect(expected());
    for (uint64_t s : sizes) p.place(s);
    return p.allocated();
}

// ---- the plan ----

std::vector<TensorShape> tensor_shapes(const Model& m) {
    std::vector<TensorShape> out;
    auto add = [&](const TensorView& t) {
        if (t.present()) out.push_back(TensorShape{t.name, t.type, t.ne});
    };
    add(m.tok_embd);
    add(m.output_norm);
    if (!m.output_tied) add(m.output);
    for (const auto& l : m.layers)
        for (const auto* t : {&l.attn_norm, &l.wq, &l.wk, &l.wv, &l.wqkv, &l.bq, &l.bk, &l.bv, &l.q_norm, &l.k_norm,
                              &l.wo, &l.post_attn_norm, &l.ffn_norm, &l.ffn_gate, &l.ffn_up, &l.ffn_down,
                              &l.post_ffn_norm})
            add(*t);
    return out;
}

std::vector<TensorShape> tensor_shapes(const GgufFile& f) {
    std::vector<TensorShape> out;
    for (const auto& t : f.tensors()) out.push_back(TensorShape{std::string(t.name), t.type, {t.ne[0], t.ne[1], t.ne[2], t.ne[3]}});
    return out;
}

namespace {

// Block caps of the engine's four arenas (device-local weights, KV cache and scratch; host-visible
// scratch): large blocks for few allocations, each well under any driver's single-allocation limit.
constexpr uint64_t kWeightBlock = 256ull << 20, kKvBlock = 256ull << 20, kScratchBlock = 64ull << 20,
                   kHostBlock = 4ull << 20;

struct WeightPlanner {
    const std::map<std::string, const TensorShape*>& by_name;
    const MemoryPlanOptions& o;
    MemoryPlan& p;

    const TensorShape* find(const std::string& name) const {
        auto it = by_name.find(name);
        return it == by_name.end() ? nullptr : it->second;
    }
    Status missing(const std::string& name) const {
        return make_error("arch.missing_tensor", "The model has no tensor '" + name +
                                                     "', which its architecture needs; the file is incomplete.");
    }
    // Rows [0, rows) of a matrix, split into parts of whole rows no larger than one binding;
    // each part carries 4 spare bytes (the kernels read whole 32-bit words).
    void matrix(const TensorShape& t, int64_t rows) {
        const uint64_t rb = row_bytes(t.type, t.ne[0]);
        if (rb == 0) return;
        const uint64_t limit = std::min(o.max_binding, o.max_allocation) - 256;
        const uint64_t per = std::max<uint64_t>(1, limit / rb);
        for (int64_t r = 0; r < rows; r += static_cast<int64_t>(per)) {
            const uint64_t n = std::min<uint64_t>(per, static_cast<uint64_t>(rows - r));
            p.weights.sizes.push_back(n * rb + 4);
            p.weight_bytes += n * rb;
        }
    }
    Status matrix(const std::string& name) {
        const TensorShape* t = find(name);
        if (!t) return missing(name);
        matrix(*t, t->ne[1] * t->ne[2] * t->ne[3]);
        return {};
    }
    // Norm weights and biases are widened to float32.
    void floats(uint64_t n) {
        p.weights.sizes.push_back(n * 4);
        p.weight_bytes += n * 4;
    }
    void vector_if_present(const std::string& name) {
        if (const TensorShape* t = find(name)) floats(static_cast<uint64_t>(t->ne[0] * t->ne[1] * t->ne[2] * t->ne[3]));
    }
};

// The order below is the order of inference/vulkan/weights.cpp's upload.
Status plan_weights(const Hparams& hp, const Recipe& r, std::span<const TensorShape> tensors,
                    const MemoryPlanOptions& o, MemoryPlan& p) {
    std::map<std::string, const TensorShape*> by_name;
    for (const auto& t : tensors) by_name[t.name] = &t;
    WeightPlanner w{by_name, o, p};
    const TensorShape* embd = w.find("token_embd.weight");
    if (!embd) return w.missing("token_embd.weight");
    w.matrix(*embd, embd->ne[1] * embd->ne[2] * embd->ne[3]);  // stored as it is in the file
    for (int32_t il = 0; il < hp.n_layer; ++il) {
        const std::string b = "blk." + std::to_string(il) + ".";
        if (r.qkv_fused) {
            const TensorShape* qkv = w.find(b + "attn_qkv.weight");
            if (!qkv) return w.missing(b + "attn_qkv.weight");
            w.matrix(*qkv, hp.n_embd_q());
            w.matrix(*qkv, hp.n_embd_k_gqa());
            w.matrix(*qkv, hp.n_embd_v_gqa());
        } else {
            for (const char* n : {"attn_q.weight", "attn_k.weight", "attn_v.weight"})
                if (auto st = w.matrix(b + n); !st) return st;
        }
        if (auto st = w.matrix(b + "attn_output.weight"); !st) return st;
        if (r.gate_up_fused) {
            const TensorShape* up = w.find(b + "ffn_up.weight");
            if (!up) return w.missing(b + "ffn_up.weight");
            w.matrix(*up, hp.n_ff);
            w.matrix(*up, hp.n_ff);
        } else {
            for (const char* n : {"ffn_gate.weight", "ffn_up.weight"})
                if (auto st = w.matrix(b + n); !st) return st;
        }
        if (auto st = w.matrix(b + "ffn_down.weight"); !st) return st;
        for (const char* n : {"attn_norm.weight", "ffn_norm.weight", "attn_q_norm.weight", "attn_k_norm.weight",
                              "post_attention_norm.weight", "post_ffw_norm.weight", "attn_q.bias", "attn_k.bias",
                              "attn_v.bias"})
            w.vector_if_present(b + n);
        w.floats(static_cast<uint64_t>(std::max(1, r.n_rot / 2)));  // the layer's RoPE frequencies
    }
    w.vector_if_present("output_norm.weight");
    p.output_tied = w.find("output.weight") == nullptr;
    if (!p.output_tied) return w.matrix("output.weight");
    return {};
}

// int8 activations for the integer-dot kernels: 48 bytes per 32 values, for the widest input.
uint64_t q8_bytes(uint64_t k, uint32_t batch) { return k % 32 ? 0 : uint64_t(batch) * (k / 32) * 48; }

}  // namespace

Result<MemoryPlan> plan_memory(const Hparams& hp, std::span<const TensorShape> tensors,
                               const MemoryPlanOptions& o) {
    MemoryPlan p;
    p.n_ctx = o.n_ctx > 0 ? o.n_ctx : hp.n_ctx_train;
    if (p.n_ctx <= 0)
        return make_error("arch.bad_hparams", "The model states no context length; give one (--ctx).");
    const uint64_t ctx = static_cast<uint64_t>(p.n_ctx);
    auto cap = [&](uint64_t c) { return std::min(c, o.max_allocation); };
    p.weights.block_cap = cap(kWeightBlock);
    p.kv.block_cap = cap(kKvBlock);
    p.scratch.block_cap = cap(kScratchBlock);
    p.host.block_cap = cap(kHostBlock);

    const Recipe r = make_recipe(hp);
    if (!tensors.empty())
        if (auto st = plan_weights(hp, r, tensors, o, p); !st) return st.error();

    // KV cache: K then V of each layer.
    const uint64_t esz = o.kv_f32 ? 4 : 2;
    p.kv_k_layer = ctx * uint64_t(hp.n_embd_k_gqa()) * esz;
    p.kv_v_layer = ctx * uint64_t(hp.n_embd_v_gqa()) * esz;
    for (int32_t il = 0; il < hp.n_layer; ++il) {
        p.kv.sizes.push_back(p.kv_k_layer);
        p.kv.sizes.push_back(p.kv_v_layer);
    }

    // Scratch for the largest batch. Activation buffers carry 16 spare bytes (vec4 reads).
    ScratchPlan& s = p.s;
    const uint32_t B = std::max<uint32_t>(1, std::min<uint32_t>(o.max_batch, static_cast<uint32_t>(p.n_ctx)));
    s.batch = B;
    auto act = [&](uint64_t floats) { return floats * 4 + 16; };
    const uint64_t dim = static_cast<uint64_t>(hp.n_embd);
    s.x = s.h = s.proj = act(B * dim);
    s.q = act(uint64_t(B) * hp.n_embd_q());
    s.k = act(uint64_t(B) * hp.n_embd_k_gqa());
    s.v = act(uint64_t(B) * hp.n_embd_v_gqa());
    s.att = act(uint64_t(B) * hp.n_head * hp.head_dim_v);
    s.gate = s.up = act(uint64_t(B) * hp.n_ff);
    p.attn_split = o.attn_split ? o.attn_split : std::clamp<uint32_t>(static_cast<uint32_t>(p.n_ctx) / 256, 1, 16);
    const uint64_t part = p.attn_split > 1 ? uint64_t(hp.n_head) * p.attn_split * (hp.head_dim_v + 2) * 4 : 0;
    s.part = act(std::max<uint64_t>(4, part / 4));
    // The integer-dot kernels quantize a batch of activations first: room for the widest input of
    // any quantized matrix (the tied output is the embedding table). No tensor list: assume all
    // matrices are quantized.
    if (tensors.empty()) {
        s.mm = std::max({q8_bytes(dim, B), q8_bytes(uint64_t(hp.n_ff), B),
                         q8_bytes(uint64_t(hp.n_head) * hp.head_dim_v, B)});
    }
    for (const auto& t : tensors) {
        const bool matrix = t.name != "token_embd.weight" ? t.ne[1] > 1 : p.output_tied;
        if (matrix && is_quantized(t.type)) s.mm = std::max(s.mm, q8_bytes(static_cast<uint64_t>(t.ne[0]), B));
    }
    for (uint64_t b : {s.x, s.h, s.q, s.k, s.v, s.att, s.proj, s.gate, s.up, s.part}) p.scratch.sizes.push_back(b);
    if (s.mm) p.scratch.sizes.push_back(s.mm);

    s.logits = act(uint64_t(B) * hp.n_vocab);
    s.argmax = act(2);
    s.top_k = act(kCandidateMaxChunks * kCandidateChunkStride / 4);
    s.lse = act(2);
    s.params = (4ull + B) * 4;  // a header of 4 words, then one token id per row
    for (uint64_t b : {s.logits, s.argmax, s.top_k, s.lse, s.params}) p.host.sizes.push_back(b);
    return p;
}

MemoryPlan plan_memory(const Model& model, const MemoryPlanOptions& options) {
    const auto shapes = tensor_shapes(model);
    auto p = plan_memory(model.hp, shapes, options);
    return p ? std::move(*p) : MemoryPlan{};
}

std::string format_bytes(uint64_t bytes) {
    char buf[32];
    const double d = static_cast<double>(bytes);
    if (bytes >= (1ull << 30)) std::snprintf(buf, sizeof buf, "%.2f GiB", d / double(1ull << 30));
    else std::snprintf(buf, sizeof buf, "%.0f MiB", d / double(1ull << 20));
    return buf;
}

}  // namespace hearth::arch
