// Hyperparameter reading and validation: every refusal has its code and names the key.
#include <gtest/gtest.h>

#include <cmath>

#include "inference/arch/load_model.h"
#include "inference/arch/recipe.h"
#include "inference/gguf/gguf_writer.h"

using namespace hearth;
using namespace hearth::arch;

namespace {

// A valid llama header without tensors (vocab size from the token list).
GgufWriter llama_meta() {
    GgufWriter w;
    w.set_string("general.architecture", "llama");
    w.set_u32("llama.context_length", 2048);
    w.set_u32("llama.embedding_length", 64);
    w.set_u32("llama.block_count", 5);
    w.set_u32("llama.feed_forward_length", 172);
    w.set_u32("llama.attention.head_count", 8);
    w.set_u32("llama.attention.head_count_kv", 4);
    w.set_f32("llama.attention.layer_norm_rms_epsilon", 1e-5f);
    w.set_string_array("tokenizer.ggml.tokens", std::vector<std::string>{"a", "b", "c"});
    return w;
}

struct Parsed {
    std::vector<uint8_t> bytes;  // must outlive the file
    Result<Hparams> hp = make_error("x", "x");
};

Parsed parse(const GgufWriter& w) {
    Parsed p;
    auto b = w.to_bytes();
    EXPECT_TRUE(b) << b.error().message;
    p.bytes = std::move(*b);
    auto f = GgufFile::from_memory(p.bytes, "test.gguf");
    EXPECT_TRUE(f) << f.error().message;
    p.hp = read_hparams(*f);
    return p;
}

void expect_error(const GgufWriter& w, const std::string& code, const std::string& mentions) {
    auto p = parse(w);
    ASSERT_FALSE(p.hp.ok());
    EXPECT_EQ(p.hp.error().code, code) << p.hp.error().message;
    EXPECT_NE(p.hp.error().message.find(mentions), std::string::npos) << p.hp.error().message;
    EXPECT_NE(p.hp.error().message.find("test.gguf"), std::string::npos) << p.hp.error().message;
}

}  // namespace

TEST(Hparams, ReadsLlamaWithDefaults) {
    auto p = parse(llama_meta());
    ASSERT_TRUE(p.hp) << p.hp.error().message;
    const Hparams& hp = *p.hp;
    EXPECT_EQ(hp.arch, Arch::Llama);
    EXPECT_EQ(hp.n_layer, 5);
    EXPECT_EQ(hp.n_embd, 64);
    EXPECT_EQ(hp.n_head_kv, 4);
    EXPECT_EQ(hp.head_dim_k, 8);
    EXPECT_EQ(hp.head_dim_v, 8);
    EXPECT_EQ(hp.n_rot, 8);
    EXPECT_EQ(hp.n_vocab, 3);
    EXPECT_FLOAT_EQ(hp.rope_base, 10000.0f);
    EXPECT_FLOAT_EQ(hp.attn_scale, 1.0f / std::sqrt(8.0f));
    EXPECT_EQ(hp.rope_scaling, RopeScaling::None);
}

TEST(Hparams, ArchNamesRoundTrip) {
    for (Arch a : {Arch::Llama, Arch::Qwen2, Arch::Qwen3, Arch::Phi3, Arch::Gemma2, Arch::Gemma3})
        EXPECT_EQ(arch_from_name(arch_name(a)), a);
    EXPECT_FALSE(arch_from_name("mamba"));
}

TEST(Hparams, MissingArchitecture) {
    GgufWriter w = llama_meta();
    w.remove("general.architecture");
    expect_error(w, "arch.missing", "general.architecture");
}

TEST(Hparams, UnsupportedArchitecture) {
    GgufWriter w = llama_meta();
    w.set_string("general.architecture", "mamba");
    expect_error(w, "arch.unsupported", "mamba");
}

TEST(Hparams, MissingKey) {
    GgufWriter w = llama_meta();
    w.remove("llama.block_count");
    expect_error(w, "arch.missing_key", "llama.block_count");
}

