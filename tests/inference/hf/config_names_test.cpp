// config.json to GGUF hyper-parameters, and Hugging Face tensor names to GGUF's.
#include <gtest/gtest.h>

#include "inference/arch/load_model.h"
#include "inference/gguf/gguf_writer.h"
#include "inference/hf/config.h"
#include "inference/hf/tensor_names.h"

using namespace hearth;

namespace {

// The hyper-parameters the engine reads from the metadata a config.json becomes.
Result<arch::Hparams> hparams_of(const std::string& config) {
    auto c = hf::read_config(config, "config.json");
    if (!c) return c.error();
    GgufWriter w;
    hf::write_hparams(*c, w);
    static std::vector<uint8_t> bytes;  // the GgufFile below points into it
    auto b = w.to_bytes();
    bytes = std::move(*b);
    auto f = GgufFile::from_memory(bytes, "converted");
    if (!f) return f.error();
    return arch::read_hparams(*f);
}

const std::string kBase = R"("hidden_size":256,"num_hidden_layers":4,"intermediate_size":512,
    "num_attention_heads":8,"max_position_embeddings":4096,"rms_norm_eps":1e-6)";

}  // namespace

TEST(HfConfig, Llama3RopeScalingAndGqa) {
    auto hp = hparams_of(R"({"architectures":["LlamaForCausalLM"],)" + kBase +
                         R"(,"num_key_value_heads":2,"rope_theta":500000.0,
        "rope_scaling":{"rope_type":"llama3","factor":8.0,"low_freq_factor":1.0,"high_freq_factor":4.0,
                        "original_max_position_embeddings":8192}})");
    ASSERT_TRUE(hp) << hp.error().message;
    EXPECT_EQ(hp->arch, arch::Arch::Llama);
    EXPECT_EQ(hp->n_head_kv, 2);
    EXPECT_EQ(hp->head_dim_k, 32);
    EXPECT_EQ(hp->rope_base, 500000.0f);
    EXPECT_EQ(hp->rope_scaling, arch::RopeScaling::Llama3);
    EXPECT_EQ(hp->rope_scale_factor, 8.0f);
    EXPECT_EQ(hp->rope_orig_ctx, 8192);
    EXPECT_FLOAT_EQ(hp->rms_eps, 1e-6f);
}

TEST(HfConfig, Gemma3LayerTypesSoftcapsAndQueryScale) {
    auto hp = hparams_of(R"({"architectures":["Gemma3ForCausalLM"],)" + kBase +
                         R"(,"head_dim":64,"query_pre_attn_scalar":256,"sliding_window":512,"rope_local_base_freq":10000,
        "rope_theta":1000000,"final_logit_softcapping":30.0,
        "layer_types":["sliding_attention","sliding_attention","sliding_attention","full_attention"]})");
    ASSERT_TRUE(hp) << hp.error().message;
    EXPECT_EQ(hp->arch, arch::Arch::Gemma3);
    EXPECT_EQ(hp->head_dim_k, 64);
    EXPECT_FLOAT_EQ(hp->attn_scale, 1.0f / 16.0f);
    EXPECT_EQ(hp->sliding_window, 512);
    EXPECT_EQ(hp->swa_layers, (std::vector<bool>{true, true, true, false}));
    EXPECT_EQ(hp->final_softcap, 30.0f);
    EXPECT_EQ(hp->rope_base_local, 10000.0f);
}

TEST(HfConfig, MultimodalGemma3ReadsTextConfig) {
    auto c = hf::read_config(R"({"architectures":["Gemma3ForConditionalGeneration"],"text_config":{)" + kBase + "}}",
                             "config.json");
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_EQ(c->arch, arch::Arch::Gemma3);
    EXPECT_EQ(c->n_layer, 4);
    EXPECT_TRUE(c->tie_embeddings);
}

TEST(HfConfig, QwenSlidingWindowOnlyWhenSwitchedOn) {
    auto off = hparams_of(R"({"architectures":["Qwen2ForCausalLM"],)" + kBase +
                          R"(,"sliding_window":4096,"use_sliding_window":false})");
    ASSERT_TRUE(off) << off.error().message;
    EXPECT_EQ(off->sliding_window, 0);
    auto on = hparams_of(R"({"architectures":["Qwen2ForCausalLM"],)" + kBase +
                         R"(,"sliding_window":4096,"use_sliding_window":true})");
    ASSERT_TRUE(on);
    EXPECT_EQ(on->sliding_window, 4096);
}

TEST(HfConfig, Phi3LongRopeFactors) {
    std::string longf = "[", shortf = "[";
    for (int i = 0; i < 16; ++i) {
        longf += (i ? "," : "") + std::to_string(1.0 + i);
        shortf += (i ? "," : "") + std::string("1.0");
    }
    auto c = hf::read_config(R"({"architectures":["Phi3ForCausalLM"],)" + kBase +
                                 R"(,"original_max_position_embeddings":4096,
        "rope_scaling":{"type":"longrope","long_factor":)" + longf + "],\"short_factor\":" + shortf + "]}}",
                             "config.json");
    ASSERT_TRUE(c) << c.error().message;
    ASSERT_EQ(c->rope_long.size(), 16u);
    EXPECT_EQ(c->rope_long[15], 16.0f);
    // Phi-4-mini rotates three quarters of each head of 32: 12 factors.
    std::string f12 = "[1.0";
    for (int i = 1; i < 12; ++i) f12 += ",1.0";
    auto partial = hf::read_config(R"({"architectures":["Phi3ForCausalLM"],)" + kBase +
                                       R"(,"partial_rotary_factor":0.75,"rope_scaling":{"type":"longrope","long_factor":)" +
                                       f12 + "],\"short_factor\":" + f12 + "]}}",
                                   "config.json");
    ASSERT_TRUE(partial) << partial.error().message;
    EXPECT_EQ(partial->rope_long.size(), 12u);
    // Factors of the wrong count are refused.
    auto bad = hf::read_config(R"({"architectures":["Phi3ForCausalLM"],)" + kBase +
                                   R"(,"rope_scaling":{"type":"longrope","long_factor":[1.0],"short_factor":[1.0]}})",
                               "config.json");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, "hf.bad_config");
}

