// The synthetic model writer. It encodes GGUF v3 itself (the layout documented in
// inference/gguf/gguf_reader.h) rather than through GgufWriter, because GgufWriter keeps every
// tensor's bytes in memory until write() and a 7B-shaped model does not fit that way. Tensor
// data is written in chunks of rows by several threads with pwrite at known offsets; every row's
// random stream is computed from its index, so the bytes do not depend on the thread count.
#include "inference/arch/synthetic.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "inference/tensor/blocks.h"
#include "inference/tensor/half.h"
#include "inference/tensor/iq_blocks.h"
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
    bool heavy = false;   // SyntheticSpec::heavy_tailed: Student-t matrices, norms with outlier channels
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

namespace {

// Everything before the tensor data, and where each tensor's data goes.
struct Layout {
    std::vector<uint8_t> head;  // header, metadata, tensor infos, padding
    std::vector<TensorPlan> plan;
    uint64_t data_bytes = 0;    // the data section, padding included
};

Result<Layout> plan_model(const SyntheticSpec& s) {
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
        plan.back().heavy = s.heavy_tailed;
    };
    auto vec = [&](const std::string& name, int64_t n, float center, float spread) {
        plan.push_back({name, TensorType::F32, n, 0, center, spread});
        plan.back().heavy = s.heavy_tailed && center == 1.0f;  // the norm weights
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
    return Layout{std::move(head.out), std::move(plan), offset};
}


// splitmix64 adds a constant to its state before each output, so the stream of a tensor can be
// entered at any element: the state before element k is state0 + k * gamma.
constexpr uint64_t kGamma = 0x9E3779B97F4A7C15ull;

// Outlier channels of a heavy-tailed model: about one in 50, the same in every norm, so the
// residual stream's outliers feed every matrix product that follows a norm.
bool outlier_channel(int64_t i) { return (static_cast<uint64_t>(i) * 2654435761u >> 7) % 50 == 3; }

// Student-t values with 4 degrees of freedom (a normal over sqrt(chi2_4 / 4), four uniforms each),
// scaled to the uniform fill's variance: the heavy tails trained weights have.
void fill_student_t(const TensorPlan& t, uint64_t state0, int64_t row, float* out) {
    uint64_t state = state0 + static_cast<uint64_t>(row) * static_cast<uint64_t>(t.cols) * 4 * kGamma;
    auto uniform = [&] { return (static_cast<double>(splitmix64(state) >> 11) + 0.5) * 0x1.0p-53; };  // (0, 1)
    const double scale = t.spread / std::sqrt(3.0) / std::sqrt(2.0);  // t_4 has variance 2
    for (int64_t i = 0; i < t.cols; ++i) {
        const double u1 = uniform(), u2 = uniform(), u3 = uniform(), u4 = uniform();
        const double z = std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
        const double chi2 = -2.0 * std::log(u3 * u4);
        out[i] = static_cast<float>(scale * z / std::sqrt(chi2 / 4.0));
    }
}

void fill_random_floats(const TensorPlan& t, uint64_t state0, int64_t row, float* out) {
    if (t.heavy && t.rows > 0) return fill_student_t(t, state0, row, out);
    uint64_t state = state0 + static_cast<uint64_t>(row) * static_cast<uint64_t>(t.cols) * kGamma;
    for (int64_t i = 0; i < t.cols; ++i) {
        const double u = static_cast<double>(splitmix64(state) >> 11) * 0x1.0p-53;  // [0, 1)
        out[i] = t.center + t.spread * static_cast<float>(2.0 * u - 1.0);
        if (t.heavy && outlier_channel(i)) out[i] *= 8.0f;
    }
}

void put_half(uint8_t* block, size_t offset, float v) {
    const uint16_t h = f32_to_fp16(v);
    std::memcpy(block + offset, &h, 2);
}

}  // namespace

bool random_blocks_supported(TensorType t) {
    switch (t) {
        case TensorType::Q4_0: case TensorType::Q4_1: case TensorType::Q5_0: case TensorType::Q5_1:
        case TensorType::Q8_0: case TensorType::Q2_K: case TensorType::Q3_K: case TensorType::Q4_K:
        case TensorType::Q5_K: case TensorType::Q6_K: case TensorType::IQ4_NL: case TensorType::IQ4_XS:
        case TensorType::IQ2_XXS: case TensorType::IQ2_XS: case TensorType::IQ2_S: case TensorType::IQ3_XXS:
        case TensorType::IQ3_S: case TensorType::IQ1_S: case TensorType::IQ1_M:
            return true;
        default:
            return false;
    }
}