TEST(Hparams, ZeroLayers) {
    GgufWriter w = llama_meta();
    w.set_u32("llama.block_count", 0);
    expect_error(w, "arch.bad_hparams", "llama.block_count");
}

TEST(Hparams, AbsurdWidth) {
    GgufWriter w = llama_meta();
    w.set_u32("llama.embedding_length", 4000000000u);
    expect_error(w, "arch.bad_hparams", "llama.embedding_length");
}

TEST(Hparams, KvHeadsMustDivideHeads) {
    GgufWriter w = llama_meta();
    w.set_u32("llama.attention.head_count_kv", 3);
    expect_error(w, "arch.bad_hparams", "key/value heads");
}

TEST(Hparams, HeadsMustDivideWidthWithoutKeyLength) {
    GgufWriter w = llama_meta();
    w.set_u32("llama.attention.head_count", 6);
    w.set_u32("llama.attention.head_count_kv", 6);
    expect_error(w, "arch.bad_hparams", "not a multiple");
    w.set_u32("llama.attention.key_length", 16);  // explicit head size: fine
    auto p = parse(w);
    ASSERT_TRUE(p.hp) << p.hp.error().message;
    EXPECT_EQ(p.hp->head_dim_k, 16);
}

TEST(Hparams, OddRopeDimensions) {
    GgufWriter w = llama_meta();
    w.set_u32("llama.rope.dimension_count", 7);
    expect_error(w, "arch.bad_hparams", "RoPE");
}

TEST(Hparams, PerLayerArrayRefused) {
    GgufWriter w = llama_meta();
    const int32_t heads[] = {8, 8, 8, 8, 8};
    w.set_i32_array("llama.attention.head_count_kv", heads);
    expect_error(w, "arch.bad_hparams", "head_count_kv");
}

TEST(Hparams, BadEpsilon) {
    GgufWriter w = llama_meta();
    w.set_f32("llama.attention.layer_norm_rms_epsilon", -1.0f);
    expect_error(w, "arch.bad_hparams", "layer_norm_rms_epsilon");
}

TEST(Hparams, UnsupportedRopeScaling) {
    GgufWriter w = llama_meta();
    w.set_string("llama.rope.scaling.type", "dynamic");
    expect_error(w, "arch.unsupported_rope", "dynamic");
}

TEST(Hparams, LinearRopeScaling) {
    GgufWriter w = llama_meta();
    w.set_string("llama.rope.scaling.type", "linear");
    w.set_f32("llama.rope.scaling.factor", 4.0f);
    auto p = parse(w);
    ASSERT_TRUE(p.hp);
    EXPECT_EQ(p.hp->rope_scaling, RopeScaling::Linear);
    Recipe r = make_recipe(*p.hp);
    EXPECT_FLOAT_EQ(r.layers[0].rope_freq_scale, 0.25f);
}

TEST(Hparams, GemmaDefaultsAndSoftcaps) {
    GgufWriter w;
    w.set_string("general.architecture", "gemma2");
    w.set_u32("gemma2.context_length", 8192);
    w.set_u32("gemma2.embedding_length", 2304);
    w.set_u32("gemma2.block_count", 26);
    w.set_u32("gemma2.feed_forward_length", 9216);
    w.set_u32("gemma2.attention.head_count", 8);
    w.set_u32("gemma2.attention.head_count_kv", 4);
    w.set_u32("gemma2.attention.key_length", 256);
    w.set_u32("gemma2.attention.value_length", 256);
    w.set_f32("gemma2.attn_logit_softcapping", 50.0f);
    w.set_f32("gemma2.final_logit_softcapping", 30.0f);
    w.set_u32("gemma2.attention.sliding_window", 4096);
    auto p = parse(w);
    ASSERT_TRUE(p.hp) << p.hp.error().message;
    EXPECT_FLOAT_EQ(p.hp->attn_softcap, 50.0f);
    EXPECT_FLOAT_EQ(p.hp->final_softcap, 30.0f);
    EXPECT_FLOAT_EQ(p.hp->attn_scale, 1.0f / 16.0f);  // 1 / sqrt(key_length 256)
    EXPECT_FLOAT_EQ(p.hp->rms_eps, 1e-6f);
}

