#include "inference/hf/tensor_names.h"

#include <charconv>

namespace hearth::hf {
namespace {

struct Pair {
    std::string_view hf, gguf;
};

constexpr Pair kLayer[] = {
    {"input_layernorm", "attn_norm"},      {"self_attn.q_proj", "attn_q"},
    {"self_attn.k_proj", "attn_k"},        {"self_attn.v_proj", "attn_v"},
    {"self_attn.o_proj", "attn_output"},   {"self_attn.qkv_proj", "attn_qkv"},
    {"self_attn.q_norm", "attn_q_norm"},   {"self_attn.k_norm", "attn_k_norm"},
    {"mlp.gate_proj", "ffn_gate"},         {"mlp.up_proj", "ffn_up"},
    {"mlp.down_proj", "ffn_down"},         {"mlp.gate_up_proj", "ffn_up"},
    {"pre_feedforward_layernorm", "ffn_norm"}, {"post_feedforward_layernorm", "post_ffw_norm"},
};

bool consume(std::string_view& s, std::string_view prefix) {
    if (!s.starts_with(prefix)) return false;
    s.remove_prefix(prefix.size());
    return true;
}

}  // namespace

MappedName gguf_tensor_name(arch::Arch a, std::string_view name) {
    MappedName m;
    // Multimodal Gemma 3 nests the language model ("language_model.model.layers..." in older
    // files, "model.language_model.layers..." in newer ones); its vision tower and projector stay
    // behind.
    std::string renamed;
    if (consume(name, "language_model.")) {
    } else if (name.starts_with("model.language_model.")) {
        renamed = "model." + std::string(name.substr(21));
        name = renamed;
    } else if (name.starts_with("vision_tower.") || name.starts_with("multi_modal_projector.") ||
               name.starts_with("model.vision_tower.") || name.starts_with("model.multi_modal_projector.")) {
        m.result = NameResult::Skip;
        return m;
    }
    std::string_view suffix;
    for (std::string_view s : {".weight", ".bias"})
        if (name.ends_with(s)) suffix = s;
    if (name.ends_with("rotary_emb.inv_freq")) {
        m.result = NameResult::Skip;
        return m;
    }
    if (suffix.empty()) return m;
    std::string_view stem = name.substr(0, name.size() - suffix.size());
    auto mapped = [&](std::string g) {
        m.result = NameResult::Mapped;
        m.gguf = std::move(g) + std::string(suffix);
        return m;
    };
    if (stem == "model.embed_tokens") return mapped("token_embd");
    if (stem == "model.norm") return mapped("output_norm");
    if (stem == "lm_head") return mapped("output");
    if (!consume(stem, "model.layers.")) return m;
    const size_t dot = stem.find('.');
    if (dot == std::string_view::npos) return m;
    int layer = -1;
    auto [p, ec] = std::from_chars(stem.data(), stem.data() + dot, layer);
    if (ec != std::errc() || p != stem.data() + dot || layer < 0) return m;
    m.layer = layer;
    const std::string blk = "blk." + std::to_string(layer) + ".";
    stem.remove_prefix(dot + 1);
    if (stem == "post_attention_layernorm") {
        const bool gemma = a == arch::Arch::Gemma2 || a == arch::Arch::Gemma3;
        return mapped(blk + (gemma ? "post_attention_norm" : "ffn_norm"));
    }
    for (const auto& pr : kLayer)
        if (stem == pr.hf) return mapped(blk + std::string(pr.gguf));
    m.layer = -1;
    return m;
}

}  // namespace hearth::hf
