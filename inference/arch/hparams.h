// Hyperparameters of a decoder-only transformer, as GGUF metadata states them
// (`<arch>.block_count`, `<arch>.embedding_length`, ...), after validation. Sizes are int32 since
// every loop index in the engine is; `read_hparams` rejects anything that would not fit.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hearth::arch {

enum class Arch { Llama, Qwen2, Qwen3, Phi3, Gemma2, Gemma3 };

// "llama", "qwen2", ... as in `general.architecture`.
const char* arch_name(Arch a);
std::optional<Arch> arch_from_name(std::string_view name);

enum class RopeScaling {
    None,
    Linear,  // positions divided by the factor (`rope.scaling.type` = "linear")
    Llama3,  // per-frequency factors (Llama 3.1+): from the `rope_freqs` tensor or computed
    Yarn,    // YaRN (Peng et al. 2023): frequencies interpolated by parts, q and k scaled
    LongRope,  // LongRoPE (Phi-3/3.5): per-frequency factors from rope_factors_long / _short
};

struct Hparams {
    Arch arch = Arch::Llama;
    int32_t n_vocab = 0;      // rows of token_embd
    int32_t n_ctx_train = 0;  // <arch>.context_length
    int32_t n_embd = 0;       // <arch>.embedding_length
    int32_t n_layer = 0;      // <arch>.block_count
    int32_t n_ff = 0;         // <arch>.feed_forward_length (per half for fused gate-up)
    int32_t n_head = 0;       // <arch>.attention.head_count
    int32_t n_head_kv = 0;    // <arch>.attention.head_count_kv (defaults to n_head)
    int32_t head_dim_k = 0;   // <arch>.attention.key_length (defaults to n_embd / n_head)
    int32_t head_dim_v = 0;   // <arch>.attention.value_length (defaults to head_dim_k)
    int32_t n_rot = 0;        // <arch>.rope.dimension_count (defaults to head_dim_k)
    float rms_eps = 1e-5f;    // <arch>.attention.layer_norm_rms_epsilon
    float rope_base = 10000.0f;        // <arch>.rope.freq_base
    float rope_base_local = 10000.0f;  // sliding-window layers: <arch>.rope.freq_base_swa (gemma3: 10000)
    RopeScaling rope_scaling = RopeScaling::None;
    float rope_scale_factor = 1.0f;     // <arch>.rope.scaling.factor
    int32_t rope_orig_ctx = 0;          // <arch>.rope.scaling.original_context_length
    float rope_low_freq_factor = 1.0f;  // Llama 3 scaling (defaults as Meta's reference)
    float rope_high_freq_factor = 4.0f;
    float rope_attn_factor = 1.0f;      // <arch>.rope.scaling.attn_factor: multiplies cos and sin (LongRoPE)
    bool rope_attn_factor_given = false;  // the file states it (else LongRoPE computes it)
    float yarn_beta_fast = 32.0f;       // <arch>.rope.scaling.yarn_beta_fast: r above it keeps its frequency
    float yarn_beta_slow = 1.0f;        // ..._beta_slow: r below it is interpolated
    float yarn_ext_factor = 1.0f;       // ..._ext_factor: 0 gives plain linear interpolation
    float yarn_attn_factor = 1.0f;      // ..._attn_factor: multiplies YaRN's own q/k scale
    int32_t sliding_window = 0;   // <arch>.attention.sliding_window; 0: none
    // Which layers the window applies to (Gemma): layer i is local when i % swa_pattern <
    // swa_pattern - 1 (<arch>.attention.sliding_window_pattern; Gemma 2 defaults to 2, Gemma 3 to
    // 6), unless swa_layers lists each layer (the key stored as an array of bools).
    int32_t swa_pattern = 0;
    std::vector<bool> swa_layers;
    float attn_softcap = 0.0f;    // <arch>.attn_logit_softcapping; 0: none
    float final_softcap = 0.0f;   // <arch>.final_logit_softcapping; 0: none
    float attn_scale = 0.0f;      // query scale; <arch>.attention.scale or 1/sqrt(head_dim_k)

    int32_t n_embd_k_gqa() const { return head_dim_k * n_head_kv; }
    int32_t n_embd_v_gqa() const { return head_dim_v * n_head_kv; }
    int32_t n_embd_q() const { return head_dim_k * n_head; }
};

std::string describe(const Hparams& hp);  // one line, for logs and `hearth-cli info`

}  // namespace hearth::arch
