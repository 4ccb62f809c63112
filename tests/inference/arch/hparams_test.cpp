// Hyperparameter reading and validation: every refusal has its code and names the key.
#include <gtest/gtest.h>

#include <cmath>

#include "inference/arch/load_model.h"
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
    w.set_string("llama.rope.scaling.type", "yarn");
    expect_error(w, "arch.unsupported_rope", "yarn");
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
