// Synthetic models load as complete models of their architecture; damaged copies of them are
// refused with the tensor named.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <functional>
#include <iterator>
#include <optional>
#include <vector>

#include "inference/arch/load_model.h"
#include "inference/arch/synthetic.h"
#include "inference/gguf/gguf_writer.h"
#include "inference/tensor/dequantize.h"
#include "inference/tensor/half.h"
#include "inference/tokenizer/vocab.h"
#include "tests/support/testdata.h"

using namespace hearth;
using namespace hearth::arch;

namespace {

std::filesystem::path write(const SyntheticSpec& spec, const std::string& name) {
    auto dir = test::scratch_dir("arch_synthetic_" + name);
    auto path = dir / (name + ".gguf");
    auto st = write_synthetic_model(spec, path);
    EXPECT_TRUE(st) << st.error().message;
    return path;
}

// A copy of `src` where `edit` may replace or drop tensors (return false to drop).
Result<Model> load_edited(const GgufFile& src, std::vector<uint8_t>& bytes,
                          const std::function<bool(const GgufTensorInfo&, GgufWriter&)>& edit) {
    GgufWriter w;
    for (const auto& kv : src.metadata()) w.set_value(kv.key, kv.value);
    for (const auto& t : src.tensors())
        if (edit(t, w)) {
            EXPECT_TRUE(w.add_tensor_from(t));
        }
    auto b = w.to_bytes();
    EXPECT_TRUE(b);
    bytes = std::move(*b);
    static std::optional<GgufFile> keep;  // the Model points into it
    auto f = GgufFile::from_memory(bytes, "edited.gguf");
    EXPECT_TRUE(f) << f.error().message;
    keep.emplace(std::move(*f));
    return load_model(*keep);
}

}  // namespace

class SyntheticArch : public ::testing::TestWithParam<Arch> {};

TEST_P(SyntheticArch, WritesAndLoadsCompleteModel) {
    SyntheticSpec spec;
    spec.arch = GetParam();
    spec.n_layer = 3;
    spec.type = TensorType::Q8_0;
    auto path = write(spec, arch_name(spec.arch));
    auto f = GgufFile::open(path);
    ASSERT_TRUE(f) << f.error().message;
    auto m = load_model(*f);
    ASSERT_TRUE(m) << m.error().message;
    EXPECT_EQ(m->hp.arch, spec.arch);
    EXPECT_EQ(m->hp.n_layer, 3);
    EXPECT_EQ(m->hp.n_vocab, spec.n_vocab);
    EXPECT_EQ(m->layers.size(), 3u);
    const bool gemma = spec.arch == Arch::Gemma2 || spec.arch == Arch::Gemma3;
    EXPECT_EQ(m->output_tied, gemma);
    EXPECT_EQ(m->layers[0].wqkv.present(), spec.arch == Arch::Phi3);
    EXPECT_EQ(m->layers[0].bq.present(), spec.arch == Arch::Qwen2);
    EXPECT_EQ(m->layers[0].q_norm.present(), spec.arch == Arch::Qwen3 || spec.arch == Arch::Gemma3);
    EXPECT_EQ(m->layers[0].post_ffn_norm.present(), gemma);
    EXPECT_EQ(m->layers[0].ffn_down.type, TensorType::Q8_0);
    // The vocabulary is a valid SentencePiece vocabulary.
    auto v = vocab_from_gguf(*f);
    ASSERT_TRUE(v) << v.error().message;
    EXPECT_EQ(v->size(), spec.n_vocab);
    EXPECT_EQ(v->bos, 1);
    EXPECT_EQ(v->eos, 2);
}

INSTANTIATE_TEST_SUITE_P(All, SyntheticArch,
                         ::testing::Values(Arch::Llama, Arch::Qwen2, Arch::Qwen3, Arch::Phi3, Arch::Gemma2, Arch::Gemma3),
                         [](const auto& info) { return std::string(arch_name(info.param)); });

TEST(Synthetic, OddRowsFallBackToF16AndWeightsDoNotDependOnType) {
    SyntheticSpec spec;
    spec.n_ff = 172;  // not a multiple of 32: ffn_down rows cannot be Q4_K
    spec.type = TensorType::Q4_K;
    spec.n_embd = 256;
    spec.n_head = 4;
    auto f = GgufFile::open(write(spec, "odd"));
    ASSERT_TRUE(f) << f.error().message;
    auto m = load_model(*f);
    ASSERT_TRUE(m) << m.error().message;
    EXPECT_EQ(m->layers[0].ffn_gate.type, TensorType::Q4_K);
    EXPECT_EQ(m->layers[0].ffn_down.type, TensorType::F16);
    // Same seed, F32: the F16 tensor matches to F16 precision.
    spec.type = TensorType::F32;
    auto f32 = GgufFile::open(write(spec, "odd_f32"));
    ASSERT_TRUE(f32);
    const auto* a = f->tensor("blk.0.ffn_down.weight");
    const auto* b = f32->tensor("blk.0.ffn_down.weight");
    ASSERT_TRUE(a && b);
    const auto* bv = reinterpret_cast<const float*>(b->data);
    const auto* av = reinterpret_cast<const uint16_t*>(a->data);
    for (int i = 0; i < 100; ++i) EXPECT_NEAR(fp16_to_f32(av[i]), bv[i], 1e-3f * std::fabs(bv[i]) + 1e-7f);
}

