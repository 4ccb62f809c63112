#include <algorithm>
#include <cmath>
#include <string>

#include "inference/arch/load_model.h"

namespace hearth::arch {

namespace {

struct ArchName {
    Arch arch;
    const char* name;
};
constexpr ArchName kArchNames[] = {
    {Arch::Llama, "llama"}, {Arch::Qwen2, "qwen2"},   {Arch::Qwen3, "qwen3"},
    {Arch::Phi3, "phi3"},   {Arch::Gemma2, "gemma2"}, {Arch::Gemma3, "gemma3"},
};

// Reads the keys of one architecture, remembering the prefix and the file for messages.
struct KeyReader {
    const GgufFile& f;
    std::string prefix;  // "llama."

    std::string key(const char* suffix) const { return prefix + suffix; }

    Error missing(const char* suffix) const {
        return make_error("arch.missing_key", f.name() + ": the model has no '" + key(suffix) +
                                                  "' entry, so its shape is unknown; the file is "
                                                  "incomplete or was written by a broken converter");
    }

    // An integer key in [lo, hi]; `fallback` when absent (or an error when there is none).
    Result<int32_t> integer(const char* suffix, int64_t lo, int64_t hi, std::optional<int64_t> fallback) const {
        const std::string k = key(suffix);
        const GgufValue* v = f.find(k);
        if (!v) {
            if (!fallback) return missing(suffix);
            return static_cast<int32_t>(*fallback);
        }
        auto n = f.get_int(k);
        if (!n) {
            return make_error("arch.bad_hparams", f.name() + ": '" + k + "' must be a single integer but holds a " +
                                                      gguf_type_name(v->type) +
                                                      "; per-layer values are not supported");
        }
        if (*n < lo || *n > hi) {
            return make_error("arch.bad_hparams", f.name() + ": '" + k + "' is " + std::to_string(*n) +
                                                      ", outside the sensible range " + std::to_string(lo) +
                                                      ".." + std::to_string(hi) + "; the file is damaged");
        }
        return static_cast<int32_t>(*n);
    }

