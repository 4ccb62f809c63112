// The reference forward pass, one function with a layer loop in the order of
// inference/arch/recipe.h. Shapes are written next to every buffer; n is the number of tokens
// in this call, pos0 the position of the first of them.
#include <algorithm>
#include <cmath>
#include <new>
#include <string>
#include <vector>

#include "inference/cpu/cpu_backend.h"
#include "inference/cpu/ops.h"
#include "inference/tensor/dequantize.h"

namespace hearth::cpu {

namespace {

using arch::Hparams;
using arch::Model;
using arch::Recipe;

// Norm weights and biases decoded once, whatever their storage type.
struct LayerConsts {
    std::vector<float> attn_norm, q_norm, k_norm, post_attn_norm, ffn_norm, post_ffn_norm;  // [n_embd] / [head_dim_k]
    std::vector<float> bq, bk, bv;  // [n_embd_q], [n_embd_k_gqa], [n_embd_v_gqa]
};

class CpuBackend final : public engine::Backend {
public:
    CpuBackend(const Model& m, int32_t n_ctx) : m_(m), n_ctx_(n_ctx) {}

    Status init();
    const char* name() const override { return "cpu"; }
    int32_t n_ctx() const override { return n_ctx_; }
    int32_t n_vocab() const override { return m_.hp.n_vocab; }
    int32_t n_cached() const override { return n_cached_; }
    Status eval(std::span<const int32_t> tokens, int32_t pos0, std::span<float> logits) override;
    Status shift(int32_t keep, int32_t discard) override;
    Status set_activation_observer(engine::ActivationObserver* obs) override {
        observer_ = obs;
        return {};
    }

private:
    // matmul, shown to the observer first.
    void linear(float* out, const float* in, int64_t n, const arch::TensorView& w) {
        if (observer_) observer_->observe(w.name, in, n, w.ne[0]);
        matmul(out, in, n, w, row_buf_);
    }

    void forward(std::span<const int32_t> tokens, int32_t pos0, std::span<float> logits, bool all_rows);

