// The CPU forward pass over synthetic models of every architecture and several tensor types.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <memory>

#include "inference/arch/load_model.h"
#include "inference/arch/synthetic.h"
#include "inference/cpu/cpu_backend.h"
#include "tests/inference/cpu/golden_util.h"
#include "tests/support/testdata.h"

using namespace hearth;
using namespace hearth::arch;

namespace {

// A model file plus what is loaded from it (the Model points into the file).
struct Loaded {
    std::unique_ptr<GgufFile> file;
    Model model;
};

SyntheticSpec spec_for(Arch a, TensorType t) {
    SyntheticSpec s;
    s.arch = a;
    s.type = t;
    s.embd_type = t;
    s.n_embd = 256;  // K-quants need rows of 256
    s.n_head = 4;
    s.n_head_kv = 2;
    s.n_ff = 512;
    s.n_layer = 2;
    s.n_vocab = 320;
    s.n_ctx = 64;
    s.sliding_window = 4;  // gemma: the local layers see 4 positions, so 12 tokens exercise it
    s.seed = 7;
    return s;
}

Loaded load(const SyntheticSpec& s) {
    const std::string name = std::string(arch_name(s.arch)) + "_" + type_name(s.type) + "_w" +
                             std::to_string(s.sliding_window) + "_t" + std::to_string(s.tied_output) + "_r" +
                             std::to_string(static_cast<int>(s.llama3_rope_factor));
    // Each test is its own process under ctest -j, so the folder is named for the test too.
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string dir = std::string("cpu_synth_") + info->test_suite_name() + "_" + info->name() + "_" + name;
    for (char& c : dir)
        if (c == '/') c = '_';
    auto path = test::scratch_dir(dir) / "m.gguf";
    auto st = write_synthetic_model(s, path);
    EXPECT_TRUE(st) << st.error().message;
    auto f = GgufFile::open(path);
    EXPECT_TRUE(f) << f.error().message;
    Loaded l{std::make_unique<GgufFile>(std::move(*f)), {}};
    auto m = load_model(*l.file);
    EXPECT_TRUE(m) << m.error().message;
    l.model = std::move(*m);
    return l;
}

const std::vector<int32_t> kTokens = {1, 100, 37, 250, 5, 5, 99, 310, 42, 7, 200, 3};

// Every row of logits for kTokens, in one batched call.
std::vector<float> run_all(const Model& m, std::span<const int32_t> tokens = kTokens) {
    auto b = cpu::make_cpu_backend(m, 64);
    EXPECT_TRUE(b);
    std::vector<float> out(tokens.size() * static_cast<size_t>(m.hp.n_vocab));
    auto st = (*b)->eval(tokens, 0, out);
    EXPECT_TRUE(st) << st.error().message;
    return out;
}

double worst_row_error(const std::vector<float>& a, const std::vector<float>& b, int64_t nv) {
    double worst = 0.0;
    for (size_t r = 0; r * nv < a.size(); ++r) worst = std::max(worst, test::row_rel_error(&a[r * nv], &b[r * nv], nv));
    return worst;
}

using Case = std::tuple<Arch, TensorType>;

}  // namespace

class CpuSynthetic : public ::testing::TestWithParam<Case> {};

TEST_P(CpuSynthetic, FiniteDeterministicAndBatchedMatchesTokenByToken) {
    auto [arch, type] = GetParam();
    Loaded l = load(spec_for(arch, type));
    const int64_t nv = l.model.hp.n_vocab;
    std::vector<float> all = run_all(l.model);
    for (float x : all) ASSERT_TRUE(std::isfinite(x));
    EXPECT_EQ(all, run_all(l.model));  // bit-identical on a second backend

    auto b = cpu::make_cpu_backend(l.model, 64);
    ASSERT_TRUE(b);
    std::vector<float> row(static_cast<size_t>(nv));
    double worst = 0.0;
    for (size_t t = 0; t < kTokens.size(); ++t) {
        ASSERT_TRUE((*b)->eval(std::span(&kTokens[t], 1), static_cast<int32_t>(t), row));
        worst = std::max(worst, test::row_rel_error(row.data(), &all[t * nv], nv));
    }
    EXPECT_LE(worst, 1e-6);
    // Rows differ from each other (the model is not ignoring its input).
    EXPECT_GT(test::row_rel_error(&all[0], &all[nv], nv), 1e-3);
}

