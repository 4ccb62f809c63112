// Context shift and sampling from candidates with the CPU reference backend on synthetic models:
// the shifted cache equals a fresh one (one layer: keys and values depend only on the token and
// its position), generate() stops or shifts as asked, and the candidate path samples the same
// tokens as the full row.
#include <gtest/gtest.h>

#include <cmath>

#include "inference/arch/synthetic.h"
#include "inference/cpu/cpu_backend.h"
#include "inference/engine/generate.h"
#include "inference/engine/open_model.h"
#include "tests/support/testdata.h"

namespace hearth::engine {
namespace {

using arch::Arch;

std::unique_ptr<OpenModel> synthetic(const arch::SyntheticSpec& spec, const std::string& name) {
    const auto path = test::scratch_dir("engine-shift-" + name) / (name + ".gguf");
    auto st = arch::write_synthetic_model(spec, path);
    EXPECT_TRUE(st) << (st ? "" : st.error().message);
    if (!st) return nullptr;
    auto m = open_model(path);
    EXPECT_TRUE(m) << (m ? "" : m.error().message);
    return m ? std::move(*m) : nullptr;
}

arch::SyntheticSpec small_spec(Arch a, int32_t n_layer) {
    arch::SyntheticSpec s;
    s.arch = a;
    s.n_layer = n_layer;
    s.n_vocab = 300;
    s.n_ctx = 64;
    s.seed = 11 + static_cast<uint64_t>(a);
    return s;
}

double rel_error(std::span<const float> got, std::span<const float> want) {
    double num = 0, den = 0;
    for (size_t i = 0; i < want.size(); ++i) {
        num = std::max(num, std::abs(double(got[i]) - want[i]));
        den = std::max(den, std::abs(double(want[i])));
    }
    return num / den;
}

// With one layer, K and V depend only on each token and its position, so after a shift the cache
// must be what evaluating the surviving tokens at their new positions gives.
void check_shift_equals_fresh_cache(const arch::SyntheticSpec& spec, const std::string& name) {
    auto m = synthetic(spec, name);
    ASSERT_TRUE(m);
    auto shifted = cpu::make_cpu_backend(m->model, 32);
    auto fresh = cpu::make_cpu_backend(m->model, 32);
    ASSERT_TRUE(shifted && fresh);
    std::vector<int32_t> toks(20);
    for (size_t i = 0; i < toks.size(); ++i) toks[i] = static_cast<int32_t>((i * 37 + 5) % 300);
    const size_t nv = 300;
    std::vector<float> a(nv), b(nv);
    ASSERT_TRUE((*shifted)->eval(toks, 0, a));
    ASSERT_TRUE((*shifted)->shift(4, 6));
    EXPECT_EQ((*shifted)->n_cached(), 14);
    const int32_t next = 123;
    ASSERT_TRUE((*shifted)->eval({&next, 1}, 14, a));

    std::vector<int32_t> kept(toks.begin(), toks.begin() + 4);
    kept.insert(kept.end(), toks.begin() + 10, toks.end());
    kept.push_back(next);
    ASSERT_TRUE((*fresh)->eval(kept, 0, b));
    EXPECT_LT(rel_error(a, b), 1e-5) << name;
}

TEST(CpuShift, OneLayerShiftedCacheEqualsAFreshOne) {
    check_shift_equals_fresh_cache(small_spec(Arch::Llama, 1), "llama");
    check_shift_equals_fresh_cache(small_spec(Arch::Qwen2, 1), "qwen2");  // NeoX rotation
    auto l3 = small_spec(Arch::Llama, 1);
    l3.llama3_rope_factor = 8.0f;  // per-dimension frequency factors
    l3.rope_base = 500000.0f;
    check_shift_equals_fresh_cache(l3, "llama3");
    auto g3 = small_spec(Arch::Gemma3, 1);
    g3.sliding_window = 6;  // a local layer with its own rope base, window shorter than the cache
    check_shift_equals_fresh_cache(g3, "gemma3");
}

TEST(CpuShift, BadArgumentsAreErrorsAndChangeNothing) {
    auto m = synthetic(small_spec(Arch::Llama, 2), "llama-bad");
    ASSERT_TRUE(m);
    auto b = cpu::make_cpu_backend(m->model, 32);
    ASSERT_TRUE(b);
    std::vector<int32_t> toks(10, 7);
    std::vector<float> logits(300);
    ASSERT_TRUE((*b)->eval(toks, 0, logits));
    for (auto [keep, discard] : {std::pair{-1, 2}, {0, 0}, {5, -1}, {5, 6}, {10, 1}}) {
        auto st = (*b)->shift(keep, discard);
        ASSERT_FALSE(st) << keep << " " << discard;
        EXPECT_EQ(st.error().code, "engine.bad_shift");
        EXPECT_EQ((*b)->n_cached(), 10);
    }
    EXPECT_TRUE((*b)->shift(0, 10));  // everything may go
    EXPECT_EQ((*b)->n_cached(), 0);
}

GenerateParams long_run(OnContextFull policy) {
    GenerateParams p;
    p.max_tokens = 100;
    p.sampler.seed = 5;
    p.sampler.repeat_penalty = 1.3f;  // keeps the synthetic model from repeating one token
    p.on_context_full = policy;
    p.keep = 3;
    return p;
}

TEST(GenerateShift, StopOrShiftWhenTheContextFills) {
    auto m = synthetic(small_spec(Arch::Llama, 2), "llama-generate");
    ASSERT_TRUE(m);
    const std::vector<int32_t> prompt = {1, 50, 60, 70, 80, 90};

    auto b = cpu::make_cpu_backend(m->model, 32);
    ASSERT_TRUE(b);
    Session stop{b->get(), {}, {}};
    auto r = generate(stop, m->tokenizer, prompt, long_run(OnContextFull::Stop));
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->stop, StopReason::ContextFull);
    EXPECT_EQ(r->n_shifts, 0);
    EXPECT_EQ(r->n_generated, 32 - 6 + 1);  // the last token is sampled but has no room