    const Model& m_;
    int32_t n_ctx_;
    int32_t n_cached_ = 0;
    std::vector<LayerConsts> consts_;
    std::vector<float> output_norm_;  // [n_embd]
    std::vector<float> k_cache_;      // (n_layer, n_ctx, n_embd_k_gqa)
    std::vector<float> v_cache_;      // (n_layer, n_ctx, n_embd_v_gqa)
    std::vector<float> row_buf_;      // one decoded weight row
    engine::ActivationObserver* observer_ = nullptr;
};

Status CpuBackend::init() {
    const Hparams& hp = m_.hp;
    try {
        k_cache_.assign(static_cast<size_t>(hp.n_layer) * n_ctx_ * hp.n_embd_k_gqa(), 0.0f);
        v_cache_.assign(static_cast<size_t>(hp.n_layer) * n_ctx_ * hp.n_embd_v_gqa(), 0.0f);
    } catch (const std::bad_alloc&) {
        return make_error("cpu.out_of_memory", "Not enough memory for a " + std::to_string(n_ctx_) +
                                                   "-token context on the CPU; choose a shorter context.");
    }
    for (const auto& w : m_.layers) {
        consts_.push_back({dequantize_all(w.attn_norm), dequantize_all(w.q_norm), dequantize_all(w.k_norm),
                           dequantize_all(w.post_attn_norm), dequantize_all(w.ffn_norm),
                           dequantize_all(w.post_ffn_norm), dequantize_all(w.bq), dequantize_all(w.bk),
                           dequantize_all(w.bv)});
    }
    output_norm_ = dequantize_all(m_.output_norm);
    return {};
}

Status CpuBackend::eval(std::span<const int32_t> tokens, int32_t pos0, std::span<float> logits) {
    const int64_t n = static_cast<int64_t>(tokens.size());
    const int64_t nv = m_.hp.n_vocab;
    auto bad = [](const std::string& why) {
        return make_error("engine.bad_eval", "Internal error: the model was asked to " + why + ".");
    };
    if (n == 0) return bad("evaluate no tokens");
    if (pos0 < 0 || pos0 > n_cached_) return bad("continue at position " + std::to_string(pos0) + " with only " +
                                                 std::to_string(n_cached_) + " cached");
    if (pos0 + n > n_ctx_) {
        return make_error("engine.context_full", "The conversation is longer than the " + std::to_string(n_ctx_) +
                                                     "-token context; start a new chat or raise the context size.");
    }
    for (int32_t t : tokens)
        if (t < 0 || t >= nv) return bad("read token " + std::to_string(t) + " outside the vocabulary");
    const bool all_rows = static_cast<int64_t>(logits.size()) == n * nv;
    if (!all_rows && static_cast<int64_t>(logits.size()) != nv) return bad("write logits into a wrongly sized buffer");
    n_cached_ = pos0;
    forward(tokens, pos0, logits, all_rows);
    n_cached_ = pos0 + static_cast<int32_t>(n);
    return {};
}

Status CpuBackend::shift(int32_t keep, int32_t discard) {
    if (auto st = engine::check_shift(keep, discard, n_cached_); !st) return st;
    const Hparams& hp = m_.hp;
    const Recipe& r = m_.recipe;
    const int64_t nk = hp.n_embd_k_gqa(), nv = hp.n_embd_v_gqa();
    const int64_t from = keep + discard, n_move = n_cached_ - from;
    for (int32_t il = 0; il < hp.n_layer; ++il) {
        float* k_layer = &k_cache_[static_cast<size_t>(il) * n_ctx_ * nk];  // (n_ctx, nk)
        float* v_layer = &v_cache_[static_cast<size_t>(il) * n_ctx_ * nv];  // (n_ctx, nv)
        std::copy(k_layer + from * nk, k_layer + (from + n_move) * nk, k_layer + keep * nk);
        std::copy(v_layer + from * nv, v_layer + (from + n_move) * nv, v_layer + keep * nv);
        // Keys carry their position's rotation: turn the moved ones back by `discard` positions.
        const arch::LayerRecipe& lr = r.layers[static_cast<size_t>(il)];
        for (int64_t p = keep; p < keep + n_move; ++p)
            for (int32_t h = 0; h < hp.n_head_kv; ++h)
                rope_shift(k_layer + p * nk + h * hp.head_dim_k, r.n_rot, -discard, r.rope_style, lr,
                           r.rope_freq_factors);
    }
    n_cached_ -= discard;
    return {};
}

void CpuBackend::forward(std::span<const int32_t> tokens, int32_t pos0, std::span<float> logits, bool all_rows) {
    const Hparams& hp = m_.hp;
    const Recipe& r = m_.recipe;
    const int64_t n = static_cast<int64_t>(tokens.size());
    const int64_t dim = hp.n_embd, hd_k = hp.head_dim_k, hd_v = hp.head_dim_v;
    const int64_t nq = hp.n_embd_q(), nk = hp.n_embd_k_gqa(), nv = hp.n_embd_v_gqa();
    const int64_t n_att = hd_v * hp.n_head;
    const int64_t n_ff = hp.n_ff;
    const int32_t kv_mul = hp.n_head / hp.n_head_kv;  // query heads per kv head

    std::vector<float> x(n * dim);                  // (n, dim) the residual stream
    std::vector<float> xb(n * dim);                 // (n, dim) normed input of a block
    std::vector<float> q(n * nq);                   // (n, n_head * hd_k)
    std::vector<float> k(n * nk), v(n * nv);        // (n, n_kv * hd_k), (n, n_kv * hd_v)
    std::vector<float> qkv;                         // (n, nq + nk + nv), fused projections only
    std::vector<float> att_out(n * n_att);          // (n, n_head * hd_v)
    std::vector<float> proj(n * dim);               // (n, dim) a block's output before the residual
    std::vector<float> gate(n * n_ff), up(n * n_ff);  // (n, n_ff)
    std::vector<float> gate_up;                     // (n, 2 * n_ff), fused gate-up only
    std::vector<double> att;                        // (pos0 + n,) scores of one head
    std::vector<double> acc;                        // (hd_v,) one head's weighted sum of values

    // Token embeddings, scaled (gemma: sqrt(dim)).
    for (int64_t t = 0; t < n; ++t) {
        dequantize_row(m_.tok_embd.type, m_.tok_embd.row(tokens[static_cast<size_t>(t)]), &x[t * dim], dim);
        if (r.embd_scale != 1.0f)
            for (int64_t i = 0; i < dim; ++i) x[t * dim + i] *= r.embd_scale;
    }

    for (int32_t il = 0; il < hp.n_layer; ++il) {
        const arch::LayerWeights& w = m_.layers[static_cast<size_t>(il)];
        const LayerConsts& c = consts_[static_cast<size_t>(il)];
        const arch::LayerRecipe& lr = r.layers[static_cast<size_t>(il)];
        float* k_layer = &k_cache_[static_cast<size_t>(il) * n_ctx_ * nk];  // (n_ctx, nk)
        float* v_layer = &v_cache_[static_cast<size_t>(il) * n_ctx_ * nv];  // (n_ctx, nv)

        // Attention RMSNorm.
        for (int64_t t = 0; t < n; ++t) rmsnorm(&xb[t * dim], &x[t * dim], c.attn_norm.data(), dim, r.rms_eps);

        // Q, K, V projections (fused: one matmul, rows split q | k | v), plus biases.
        if (r.qkv_fused) {
            qkv.resize(n * (nq + nk + nv));
            linear(qkv.data(), xb.data(), n, w.wqkv);
            for (int64_t t = 0; t < n; ++t) {
                const float* src = &qkv[t * (nq + nk + nv)];
                std::copy(src, src + nq, &q[t * nq]);
                std::copy(src + nq, src + nq + nk, &k[t * nk]);
                std::copy(src + nq + nk, src + nq + nk + nv, &v[t * nv]);
            }
        } else {
            linear(q.data(), xb.data(), n, w.wq);
            linear(k.data(), xb.data(), n, w.wk);
            linear(v.data(), xb.data(), n, w.wv);
        }
        if (r.qkv_bias) {
            for (int64_t t = 0; t < n; ++t) {
                for (int64_t i = 0; i < nq; ++i) q[t * nq + i] += c.bq[i];
                for (int64_t i = 0; i < nk; ++i) k[t * nk + i] += c.bk[i];
                for (int64_t i = 0; i < nv; ++i) v[t * nv + i] += c.bv[i];
            }
        }

        // Per-head RMSNorm of Q and K (qwen3, gemma3), then RoPE; K and V go into the cache.
        for (int64_t t = 0; t < n; ++t) {
            const int32_t pos = pos0 + static_cast<int32_t>(t);
            for (int32_t h = 0; h < hp.n_head; ++h) {
                float* qh = &q[t * nq + h * hd_k];
                if (r.qk_norm) rmsnorm(qh, qh, c.q_norm.data(), hd_k, r.rms_eps);
                rope(qh, r.n_rot, pos, r.rope_style, lr, r.rope_freq_factors);
            }
            for (int32_t h = 0; h < hp.n_head_kv; ++h) {
                float* kh = &k[t * nk + h * hd_k];
                if (r.qk_norm) rmsnorm(kh, kh, c.k_norm.data(), hd_k, r.rms_eps);
                rope(kh, r.n_rot, pos, r.rope_style, lr, r.rope_freq_factors);
            }
            std::copy(&k[t * nk], &k[t * nk] + nk, k_layer + static_cast<int64_t>(pos) * nk);
            std::copy(&v[t * nv], &v[t * nv] + nv, v_layer + static_cast<int64_t>(pos) * nv);
        }

        // Causal (and, on windowed layers, sliding-window) attention per token and head:
        // softmax(softcap(q·k * scale)) · v over positions lo..pos.
        for (int64_t t = 0; t < n; ++t) {
            const int32_t pos = pos0 + static_cast<int32_t>(t);
            const int32_t lo = lr.sliding_window > 0 ? std::max(0, pos - lr.sliding_window + 1) : 0;
            att.resize(static_cast<size_t>(pos + 1));
            for (int32_t h = 0; h < hp.n_head; ++h) {
                const float* qh = &q[t * nq + h * hd_k];
                const int64_t kvh = h / kv_mul;
                double mx = -INFINITY;
                for (int32_t p = lo; p <= pos; ++p) {
                    const float* kp = k_layer + static_cast<int64_t>(p) * nk + kvh * hd_k;
                    double s = dot(qh, kp, hd_k) * r.attn_scale;
                    if (r.attn_softcap > 0.0f) s = r.attn_softcap * std::tanh(s / r.attn_softcap);
                    att[static_cast<size_t>(p)] = s;
                    mx = std::max(mx, s);
                }
                double sum = 0.0;
                for (int32_t p = lo; p <= pos; ++p) sum += att[static_cast<size_t>(p)] = std::exp(att[static_cast<size_t>(p)] - mx);
                // Position-outer, so each cached value row is read contiguously.
                acc.assign(static_cast<size_t>(hd_v), 0.0);
                for (int32_t p = lo; p <= pos; ++p) {
                    const double a = att[static_cast<size_t>(p)];
                    const float* vp = v_layer + static_cast<int64_t>(p) * nv + kvh * hd_v;
                    for (int64_t i = 0; i < hd_v; ++i) acc[static_cast<size_t>(i)] += a * vp[i];
                }
                float* out = &att_out[t * n_att + h * hd_v];
                for (int64_t i = 0; i < hd_v; ++i) out[i] = static_cast<float>(acc[static_cast<size_t>(i)] / sum);
            }
        }

        // Output projection, optional post-attention norm (gemma), residual.
        linear(proj.data(), att_out.data(), n, w.wo);
        for (int64_t t = 0; t < n; ++t) {
            if (r.post_attn_norm) rmsnorm(&proj[t * dim], &proj[t * dim], c.post_attn_norm.data(), dim, r.rms_eps);
            for (int64_t i = 0; i < dim; ++i) x[t * dim + i] += proj[t * dim + i];
        }

        // FFN RMSNorm, then the gated FFN: act(xb @ gate) * (xb @ up) @ down.
        for (int64_t t = 0; t < n; ++t) rmsnorm(&xb[t * dim], &x[t * dim], c.ffn_norm.data(), dim, r.rms_eps);
        if (r.gate_up_fused) {
            gate_up.resize(n * 2 * n_ff);
            linear(gate_up.data(), xb.data(), n, w.ffn_up);
            for (int64_t t = 0; t < n; ++t) {
                const float* src = &gate_up[t * 2 * n_ff];
                std::copy(src, src + n_ff, &gate[t * n_ff]);
                std::copy(src + n_ff, src + 2 * n_ff, &up[t * n_ff]);
            }
        } else {
            linear(gate.data(), xb.data(), n, w.ffn_gate);
            linear(up.data(), xb.data(), n, w.ffn_up);
        }
        for (int64_t i = 0; i < n * n_ff; ++i) {
            const float a = r.activation == arch::Activation::SiluGlu ? silu(gate[i]) : gelu_tanh(gate[i]);
            gate[i] = a * up[i];
        }
        linear(proj.data(), gate.data(), n, w.ffn_down);
        for (int64_t t = 0; t < n; ++t) {
            if (r.post_ffn_norm) rmsnorm(&proj[t * dim], &proj[t * dim], c.post_ffn_norm.data(), dim, r.rms_eps);
            for (int64_t i = 0; i < dim; ++i) x[t * dim + i] += proj[t * dim + i];
        }
    }

    // Final norm and the classifier, for every row or only the last; final soft-cap (gemma2).
    const int64_t first = all_rows ? 0 : n - 1;
    const int64_t rows = n - first;
    for (int64_t t = first; t < n; ++t) rmsnorm(&xb[t * dim], &x[t * dim], output_norm_.data(), dim, r.rms_eps);
    linear(logits.data(), &xb[first * dim], rows, m_.output);
    if (r.final_softcap > 0.0f)
        for (float& l : logits) l = softcap(l, r.final_softcap);
}

}  // namespace

Result<std::unique_ptr<engine::Backend>> make_cpu_backend(const arch::Model& model, int32_t n_ctx) {
    if (n_ctx <= 0) n_ctx = model.hp.n_ctx_train;
    auto b = std::make_unique<CpuBackend>(model, n_ctx);
    if (auto st = b->init(); !st) return st.error();
    return std::unique_ptr<engine::Backend>(std::move(b));
}

}  // namespace hearth::cpu
