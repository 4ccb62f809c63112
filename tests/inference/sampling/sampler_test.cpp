#include "inference/sampling/sampler.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace hearth::sampling;

namespace {

SamplerParams plain(float temperature) {
    SamplerParams p = greedy_params();
    p.temperature = temperature;
    return p;
}

// Logits whose softmax at temperature 1 is exactly `probs`.
std::vector<float> logits_for(std::vector<double> probs) {
    std::vector<float> l;
    for (double q : probs) l.push_back(static_cast<float>(std::log(q)));
    return l;
}

}  // namespace

TEST(Sampler, GreedyPicksArgmaxWithSoftmaxProbability) {
    Sampler s = make_sampler(greedy_params());
    std::vector<float> logits = {1.0f, 3.0f, 2.0f};
    Sampled r = sample(s, logits);
    EXPECT_EQ(r.token, 1);
    // e^3 / (e^1 + e^3 + e^2)
    EXPECT_NEAR(r.probability, 0.665240955, 1e-6);
}

TEST(Sampler, GreedyTieGoesToLowestId) {
    Sampler s = make_sampler(greedy_params());
    std::vector<float> logits = {0.0f, 5.0f, 5.0f, 1.0f};
    EXPECT_EQ(sample(s, logits).token, 1);
}

TEST(Sampler, RepetitionPenaltyDividesPositiveMultipliesNegative) {
    SamplerParams p = greedy_params();
    p.repeat_penalty = 2.0f;
    std::deque<int32_t> recent = {0, 1, 0};
    std::vector<float> l = {2.0f, -1.0f, 0.5f};
    apply_penalties(p, recent, l);
    EXPECT_FLOAT_EQ(l[0], 1.0f);  // applied once however often the token occurs
    EXPECT_FLOAT_EQ(l[1], -2.0f);
    EXPECT_FLOAT_EQ(l[2], 0.5f);
}

TEST(Sampler, FrequencyAndPresencePenalties) {
    SamplerParams p = greedy_params();
    p.frequency_penalty = 0.5f;
    p.presence_penalty = 0.25f;
    std::deque<int32_t> recent = {0, 0, 2};
    std::vector<float> l = {1.0f, 1.0f, 1.0f};
    apply_penalties(p, recent, l);
    EXPECT_FLOAT_EQ(l[0], -0.25f);  // 1 - 2 * 0.5 - 0.25
    EXPECT_FLOAT_EQ(l[1], 1.0f);
    EXPECT_FLOAT_EQ(l[2], 0.25f);  // 1 - 0.5 - 0.25
}

TEST(Sampler, PenaltyChangesGreedyChoiceThroughWindow) {
    SamplerParams p = greedy_params();
    p.repeat_penalty = 4.0f;
    p.penalty_last_n = 2;
    Sampler s = make_sampler(p);
    std::vector<float> logits = {2.0f, 1.0f, 0.0f};
    EXPECT_EQ(sample(s, logits).token, 0);
    accept(s, 0);
    EXPECT_EQ(sample(s, logits).token, 1);  // 2/4 = 0.5 < 1
    accept(s, 1);
    accept(s, 2);  // window of 2 now holds {1, 2}: token 0 is no longer penalised
    ASSERT_EQ(s.recent.size(), 2u);
    EXPECT_EQ(s.recent.front(), 1);
    EXPECT_EQ(sample(s, logits).token, 0);
}

TEST(Sampler, TemperatureScalesLogits) {
    // logits {0, ln 4} at T = 2 become {0, ln 2}: probabilities 1/3 and 2/3.
    Sampler s = make_sampler(plain(2.0f));
    std::vector<float> logits = {0.0f, static_cast<float>(std::log(4.0))};
    for (int i = 0; i < 50; ++i) {
        Sampled r = sample(s, logits);
        ASSERT_TRUE(r.token == 0 || r.token == 1);
        EXPECT_NEAR(r.probability, r.token == 0 ? 1.0 / 3 : 2.0 / 3, 1e-6);
    }
}

TEST(Sampler, TopKOneIsArgmaxWithProbabilityOne) {
    SamplerParams p = plain(1.0f);
    p.top_k = 1;
    Sampler s = make_sampler(p);
    std::vector<float> logits = {0.1f, 0.3f, 0.2f};
    for (int i = 0; i < 20; ++i) {
        Sampled r = sample(s, logits);
        EXPECT_EQ(r.token, 1);
        EXPECT_FLOAT_EQ(r.probability, 1.0f);
    }
}

