// The recipe each architecture gets: these flags are what both backends compute from.
#include <gtest/gtest.h>

#include <cmath>

#include "inference/arch/recipe.h"

using namespace hearth::arch;

namespace {

Hparams base(Arch a, int32_t layers = 12) {
    Hparams hp;
    hp.arch = a;
    hp.n_layer = layers;
    hp.n_embd = 256;
    hp.n_head = 4;
    hp.n_head_kv = 2;
    hp.head_dim_k = hp.head_dim_v = hp.n_rot = 64;
    hp.n_ff = 512;
    hp.rope_base = 1e6f;
    hp.rope_base_local = a == Arch::Gemma3 ? 1e4f : hp.rope_base;
    hp.attn_scale = 0.125f;
    return hp;
}

}  // namespace

TEST(Recipe, LlamaIsPlain) {
    Recipe r = make_recipe(base(Arch::Llama));
    EXPECT_EQ(r.rope_style, RopeStyle::Normal);
    EXPECT_EQ(r.activation, Activation::SiluGlu);
    EXPECT_FALSE(r.qkv_fused || r.gate_up_fused || r.qkv_bias || r.qk_norm || r.post_attn_norm || r.post_ffn_norm);
    EXPECT_FLOAT_EQ(r.embd_scale, 1.0f);
    ASSERT_EQ(r.layers.size(), 12u);
    for (const auto& l : r.layers) EXPECT_EQ(l.sliding_window, 0);
}

TEST(Recipe, Qwen2BiasesQwen3QkNorm) {
    Recipe q2 = make_recipe(base(Arch::Qwen2));
    EXPECT_EQ(q2.rope_style, RopeStyle::Neox);
    EXPECT_TRUE(q2.qkv_bias);
    EXPECT_FALSE(q2.qk_norm);
    Recipe q3 = make_recipe(base(Arch::Qwen3));
    EXPECT_EQ(q3.rope_style, RopeStyle::Neox);
    EXPECT_TRUE(q3.qk_norm);
    EXPECT_FALSE(q3.qkv_bias);
}

TEST(Recipe, Phi3Fused) {
    Recipe r = make_recipe(base(Arch::Phi3));
    EXPECT_TRUE(r.qkv_fused);
    EXPECT_TRUE(r.gate_up_fused);
    EXPECT_EQ(r.rope_style, RopeStyle::Neox);
}

TEST(Recipe, Gemma2AlternatesWindowsAndSoftcaps) {
    Hparams hp = base(Arch::Gemma2, 6);
    hp.sliding_window = 4096;
    hp.attn_softcap = 50.0f;
    hp.final_softcap = 30.0f;
    Recipe r = make_recipe(hp);
    EXPECT_EQ(r.activation, Activation::GeluTanhGlu);
    EXPECT_TRUE(r.post_attn_norm && r.post_ffn_norm);
    EXPECT_FALSE(r.qk_norm);
    EXPECT_FLOAT_EQ(r.embd_scale, 16.0f);  // sqrt(256)
    EXPECT_FLOAT_EQ(r.attn_softcap, 50.0f);
    EXPECT_FLOAT_EQ(r.final_softcap, 30.0f);
    for (size_t i = 0; i < r.layers.size(); ++i)
        EXPECT_EQ(r.layers[i].sliding_window, i % 2 == 0 ? 4096 : 0) << "layer " << i;
}

TEST(Recipe, Gemma3FiveLocalToOneGlobalWithLocalRopeBase) {
    Hparams hp = base(Arch::Gemma3, 12);
    hp.sliding_window = 1024;
    hp.rope_scaling = RopeScaling::Linear;
    hp.rope_scale_factor = 8.0f;
    Recipe r = make_recipe(hp);
    EXPECT_TRUE(r.qk_norm);
    for (size_t i = 0; i < r.layers.size(); ++i) {
        const bool global = i % 6 == 5;
        EXPECT_EQ(r.layers[i].sliding_window, global ? 0 : 1024) << "layer " << i;
        EXPECT_FLOAT_EQ(r.layers[i].rope_base, global ? 1e6f : 1e4f) << "layer " << i;
        EXPECT_FLOAT_EQ(r.layers[i].rope_freq_scale, global ? 0.125f : 1.0f) << "layer " << i;
    }
}

TEST(Recipe, Llama3FrequencyFactors) {
    Hparams hp = base(Arch::Llama, 2);
    hp.n_rot = 128;
    hp.rope_base = 500000.0f;
    hp.rope_scaling = RopeScaling::Llama3;
    hp.rope_scale_factor = 8.0f;
    hp.rope_orig_ctx = 8192;
    Recipe r = make_recipe(hp);
    ASSERT_EQ(r.rope_freq_factors.size(), 64u);
    // Highest frequency (wavelength 2*pi) is kept; the lowest (wavelength ~ 2*pi*500000^(126/128))
    // is longer than 8192 and gets the full factor.
    EXPECT_FLOAT_EQ(r.rope_freq_factors.front(), 1.0f);
    EXPECT_FLOAT_EQ(r.rope_freq_factors.back(), 8.0f);
    // The band in between is monotone from 1 to 8.
    for (size_t i = 1; i < 64; ++i) EXPECT_GE(r.rope_freq_factors[i], r.rope_freq_factors[i - 1]);
    // i = 30: wavelength 2*pi*500000^(60/128) ~ 2950 lies in [2048, 8192]: interpolated.
    const double freq = std::pow(500000.0, -60.0 / 128.0);
    const double smooth = (8192.0 * freq / (2 * M_PI) - 1.0) / 3.0;
    EXPECT_NEAR(r.rope_freq_factors[30], 1.0 / ((1 - smooth) / 8 + smooth), 1e-5);
    for (const auto& l : r.layers) EXPECT_TRUE(l.use_freq_factors);
    // A rope_freqs tensor overrides the computed factors.
    Recipe r2 = make_recipe(hp, std::vector<float>(64, 2.0f));
    EXPECT_FLOAT_EQ(r2.rope_freq_factors[0], 2.0f);
}
