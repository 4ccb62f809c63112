// The layer recipe: everything that distinguishes one architecture's forward pass from another's,
// as plain data. The CPU reference (inference/cpu) and the Vulkan graph (inference/vulkan) both
// read this and nothing else about the architecture, so they cannot drift apart.
//
// One layer, in the order both backends run it (x is the residual stream, [n_embd]):
//   h = rmsnorm(x) * attn_norm
//   q, k, v = h @ wq, wk, wv        (or one fused wqkv, split q|k|v; + biases if qkv_bias)
//   q, k = rmsnorm_per_head(q, k) * q_norm, k_norm      if qk_norm
//   q, k = rope(q, k, pos)          rope_style, layer.rope_base, layer.rope_freq_scale, rope_freq_factors,
//                                   layer.rope_attn_factor
//   a = softmax(softcap(q·k * attn_scale, attn_softcap) + causal/window mask) · v    (GQA: head h
//       reads kv head h / (n_head / n_head_kv))
//   a = a @ wo
//   a = rmsnorm(a) * post_attn_norm                     if post_attn_norm
//   x = x + a
//   h = rmsnorm(x) * ffn_norm
//   f = act(h @ ffn_gate) * (h @ ffn_up)                (fused: ffn_up holds [gate | up])
//   f = f @ ffn_down
//   f = rmsnorm(f) * post_ffn_norm                      if post_ffn_norm
//   x = x + f
// Before the first layer: x = token_embd[token] * embd_scale. After the last:
//   logits = softcap((rmsnorm(x) * output_norm) @ output, final_softcap).
// RMSNorm weights are used as stored: GGUF converters already fold Gemma's (1 + w) into the file.
#pragma once

#include <cstdint>
#include <vector>

#include "inference/arch/hparams.h"

namespace hearth::arch {

enum class RopeStyle {
    Normal,  // rotate adjacent pairs (x[2i], x[2i+1]): llama GGUF files (Q/K permuted at conversion)
    Neox,    // rotate halves (x[i], x[i + n_rot/2]): qwen2/3, phi3, gemma
};

enum class Activation {
    SiluGlu,      // SwiGLU: silu(gate) * up
    GeluTanhGlu,  // GeGLU with the tanh approximation of GELU (gemma)
};

struct LayerRecipe {
    int32_t sliding_window = 0;  // attend to the last `sliding_window` positions only; 0: all
    float rope_base = 10000.0f;
    float rope_freq_scale = 1.0f;  // positions are multiplied by this (1 / linear scaling factor)
    bool use_freq_factors = false;  // divide frequencies by Recipe::rope_freq_factors
    float rope_attn_factor = 1.0f;  // cos and sin are multiplied by this (LongRoPE's scale; 1 elsewhere)
};

struct Recipe {
    RopeStyle rope_style = RopeStyle::Normal;
    Activation activation = Activation::SiluGlu;
    bool qkv_fused = false;      // attn_qkv holds [q | k | v] rows (phi3)
    bool gate_up_fused = false;  // ffn_up holds [gate | up] rows, 2 * n_ff of them (phi3)
    bool qkv_bias = false;       // attn_q/k/v.bias (qwen2)
    bool qk_norm = false;        // attn_q_norm / attn_k_norm over each head (qwen3, gemma3)
    bool post_attn_norm = false;  // post_attention_norm (gemma2/3)
    bool post_ffn_norm = false;   // post_ffw_norm (gemma2/3)
    float embd_scale = 1.0f;      // sqrt(n_embd) for gemma
    float attn_scale = 1.0f;      // multiplies q·k
    float attn_softcap = 0.0f;    // c * tanh(s / c) on attention scores; 0: off
    float final_softcap = 0.0f;   // the same on the output logits; 0: off
    float rms_eps = 1e-5f;
    int32_t n_rot = 0;            // leading dimensions of each head that RoPE rotates
    std::vector<float> rope_freq_factors;  // n_rot / 2 divisors of the frequencies (Llama 3); may be empty
    std::vector<LayerRecipe> layers;       // one per block
};

// LongRoPE picks one of two factor sets once per model: the long factors when the model's
// context (n_ctx_train) exceeds rope.scaling.original_context_length. (llama.cpp decides by the
// context a run asks for; a Hearth backend's cache is at most n_ctx_train long, and the files that
// carry long factors are the long-context models.)
bool long_rope_uses_long_factors(const Hparams& hp);

// The per-frequency divisors of YaRN ("NTK-by-parts", Peng et al. 2023, sec. 3.2): pair i with
// wavelength lambda_i = 2 pi / theta_i turns r_i = orig_ctx / lambda_i times in the original
// context. Pairs that turn more than beta_fast times keep their frequency, those turning fewer
// than beta_slow times are interpolated (divided by the factor), and between the two the blend
// ramps linearly in the pair index, as the authors' code and every converter do. ext_factor
// scales the ramp (0: plain interpolation).
std::vector<float> yarn_freq_factors(const Hparams& hp);
// YaRN's q/k scale (the paper's sqrt(1/t) = 0.1 ln(s) + 1), times the file's attn_factor and
// yarn_attn_factor.
float yarn_attn_factor(const Hparams& hp);

// The recipe for validated hyperparameters. `rope_freqs` is the model's `rope_freqs` tensor as
// floats when it has one (it overrides computed Llama 3 factors), else empty.
Recipe make_recipe(const Hparams& hp, const std::vector<float>& rope_freqs = {});

}  // namespace hearth::arch