namespace {

// One row of random blocks: random bytes everywhere, then the f16 scales overwritten with values
// that bound every element by about `spread` (the range the quantizer would have produced), and
// that give the K-quants' mins a mean near zero. Only the scales need care: every bit pattern of
// the quant fields and of the 6-/8-bit sub-block scales is a valid value.
void fill_random_blocks(const TensorPlan& t, uint64_t state0, int64_t row, uint8_t* out) {
    const uint64_t bytes = row_bytes(t.type, t.cols);
    uint64_t state = splitmix64(state0) ^ (static_cast<uint64_t>(row) * 0xD1B54A32D192ED03ull);
    uint64_t i = 0;
    for (; i + 8 <= bytes; i += 8) {
        const uint64_t r = splitmix64(state);
        std::memcpy(out + i, &r, 8);
    }
    if (i < bytes) {
        const uint64_t r = splitmix64(state);
        std::memcpy(out + i, &r, bytes - i);
    }
    const float sp = t.spread;
    const auto& tr = traits(t.type);
    for (uint64_t b = 0; b < bytes; b += tr.block_bytes) {
        uint8_t* blk = out + b;
        switch (t.type) {
            case TensorType::Q4_0: put_half(blk, 0, sp / 8); break;  // (q - 8) * d
            case TensorType::Q5_0: put_half(blk, 0, sp / 16); break;  // (q - 16) * d
            case TensorType::Q8_0: put_half(blk, 0, sp / 127); break;
            case TensorType::Q4_1:  // q * d + m, q in 0..15
                put_half(blk, 0, 2 * sp / 15), put_half(blk, 2, -sp);
                break;
            case TensorType::Q5_1:  // q in 0..31
                put_half(blk, 0, 2 * sp / 31), put_half(blk, 2, -sp);
                break;
            case TensorType::Q2_K:  // d * sc * q - dmin * m; sc, m in 0..15, q in 0..3
                put_half(blk, offsetof(BlockQ2_K, d), sp / 45), put_half(blk, offsetof(BlockQ2_K, dmin), 1.5f * sp / 45);
                break;
            case TensorType::Q3_K:  // d * (sc - 32) * q; q in -4..3
                put_half(blk, offsetof(BlockQ3_K, d), sp / 128);
                break;
            case TensorType::Q4_K:  // d * sc * q - dmin * m; sc, m in 0..63, q in 0..15
                put_half(blk, offsetof(BlockQ4_K, d), sp / 945), put_half(blk, offsetof(BlockQ4_K, dmin), 7.5f * sp / 945);
                break;
            case TensorType::Q5_K:  // q in 0..31
                put_half(blk, offsetof(BlockQ5_K, d), sp / 1953), put_half(blk, offsetof(BlockQ5_K, dmin), 15.5f * sp / 1953);
                break;
            case TensorType::Q6_K:  // d * scales * q; scales in -128..127, q in -32..31
                put_half(blk, offsetof(BlockQ6_K, d), sp / 4096);
                break;
            // IQ types: every grid index, sign and sub-scale is valid; only d needs a size.
            case TensorType::IQ4_NL: put_half(blk, 0, sp / 127); break;         // d * kvalue, |kvalue| <= 127
            case TensorType::IQ4_XS: put_half(blk, 0, sp / (32 * 127)); break;  // d * (ls - 32) * kvalue
            case TensorType::IQ2_XXS:  // d * (0.5 + s) / 4 * grid, s <= 15, grid <= 43
            case TensorType::IQ2_XS:
            case TensorType::IQ2_S: put_half(blk, 0, sp / 167); break;
            case TensorType::IQ3_XXS: put_half(blk, 0, sp / 481); break;  // d * (0.5 + s) / 2 * grid, grid <= 62
            case TensorType::IQ3_S: put_half(blk, 0, sp / 465); break;    // d * (1 + 2s) * grid, grid <= 15
            case TensorType::IQ1_S: put_half(blk, 0, sp / 17); break;     // d * (2s + 1) * (grid +- 1/8)
            case TensorType::IQ1_M: {  // the same, with d's 16 bits in the top nibbles of 4 words
                const uint16_t h = f32_to_fp16(sp / 17);
                for (int w = 0; w < 4; ++w) {
                    uint8_t* hi = blk + offsetof(BlockIQ1_M, scales) + 2 * w + 1;
                    *hi = static_cast<uint8_t>((*hi & 0x0F) | (((h >> (4 * w)) & 0xF) << 4));
                }
                break;
            }
            default:
                break;
        }
    }
}

// A run of rows of one tensor: the unit of work of the writer threads.
struct Chunk {
    const TensorPlan* tensor;
    int64_t row_begin, row_end;
};

Error write_error(const std::filesystem::path& tmp, const char* what, int err) {
    return make_error("synthetic.write",
                      "Could not " + std::string(what) + " " + tmp.string() + ": " + std::strerror(err) + ".");
}

bool pwrite_all(int fd, const uint8_t* p, uint64_t n, uint64_t offset) {
    while (n) {
        const ssize_t w = ::pwrite(fd, p, n, static_cast<off_t>(offset));
        if (w < 0 && errno == EINTR) continue;
        if (w == 0) errno = EIO;  // no progress and no reason: call it an I/O error
        if (w <= 0) return false;
        p += w, n -= static_cast<uint64_t>(w), offset += static_cast<uint64_t>(w);
    }
    return true;
}

}  // namespace