    Result<float> real(const char* suffix, double lo, double hi, double fallback) const {
        const std::string k = key(suffix);
        if (!f.find(k)) return static_cast<float>(fallback);
        auto x = f.get_float(k);
        if (!x || !std::isfinite(*x) || *x < lo || *x > hi) {
            return make_error("arch.bad_hparams", f.name() + ": '" + k + "' must be a number between " +
                                                      std::to_string(lo) + " and " + std::to_string(hi) +
                                                      "; the file is damaged");
        }
        return static_cast<float>(*x);
    }
};

Error bad(const GgufFile& f, const std::string& what) {
    return make_error("arch.bad_hparams", f.name() + ": " + what + "; the file is damaged or not a model Hearth can run");
}

}  // namespace

const char* arch_name(Arch a) {
    for (const auto& e : kArchNames)
        if (e.arch == a) return e.name;
    return "?";
}

std::optional<Arch> arch_from_name(std::string_view name) {
    for (const auto& e : kArchNames)
        if (name == e.name) return e.arch;
    return std::nullopt;
}

std::string describe(const Hparams& hp) {
    return std::string(arch_name(hp.arch)) + ": " + std::to_string(hp.n_layer) + " layers, dim " +
           std::to_string(hp.n_embd) + ", " + std::to_string(hp.n_head) + " heads (" +
           std::to_string(hp.n_head_kv) + " kv) of " + std::to_string(hp.head_dim_k) + ", ffn " +
           std::to_string(hp.n_ff) + ", vocab " + std::to_string(hp.n_vocab) + ", context " +
           std::to_string(hp.n_ctx_train);
}

Result<Hparams> read_hparams(const GgufFile& f) {
    auto arch_str = f.get_string("general.architecture");
    if (!arch_str) {
        return make_error("arch.missing", f.name() + ": the file has no 'general.architecture' entry, so it is not "
                                                     "a model file (a vocabulary-only GGUF, perhaps)");
    }
    auto arch = arch_from_name(*arch_str);
    if (!arch) {
        return make_error("arch.unsupported", f.name() + ": the architecture '" + std::string(*arch_str) +
                                                  "' is not supported; Hearth runs llama, qwen2, qwen3, phi3, "
                                                  "gemma2 and gemma3 models");
    }
    Hparams hp;
    hp.arch = *arch;
    KeyReader k{f, std::string(*arch_str) + "."};

#define HEARTH_TRY_SET(dst, expr)          \
    do {                                   \
        auto r_ = (expr);                  \
        if (!r_) return r_.error();        \
        dst = *r_;                         \
    } while (0)

    HEARTH_TRY_SET(hp.n_layer, k.integer("block_count", 1, 1024, std::nullopt));
    HEARTH_TRY_SET(hp.n_embd, k.integer("embedding_length", 1, 1 << 17, std::nullopt));
    HEARTH_TRY_SET(hp.n_ff, k.integer("feed_forward_length", 1, 1 << 20, std::nullopt));
    HEARTH_TRY_SET(hp.n_head, k.integer("attention.head_count", 1, 1 << 12, std::nullopt));
    HEARTH_TRY_SET(hp.n_head_kv, k.integer("attention.head_count_kv", 1, 1 << 12, hp.n_head));
    HEARTH_TRY_SET(hp.n_ctx_train, k.integer("context_length", 1, 1 << 24, std::nullopt));

    if (hp.n_head % hp.n_head_kv != 0) {
        return bad(f, "the " + std::to_string(hp.n_head) + " attention heads cannot be shared evenly by " +
                          std::to_string(hp.n_head_kv) + " key/value heads");
    }
    std::optional<int64_t> default_head;
    if (hp.n_embd % hp.n_head == 0) default_head = hp.n_embd / hp.n_head;
    if (!f.find(k.key("attention.key_length")) && !default_head) {
        return bad(f, "the embedding width " + std::to_string(hp.n_embd) + " is not a multiple of the " +
                          std::to_string(hp.n_head) + " heads and no attention.key_length is given");
    }
    HEARTH_TRY_SET(hp.head_dim_k, k.integer("attention.key_length", 1, 1 << 12, default_head));
    HEARTH_TRY_SET(hp.head_dim_v, k.integer("attention.value_length", 1, 1 << 12, hp.head_dim_k));
    HEARTH_TRY_SET(hp.n_rot, k.integer("rope.dimension_count", 0, 1 << 12, hp.head_dim_k));
    if (hp.n_rot % 2 != 0 || hp.n_rot > hp.head_dim_k) {
        return bad(f, "RoPE rotates " + std::to_string(hp.n_rot) + " dimensions of heads of " +
                          std::to_string(hp.head_dim_k) + "; it must be an even number no larger than the head");
    }

    const bool gemma = hp.arch == Arch::Gemma2 || hp.arch == Arch::Gemma3;
    HEARTH_TRY_SET(hp.rms_eps, k.real("attention.layer_norm_rms_epsilon", 1e-12, 0.1, gemma ? 1e-6 : 1e-5));
    HEARTH_TRY_SET(hp.rope_base, k.real("rope.freq_base", 1.0, 1e12, hp.arch == Arch::Gemma3 ? 1e6 : 1e4));
    HEARTH_TRY_SET(hp.rope_base_local,
                   k.real("rope.freq_base_swa", 1.0, 1e12, hp.arch == Arch::Gemma3 ? 1e4 : hp.rope_base));
    HEARTH_TRY_SET(hp.sliding_window, k.integer("attention.sliding_window", 0, 1 << 24, 0));
    if (const GgufValue* v = f.find(k.key("attention.sliding_window_pattern")); v && v->is_array()) {
        if (v->count != static_cast<uint64_t>(hp.n_layer))
            return bad(f, "'" + k.key("attention.sliding_window_pattern") + "' lists " + std::to_string(v->count) +
                              " layers but the model has " + std::to_string(hp.n_layer));
        for (uint64_t i = 0; i < v->count; ++i) {
            auto b = v->int_at(i);
            if (!b) return bad(f, "'" + k.key("attention.sliding_window_pattern") + "' must hold booleans");
            hp.swa_layers.push_back(*b != 0);
        }
    } else {
        HEARTH_TRY_SET(hp.swa_pattern, k.integer("attention.sliding_window_pattern", 1, 1 << 12,
                                                 hp.arch == Arch::Gemma3 ? 6 : 2));
    }
    HEARTH_TRY_SET(hp.attn_softcap, k.real("attn_logit_softcapping", 0.0, 1e6, 0.0));
    HEARTH_TRY_SET(hp.final_softcap, k.real("final_logit_softcapping", 0.0, 1e6, 0.0));
    if (hp.arch == Arch::Gemma2 && hp.sliding_window == 0) hp.sliding_window = 4096;
    if (hp.arch == Arch::Gemma3 && hp.sliding_window == 0) hp.sliding_window = 1024;

    // Query scale. GGUF has no query_pre_attn_scalar: Gemma 2/3 27B scale by n_embd / n_head
    // rather than the head size; they are recognised by their layer count, as llama.cpp does.
    float scale_base = static_cast<float>(hp.head_dim_k);
    if ((hp.arch == Arch::Gemma2 && hp.n_layer == 46) || (hp.arch == Arch::Gemma3 && hp.n_layer == 62))
        scale_base = static_cast<float>(hp.n_embd) / static_cast<float>(hp.n_head);
    HEARTH_TRY_SET(hp.attn_scale, k.real("attention.scale", 1e-6, 1e6, 1.0 / std::sqrt(scale_base)));

    // RoPE scaling.
    std::string scaling_type;
    if (auto t = f.get_string(k.key("rope.scaling.type"))) scaling_type = std::string(*t);
    HEARTH_TRY_SET(hp.rope_scale_factor, k.real("rope.scaling.factor", 1e-6, 1e6, 1.0));
    if (f.find(k.key("rope.scale_linear")) && scaling_type.empty()) {  // the older spelling
        HEARTH_TRY_SET(hp.rope_scale_factor, k.real("rope.scale_linear", 1e-6, 1e6, 1.0));
        scaling_type = "linear";
    }
    HEARTH_TRY_SET(hp.rope_attn_factor, k.real("rope.scaling.attn_factor", 1e-3, 1e3, 1.0));
    hp.rope_attn_factor_given = f.find(k.key("rope.scaling.attn_factor")) != nullptr;
    HEARTH_TRY_SET(hp.yarn_beta_fast, k.real("rope.scaling.yarn_beta_fast", 1e-3, 1e6, 32.0));
    HEARTH_TRY_SET(hp.yarn_beta_slow, k.real("rope.scaling.yarn_beta_slow", 1e-3, 1e6, 1.0));
    HEARTH_TRY_SET(hp.yarn_ext_factor, k.real("rope.scaling.yarn_ext_factor", -1.0, 1.0, 1.0));
    if (hp.yarn_ext_factor < 0) hp.yarn_ext_factor = 1.0f;  // "unset" in llama.cpp's files
    HEARTH_TRY_SET(hp.yarn_attn_factor, k.real("rope.scaling.yarn_attn_factor", 1e-3, 1e3, 1.0));
    HEARTH_TRY_SET(hp.rope_orig_ctx, k.integer("rope.scaling.original_context_length", 0, 1 << 24, 0));
    if (scaling_type.empty() || scaling_type == "none") {
        hp.rope_scaling = RopeScaling::None;
    } else if (scaling_type == "linear") {
        hp.rope_scaling = hp.rope_scale_factor == 1.0f ? RopeScaling::None : RopeScaling::Linear;
    } else if (scaling_type == "llama3") {
        hp.rope_scaling = RopeScaling::Llama3;
        if (hp.rope_orig_ctx == 0) hp.rope_orig_ctx = 8192;
    } else if (scaling_type == "yarn") {
        hp.rope_scaling = hp.rope_scale_factor == 1.0f ? RopeScaling::None : RopeScaling::Yarn;
        if (hp.rope_orig_ctx == 0) hp.rope_orig_ctx = hp.n_ctx_train;
    } else if (scaling_type == "longrope" || scaling_type == "su") {
        hp.rope_scaling = RopeScaling::LongRope;
    } else {
        return make_error("arch.unsupported_rope", f.name() + ": the RoPE scaling '" + scaling_type +
                                                       "' is not supported yet (Hearth supports none, linear, "
                                                       "llama3, yarn and longrope); use a version of the model "
                                                       "without it");
    }
    // Phi-3's LongRoPE is known by its factor tensors; converters write no scaling type for it.
    if (f.tensor("rope_factors_long.weight") && f.tensor("rope_factors_short.weight")) {
        hp.rope_scaling = RopeScaling::LongRope;
        if (hp.rope_orig_ctx == 0) hp.rope_orig_ctx = hp.n_ctx_train;
    }
#undef HEARTH_TRY_SET

    // The vocabulary size is the row count of the embedding table.
    if (const auto* t = f.tensor("token_embd.weight")) {
        if (t->n_dims != 2 || t->ne[1] < 1 || t->ne[1] > (1 << 24))
            return bad(f, "'token_embd.weight' must be a 2-D table with one row per token");
        hp.n_vocab = static_cast<int32_t>(t->ne[1]);
    } else if (auto n = f.get_array_count("tokenizer.ggml.tokens")) {
        hp.n_vocab = static_cast<int32_t>(std::min<uint64_t>(*n, 1 << 24));
    }
    return hp;
}

}  // namespace hearth::arch
