#include "inference/hf/config.h"

#include <cmath>

namespace hearth::hf {
namespace {

struct ArchName {
    const char* hf;  // `architectures[0]`
    const char* model_type;
    arch::Arch arch;
};

constexpr ArchName kArchs[] = {
    {"LlamaForCausalLM", "llama", arch::Arch::Llama},
    {"MistralForCausalLM", "mistral", arch::Arch::Llama},
    {"Qwen2ForCausalLM", "qwen2", arch::Arch::Qwen2},
    {"Qwen3ForCausalLM", "qwen3", arch::Arch::Qwen3},
    {"Phi3ForCausalLM", "phi3", arch::Arch::Phi3},
    {"Gemma2ForCausalLM", "gemma2", arch::Arch::Gemma2},
    {"Gemma3ForCausalLM", "gemma3_text", arch::Arch::Gemma3},
    {"Gemma3ForConditionalGeneration", "gemma3", arch::Arch::Gemma3},
};

Error bad(const std::string& file, const std::string& what) {
    return make_error("hf.bad_config", file + ": " + what + "; the model folder is damaged or not a complete model");
}

// A positive integer field within [1, hi].
Result<int32_t> size_field(const json::Value& c, const char* key, const std::string& file, int64_t hi,
                           std::optional<int32_t> fallback = std::nullopt) {
    const json::Value* v = c.find(key);
    if (!v || v->is_null()) {
        if (fallback) return *fallback;
        return bad(file, "'" + std::string(key) + "' is missing");
    }
    auto i = v->as_int();
    if (!i || *i < 1 || *i > hi) return bad(file, "'" + std::string(key) + "' must be a whole number from 1 to " + std::to_string(hi));
    return static_cast<int32_t>(*i);
}

std::optional<double> number(const json::Value& c, const char* key) {
    const json::Value* v = c.find(key);
    if (!v || !v->is_number()) return std::nullopt;
    return v->num;
}

Result<std::vector<float>> float_list(const json::Value* v, size_t n, const std::string& file, const char* what) {
    if (!v || !v->is_array() || v->arr.size() != n)
        return bad(file, std::string("rope_scaling.") + what + " must list " + std::to_string(n) + " numbers");
    std::vector<float> out;
    for (const auto& x : v->arr) {
        if (!x.is_number() || !(x.num > 0)) return bad(file, std::string("rope_scaling.") + what + " must hold positive numbers");
        out.push_back(static_cast<float>(x.num));
    }
    return out;
}

}  // namespace

Result<HfConfig> read_config(std::string_view text, const std::string& file) {
    auto root = json::parse(text);
    if (!root) return bad(file, "not valid JSON (" + root.error().message + ")");
    if (!root->is_object()) return bad(file, "not a JSON object");
    std::string hf_arch;
    if (const json::Value* a = root->find("architectures"); a && a->is_array() && !a->arr.empty() && a->arr[0].is_string())
        hf_arch = a->arr[0].str;
    const std::string model_type = root->get_string("model_type");
    const ArchName* found = nullptr;
    for (const auto& n : kArchs)
        if ((!hf_arch.empty() && hf_arch == n.hf) || (hf_arch.empty() && model_type == n.model_type)) found = &n;
    if (!found) {
        std::string known;
        for (const auto& n : kArchs) known += (known.empty() ? "" : ", ") + std::string(n.hf);
        return make_error("hf.unknown_arch", file + ": the architecture '" + (hf_arch.empty() ? model_type : hf_arch) +
                                                 "' is not one Hearth runs; it runs " + known + ".");
    }
    HfConfig c;
    c.arch = found->arch;
    // Multimodal Gemma 3 keeps the language model's settings in text_config.
    const json::Value* tc = root->find("text_config");
    c.raw = tc && tc->is_object() ? *tc : *root;
    const json::Value& j = c.raw;
    auto layers = size_field(j, "num_hidden_layers", file, 1024);
    if (!layers) return layers.error();
    auto heads = size_field(j, "num_attention_heads", file, 1 << 12);
    if (!heads) return heads.error();
    auto kv = size_field(j, "num_key_value_heads", file, 1 << 12, *heads);
    if (!kv) return kv.error();
    auto embd = size_field(j, "hidden_size", file, 1 << 17);
    if (!embd) return embd.error();
    if (*heads % *kv != 0) return bad(file, "num_attention_heads is not a multiple of num_key_value_heads");
    auto hd = size_field(j, "head_dim", file, 1 << 12, *embd / *heads);
    if (!hd) return hd.error();
    for (const char* k : {"intermediate_size", "max_position_embeddings"})
        if (auto s = size_field(j, k, file, 1 << 24); !s) return s.error();
    c.n_layer = *layers;
    c.n_head = *heads;
    c.n_head_kv = *kv;
    c.head_dim = *hd;
    // Gemma ties its embeddings without saying so.
    const bool gemma = c.arch == arch::Arch::Gemma2 || c.arch == arch::Arch::Gemma3;
    c.tie_embeddings = j.get_bool("tie_word_embeddings").value_or(root->get_bool("tie_word_embeddings").value_or(gemma));
    if (auto b = j.get_int("bos_token_id")) c.bos_id = *b;
    if (auto e = j.get_int("eos_token_id")) c.eos_id = *e;

    if (const json::Value* rs = j.find("rope_scaling"); rs && rs->is_object()) {
        std::string type = rs->get_string("rope_type", rs->get_string("type"));
        if (type == "longrope" || type == "su") {
            // One factor per rotated pair: Phi-4-mini rotates only partial_rotary_factor of each head.
            const double partial = number(j, "partial_rotary_factor").value_or(1.0);
            const auto n = static_cast<size_t>(std::lround(c.head_dim * partial) / 2);
            auto lf = float_list(rs->find("long_factor"), n, file, "long_factor");
            if (!lf) return lf.error();
            auto sf = float_list(rs->find("short_factor"), n, file, "short_factor");
            if (!sf) return sf.error();
            c.rope_long = std::move(*lf);
            c.rope_short = std::move(*sf);
        } else if (type == "llama3") {
            // The engine computes Llama 3's factors with Meta's published constants.
            if (number(*rs, "low_freq_factor").value_or(1.0) != 1.0 || number(*rs, "high_freq_factor").value_or(4.0) != 4.0)
                return bad(file, "rope_scaling uses llama3 factors other than Meta's (1 and 4), which Hearth does not support yet");
        } else if (type != "linear" && type != "yarn" && type != "default" && !type.empty()) {
            return bad(file, "the RoPE scaling '" + type + "' is not supported (Hearth supports linear, llama3, yarn and longrope)");
        }
    }
    return c;
}

void write_hparams(const HfConfig& c, GgufWriter& w) {
    const json::Value& j = c.raw;
    const std::string a = arch::arch_name(c.arch);
    auto key = [&](const char* s) { return a + "." + s; };
    auto u32 = [&](const char* k, const char* field) {
        if (auto v = j.get_int(field)) w.set_u32(key(k), static_cast<uint32_t>(*v));
    };
    auto f32 = [&](const char* k, const json::Value& o, const char* field) {
        if (auto v = number(o, field)) w.set_f32(key(k), static_cast<float>(*v));
    };
    w.set_string("general.architecture", a);
    u32("context_length", "max_position_embeddings");
    u32("embedding_length", "hidden_size");
    u32("block_count", "num_hidden_layers");
    u32("feed_forward_length", "intermediate_size");
    w.set_u32(key("attention.head_count"), static_cast<uint32_t>(c.n_head));
    w.set_u32(key("attention.head_count_kv"), static_cast<uint32_t>(c.n_head_kv));
    w.set_u32(key("attention.key_length"), static_cast<uint32_t>(c.head_dim));
    w.set_u32(key("attention.value_length"), static_cast<uint32_t>(c.head_dim));
    const double partial = number(j, "partial_rotary_factor").value_or(1.0);
    w.set_u32(key("rope.dimension_count"), static_cast<uint32_t>(std::lround(c.head_dim * partial)));
    f32("attention.layer_norm_rms_epsilon", j, "rms_norm_eps");
    f32("rope.freq_base", j, "rope_theta");
    f32("rope.freq_base_swa", j, "rope_local_base_freq");
    if (auto v = number(j, "attn_logit_softcapping")) w.set_f32(key("attn_logit_softcapping"), static_cast<float>(*v));
    if (auto v = number(j, "final_logit_softcapping")) w.set_f32(key("final_logit_softcapping"), static_cast<float>(*v));
    // Gemma scales queries by 1/sqrt(query_pre_attn_scalar), which is not always the head size.
    if (auto q = number(j, "query_pre_attn_scalar"); q && *q > 0)
        w.set_f32(key("attention.scale"), static_cast<float>(1.0 / std::sqrt(*q)));

    // Sliding-window attention: Gemma always (on a pattern of layers), Qwen2 only when the config
    // switches it on; GGUF files of Mistral leave it out, as llama.cpp's converter does.
    const bool gemma = c.arch == arch::Arch::Gemma2 || c.arch == arch::Arch::Gemma3;
    const bool swa_on = gemma || j.get_bool("use_sliding_window").value_or(false);
    if (auto sw = j.get_int("sliding_window"); sw && *sw > 0 && swa_on)
        w.set_u32(key("attention.sliding_window"), static_cast<uint32_t>(*sw));
    if (const json::Value* lt = j.find("layer_types"); gemma && lt && lt->is_array() &&
                                                       lt->arr.size() == static_cast<size_t>(c.n_layer)) {
        std::vector<uint8_t> local;
        for (const auto& t : lt->arr) local.push_back(t.is_string() && t.str == "sliding_attention" ? 1 : 0);
        (void)w.set_array_raw(key("attention.sliding_window_pattern"), GgufValueType::BOOL, local.size(), local);
    } else if (auto p = j.get_int("sliding_window_pattern"); gemma && p && *p > 0) {
        w.set_u32(key("attention.sliding_window_pattern"), static_cast<uint32_t>(*p));
    }

    if (const json::Value* rs = j.find("rope_scaling"); rs && rs->is_object()) {
        const std::string type = rs->get_string("rope_type", rs->get_string("type"));
        const auto orig = rs->get_int("original_max_position_embeddings");
        if (type == "linear" || type == "llama3" || type == "yarn") {
            w.set_string(key("rope.scaling.type"), type);
            f32("rope.scaling.factor", *rs, "factor");
            if (orig) w.set_u32(key("rope.scaling.original_context_length"), static_cast<uint32_t>(*orig));
            if (type == "yarn") {
                f32("rope.scaling.yarn_beta_fast", *rs, "beta_fast");
                f32("rope.scaling.yarn_beta_slow", *rs, "beta_slow");
            }
        } else if (type == "longrope" || type == "su") {
            auto o = orig ? orig : j.get_int("original_max_position_embeddings");
            if (o) w.set_u32(key("rope.scaling.original_context_length"), static_cast<uint32_t>(*o));
        }
    }
}

}  // namespace hearth::hf