TEST(Synthetic, BadSpecRefused) {
    SyntheticSpec spec;
    spec.n_head_kv = 3;
    auto st = write_synthetic_model(spec, test::scratch_dir("arch_bad_spec") / "x.gguf");
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().code, "arch.bad_spec");
}

TEST(Synthetic, MissingWrongShapeAndWrongTypeTensorsRefused) {
    SyntheticSpec spec;
    auto f = GgufFile::open(write(spec, "damaged"));
    ASSERT_TRUE(f);
    std::vector<uint8_t> bytes;

    auto missing = load_edited(*f, bytes, [](const GgufTensorInfo& t, GgufWriter&) {
        return t.name != "blk.1.ffn_up.weight";
    });
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, "arch.missing_tensor");
    EXPECT_NE(missing.error().message.find("blk.1.ffn_up.weight"), std::string::npos);

    auto shape = load_edited(*f, bytes, [](const GgufTensorInfo& t, GgufWriter& w) {
        if (t.name != "blk.0.attn_k.weight") return true;
        const int64_t ne[] = {t.ne[0], t.ne[1] / 2};
        std::vector<float> zeros(static_cast<size_t>(ne[0] * ne[1]));
        EXPECT_TRUE(w.add_tensor_f32(std::string(t.name), TensorType::F32, ne, zeros));
        return false;
    });
    ASSERT_FALSE(shape);
    EXPECT_EQ(shape.error().code, "arch.bad_shape");
    EXPECT_NE(shape.error().message.find("blk.0.attn_k.weight"), std::string::npos);

    auto type = load_edited(*f, bytes, [](const GgufTensorInfo& t, GgufWriter& w) {
        if (t.name == "output_norm.weight") {
            const int64_t ne[] = {8};  // the right length (n_rot / 2), the wrong type
            std::vector<float> ones(8, 1.0f);
            EXPECT_TRUE(w.add_tensor_f32("rope_freqs.weight", TensorType::F16, ne, ones));
        }
        return true;
    });
    ASSERT_FALSE(type);
    EXPECT_EQ(type.error().code, "arch.bad_type");
    EXPECT_NE(type.error().message.find("rope_freqs.weight"), std::string::npos);

    auto freqs = load_edited(*f, bytes, [](const GgufTensorInfo& t, GgufWriter& w) {
        if (t.name == "output_norm.weight") {
            const int64_t ne[] = {4};  // rope_freqs must be n_rot / 2 = 8 long
            std::vector<float> ones(4, 1.0f);
            EXPECT_TRUE(w.add_tensor_f32("rope_freqs.weight", TensorType::F32, ne, ones));
        }
        return true;
    });
    ASSERT_FALSE(freqs);
    EXPECT_EQ(freqs.error().code, "arch.bad_shape");
}

// The writer's parallel chunks must reproduce the one sequential random stream per tensor that
// "weights depend only on the seed and the tensor name" promises: element k of a tensor is the
// k-th draw of splitmix64 seeded with seed ^ fnv1a(name). Recomputed here independently.
TEST(Synthetic, F32ValuesAreTheTensorsSequentialStream) {
    SyntheticSpec spec;
    spec.n_layer = 1;
    spec.seed = 77;
    spec.threads = 3;
    auto f = GgufFile::open(write(spec, "stream"));
    ASSERT_TRUE(f) << f.error().message;
    for (const char* name : {"blk.0.attn_q.weight", "token_embd.weight", "blk.0.ffn_down.weight"}) {
        const auto* t = f->tensor(name);
        ASSERT_NE(t, nullptr) << name;
        ASSERT_EQ(t->type, TensorType::F32);
        uint64_t h = 0xcbf29ce484222325ull;
        for (unsigned char c : std::string(name)) h = (h ^ c) * 0x100000001b3ull;
        uint64_t state = spec.seed ^ h;
        const float spread = std::string(name) == "token_embd.weight" ? 1.0f : std::sqrt(3.0f / float(t->ne[0]));
        const auto* v = reinterpret_cast<const float*>(t->data);
        for (int64_t k = 0; k < t->n_elements(); ++k) {
            uint64_t z = (state += 0x9E3779B97F4A7C15ull);
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
            z ^= z >> 31;
            const double u = static_cast<double>(z >> 11) * 0x1.0p-53;
            const float want = spread * static_cast<float>(2.0 * u - 1.0);
            ASSERT_EQ(v[k], want) << name << " element " << k;
        }
    }
}