namespace {

GgufWriter gemma3_meta(uint32_t layers) {
    GgufWriter w;
    w.set_string("general.architecture", "gemma3");
    w.set_u32("gemma3.context_length", 256);
    w.set_u32("gemma3.embedding_length", 64);
    w.set_u32("gemma3.block_count", layers);
    w.set_u32("gemma3.feed_forward_length", 160);
    w.set_u32("gemma3.attention.head_count", 4);
    w.set_u32("gemma3.attention.head_count_kv", 1);
    w.set_u32("gemma3.attention.key_length", 32);
    w.set_u32("gemma3.attention.value_length", 32);
    w.set_u32("gemma3.attention.sliding_window", 6);
    w.set_string_array("tokenizer.ggml.tokens", std::vector<std::string>{"a", "b", "c"});
    return w;
}

}  // namespace

// Regression (issue 15): gemma3's window pattern and local RoPE base come from the file
// (`sliding_window_pattern`, `rope.freq_base_swa`); they were hard-wired to 6 and 10000.
TEST(Hparams, Gemma3WindowPatternAndLocalRopeBaseFromTheFile) {
    GgufWriter w = gemma3_meta(4);
    w.set_u32("gemma3.attention.sliding_window_pattern", 3);
    w.set_f32("gemma3.rope.freq_base", 1e6f);
    w.set_f32("gemma3.rope.freq_base_swa", 5e4f);
    auto p = parse(w);
    ASSERT_TRUE(p.hp) << p.hp.error().message;
    EXPECT_EQ(p.hp->swa_pattern, 3);
    EXPECT_FLOAT_EQ(p.hp->rope_base_local, 5e4f);
    const Recipe r = make_recipe(*p.hp);
    const bool local[] = {true, true, false, true};  // i % 3 < 2
    for (size_t i = 0; i < 4; ++i) {
        EXPECT_EQ(r.layers[i].sliding_window, local[i] ? 6 : 0) << "layer " << i;
        EXPECT_FLOAT_EQ(r.layers[i].rope_base, local[i] ? 5e4f : 1e6f) << "layer " << i;
    }
}

TEST(Hparams, Gemma3WithoutPatternKeyHasFiveLocalLayersPerGlobal) {
    auto p = parse(gemma3_meta(12));
    ASSERT_TRUE(p.hp) << p.hp.error().message;
    const Recipe r = make_recipe(*p.hp);
    for (size_t i = 0; i < 12; ++i) {
        EXPECT_EQ(r.layers[i].sliding_window, i % 6 == 5 ? 0 : 6) << "layer " << i;
        EXPECT_FLOAT_EQ(r.layers[i].rope_base, i % 6 == 5 ? 1e6f : 1e4f) << "layer " << i;
    }
}

TEST(Hparams, WindowPatternAsPerLayerFlags) {
    GgufWriter w = gemma3_meta(4);
    const uint8_t flags[] = {0, 1, 1, 0};
    ASSERT_TRUE(w.set_array_raw("gemma3.attention.sliding_window_pattern", GgufValueType::BOOL, 4, flags));
    auto p = parse(w);
    ASSERT_TRUE(p.hp) << p.hp.error().message;
    const Recipe r = make_recipe(*p.hp);
    EXPECT_EQ(r.layers[0].sliding_window, 0);
    EXPECT_EQ(r.layers[1].sliding_window, 6);
    EXPECT_EQ(r.layers[2].sliding_window, 6);
    EXPECT_EQ(r.layers[3].sliding_window, 0);

    GgufWriter short_list = gemma3_meta(4);
    ASSERT_TRUE(short_list.set_array_raw("gemma3.attention.sliding_window_pattern", GgufValueType::BOOL, 2,
                                         std::span<const uint8_t>(flags, 2)));
    auto bad = parse(short_list);
    ASSERT_FALSE(bad.hp);
    EXPECT_EQ(bad.hp.error().code, "arch.bad_hparams");
    EXPECT_NE(bad.hp.error().message.find("sliding_window_pattern"), std::string::npos);
}
