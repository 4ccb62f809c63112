// The synthetic model writer. It encodes GGUF v3 itself (the layout documented in
// inference/gguf/gguf_reader.h) rather than through GgufWriter, because GgufWriter keeps every
// tensor's bytes in memory until write() and a 7B-shaped model does not fit that way.
#include "inference/arch/synthetic.h"

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "inference/tensor/quantize.h"

namespace hearth::arch {

namespace {

constexpr uint64_t kAlign = 32;

// GGUF value type tags (see gguf_reader.h).
enum : uint32_t { kU32 = 4, kI32 = 5, kF32 = 6, kBool = 7, kString = 8, kArray = 9 };

struct Encoder {
    std::vector<uint8_t> out;
    void raw(const void* p, size_t n) {
        const auto* b = static_cast<const uint8_t*>(p);
        out.insert(out.end(), b, b + n);
    }
    void u32(uint32_t v) { raw(&v, 4); }
    void u64(uint64_t v) { raw(&v, 8); }
    void str(const std::string& s) {
        u64(s.size());
        raw(s.data(), s.size());
    }
};

struct Metadata {
    Encoder e;
    uint64_t count = 0;
    void key(const std::string& k, uint32_t type) {
        e.str(k);
        e.u32(type);
        ++count;
    }
    void u32(const std::string& k, uint32_t v) { key(k, kU32), e.u32(v); }
    void f32(const std::string& k, float v) { key(k, kF32), e.raw(&v, 4); }
    void boolean(const std::string& k, bool v) {
        key(k, kBool);
        const uint8_t b = v ? 1 : 0;
        e.raw(&b, 1);
    }
    void str(const std::string& k, const std::string& v) { key(k, kString), e.str(v); }
    void strings(const std::string& k, const std::vector<std::string>& v) {
        key(k, kArray);
        e.u32(kString);
        e.u64(v.size());
        for (const auto& s : v) e.str(s);
    }
    void f32s(const std::string& k, const std::vector<float>& v) {
        key(k, kArray);
        e.u32(kF32);
        e.u64(v.size());
        e.raw(v.data(), v.size() * 4);
    }
    void i32s(const std::string& k, const std::vector<int32_t>& v) {
        key(k, kArray);
        e.u32(kI32);
        e.u64(v.size());
        e.raw(v.data(), v.size() * 4);
    }
};

// How one tensor's values are made: uniform in [center - spread, center + spread].
struct TensorPlan {
    std::string name;
    TensorType type;
    int64_t cols, rows;  // rows == 0: 1-D
    float center, spread;
    uint64_t offset = 0;  // in the data section
    uint64_t bytes() const { return row_bytes(type, cols) * static_cast<uint64_t>(rows == 0 ? 1 : rows); }
};

uint64_t splitmix64(uint64_t& x) {
    uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

uint64_t name_hash(const std::string& s) {  // FNV-1a
    uint64_t h = 0xcbf29ce484222325ull;
    for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ull;
    return h;
}

// The vocabulary: <unk> <s> </s>, byte tokens when there is room, then single characters and
// pairs and triples of them; a SentencePiece ("llama") tokenizer can tokenize any text with it.
void vocabulary(int32_t n_vocab, std::vector<std::string>& tokens, std::vector<float>& scores,
                std::vector<int32_t>& types) {
    auto add = [&](std::string s, int32_t type) {
        if (static_cast<int32_t>(tokens.size()) >= n_vocab) return;
        scores.push_back(type == 1 ? -static_cast<float>(tokens.size()) : 0.0f);
        tokens.push_back(std::move(s));
        types.push_back(type);
    };
    add("<unk>", 2);
    add("<s>", 3);
    add("</s>", 3);
    if (n_vocab >= 3 + 256 + 16) {
        for (int b = 0; b < 256; ++b) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "<0x%02X>", b);
            add(buf, 6);
        }
    }
    std::vector<std::string> chars = {"\xE2\x96\x81"};  // U+2581, SentencePiece's space
    for (const char* c = "etaoinshrdlucmfwypvbgkjqxz.,!?'ETAOINSHRDLUCMFWYPVBGKJQXZ0123456789"; *c; ++c)
        chars.emplace_back(1, *c);
    for (const auto& c : chars) add(c, 1);
    for (const auto& a : chars)
        for (const auto& b : chars) add(a + b, 1);
    for (const auto& a : chars)
        for (const auto& b : chars)
            for (const auto& c : chars) add(a + b + c, 1);
    while (static_cast<int32_t>(tokens.size()) < n_vocab) add("<extra_" + std::to_string(tokens.size()) + ">", 4);
}

Error bad_spec(const std::string& why) {
    return make_error("arch.bad_spec", "The synthetic model spec is invalid: " + why + ".");
}

}  // namespace