TEST(Sampler, TopKRenormalisesOverSurvivors) {
    SamplerParams p = plain(1.0f);
    p.top_k = 2;
    Sampler s = make_sampler(p);
    auto logits = logits_for({0.5, 0.3, 0.2});
    for (int i = 0; i < 200; ++i) {
        Sampled r = sample(s, logits);
        ASSERT_NE(r.token, 2);
        EXPECT_NEAR(r.probability, r.token == 0 ? 0.625 : 0.375, 1e-6);
    }
}

TEST(Sampler, TopPKeepsSmallestPrefixReachingMass) {
    SamplerParams p = plain(1.0f);
    p.top_p = 0.7f;  // 0.5 < 0.7 <= 0.5 + 0.3: keeps tokens 0 and 1
    Sampler s = make_sampler(p);
    auto logits = logits_for({0.2, 0.5, 0.3});
    int seen[3] = {0, 0, 0};
    for (int i = 0; i < 400; ++i) {
        Sampled r = sample(s, logits);
        ++seen[r.token];
        EXPECT_NEAR(r.probability, r.token == 1 ? 0.625 : 0.375, 1e-6);
    }
    EXPECT_EQ(seen[0], 0);
    EXPECT_GT(seen[1], 0);
    EXPECT_GT(seen[2], 0);
}

TEST(Sampler, MinPDropsTokensBelowFractionOfBest) {
    SamplerParams p = plain(1.0f);
    p.min_p = 0.7f;  // floor 0.35: only the 0.5 token survives
    Sampler s = make_sampler(p);
    auto logits = logits_for({0.3, 0.2, 0.5});
    for (int i = 0; i < 50; ++i) {
        Sampled r = sample(s, logits);
        EXPECT_EQ(r.token, 2);
        EXPECT_FLOAT_EQ(r.probability, 1.0f);
    }
    s.params.min_p = 0.5f;  // floor 0.25: keeps 0.5 and 0.3
    int seen[3] = {0, 0, 0};
    for (int i = 0; i < 400; ++i) ++seen[sample(s, logits).token];
    EXPECT_EQ(seen[1], 0);
    EXPECT_GT(seen[0], 0);
}

TEST(Sampler, DrawFrequenciesFollowDistribution) {
    Sampler s = make_sampler(plain(1.0f));
    auto logits = logits_for({0.25, 0.75});
    int ones = 0;
    const int n = 20000;
    for (int i = 0; i < n; ++i) ones += sample(s, logits).token;
    // Fixed seed, so this is deterministic; 0.03 is ~10 standard deviations of the estimate.
    EXPECT_NEAR(static_cast<double>(ones) / n, 0.75, 0.03);
}

TEST(Sampler, SameSeedSameSequenceDifferentSeedDiffers) {
    SamplerParams p = plain(1.0f);
    p.seed = 42;
    std::vector<float> logits(100);
    for (size_t i = 0; i < logits.size(); ++i) logits[i] = static_cast<float>(i % 7) * 0.1f;
    auto run = [&](uint64_t seed) {
        SamplerParams q = p;
        q.seed = seed;
        Sampler s = make_sampler(q);
        std::vector<int32_t> out;
        for (int i = 0; i < 64; ++i) out.push_back(sample(s, logits).token);
        return out;
    };
    EXPECT_EQ(run(42), run(42));
    EXPECT_NE(run(42), run(43));
    Sampler s = make_sampler(p);
    auto first = sample(s, logits).token;
    reset(s);
    EXPECT_EQ(sample(s, logits).token, first);
}

TEST(Sampler, RngMatchesXoshiroReference) {
    // xoshiro256** from state {1, 2, 3, 4}: the first outputs of the authors' reference code.
    Rng r;
    r.s[0] = 1;
    r.s[1] = 2;
    r.s[2] = 3;
    r.s[3] = 4;
    EXPECT_EQ(next_u64(r), 11520ull);
    EXPECT_EQ(next_u64(r), 0ull);
    EXPECT_EQ(next_u64(r), 1509978240ull);
    EXPECT_EQ(next_u64(r), 1215971899390074240ull);
}