TEST(Synthetic, BytesDoNotDependOnThreadCount) {
    auto read_all = [](const std::filesystem::path& p) {
        std::ifstream in(p, std::ios::binary);
        return std::vector<char>(std::istreambuf_iterator<char>(in), {});
    };
    for (auto fill : {SyntheticSpec::Fill::Quantize, SyntheticSpec::Fill::RandomBlocks}) {
        SyntheticSpec spec;
        spec.n_embd = 256, spec.n_ff = 512, spec.n_layer = 2, spec.n_vocab = 1000;
        spec.type = TensorType::Q4_K;
        spec.fill = fill;
        spec.threads = 1;
        const auto one = read_all(write(spec, "threads1"));
        spec.threads = 5;
        const auto five = read_all(write(spec, "threads5"));
        ASSERT_GT(one.size(), 256u * 1000u * 144u / 256u);
        EXPECT_EQ(one.size(), synthetic_model_bytes(spec));
        EXPECT_TRUE(one == five) << "fill " << int(fill);
    }
}

// Random blocks: every block type the fast fill writes decodes to finite values of about the
// quantizer's magnitude (|x| <= ~2x the spread, not all tiny), with no two rows alike. The IQ
// types, which Hearth reads but cannot quantize to, are written this way only.
TEST(Synthetic, RandomBlocksDecodeToFiniteValuesOfTheRightSize) {
    for (auto type : {TensorType::Q4_0, TensorType::Q4_1, TensorType::Q5_0, TensorType::Q5_1, TensorType::Q8_0,
                      TensorType::Q2_K, TensorType::Q3_K, TensorType::Q4_K, TensorType::Q5_K, TensorType::Q6_K,
                      TensorType::IQ4_NL, TensorType::IQ4_XS, TensorType::IQ2_XXS, TensorType::IQ2_XS,
                      TensorType::IQ2_S, TensorType::IQ3_XXS, TensorType::IQ3_S, TensorType::IQ1_S, TensorType::IQ1_M}) {
        SyntheticSpec spec;
        spec.n_embd = 256, spec.n_ff = 512, spec.n_layer = 1, spec.n_head = 4, spec.n_head_kv = 4;
        spec.type = type;
        spec.fill = SyntheticSpec::Fill::RandomBlocks;
        EXPECT_TRUE(random_blocks_supported(type));
        auto path = write(spec, std::string("rb_") + type_name(type));
        auto f = GgufFile::open(path);
        ASSERT_TRUE(f) << f.error().message;
        ASSERT_TRUE(load_model(*f)) << type_name(type);
        const auto* t = f->tensor("blk.0.ffn_up.weight");
        ASSERT_NE(t, nullptr);
        ASSERT_EQ(t->type, type);
        const float spread = std::sqrt(3.0f / 256.0f);
        std::vector<float> row(256), first(256);
        double sum = 0, sum_sq = 0;
        int64_t n = 0;
        for (int64_t r = 0; r < t->n_rows(); ++r) {
            dequantize_row(type, t->data + r * t->row_size(), row.data(), 256);
            for (float x : row) {
                ASSERT_TRUE(std::isfinite(x)) << type_name(type);
                ASSERT_LE(std::abs(x), 2.5f * spread) << type_name(type);
                sum += x, sum_sq += double(x) * x, ++n;
            }
            if (r == 0) first = row;
            else ASSERT_NE(row, first) << type_name(type) << " row " << r;
        }
        const double rms = std::sqrt(sum_sq / double(n));
        EXPECT_GT(rms, 0.1 * spread) << type_name(type);
        EXPECT_LT(std::abs(sum / double(n)), 0.5 * spread) << type_name(type);
    }
}

TEST(Synthetic, UnwritablePathIsAnErrorWithTheReason) {
    SyntheticSpec spec;
    spec.threads = 2;
    const auto dir = test::scratch_dir("arch_synthetic_unwritable");
    auto st = write_synthetic_model(spec, dir / "no-such-folder" / "m.gguf");
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().code, "synthetic.write");
    EXPECT_NE(st.error().message.find("No such file or directory"), std::string::npos) << st.error().message;
    spec.n_head = 3;  // 64 is not a multiple of 3: a bad spec has no size
    EXPECT_EQ(synthetic_model_bytes(spec), 0u);
}