Status write_synthetic_model(const SyntheticSpec& s, const std::filesystem::path& path) {
    if (s.n_embd < 1 || s.n_layer < 1 || s.n_head < 1 || s.n_head_kv < 1 || s.n_ff < 1 || s.n_ctx < 1)
        return bad_spec("every size must be at least 1");
    if (s.n_vocab < 3) return bad_spec("the vocabulary needs at least the three special tokens");
    if (s.n_head % s.n_head_kv) return bad_spec("n_head must be a multiple of n_head_kv");
    const int32_t hd = s.head_dim > 0 ? s.head_dim : s.n_embd / s.n_head;
    if (hd < 2 || hd % 2 || (s.head_dim <= 0 && s.n_embd % s.n_head))
        return bad_spec("the head size must be even and n_embd a multiple of n_head");
    if (!is_supported(s.type) || !is_supported(s.embd_type)) return bad_spec("the tensor type is not supported");

    const std::string a = arch_name(s.arch);
    const bool gemma = s.arch == Arch::Gemma2 || s.arch == Arch::Gemma3;
    const int64_t nq = int64_t{hd} * s.n_head, nkv = int64_t{hd} * s.n_head_kv;

    // Metadata.
    Metadata md;
    md.str("general.architecture", a);
    md.str("general.name", "synthetic " + a);
    md.u32(a + ".context_length", static_cast<uint32_t>(s.n_ctx));
    md.u32(a + ".embedding_length", static_cast<uint32_t>(s.n_embd));
    md.u32(a + ".block_count", static_cast<uint32_t>(s.n_layer));
    md.u32(a + ".feed_forward_length", static_cast<uint32_t>(s.n_ff));
    md.u32(a + ".attention.head_count", static_cast<uint32_t>(s.n_head));
    md.u32(a + ".attention.head_count_kv", static_cast<uint32_t>(s.n_head_kv));
    md.u32(a + ".attention.key_length", static_cast<uint32_t>(hd));
    md.u32(a + ".attention.value_length", static_cast<uint32_t>(hd));
    md.u32(a + ".rope.dimension_count", static_cast<uint32_t>(hd));
    md.f32(a + ".rope.freq_base", s.rope_base);
    md.f32(a + ".attention.layer_norm_rms_epsilon", gemma ? 1e-6f : 1e-5f);
    if (gemma || (s.arch == Arch::Phi3 && s.sliding_window > 0))
        md.u32(a + ".attention.sliding_window", static_cast<uint32_t>(s.sliding_window > 0 ? s.sliding_window : 4096));
    if (s.arch == Arch::Gemma2) {
        md.f32(a + ".attn_logit_softcapping", 50.0f);
        md.f32(a + ".final_logit_softcapping", 30.0f);
    }
    if (s.llama3_rope_factor > 0.0f) {
        md.str(a + ".rope.scaling.type", "llama3");
        md.f32(a + ".rope.scaling.factor", s.llama3_rope_factor);
        md.u32(a + ".rope.scaling.original_context_length", static_cast<uint32_t>(std::max(1, s.n_ctx / 4)));
    }
    std::vector<std::string> tokens;
    std::vector<float> scores;
    std::vector<int32_t> types;
    vocabulary(s.n_vocab, tokens, scores, types);
    md.str("tokenizer.ggml.model", "llama");
    md.strings("tokenizer.ggml.tokens", tokens);
    md.f32s("tokenizer.ggml.scores", scores);
    md.i32s("tokenizer.ggml.token_type", types);
    md.u32("tokenizer.ggml.unknown_token_id", 0);
    md.u32("tokenizer.ggml.bos_token_id", 1);
    md.u32("tokenizer.ggml.eos_token_id", 2);
    md.boolean("tokenizer.ggml.add_bos_token", true);
    md.boolean("tokenizer.ggml.add_eos_token", false);

    // Tensors, in llama.cpp's order. Matrices get a spread of sqrt(3 / cols), which keeps each
    // output's variance near its input's; norm weights are 1 +- 0.1 (as stored: gemma's files
    // hold 1 + w already).
    std::vector<TensorPlan> plan;
    auto matrix = [&](const std::string& name, int64_t cols, int64_t rows, TensorType t) {
        if (!row_size_ok(t, cols)) t = TensorType::F16;  // as converters do for odd row lengths
        plan.push_back({name, t, cols, rows, 0.0f, std::sqrt(3.0f / static_cast<float>(cols))});
    };
    auto vec = [&](const std::string& name, int64_t n, float center, float spread) {
        plan.push_back({name, TensorType::F32, n, 0, center, spread});
    };
    plan.push_back({"token_embd.weight", row_size_ok(s.embd_type, s.n_embd) ? s.embd_type : TensorType::F16,
                    s.n_embd, s.n_vocab, 0.0f, 1.0f});
    for (int32_t il = 0; il < s.n_layer; ++il) {
        const std::string b = "blk." + std::to_string(il) + ".";
        vec(b + "attn_norm.weight", s.n_embd, 1.0f, 0.1f);
        if (s.arch == Arch::Phi3) {
            matrix(b + "attn_qkv.weight", s.n_embd, nq + 2 * nkv, s.type);
        } else {
            matrix(b + "attn_q.weight", s.n_embd, nq, s.type);
            matrix(b + "attn_k.weight", s.n_embd, nkv, s.type);
            matrix(b + "attn_v.weight", s.n_embd, nkv, s.type);
        }
        if (s.arch == Arch::Qwen2) {
            vec(b + "attn_q.bias", nq, 0.0f, 0.1f);
            vec(b + "attn_k.bias", nkv, 0.0f, 0.1f);
            vec(b + "attn_v.bias", nkv, 0.0f, 0.1f);
        }
        if (s.arch == Arch::Qwen3 || s.arch == Arch::Gemma3) {
            vec(b + "attn_q_norm.weight", hd, 1.0f, 0.1f);
            vec(b + "attn_k_norm.weight", hd, 1.0f, 0.1f);
        }
        matrix(b + "attn_output.weight", nq, s.n_embd, s.type);
        if (gemma) vec(b + "post_attention_norm.weight", s.n_embd, 1.0f, 0.1f);
        vec(b + "ffn_norm.weight", s.n_embd, 1.0f, 0.1f);
        if (s.arch == Arch::Phi3) {
            matrix(b + "ffn_up.weight", s.n_embd, 2 * int64_t{s.n_ff}, s.type);
        } else {
            matrix(b + "ffn_gate.weight", s.n_embd, s.n_ff, s.type);
            matrix(b + "ffn_up.weight", s.n_embd, s.n_ff, s.type);
        }
        matrix(b + "ffn_down.weight", s.n_ff, s.n_embd, s.type);
        if (gemma) vec(b + "post_ffw_norm.weight", s.n_embd, 1.0f, 0.1f);
    }
    vec("output_norm.weight", s.n_embd, 1.0f, 0.1f);
    if (!gemma && !s.tied_output) matrix("output.weight", s.n_embd, s.n_vocab, s.embd_type);

    // Header, metadata, tensor infos.
    Encoder head;
    head.raw("GGUF", 4);
    head.u32(3);
    head.u64(plan.size());
    head.u64(md.count);
    head.raw(md.e.out.data(), md.e.out.size());
    uint64_t offset = 0;
    for (auto& t : plan) {
        t.offset = offset;
        offset += (t.bytes() + kAlign - 1) / kAlign * kAlign;
        head.str(t.name);
        head.u32(t.rows == 0 ? 1 : 2);
        head.u64(static_cast<uint64_t>(t.cols));
        if (t.rows) head.u64(static_cast<uint64_t>(t.rows));
        head.u32(static_cast<uint32_t>(t.type));
        head.u64(t.offset);
    }
    while (head.out.size() % kAlign) head.out.push_back(0);

    const std::filesystem::path tmp = path.string() + ".tmp";
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    auto io_error = [&](const char* what) {
        return make_error("synthetic.write", "Could not " + std::string(what) + " " + tmp.string() + ": " +
                                                 std::strerror(errno) + ".");
    };
    if (!out) return io_error("create");
    out.write(reinterpret_cast<const char*>(head.out.data()), static_cast<std::streamsize>(head.out.size()));

    // Data: one row at a time, each tensor from its own stream seeded by (seed, name).
    std::vector<float> row;
    std::vector<uint8_t> enc;
    const char zeros[kAlign] = {};
    for (const auto& t : plan) {
        uint64_t state = s.seed ^ name_hash(t.name);
        row.resize(static_cast<size_t>(t.cols));
        enc.resize(row_bytes(t.type, t.cols));
        const int64_t rows = t.rows == 0 ? 1 : t.rows;
        for (int64_t r = 0; r < rows; ++r) {
            for (auto& x : row) {
                const double u = static_cast<double>(splitmix64(state) >> 11) * 0x1.0p-53;  // [0, 1)
                x = t.center + t.spread * static_cast<float>(2.0 * u - 1.0);
            }
            if (auto st = quantize_row(t.type, row.data(), enc.data(), t.cols); !st) return st.error();
            out.write(reinterpret_cast<const char*>(enc.data()), static_cast<std::streamsize>(enc.size()));
        }
        const uint64_t pad = (kAlign - t.bytes() % kAlign) % kAlign;
        out.write(zeros, static_cast<std::streamsize>(pad));
        if (!out) return io_error("write");
    }
    out.close();
    if (!out) return io_error("write");
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) return make_error("synthetic.write", "Could not rename " + tmp.string() + ": " + ec.message() + ".");
    return {};
}

}  // namespace hearth::arch
