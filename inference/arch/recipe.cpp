#include "inference/arch/recipe.h"

#include <algorithm>
#include <cmath>

namespace hearth::arch {

namespace {

// Llama 3.1's frequency-dependent RoPE scaling (Meta's reference `apply_scaling`): frequencies
// with a wavelength shorter than orig_ctx / high_freq_factor are kept, those longer than
// orig_ctx / low_freq_factor are divided by the factor, and the band between is interpolated.
// Returned as divisors of each frequency, the form the `rope_freqs` tensor takes.
std::vector<float> llama3_freq_factors(const Hparams& hp) {
    const double pi = 3.14159265358979323846;
    const double orig = hp.rope_orig_ctx;
    const double low_wavelen = orig / hp.rope_low_freq_factor;
    const double high_wavelen = orig / hp.rope_high_freq_factor;
    std::vector<float> out(static_cast<size_t>(hp.n_rot / 2));
    for (size_t i = 0; i < out.size(); ++i) {
        const double freq = std::pow(static_cast<double>(hp.rope_base), -2.0 * static_cast<double>(i) / hp.n_rot);
        const double wavelen = 2.0 * pi / freq;
        double factor;
        if (wavelen < high_wavelen) {
            factor = 1.0;
        } else if (wavelen > low_wavelen) {
            factor = hp.rope_scale_factor;
        } else {
            const double smooth = (orig / wavelen - hp.rope_low_freq_factor) /
                                  (hp.rope_high_freq_factor - hp.rope_low_freq_factor);
            const double scaled = (1.0 - smooth) * freq / hp.rope_scale_factor + smooth * freq;
            factor = freq / scaled;
        }
        out[i] = static_cast<float>(factor);
    }
    return out;
}

}  // namespace

bool long_rope_uses_long_factors(const Hparams& hp) {
    return hp.rope_scaling == RopeScaling::LongRope && hp.rope_orig_ctx > 0 && hp.n_ctx_train > hp.rope_orig_ctx;
}

std::vector<float> yarn_freq_factors(const Hparams& hp) {
    const double pi = 3.14159265358979323846;
    const double n = hp.n_rot, base = hp.rope_base, orig = hp.rope_orig_ctx;
    // The pair index at which r_i = beta: theta_i = base^(-2i/n), r_i = orig * theta_i / (2 pi).
    auto pair_at = [&](double beta) { return n * std::log(orig / (beta * 2.0 * pi)) / (2.0 * std::log(base)); };
    const double low = std::max(0.0, std::floor(pair_at(hp.yarn_beta_fast)));
    const double high = std::min(n - 1.0, std::ceil(pair_at(hp.yarn_beta_slow)));
    std::vector<float> out(static_cast<size_t>(hp.n_rot / 2));
    for (size_t i = 0; i < out.size(); ++i) {
        const double y = (static_cast<double>(i) - low) / std::max(0.001, high - low);
        const double keep = (1.0 - std::clamp(y, 0.0, 1.0)) * hp.yarn_ext_factor;  // 1: keep the frequency
        const double mult = (1.0 - keep) / hp.rope_scale_factor + keep;           // theta' = theta * mult
        out[i] = static_cast<float>(1.0 / mult);
    }
    return out;
}

float yarn_attn_factor(const Hparams& hp) {
    const double t = 1.0 + 0.1 * std::log(static_cast<double>(hp.rope_scale_factor));
    return static_cast<float>(hp.rope_attn_factor * hp.yarn_attn_factor * (hp.yarn_ext_factor != 0.0f ? t : 1.0));
}

Recipe make_recipe(const Hparams& hp, const std::vector<float>& rope_freqs) {
    Recipe r;
    r.rms_eps = hp.rms_eps;
    r.n_rot = hp.n_rot;
    r.attn_scale = hp.attn_scale;
    r.attn_softcap = hp.attn_softcap;
    r.final_softcap = hp.final_softcap;

    switch (hp.arch) {
        case Arch::Llama:
            r.rope_style = RopeStyle::Normal;
            break;
        case Arch::Qwen2:
            r.rope_style = RopeStyle::Neox;
            r.qkv_bias = true;
            break;
        case Arch::Qwen3:
            r.rope_style = RopeStyle::Neox;
            r.qk_norm = true;
            break;
        case Arch::Phi3:
            r.rope_style = RopeStyle::Neox;
            r.qkv_fused = true;
            r.gate_up_fused = true;
            break;
        case Arch::Gemma2:
        case Arch::Gemma3:
            r.rope_style = RopeStyle::Neox;
            r.activation = Activation::GeluTanhGlu;
            r.post_attn_norm = true;
            r.post_ffn_norm = true;
            r.qk_norm = hp.arch == Arch::Gemma3;
            r.embd_scale = std::sqrt(static_cast<float>(hp.n_embd));
            break;
    }

    float attn_factor = hp.rope_attn_factor;
    if (!rope_freqs.empty()) {
        r.rope_freq_factors = rope_freqs;
    } else if (hp.rope_scaling == RopeScaling::Llama3) {
        r.rope_freq_factors = llama3_freq_factors(hp);
    } else if (hp.rope_scaling == RopeScaling::Yarn) {
        r.rope_freq_factors = yarn_freq_factors(hp);
    }
    if (hp.rope_scaling == RopeScaling::Yarn) attn_factor = yarn_attn_factor(hp);
    // LongRoPE's q/k scale when the file does not state it (the paper's and Phi-3's
    // sqrt(1 + ln(s) / ln(orig)), s = the context extension); only with the long factors.
    if (hp.rope_scaling == RopeScaling::LongRope && !hp.rope_attn_factor_given && long_rope_uses_long_factors(hp)) {
        const double s = static_cast<double>(hp.n_ctx_train) / hp.rope_orig_ctx;
        attn_factor = static_cast<float>(std::sqrt(1.0 + std::log(s) / std::log(static_cast<double>(hp.rope_orig_ctx))));
    }
    const float linear_scale = hp.rope_scaling == RopeScaling::Linear ? 1.0f / hp.rope_scale_factor : 1.0f;

    r.layers.resize(static_cast<size_t>(hp.n_layer));
    for (int32_t il = 0; il < hp.n_layer; ++il) {
        LayerRecipe& l = r.layers[static_cast<size_t>(il)];
        // Which layers see only a window: Gemma follows its pattern (Gemma 2 alternates, even
        // layers local; Gemma 3 files usually have five local layers for each global one); other
        // architectures window every layer when the file gives a window (phi3 mini 4k does).
        bool local = false;
        switch (hp.arch) {
            case Arch::Gemma2:
            case Arch::Gemma3:
                if (!hp.swa_layers.empty()) {
                    local = hp.swa_layers[static_cast<size_t>(il)];
                } else {
                    const int32_t pattern = hp.swa_pattern > 0 ? hp.swa_pattern : hp.arch == Arch::Gemma3 ? 6 : 2;
                    local = il % pattern < pattern - 1;
                }
                break;
            default: local = hp.sliding_window > 0; break;
        }
        l.sliding_window = local ? hp.sliding_window : 0;
        // Gemma 3's local layers use their own RoPE base and no scaling; its global layers take
        // the file's base and linear factor.
        const bool gemma3_local = hp.arch == Arch::Gemma3 && local;
        l.rope_base = gemma3_local ? hp.rope_base_local : hp.rope_base;
        l.rope_freq_scale = gemma3_local ? 1.0f : linear_scale;
        l.use_freq_factors = !r.rope_freq_factors.empty() && !gemma3_local;
        l.rope_attn_factor = gemma3_local ? 1.0f : attn_factor;
    }
    return r;
}

}  // namespace hearth::arch
