#include "tests/inference/hf/hf_export.h"

#include <cmath>
#include <cstring>
#include <fstream>
#include <map>

#include "base/json.h"
#include "inference/arch/load_model.h"
#include "inference/tensor/dequantize.h"
#include "inference/tensor/half.h"

namespace hearth::test {
namespace fs = std::filesystem;

namespace {

bool write_file(const fs::path& p, const void* data, size_t n) {
    std::ofstream out(p, std::ios::binary);
    out.write(static_cast<const char*>(data), static_cast<std::streamsize>(n));
    return static_cast<bool>(out);
}
bool write_text(const fs::path& p, const std::string& s) { return write_file(p, s.data(), s.size()); }

// GGUF block names -> transformers' (the reverse of what a converter does).
std::string hf_name(arch::Arch a, const std::string& g) {
    const bool gemma = a == arch::Arch::Gemma2 || a == arch::Arch::Gemma3;
    std::string stem = g, suffix;
    for (const char* s : {".weight", ".bias"})
        if (g.ends_with(s)) {
            suffix = s;
            stem = g.substr(0, g.size() - suffix.size());
        }
    if (stem == "token_embd") return "model.embed_tokens" + suffix;
    if (stem == "output_norm") return "model.norm" + suffix;
    if (stem == "output") return "lm_head" + suffix;
    if (!stem.starts_with("blk.")) return "";
    const size_t dot = stem.find('.', 4);
    const std::string layer = stem.substr(4, dot - 4), part = stem.substr(dot + 1);
    const std::map<std::string, std::string> names = {
        {"attn_norm", "input_layernorm"},         {"attn_q", "self_attn.q_proj"},
        {"attn_k", "self_attn.k_proj"},           {"attn_v", "self_attn.v_proj"},
        {"attn_output", "self_attn.o_proj"},      {"attn_qkv", "self_attn.qkv_proj"},
        {"attn_q_norm", "self_attn.q_norm"},      {"attn_k_norm", "self_attn.k_norm"},
        {"ffn_gate", "mlp.gate_proj"},            {"ffn_down", "mlp.down_proj"},
        {"ffn_up", a == arch::Arch::Phi3 ? "mlp.gate_up_proj" : "mlp.up_proj"},
        {"ffn_norm", gemma ? "pre_feedforward_layernorm" : "post_attention_layernorm"},
        {"post_attention_norm", "post_attention_layernorm"},
        {"post_ffw_norm", "post_feedforward_layernorm"},
    };
    auto it = names.find(part);
    return it == names.end() ? "" : "model.layers." + layer + "." + it->second + suffix;
}

std::vector<uint8_t> encode(const std::vector<float>& v, TensorType t) {
    std::vector<uint8_t> out;
    for (float x : v) {
        if (t == TensorType::F32) {
            uint8_t b[4];
            std::memcpy(b, &x, 4);
            out.insert(out.end(), b, b + 4);
        } else {
            const uint16_t h = t == TensorType::F16 ? f32_to_fp16(x) : f32_to_bf16(x);
            out.push_back(static_cast<uint8_t>(h & 0xff));
            out.push_back(static_cast<uint8_t>(h >> 8));
        }
    }
    return out;
}

const char* dtype_name(TensorType t) { return t == TensorType::F32 ? "F32" : t == TensorType::F16 ? "F16" : "BF16"; }

// Protobuf wire format, for tokenizer.model.
void varint(std::string& s, uint64_t v) {
    while (v >= 0x80) {
        s.push_back(static_cast<char>((v & 0x7f) | 0x80));
        v >>= 7;
    }
    s.push_back(static_cast<char>(v));
}
void tag(std::string& s, uint32_t field, uint32_t wire) { varint(s, (uint64_t{field} << 3) | wire); }
void bytes_field(std::string& s, uint32_t field, const std::string& b) {
    tag(s, field, 2);
    varint(s, b.size());
    s += b;
}
void int_field(std::string& s, uint32_t field, int64_t v) {
    tag(s, field, 0);
    varint(s, static_cast<uint64_t>(v));  // negative int32: ten bytes, as protobuf sends them
}

}  // namespace

std::vector<uint8_t> safetensors_bytes(const std::vector<StEntry>& entries, int extra_pad) {
    json::Value h = json::Value::object_value();
    json::Value meta = json::Value::object_value();
    meta.set("format", json::Value::string_value("pt"));
    h.set("__metadata__", meta);
    uint64_t off = 0;
    for (const auto& e : entries) {
        json::Value t = json::Value::object_value();
        t.set("dtype", json::Value::string_value(e.dtype));
        json::Value shape = json::Value::array_value();
        for (int64_t d : e.shape) shape.push(json::Value::integer_value(d));
        t.set("shape", shape);
        json::Value offs = json::Value::array_value();
        offs.push(json::Value::integer_value(static_cast<int64_t>(off)));
        offs.push(json::Value::integer_value(static_cast<int64_t>(off + e.bytes.size())));
        t.set("data_offsets", offs);
        h.set(e.name, t);
        off += e.bytes.size();
    }
    std::string header = json::serialize(h);
    while (header.size() % 8) header += ' ';  // the reference writer pads with spaces
    header.append(static_cast<size_t>(extra_pad), ' ');
    std::vector<uint8_t> out(8);
    for (int i = 0; i < 8; ++i) out[static_cast<size_t>(i)] = static_cast<uint8_t>(header.size() >> (8 * i));
    out.insert(out.end(), header.begin(), header.end());
    for (const auto& e : entries) out.insert(out.end(), e.bytes.begin(), e.bytes.end());
    return out;
}

std::string export_hf_folder(const GgufFile& g, const fs::path& dir, const HfExportOptions& o) {
    auto hp = arch::read_hparams(g);
    if (!hp) return hp.error().message;
    const arch::Arch a = hp->arch;
    const bool gemma = a == arch::Arch::Gemma2 || a == arch::Arch::Gemma3;
    fs::create_directories(dir);

    // config.json
    const char* hf_arch[] = {"LlamaForCausalLM", "Qwen2ForCausalLM", "Qwen3ForCausalLM",
                             "Phi3ForCausalLM",  "Gemma2ForCausalLM", "Gemma3ForCausalLM"};
    json::Value c = json::Value::object_value();
    json::Value archs = json::Value::array_value();
    archs.push(json::Value::string_value(o.architecture.empty() ? hf_arch[static_cast<int>(a)] : o.architecture));
    c.set("architectures", archs);
    auto i = [](int64_t v) { return json::Value::integer_value(v); };
    auto f = [](double v) { return json::Value::number_value(v); };
    c.set("hidden_size", i(hp->n_embd));
    c.set("num_hidden_layers", i(hp->n_layer));
    c.set("intermediate_size", i(hp->n_ff));
    c.set("num_attention_heads", i(hp->n_head));
    c.set("num_key_value_heads", i(hp->n_head_kv));
    c.set("head_dim", i(hp->head_dim_k));
    c.set("max_position_embeddings", i(hp->n_ctx_train));
    c.set("rms_norm_eps", f(hp->rms_eps));
    c.set("rope_theta", f(hp->rope_base));
    c.set("vocab_size", i(hp->n_vocab));
    c.set("tie_word_embeddings", json::Value::boolean_value(g.tensor("output.weight") == nullptr));
    if (gemma) {
        c.set("query_pre_attn_scalar", f(1.0 / (double(hp->attn_scale) * hp->attn_scale)));
        c.set("sliding_window", i(hp->sliding_window));
        if (hp->attn_softcap > 0) c.set("attn_logit_softcapping", f(hp->attn_softcap));
        if (hp->final_softcap > 0) c.set("final_logit_softcapping", f(hp->final_softcap));
        if (a == arch::Arch::Gemma3) {
            c.set("rope_local_base_freq", f(hp->rope_base_local));
            c.set("sliding_window_pattern", i(hp->swa_pattern));
        }
    }
    if (hp->rope_scaling == arch::RopeScaling::Llama3) {
        json::Value rs = json::Value::object_value();
        rs.set("rope_type", json::Value::string_value("llama3"));
        rs.set("factor", f(hp->rope_scale_factor));
        rs.set("low_freq_factor", f(1.0));
        rs.set("high_freq_factor", f(4.0));
        rs.set("original_max_position_embeddings", i(hp->rope_orig_ctx));
        c.set("rope_scaling", rs);
    }
    if (!write_text(dir / "config.json", json::serialize(c, 2))) return "cannot write config.json";

    // Weights.
    std::vector<StEntry> entries;
    for (const auto& t : g.tensors()) {
        const std::string name(t.name);
        if (o.drop.count(name)) continue;
        StEntry e;
        e.name = hf_name(a, name);
        if (e.name.empty()) return "no HF name for " + name;
        std::vector<float> v(static_cast<size_t>(t.n_elements()));
        for (int64_t r = 0; r < t.n_rows(); ++r)
            dequantize_row(t.type, t.data + static_cast<uint64_t>(r) * t.row_size(), v.data() + r * t.ne[0], t.ne[0]);
        if (gemma && name.ends_with("norm.weight"))
            for (float& x : v) x -= 1.0f;  // transformers' Gemma multiplies by 1 + w
        const bool q = name.find(".attn_q.") != std::string::npos, k = name.find(".attn_k.") != std::string::npos;
        if (a == arch::Arch::Llama && (q || k)) {
            const int64_t d = hp->head_dim_k, half = d / 2, cols = t.ne[0];
            const int64_t heads = t.ne[1] / d;
            std::vector<float> hf(v.size());
            for (int64_t h = 0; h < heads; ++h)
                for (int64_t row = 0; row < d; ++row) {
                    const int64_t from = row < half ? 2 * row : 2 * (row - half) + 1;
                    std::memcpy(&hf[static_cast<size_t>((h * d + row) * cols)], &v[static_cast<size_t>((h * d + from) * cols)],
                                static_cast<size_t>(cols) * 4);
                }
            v.swap(hf);
        }
        const bool vec = t.n_dims == 1;
        const TensorType dt = vec ? TensorType::F32 : o.dtype;
        e.dtype = dtype_name(dt);
        for (int d = t.n_dims - 1; d >= 0; --d) e.shape.push_back(t.ne[d]);
        e.bytes = encode(v, dt);
        entries.push_back(std::move(e));
    }
    if (o.shards <= 1) {
        const auto b = safetensors_bytes(entries, o.misalign ? 1 : 0);
        if (!write_file(dir / "model.safetensors", b.data(), b.size())) return "cannot write model.safetensors";
    } else {
        json::Value wm = json::Value::object_value();
        const size_t per = (entries.size() + static_cast<size_t>(o.shards) - 1) / static_cast<size_t>(o.shards);
        for (int s = 0; s < o.shards; ++s) {
            char fname[64];
            std::snprintf(fname, sizeof fname, "model-%05d-of-%05d.safetensors", s + 1, o.shards);
            std::vector<StEntry> part;
            for (size_t k = static_cast<size_t>(s) * per; k < std::min(entries.size(), (static_cast<size_t>(s) + 1) * per); ++k) {
                part.push_back(entries[k]);
                wm.set(entries[k].name, json::Value::string_value(fname));
            }
            const auto b = safetensors_bytes(part);
            if (!write_file(dir / fname, b.data(), b.size())) return "cannot write a shard";
        }
        json::Value idx = json::Value::object_value();
        json::Value md = json::Value::object_value();
        md.set("total_size", json::Value::integer_value(0));
        idx.set("metadata", md);
        idx.set("weight_map", wm);
        if (!write_text(dir / "model.safetensors.index.json", json::serialize(idx, 2))) return "cannot write the index";
    }

    // tokenizer.model: SentencePiece ModelProto with the GGUF's pieces, a BPE trainer spec and the
    // special ids; tokenizer_config.json: the BOS/EOS switches and the chat template.
    auto tokens = g.get_string_array("tokenizer.ggml.tokens");
    auto scores = g.get_f32_array("tokenizer.ggml.scores");
    auto types = g.get_i32_array("tokenizer.ggml.token_type");
    if (!tokens || !scores || !types) return "the GGUF has no SentencePiece vocabulary";
    std::string proto;
    for (size_t k = 0; k < tokens->size(); ++k) {
        std::string piece;
        bytes_field(piece, 1, std::string((*tokens)[k]));
        tag(piece, 2, 5);
        uint32_t bits;
        std::memcpy(&bits, &(*scores)[k], 4);
        for (int b = 0; b < 4; ++b) piece.push_back(static_cast<char>(bits >> (8 * b)));
        int_field(piece, 3, (*types)[k]);
        bytes_field(proto, 1, piece);
    }
    std::string trainer;
    int_field(trainer, 3, 2);  // BPE
    int_field(trainer, 40, static_cast<int64_t>(g.get_uint("tokenizer.ggml.unknown_token_id").value_or(0)));
    int_field(trainer, 41, static_cast<int64_t>(g.get_uint("tokenizer.ggml.bos_token_id").value_or(1)));
    int_field(trainer, 42, static_cast<int64_t>(g.get_uint("tokenizer.ggml.eos_token_id").value_or(2)));
    int_field(trainer, 43, -1);
    bytes_field(proto, 2, trainer);
    std::string normalizer;
    int_field(normalizer, 3, g.get_bool("tokenizer.ggml.add_space_prefix").value_or(true) ? 1 : 0);
    bytes_field(proto, 3, normalizer);
    if (!write_text(dir / "tokenizer.model", proto)) return "cannot write tokenizer.model";

    json::Value tc = json::Value::object_value();
    tc.set("add_bos_token", json::Value::boolean_value(g.get_bool("tokenizer.ggml.add_bos_token").value_or(true)));
    tc.set("add_eos_token", json::Value::boolean_value(g.get_bool("tokenizer.ggml.add_eos_token").value_or(false)));
    tc.set("chat_template", json::Value::string_value(
                                std::string(g.get_string("tokenizer.chat_template").value_or("{{ messages[0]['content'] }}"))));
    if (!write_text(dir / "tokenizer_config.json", json::serialize(tc, 2))) return "cannot write tokenizer_config.json";
    return "";
}

}  // namespace hearth::test
