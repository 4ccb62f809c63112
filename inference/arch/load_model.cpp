#include "inference/arch/load_model.h"

#include <string>

namespace hearth::arch {

uint64_t TensorView::row_bytes() const { return hearth::row_bytes(type, ne[0]); }

namespace {

std::string shape_str(const int64_t* ne, int n_dims) {
    std::string s = "[";
    for (int i = 0; i < n_dims; ++i) s += (i ? ", " : "") + std::to_string(ne[i]);
    return s + "]";
}

// Finds tensors by name and checks them against the shape the hyperparameters imply.
struct TensorFinder {
    const GgufFile& f;

    // `rows` == 0 means a 1-D tensor of `cols` values.
    Result<TensorView> get(const std::string& name, int64_t cols, int64_t rows, bool required) const {
        const GgufTensorInfo* t = f.tensor(name);
        if (!t) {
            if (!required) return TensorView{};
            return make_error("arch.missing_tensor", f.name() + ": the tensor '" + name +
                                                         "' is missing; the file is incomplete or not a " +
                                                         "complete model of its architecture");
        }
        const int want_dims = rows == 0 ? 1 : 2;
        const int64_t want[2] = {cols, rows};
        bool ok = t->n_dims <= want_dims || (t->ne[2] == 1 && t->ne[3] == 1 && want_dims == 2);
        ok = ok && t->ne[0] == cols && (rows == 0 ? t->n_rows() == 1 : t->n_rows() == rows);
        if (!ok) {
            return make_error("arch.bad_shape", f.name() + ": the tensor '" + name + "' has shape " +
                                                    shape_str(t->ne, t->n_dims) + " but the model's " +
                                                    "hyperparameters need " + shape_str(want, want_dims) +
                                                    "; the file is damaged");
        }
        if (!is_supported(t->type)) {
            return make_error("arch.bad_type", f.name() + ": the tensor '" + name + "' is stored as " +
                                                   type_name(t->type) + ", which Hearth cannot compute with; "
                                                   "download a different quantization of the model");
        }
        TensorView v;
        v.type = t->type;
        for (int i = 0; i < 4; ++i) v.ne[static_cast<size_t>(i)] = t->ne[i];
        v.data = t->data;
        v.nbytes = t->size_bytes;
        v.name = name;
        return v;
    }
};

}  // namespace

#define HEARTH_TRY_SET(dst, expr)   \
    do {                            \
        auto r_ = (expr);           \
        if (!r_) return r_.error(); \
        dst = std::move(*r_);       \
    } while (0)

Result<Model> load_model(const GgufFile& f) {
    Model m;
    HEARTH_TRY_SET(m.hp, read_hparams(f));
    const Hparams& hp = m.hp;
    TensorFinder tf{f};

    HEARTH_TRY_SET(m.tok_embd, tf.get("token_embd.weight", hp.n_embd, hp.n_vocab, true));
    HEARTH_TRY_SET(m.output_norm, tf.get("output_norm.weight", hp.n_embd, 0, true));
    HEARTH_TRY_SET(m.output, tf.get("output.weight", hp.n_embd, hp.n_vocab, false));
    if (!m.output.present()) {
        m.output = m.tok_embd;
        m.output_tied = true;
    }

    // Per-frequency RoPE divisors: Llama 3's rope_freqs, or Phi-3 LongRoPE's factors: the "long"
    // ones when the model's context is longer than the original one it was trained at (Phi-3.5
    // mini 128k), the "short" ones otherwise (see long_rope_factors in recipe.h).
    std::vector<float> rope_freqs;
    const char* longrope = long_rope_uses_long_factors(hp) ? "rope_factors_long.weight" : "rope_factors_short.weight";
    for (const char* name : {"rope_freqs.weight", longrope}) {
        if (!f.tensor(name)) continue;
        TensorView rf;
        HEARTH_TRY_SET(rf, tf.get(name, hp.n_rot / 2, 0, true));
        if (rf.type != TensorType::F32)
            return make_error("arch.bad_type", f.name() + ": the tensor '" + name + "' must be F32 but is " +
                                                   type_name(rf.type) + "; the file is damaged");
        const auto* p = static_cast<const float*>(rf.data);
        rope_freqs.assign(p, p + hp.n_rot / 2);
        break;
    }
    m.recipe = make_recipe(hp, rope_freqs);
    const Recipe& r = m.recipe;

    const int64_t q_rows = hp.n_embd_q(), k_rows = hp.n_embd_k_gqa(), v_rows = hp.n_embd_v_gqa();
    const int64_t attn_out = static_cast<int64_t>(hp.head_dim_v) * hp.n_head;
    m.layers.resize(static_cast<size_t>(hp.n_layer));
    for (int32_t il = 0; il < hp.n_layer; ++il) {
        LayerWeights& w = m.layers[static_cast<size_t>(il)];
        const std::string b = "blk." + std::to_string(il) + ".";
        HEARTH_TRY_SET(w.attn_norm, tf.get(b + "attn_norm.weight", hp.n_embd, 0, true));
        if (r.qkv_fused) {
            HEARTH_TRY_SET(w.wqkv, tf.get(b + "attn_qkv.weight", hp.n_embd, q_rows + k_rows + v_rows, true));
        } else {
            HEARTH_TRY_SET(w.wq, tf.get(b + "attn_q.weight", hp.n_embd, q_rows, true));
            HEARTH_TRY_SET(w.wk, tf.get(b + "attn_k.weight", hp.n_embd, k_rows, true));
            HEARTH_TRY_SET(w.wv, tf.get(b + "attn_v.weight", hp.n_embd, v_rows, true));
        }
        if (r.qkv_bias) {
            HEARTH_TRY_SET(w.bq, tf.get(b + "attn_q.bias", q_rows, 0, true));
            HEARTH_TRY_SET(w.bk, tf.get(b + "attn_k.bias", k_rows, 0, true));
            HEARTH_TRY_SET(w.bv, tf.get(b + "attn_v.bias", v_rows, 0, true));
        }
        if (r.qk_norm) {
            HEARTH_TRY_SET(w.q_norm, tf.get(b + "attn_q_norm.weight", hp.head_dim_k, 0, true));
            HEARTH_TRY_SET(w.k_norm, tf.get(b + "attn_k_norm.weight", hp.head_dim_k, 0, true));
        }
        HEARTH_TRY_SET(w.wo, tf.get(b + "attn_output.weight", attn_out, hp.n_embd, true));
        if (r.post_attn_norm)
            HEARTH_TRY_SET(w.post_attn_norm, tf.get(b + "post_attention_norm.weight", hp.n_embd, 0, true));
        HEARTH_TRY_SET(w.ffn_norm, tf.get(b + "ffn_norm.weight", hp.n_embd, 0, true));
        if (r.gate_up_fused) {
            HEARTH_TRY_SET(w.ffn_up, tf.get(b + "ffn_up.weight", hp.n_embd, 2 * int64_t{hp.n_ff}, true));
        } else {
            HEARTH_TRY_SET(w.ffn_gate, tf.get(b + "ffn_gate.weight", hp.n_embd, hp.n_ff, true));
            HEARTH_TRY_SET(w.ffn_up, tf.get(b + "ffn_up.weight", hp.n_embd, hp.n_ff, true));
        }
        HEARTH_TRY_SET(w.ffn_down, tf.get(b + "ffn_down.weight", hp.n_ff, hp.n_embd, true));
        if (r.post_ffn_norm)
            HEARTH_TRY_SET(w.post_ffn_norm, tf.get(b + "post_ffw_norm.weight", hp.n_embd, 0, true));
    }

    if (auto n = f.get_string("general.name")) m.name = std::string(*n);
    if (m.name.empty()) m.name = f.name();
    return m;
}

#undef HEARTH_TRY_SET

}  // namespace hearth::arch