void fill_random_block_row(TensorType t, int64_t cols, float spread, uint64_t seed, int64_t row, uint8_t* out) {
    fill_random_blocks(TensorPlan{"", t, cols, 1, 0.0f, spread}, seed, row, out);
}

uint64_t synthetic_model_bytes(const SyntheticSpec& spec) {
    auto l = plan_model(spec);
    return l ? l->head.size() + l->data_bytes : 0;
}

Status write_synthetic_model(const SyntheticSpec& s, const std::filesystem::path& path) {
    auto layout = plan_model(s);
    if (!layout) return layout.error();
    const uint64_t data_start = layout->head.size();

    // About 4 MiB of output per chunk: enough to keep threads busy, small enough to hold.
    constexpr uint64_t kChunkBytes = 4ull << 20;
    std::vector<Chunk> chunks;
    for (const auto& t : layout->plan) {
        const int64_t rows = t.rows == 0 ? 1 : t.rows;
        const int64_t per = std::max<int64_t>(1, static_cast<int64_t>(kChunkBytes / std::max<uint64_t>(1, row_bytes(t.type, t.cols))));
        for (int64_t r = 0; r < rows; r += per) chunks.push_back({&t, r, std::min(rows, r + per)});
    }

    const std::filesystem::path tmp = path.string() + ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return write_error(tmp, "create", errno);
    // Sizing the file first leaves the alignment padding as zeros without writing it.
    if (::ftruncate(fd, static_cast<off_t>(data_start + layout->data_bytes)) != 0 ||
        !pwrite_all(fd, layout->head.data(), layout->head.size(), 0)) {
        const int err = errno;
        ::close(fd);
        std::error_code ec;
        std::filesystem::remove(tmp, ec);
        return write_error(tmp, "write", err);
    }

    std::atomic<size_t> next{0};
    std::atomic<bool> failed{false};
    std::mutex error_mutex;
    Status first_error;
    auto work = [&] {
        std::vector<float> row;
        std::vector<uint8_t> enc;
        for (size_t c; !failed && (c = next.fetch_add(1)) < chunks.size();) {
            const auto& ch = chunks[c];
            const auto& t = *ch.tensor;
            const uint64_t rb = row_bytes(t.type, t.cols);
            const uint64_t state0 = s.seed ^ name_hash(t.name);
            const bool random_blocks = s.fill == SyntheticSpec::Fill::RandomBlocks && random_blocks_supported(t.type);
            enc.resize(rb * static_cast<uint64_t>(ch.row_end - ch.row_begin));
            row.resize(static_cast<size_t>(t.cols));
            Status st;
            for (int64_t r = ch.row_begin; r < ch.row_end && st; ++r) {
                uint8_t* dst = enc.data() + rb * static_cast<uint64_t>(r - ch.row_begin);
                if (random_blocks) {
                    fill_random_blocks(t, state0, r, dst);
                } else {
                    fill_random_floats(t, state0, r, row.data());
                    st = quantize_row(t.type, row.data(), dst, t.cols);
                }
            }
            if (st && !pwrite_all(fd, enc.data(), enc.size(), data_start + t.offset + rb * static_cast<uint64_t>(ch.row_begin)))
                st = write_error(tmp, "write", errno);
            if (!st) {
                std::lock_guard lock(error_mutex);
                if (!failed.exchange(true)) first_error = std::move(st);
            }
        }
    };
    int32_t n_threads = s.threads > 0 ? s.threads : static_cast<int32_t>(std::thread::hardware_concurrency());
    n_threads = std::clamp<int32_t>(n_threads, 1, static_cast<int32_t>(std::clamp<size_t>(chunks.size(), 1, 256)));
    std::vector<std::thread> pool;
    for (int32_t i = 1; i < n_threads; ++i) pool.emplace_back(work);
    work();
    for (auto& th : pool) th.join();

    const int close_rc = ::close(fd);
    if (!failed && close_rc != 0) {
        failed = true;
        first_error = write_error(tmp, "write", errno);
    }
    if (failed) {
        std::error_code ec;
        std::filesystem::remove(tmp, ec);
        return first_error;
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) return make_error("synthetic.write", "Could not rename " + tmp.string() + ": " + ec.message() + ".");
    return {};
}

}  // namespace hearth::arch