TEST(HfConfig, RefusesBrokenConfigs) {
    struct Case {
        std::string json;
        const char* code;
    };
    const std::vector<Case> cases = {
        {"not json", "hf.bad_config"},
        {"[]", "hf.bad_config"},
        {R"({"architectures":["BertModel"]})", "hf.unknown_arch"},
        {R"({"model_type":"mamba"})", "hf.unknown_arch"},
        {R"({"architectures":["LlamaForCausalLM"],"num_hidden_layers":2})", "hf.bad_config"},
        {R"({"architectures":["LlamaForCausalLM"],)" + kBase + R"(,"num_key_value_heads":3})", "hf.bad_config"},
        {R"({"architectures":["LlamaForCausalLM"],)" + kBase + R"(,"rope_scaling":{"rope_type":"dynamic","factor":2}})",
         "hf.bad_config"},
        {R"({"architectures":["LlamaForCausalLM"],"hidden_size":-1,"num_hidden_layers":2,"intermediate_size":8,"num_attention_heads":1,"max_position_embeddings":8})",
         "hf.bad_config"},
    };
    for (const auto& c : cases) {
        auto r = hf::read_config(c.json, "dir/config.json");
        ASSERT_FALSE(r) << c.json;
        EXPECT_EQ(r.error().code, c.code) << c.json;
        EXPECT_NE(r.error().message.find("dir/config.json"), std::string::npos);
    }
}

TEST(HfTensorNames, MapsEveryArchitecturesNames) {
    using arch::Arch;
    struct Case {
        Arch a;
        const char* hf;
        const char* gguf;  // "" for skipped, nullptr for unknown
    };
    const Case cases[] = {
        {Arch::Llama, "model.embed_tokens.weight", "token_embd.weight"},
        {Arch::Llama, "lm_head.weight", "output.weight"},
        {Arch::Llama, "model.norm.weight", "output_norm.weight"},
        {Arch::Llama, "model.layers.12.self_attn.q_proj.weight", "blk.12.attn_q.weight"},
        {Arch::Llama, "model.layers.0.post_attention_layernorm.weight", "blk.0.ffn_norm.weight"},
        {Arch::Llama, "model.layers.0.self_attn.rotary_emb.inv_freq", ""},
        {Arch::Qwen2, "model.layers.3.self_attn.k_proj.bias", "blk.3.attn_k.bias"},
        {Arch::Qwen3, "model.layers.1.self_attn.q_norm.weight", "blk.1.attn_q_norm.weight"},
        {Arch::Phi3, "model.layers.2.self_attn.qkv_proj.weight", "blk.2.attn_qkv.weight"},
        {Arch::Phi3, "model.layers.2.mlp.gate_up_proj.weight", "blk.2.ffn_up.weight"},
        {Arch::Gemma2, "model.layers.4.post_attention_layernorm.weight", "blk.4.post_attention_norm.weight"},
        {Arch::Gemma2, "model.layers.4.pre_feedforward_layernorm.weight", "blk.4.ffn_norm.weight"},
        {Arch::Gemma2, "model.layers.4.post_feedforward_layernorm.weight", "blk.4.post_ffw_norm.weight"},
        {Arch::Gemma3, "language_model.model.layers.0.mlp.down_proj.weight", "blk.0.ffn_down.weight"},
        {Arch::Gemma3, "model.language_model.layers.0.mlp.down_proj.weight", "blk.0.ffn_down.weight"},
        {Arch::Gemma3, "model.language_model.embed_tokens.weight", "token_embd.weight"},
        {Arch::Gemma3, "vision_tower.vision_model.embeddings.patch_embedding.weight", ""},
        {Arch::Gemma3, "model.vision_tower.vision_model.embeddings.patch_embedding.weight", ""},
        {Arch::Llama, "model.layers.0.mlp.experts.0.w1.weight", nullptr},
        {Arch::Llama, "model.layers.x.mlp.down_proj.weight", nullptr},
        {Arch::Llama, "transformer.h.0.attn.c_attn.weight", nullptr},
    };
    for (const auto& c : cases) {
        const hf::MappedName m = hf::gguf_tensor_name(c.a, c.hf);
        if (!c.gguf) {
            EXPECT_EQ(m.result, hf::NameResult::Unknown) << c.hf;
        } else if (!*c.gguf) {
            EXPECT_EQ(m.result, hf::NameResult::Skip) << c.hf;
        } else {
            EXPECT_EQ(m.result, hf::NameResult::Mapped) << c.hf;
            EXPECT_EQ(m.gguf, c.gguf) << c.hf;
        }
    }
}