INSTANTIATE_TEST_SUITE_P(
    All, CpuSynthetic,
    ::testing::Combine(::testing::Values(Arch::Llama, Arch::Qwen2, Arch::Qwen3, Arch::Phi3, Arch::Gemma2, Arch::Gemma3),
                       ::testing::Values(TensorType::F32, TensorType::F16, TensorType::Q8_0, TensorType::Q4_K,
                                         TensorType::Q6_K)),
    [](const auto& info) {
        return std::string(arch_name(std::get<0>(info.param))) + "_" + type_name(std::get<1>(info.param));
    });

class CpuQuantized : public ::testing::TestWithParam<Case> {};

TEST_P(CpuQuantized, CloseToF32Twin) {
    auto [arch, type] = GetParam();
    Loaded q = load(spec_for(arch, type));
    Loaded f = load(spec_for(arch, TensorType::F32));
    const double err = worst_row_error(run_all(q.model), run_all(f.model), q.model.hp.n_vocab);
    // Bounds. Both files hold the same numbers, one of them rounded to nearest in `type`. The
    // per-weight error is ~2^-11 relative for F16 and grows 4x for every 2 bits fewer (Q8_0 ~
    // 2^-8 of the block's range, Q6_K 2^-6, Q4_K 2^-4); through two layers, the embedding and
    // the classifier it shows in the logits at roughly 2^(3 - bits) of their range, which is
    // what we measure (llama worst: F16 8e-4, Q8_0 0.014, Q6_K 0.054, Q4_K 0.23; gemma's norms
    // damp it 3-10x). The bounds are about 2.5x the worst measured over all architectures, so a
    // wrong block decode (error ~1) or a mixed-up tensor fails while rounding passes.
    const std::map<TensorType, double> bound = {
        {TensorType::F16, 0.003}, {TensorType::Q8_0, 0.05}, {TensorType::Q6_K, 0.15}, {TensorType::Q4_K, 0.6}};
    std::printf("[ %s %s ] worst row error vs F32 twin: %.4g\n", arch_name(arch), type_name(type), err);
    EXPECT_LE(err, bound.at(type));
    EXPECT_GT(err, 0.0);
}


INSTANTIATE_TEST_SUITE_P(
    All, CpuQuantized,
    ::testing::Combine(::testing::Values(Arch::Llama, Arch::Qwen2, Arch::Qwen3, Arch::Phi3, Arch::Gemma2, Arch::Gemma3),
                       ::testing::Values(TensorType::F16, TensorType::Q8_0, TensorType::Q4_K, TensorType::Q6_K)),
    [](const auto& info) {
        return std::string(arch_name(std::get<0>(info.param))) + "_" + type_name(std::get<1>(info.param));
    });

TEST(CpuForward, KvPrefixReuseEqualsFreshRun) {
    Loaded l = load(spec_for(Arch::Qwen2, TensorType::F32));
    const int64_t nv = l.model.hp.n_vocab;
    auto b = cpu::make_cpu_backend(l.model, 64);
    ASSERT_TRUE(b);
    std::vector<float> scratch(static_cast<size_t>(nv));
    // A B B B, then replace everything after A with C C.
    const std::vector<int32_t> first = {1, 10, 11, 12, 13, 14};
    ASSERT_TRUE((*b)->eval(first, 0, scratch));
    const std::vector<int32_t> tail = {50, 51, 52};
    std::vector<float> reused(tail.size() * nv);
    ASSERT_TRUE((*b)->eval(tail, 2, reused));
    EXPECT_EQ((*b)->n_cached(), 5);
    const std::vector<int32_t> fresh_ids = {1, 10, 50, 51, 52};
    std::vector<float> fresh = run_all(l.model, fresh_ids);
    EXPECT_LE(test::row_rel_error(&reused[2 * nv], &fresh[4 * nv], nv), 1e-6);
    EXPECT_LE(test::row_rel_error(&reused[0], &fresh[2 * nv], nv), 1e-6);
}

