// Sampling from a row summary (top-k + penalised ids + log-sum-exp) against `sample` on the full
// row: the same token, the same random draw, the same probability, over many random rows,
// seeds and settings; plus the cases where candidates do not suffice.
#include "inference/sampling/candidates.h"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <cstring>
#include <random>

using namespace hearth::sampling;

namespace {

bool same_rng(const Rng& a, const Rng& b) { return std::memcmp(a.s, b.s, sizeof a.s) == 0; }

struct Outcome {
    int compared = 0;
    int fallbacks = 0;
};

// Runs `steps` tokens on two samplers with the same settings and window: one samples the full
// row, the other the summary. Both accept the full-row token, so the windows stay equal.
void check_steps(const SamplerParams& p, std::mt19937& rng, int32_t n_vocab, float spread, int steps,
                 const std::vector<int32_t>& window, Outcome& out) {
    Sampler full = make_sampler(p), cand = make_sampler(p);
    for (int32_t t : window) {
        accept(full, t);
        accept(cand, t);
    }
    std::normal_distribution<float> normal(0.0f, spread);
    std::vector<float> row(static_cast<size_t>(n_vocab));
    for (int step = 0; step < steps; ++step) {
        for (auto& l : row) l = normal(rng);
        // Make the recently seen tokens strong, so that penalties change the ranking.
        for (size_t i = 0; i < full.recent.size() && i < 8; ++i) row[static_cast<size_t>(full.recent[i])] += 3 * spread;
        ASSERT_TRUE(candidates_suffice(p));
        const CandidateRequest req = candidate_request(cand, n_vocab);
        const RowSummary sum = summarize_row(row, req.k, req.ids);
        const Rng before = cand.rng;
        const auto got = sample_candidates(cand, req, sum);
        const Sampled want = sample(full, row);
        if (!got) {
            ++out.fallbacks;
            EXPECT_TRUE(same_rng(cand.rng, before)) << "a fallback must not consume a draw";
            cand.rng = full.rng;
        } else {
            ++out.compared;
            ASSERT_EQ(got->token, want.token) << "step " << step << " top_k " << p.top_k << " T " << p.temperature;
            EXPECT_NEAR(got->probability, want.probability, 1e-5 * want.probability) << "step " << step;
            EXPECT_TRUE(same_rng(cand.rng, full.rng));
        }
        accept(full, want.token);
        accept(cand, want.token);
    }
}

TEST(Candidates, SameTokensAndProbabilitiesAsTheFullRow) {
    std::mt19937 rng(20261127);
    const float temps[] = {0.0f, 0.3f, 0.7f, 1.0f, 1.3f, 2.5f};
    const int32_t top_ks[] = {1, 2, 5, 40, 100, 256};
    const float rps[] = {1.0f, 1.1f, 1.8f, 0.0f};
    Outcome out;
    for (int trial = 0; trial < 400; ++trial) {
        SamplerParams p;
        p.temperature = temps[rng() % 6];
        p.top_k = top_ks[rng() % 6];
        p.top_p = (rng() % 3 == 0) ? 1.0f : 0.5f + 0.5f * static_cast<float>(rng() % 100) / 100.0f;
        p.min_p = (rng() % 3 == 0) ? 0.0f : 0.1f * static_cast<float>(rng() % 10) / 10.0f;
        p.repeat_penalty = rps[rng() % 4];
        p.frequency_penalty = (rng() % 2) ? 0.0f : 0.3f;
        p.presence_penalty = (rng() % 2) ? 0.0f : 0.7f;
        p.penalty_last_n = (rng() % 5 == 0) ? 0 : 1 + static_cast<int32_t>(rng() % 64);
        p.seed = rng();
        const int32_t n_vocab = std::array<int32_t, 4>{3, 60, 600, 5000}[rng() % 4];
        std::vector<int32_t> window(rng() % 80);
        for (auto& t : window) t = static_cast<int32_t>(rng() % static_cast<uint32_t>(n_vocab));
        const float spread = (rng() % 2) ? 1.0f : 6.0f;
        check_steps(p, rng, n_vocab, spread, 5, window, out);
        if (HasFatalFailure()) return;
    }
    EXPECT_GT(out.compared, 1900);
    EXPECT_LT(out.fallbacks, out.compared / 100) << "boundary ties should be rare on continuous logits";
}

TEST(Candidates, GreedyProbabilityStaysAccurateWhenThePenalisedTokenHeldTheMass) {
    // Token 7 holds almost all of the mass until the penalty pushes it down: its mass moves out
    // of the log-sum-exp, which must not lose the small remainder.
    std::vector<float> row(1000, 0.0f);
    row[7] = 30.0f;
    row[3] = 2.0f;
    SamplerParams p = greedy_params();
    p.presence_penalty = 40.0f;
    Sampler full = make_sampler(p), cand = make_sampler(p);
    accept(full, 7);
    accept(cand, 7);
    const auto req = candidate_request(cand, 1000);
    EXPECT_EQ(req.k, 1);
    EXPECT_EQ(req.ids, std::vector<int32_t>{7});
    const auto got = sample_candidates(cand, req, summarize_row(row, req.k, req.ids));
    const auto want = sample(full, row);
    ASSERT_TRUE(got);
    EXPECT_EQ(want.token, 3);
    EXPECT_EQ(got->token, 3);
    EXPECT_NEAR(got->probability, want.probability, 1e-5 * want.probability);
}

TEST(Candidates, ATieAtTheBoundaryFallsBackWithoutConsumingTheDraw) {
    // At T = 3 two neighbouring floats can scale to the same value; ties of scaled logits go to
    // the lower id.
    SamplerParams p;
    p.temperature = 3.0f;
    p.top_k = 1;
    float x = 1.5f;
    while (std::nextafter(x, -1.0f) / p.temperature != x / p.temperature) x = std::nextafter(x, 2.0f);
    const float below = std::nextafter(x, -1.0f);
    Sampler s = make_sampler(p);
    const auto req = candidate_request(s, 10);
    ASSERT_EQ(req.k, 2);

    // Decidable: the tie is inside the candidates (5 and 3), the rest are far below.
    std::vector<float> row(10, -10.0f);
    row[5] = x;
    row[3] = below;
    Sampler ref = make_sampler(p);
    auto got = sample_candidates(s, req, summarize_row(row, req.k, req.ids));
    ASSERT_TRUE(got);
    EXPECT_EQ(got->token, 3);
    EXPECT_EQ(got->token, sample(ref, row).token);

    // Undecidable: 5 and 6 are the candidates (equal raw logits); token 3, outside them with a
    // lower raw logit, ties them after scaling and would win on its lower id.
    row[6] = x;
    const RowSummary sum = summarize_row(row, req.k, req.ids);
    ASSERT_EQ(sum.top[0].token, 5);
    ASSERT_EQ(sum.top[1].token, 6);
    const Rng before = s.rng;
    EXPECT_FALSE(sample_candidates(s, req, sum));
    EXPECT_TRUE(same_rng(before, s.rng));
    EXPECT_EQ(sample(ref, row).token, 3);
}

TEST(Candidates, SufficeOnlyWhenExact) {
    SamplerParams p;
    EXPECT_TRUE(candidates_suffice(p));  // the defaults: top_k 40, no penalties
    EXPECT_TRUE(candidates_suffice(greedy_params()));
    p.top_k = 0;
    EXPECT_FALSE(candidates_suffice(p));  // the whole vocabulary
    p.top_k = 257;
    EXPECT_FALSE(candidates_suffice(p));
    p.top_k = 256;
    EXPECT_TRUE(candidates_suffice(p));
    p.repeat_penalty = 0.9f;  // raises logits
    EXPECT_FALSE(candidates_suffice(p));
    p.penalty_last_n = 0;  // ... unless the penalties are off
    EXPECT_TRUE(candidates_suffice(p));
    p.penalty_last_n = 64;
    p.repeat_penalty = 1.2f;
    p.frequency_penalty = -0.1f;
    EXPECT_FALSE(candidates_suffice(p));
    p.frequency_penalty = 0.0f;
    p.presence_penalty = -0.1f;
    EXPECT_FALSE(candidates_suffice(p));
}

TEST(Candidates, RequestsTopKAndThePenalisedTokens) {
    SamplerParams p;
    p.top_k = 40;
    p.repeat_penalty = 1.1f;
    Sampler s = make_sampler(p);
    for (int32_t t : {5, 9, 5, 70000, -1, 9, 12}) accept(s, t);
    auto req = candidate_request(s, 1000);
    EXPECT_EQ(req.ids, (std::vector<int32_t>{5, 9, 12}));  // distinct, ascending, in the vocabulary
    EXPECT_EQ(req.k, 41);  // one more than top_k, for the tie check
    EXPECT_EQ(req.n_vocab, 1000);
    for (int32_t t = 100; t < 400; ++t) accept(s, t);  // the window holds the last 64
    EXPECT_EQ(candidate_request(s, 1000).ids.size(), 64u);
    p.repeat_penalty = 1.0f;  // no penalty: no ids
    Sampler plain = make_sampler(p);
    accept(plain, 3);
    EXPECT_TRUE(candidate_request(plain, 1000).ids.empty());
    EXPECT_EQ(candidate_request(make_sampler(greedy_params()), 1000).k, 1);
}

TEST(Candidates, SummaryOfARow) {
    const std::vector<float> row = {1.0f, 3.0f, 2.0f, 3.0f, -1.0f, 4.0f};
    const std::vector<int32_t> ids = {4, 5};
    const RowSummary s = summarize_row(row, 3, ids);
    ASSERT_EQ(s.top.size(), 3u);  // the best of the tokens not in ids
    EXPECT_EQ(s.top[0].token, 1);  // ties: the lower id first
    EXPECT_EQ(s.top[1].token, 3);
    EXPECT_EQ(s.top[2].token, 2);
    EXPECT_EQ(s.top[2].logit, 2.0f);
    EXPECT_EQ(s.picked, (std::vector<float>{-1.0f, 4.0f}));
    double want = 0;
    for (int i = 0; i < 4; ++i) want += std::exp(double(row[i]));
    EXPECT_NEAR(s.rest_log_sum_exp, std::log(want), 1e-12);
    EXPECT_EQ(summarize_row(row, 10, ids).top.size(), 4u);
    const std::vector<int32_t> everything = {0, 1, 2, 3, 4, 5};
    EXPECT_TRUE(summarize_row(row, 3, everything).top.empty());
    EXPECT_TRUE(std::isinf(summarize_row(row, 3, everything).rest_log_sum_exp));
}

}  // namespace