    auto b2 = cpu::make_cpu_backend(m->model, 32);
    ASSERT_TRUE(b2);
    Session shift{b2->get(), {}, {}};
    auto s = generate(shift, m->tokenizer, prompt, long_run(OnContextFull::Shift));
    ASSERT_TRUE(s) << s.error().message;
    EXPECT_EQ(s->stop, StopReason::MaxTokens);
    EXPECT_EQ(s->n_generated, 100);
    EXPECT_GT(s->n_shifts, 2);
    // The first `keep` tokens survive every shift; the record matches the backend's cache.
    ASSERT_GE(shift.cached.size(), 3u);
    EXPECT_EQ(std::vector<int32_t>(shift.cached.begin(), shift.cached.begin() + 3),
              std::vector<int32_t>(prompt.begin(), prompt.begin() + 3));
    EXPECT_EQ(static_cast<int32_t>(shift.cached.size()), (*b2)->n_cached());
    EXPECT_LE(shift.cached.size(), 32u);
    // The tokens before the first shift are those the stopping run made.
    EXPECT_EQ(std::vector<int32_t>(s->tokens.begin(), s->tokens.begin() + r->n_generated), r->tokens);
    // The cache ends with the generated tokens that were evaluated (the last one never is).
    EXPECT_EQ(shift.cached.back(), s->tokens[98]);

    // A keep beyond the context is clamped; a prompt that does not fit is still an error.
    auto p = long_run(OnContextFull::Shift);
    p.keep = 1000;
    p.max_tokens = 40;
    auto c = generate(shift, m->tokenizer, prompt, p);
    ASSERT_TRUE(c) << c.error().message;
    EXPECT_EQ(c->n_generated, 40);
    std::vector<int32_t> too_long(32, 9);
    auto e = generate(shift, m->tokenizer, too_long, long_run(OnContextFull::Shift));
    ASSERT_FALSE(e);
    EXPECT_EQ(e.error().code, "engine.context_full");
}

TEST(GenerateCandidates, CandidatePathSamplesTheSameTokensAsTheFullRow) {
    auto m = synthetic(small_spec(Arch::Qwen2, 2), "qwen2-candidates");
    ASSERT_TRUE(m);
    const std::vector<int32_t> prompt = {1, 5, 6, 7};
    for (bool greedy : {true, false}) {
        GenerateParams p;
        p.max_tokens = 30;
        if (greedy) p.sampler = sampling::greedy_params();
        p.sampler.seed = 99;
        p.sampler.temperature = greedy ? 0.0f : 1.5f;
        p.sampler.repeat_penalty = 1.2f;
        p.sampler.presence_penalty = 0.5f;
        std::vector<GenerateStats> runs;
        for (bool on_backend : {true, false}) {
            auto b = cpu::make_cpu_backend(m->model, 64);
            ASSERT_TRUE(b);
            Session s{b->get(), {}, {}};
            p.sample_on_backend = on_backend;
            auto r = generate(s, m->tokenizer, prompt, p);
            ASSERT_TRUE(r) << r.error().message;
            runs.push_back(*r);
        }
        EXPECT_EQ(runs[0].tokens, runs[1].tokens) << (greedy ? "greedy" : "sampled");
        for (size_t i = 0; i < runs[0].probabilities.size(); ++i)
            EXPECT_NEAR(runs[0].probabilities[i], runs[1].probabilities[i], 1e-5 * runs[1].probabilities[i]);
        EXPECT_LT(runs[0].n_full_rows, 3);  // a rare tie at most
        EXPECT_EQ(runs[1].n_full_rows, 30);
    }
}

TEST(GenerateCandidates, DefaultEvalCandidatesSummarisesTheFullRow) {
    auto m = synthetic(small_spec(Arch::Llama, 2), "llama-default-candidates");
    ASSERT_TRUE(m);
    auto b = cpu::make_cpu_backend(m->model, 64);
    ASSERT_TRUE(b);
    const std::vector<int32_t> toks = {1, 2, 3, 4};
    std::vector<float> row(300);
    ASSERT_TRUE((*b)->eval(toks, 0, row));
    sampling::CandidateRequest req{10, {2, 7, 250}, 300};
    sampling::RowSummary got;
    ASSERT_TRUE((*b)->eval_candidates(toks, 0, req, got));
    const auto want = sampling::summarize_row(row, 10, req.ids);
    ASSERT_EQ(got.top.size(), 10u);
    for (size_t i = 0; i < 10; ++i) EXPECT_EQ(got.top[i].token, want.top[i].token);
    EXPECT_EQ(got.picked, want.picked);
    EXPECT_EQ(got.rest_log_sum_exp, want.rest_log_sum_exp);
    req.k = 0;
    EXPECT_EQ((*b)->eval_candidates(toks, 0, req, got).error().code, "engine.bad_eval");
    req = {5, {7, 2}, 300};  // not ascending
    EXPECT_EQ((*b)->eval_candidates(toks, 0, req, got).error().code, "engine.bad_eval");
}

}  // namespace
}  // namespace hearth::engine