TEST(CpuForward, SlidingWindowBoundsTheReceptiveField) {
    // phi3 with a window of 3 on every layer: after 2 layers position p sees p-4 .. p, so token 0
    // cannot change rows 5 and later, and must change rows 0..4.
    SyntheticSpec s = spec_for(Arch::Phi3, TensorType::F32);
    s.sliding_window = 3;
    Loaded l = load(s);
    ASSERT_EQ(l.model.recipe.layers[0].sliding_window, 3);
    const int64_t nv = l.model.hp.n_vocab;
    std::vector<int32_t> other = kTokens;
    other[0] = 200;
    auto a = run_all(l.model), b = run_all(l.model, other);
    for (size_t t = 0; t < kTokens.size(); ++t) {
        const double e = test::row_rel_error(&a[t * nv], &b[t * nv], nv);
        if (t < 5) EXPECT_GT(e, 1e-4) << "row " << t;
        else EXPECT_EQ(e, 0.0) << "row " << t;
    }
    // Gemma 2 alternates with global layers, so there token 0 reaches the last row.
    Loaded g = load(spec_for(Arch::Gemma2, TensorType::F32));
    auto ga = run_all(g.model), gb = run_all(g.model, other);
    const size_t last = kTokens.size() - 1;
    EXPECT_GT(test::row_rel_error(&ga[last * nv], &gb[last * nv], nv), 1e-6);
}

TEST(CpuForward, TiedOutputAndLlama3RopeRun) {
    SyntheticSpec s = spec_for(Arch::Llama, TensorType::F32);
    s.tied_output = true;
    Loaded tied = load(s);
    EXPECT_TRUE(tied.model.output_tied);
    for (float x : run_all(tied.model)) ASSERT_TRUE(std::isfinite(x));
    s.tied_output = false;
    s.llama3_rope_factor = 8.0f;
    Loaded scaled = load(s);
    ASSERT_FALSE(scaled.model.recipe.rope_freq_factors.empty());
    s.llama3_rope_factor = 0.0f;
    Loaded plain = load(s);
    auto a = run_all(scaled.model), b = run_all(plain.model);
    const int64_t nv = s.n_vocab;
    EXPECT_EQ(test::row_rel_error(&a[0], &b[0], nv), 0.0);  // position 0: RoPE is the identity
    EXPECT_GT(test::row_rel_error(&a[11 * nv], &b[11 * nv], nv), 1e-6);
}

TEST(CpuForward, BadEvalsAreErrors) {
    Loaded l = load(spec_for(Arch::Llama, TensorType::F32));
    auto b = cpu::make_cpu_backend(l.model, 8);
    ASSERT_TRUE(b);
    std::vector<float> logits(static_cast<size_t>(l.model.hp.n_vocab));
    const std::vector<int32_t> ok = {1, 2, 3};
    EXPECT_EQ((*b)->eval(ok, 1, logits).error().code, "engine.bad_eval");  // nothing cached yet
    const std::vector<int32_t> out_of_vocab = {1, 320};
    EXPECT_EQ((*b)->eval(out_of_vocab, 0, logits).error().code, "engine.bad_eval");
    std::vector<float> wrong(7);
    EXPECT_EQ((*b)->eval(ok, 0, wrong).error().code, "engine.bad_eval");
    ASSERT_TRUE((*b)->eval(ok, 0, logits));
    const std::vector<int32_t> many(6, 4);
    EXPECT_EQ((*b)->eval(many, 3, logits).error().code, "engine.context_full");
    EXPECT_EQ((*b)->n_cached(), 3);
}
