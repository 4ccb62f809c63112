// Sampling from GPU candidates (VulkanBackend::eval_candidates: GPU top-k and log-sum-exp, the
// penalised ids read singly) against the Backend default (the full row summarised on the CPU)
// and against sampling from the full row; the real stories260K still decodes its golden ids.
#include <gtest/gtest.h>


#include "generate_fixture.h"
#include "tests/inference/cpu/golden_util.h"
#include "inference/engine/generate.h"

namespace hearth::vk::test_generate {
namespace {

using arch::Arch;

// Forwards eval to another backend and keeps Backend's default eval_candidates.
struct DefaultCandidates : engine::Backend {
    engine::Backend* inner;
    explicit DefaultCandidates(engine::Backend* b) : inner(b) {}
    const char* name() const override { return "default"; }
    int32_t n_ctx() const override { return inner->n_ctx(); }
    int32_t n_vocab() const override { return inner->n_vocab(); }
    int32_t n_cached() const override { return inner->n_cached(); }
    Status eval(std::span<const int32_t> tokens, int32_t pos0, std::span<float> logits) override {
        return inner->eval(tokens, pos0, logits);
    }
};

void check_override(const engine::OpenModel& m, CandidateSelect select) {
    auto vk = vulkan(m.model, 64, false, select);
    ASSERT_TRUE(vk);
    DefaultCandidates def(vk.get());
    const std::vector<int32_t> prompt = {1, 200, 300, 400, 500};
    for (auto& [k, ids] : std::vector<std::pair<int32_t, std::vector<int32_t>>>{
             {1, {}}, {41, {}}, {41, {3, 200, 300, 4095, 4096, 19999}}, {257, {0, 1, 2}}}) {
        for (bool lse : {true, false}) {
            const sampling::CandidateRequest req{k, ids, 20000, lse};
            sampling::RowSummary want, got;
            ASSERT_TRUE(def.eval_candidates(prompt, 0, req, want));
            ASSERT_TRUE(vk->eval_candidates(prompt, 0, req, got)) << k;
            ASSERT_EQ(got.top.size(), want.top.size());
            for (size_t i = 0; i < want.top.size(); ++i) {
                EXPECT_EQ(got.top[i].token, want.top[i].token) << "k " << k << " rank " << i;
                EXPECT_EQ(got.top[i].logit, want.top[i].logit);
            }
            EXPECT_EQ(got.picked, want.picked);
            // The GPU sums in float: 1e-6 of the log-sum-exp moves probabilities by ~1e-6.
            if (lse) {
                EXPECT_NEAR(got.rest_log_sum_exp, want.rest_log_sum_exp, 1e-5) << "k " << k;
            }
            EXPECT_EQ(vk->n_cached(), 5);
        }
    }
    const sampling::CandidateRequest bad{0, {}, 20000};
    sampling::RowSummary out;
    EXPECT_EQ(vk->eval_candidates(prompt, 0, bad, out).error().code, "engine.bad_eval");
    const sampling::CandidateRequest bad_id{5, {20000}, 20000};
    EXPECT_EQ(vk->eval_candidates(prompt, 0, bad_id, out).error().code, "engine.bad_eval");
}

TEST(VulkanCandidates, OverrideAgreesWithTheDefault) {
    // 20000 logits: the GPU selects in five chunks that the host merges.
    auto spec = spec_for(Arch::Llama);
    spec.n_vocab = 20000;
    auto m = synthetic(spec, "override");
    ASSERT_TRUE(m);
    check_override(*m, CandidateSelect::Gpu);
    check_override(*m, CandidateSelect::Host);
}

// Runs generate() twice on fresh Vulkan backends: from GPU candidates and from the full row.
void compare_paths(const engine::OpenModel& m, const std::vector<int32_t>& prompt, engine::GenerateParams p,
                   const std::string& what) {
    std::vector<engine::GenerateStats> runs;
    for (bool on_backend : {true, false}) {
        auto vk = vulkan(m.model, 256);
        ASSERT_TRUE(vk);
        engine::Session s{vk.get(), {}, {}};
        p.sample_on_backend = on_backend;
        auto r = engine::generate(s, m.tokenizer, prompt, p);
        ASSERT_TRUE(r) << r.error().message;
        runs.push_back(*r);
    }
    EXPECT_EQ(runs[0].tokens, runs[1].tokens) << what;
    ASSERT_EQ(runs[0].probabilities.size(), runs[1].probabilities.size());
    for (size_t i = 0; i < runs[0].probabilities.size(); ++i)
        EXPECT_NEAR(runs[0].probabilities[i], runs[1].probabilities[i], 1e-5 * runs[1].probabilities[i] + 1e-7)
            << what << " token " << i;
    EXPECT_LT(runs[0].n_full_rows, 3) << what;  // a rare boundary tie at most
    EXPECT_EQ(runs[1].n_full_rows, runs[1].n_generated) << what;
}

TEST(VulkanCandidates, SampledRunsMatchTheFullRowPath) {
    auto m = synthetic(spec_for(Arch::Qwen2), "sampled");
    ASSERT_TRUE(m);
    engine::GenerateParams p;
    p.max_tokens = 40;
    p.sampler.seed = 1234;
    p.sampler.temperature = 1.2f;
    p.sampler.top_k = 20;
    p.sampler.repeat_penalty = 1.2f;
    p.sampler.frequency_penalty = 0.1f;
    compare_paths(*m, {1, 9, 8, 7}, p, "top-k 20 with penalties");
    p.sampler = sampling::greedy_params();
    p.sampler.presence_penalty = 0.8f;
    compare_paths(*m, {1, 9, 8, 7}, p, "greedy with presence penalty");
}

TEST(VulkanCandidates, Stories260KGreedyReproducesTheGoldenIds) {
    HEARTH_REQUIRE_TESTDATA("models/stories260K.gguf");
    HEARTH_REQUIRE_TESTDATA("golden/stories260K.greedy.json");
    auto m = open(test::testdata_dir() / "models" / "stories260K.gguf");
    ASSERT_TRUE(m);
    const std::string json = test::read_text(test::testdata_dir() / "golden" / "stories260K.greedy.json");
    const auto prompt = test::json_int_array(json, "prompt_ids"), golden = test::json_int_array(json, "generated_ids");
    ASSERT_FALSE(prompt.empty());
    ASSERT_FALSE(golden.empty());
    auto vk = vulkan(m->model, 512);
    ASSERT_TRUE(vk);
    engine::Session s{vk.get(), {}, {}};
    engine::GenerateParams p;
    p.sampler = sampling::greedy_params();
    p.max_tokens = static_cast<int32_t>(golden.size());
    auto r = engine::generate(s, m->tokenizer, prompt, p);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->tokens, golden);
    EXPECT_EQ(r->n_full_rows, 0);  // every token came from the GPU candidates

    // A top-k run with a fixed seed gives the same tokens from GPU candidates and the full row.
    p.sampler = {};
    p.sampler.seed = 42;
    p.sampler.top_k = 40;
    p.sampler.repeat_penalty = 1.1f;
    p.max_tokens = 60;
    compare_paths(*m, prompt, p, "stories260K top-k 40");
}

}  // namespace
}  // namespace hearth::vk::test_generate
