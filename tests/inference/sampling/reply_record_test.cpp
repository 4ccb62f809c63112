// The one JSON form of sampler settings and reply statistics, and the per-token data (the
// untruncated probability and the top alternatives) from the full row and from candidates.
#include "inference/sampling/reply_record.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "inference/sampling/token_detail.h"

namespace hearth::sampling {
namespace {

TEST(ReplyRecord, RoundTripsEveryField) {
    ReplyRecord r;
    r.sampler.temperature = 0.7f;
    r.sampler.top_k = 20;
    r.sampler.top_p = 0.9f;
    r.sampler.min_p = 0.0f;
    r.sampler.repeat_penalty = 1.1f;
    r.sampler.frequency_penalty = 0.25f;
    r.sampler.presence_penalty = 0.5f;
    r.sampler.penalty_last_n = 32;
    r.sampler.seed = 18446744073709551615ull;  // the largest seed survives (as a string)
    r.n_prompt = 120;
    r.n_reused = 100;
    r.n_generated = 33;
    r.ttft_ms = 12.5;
    r.prefill_ms = 10.25;
    r.decode_ms = 400;
    r.prefill_tok_s = 1951.2;
    r.decode_tok_s = 80;
    r.n_shifts = 1;
    r.stop = StopReason::Cancelled;
    const std::string json = reply_record_json(r);
    EXPECT_NE(json.find("\"stop\":\"cancelled\""), std::string::npos) << json;
    EXPECT_NE(json.find("\"temperature\":0.7,"), std::string::npos) << json;  // no float noise
    auto back = reply_record_from_json(json);
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(reply_record_json(*back), json);
    EXPECT_EQ(back->sampler.seed, r.sampler.seed);
    EXPECT_EQ(back->stop, StopReason::Cancelled);
    EXPECT_EQ(back->n_reused, 100);
}

TEST(ReplyRecord, SamplerSettingsReadOlderRowsAndRejectDamage) {
    auto empty = sampler_params_from_json("{}");  // what older conversations store
    ASSERT_TRUE(empty);
    EXPECT_EQ(sampler_params_json(*empty), sampler_params_json(SamplerParams{}));
    SamplerParams p = greedy_params();
    p.seed = 42;
    auto back = sampler_params_from_json(sampler_params_json(p));
    ASSERT_TRUE(back);
    EXPECT_EQ(back->temperature, 0.0f);
    EXPECT_EQ(back->seed, 42u);
    EXPECT_EQ(sampler_params_from_json("[1]").error().code, "sampling.bad_json");
    EXPECT_EQ(sampler_params_from_json("{\"top_k\":\"many\"}").error().code, "sampling.bad_json");
    EXPECT_EQ(sampler_params_from_json("{\"seed\":-3}").error().code, "sampling.bad_json");
    EXPECT_EQ(reply_record_from_json("{\"stop\":\"tired\"}").error().code, "sampling.bad_json");
    EXPECT_FALSE(reply_record_from_json("not json"));
}

TEST(StopReasonVocabulary, CodesRoundTripAndMatchWhatStorageKeeps) {
    for (StopReason r : {StopReason::EndOfText, StopReason::StopString, StopReason::MaxTokens,
                         StopReason::ContextFull, StopReason::Cancelled, StopReason::Error})
        EXPECT_EQ(parse_stop_reason(stop_reason_code(r)), r);
    EXPECT_EQ(stop_reason_code(StopReason::EndOfText), "eos");
    EXPECT_EQ(stop_reason_code(StopReason::MaxTokens), "length");
    EXPECT_FALSE(parse_stop_reason(""));
}

TEST(TokenDetail, CandidatesGiveWhatTheFullRowGives) {
    std::vector<float> row(300);
    for (size_t i = 0; i < row.size(); ++i) row[i] = std::sin(static_cast<float>(i) * 0.37f) * 4.0f;
    SamplerParams p;
    p.top_k = 10;
    p.repeat_penalty = 1.5f;
    p.presence_penalty = 0.3f;
    Sampler s = make_sampler(p);
    for (int32_t t : {7, 11, 7, 290}) accept(s, t);  // penalised tokens, some among the best

    std::vector<float> penalised = row;
    apply_penalties(p, s.recent, penalised);
    TokenInfo from_row;
    describe_row(penalised, 7, from_row);

    CandidateRequest req = candidate_request(s, static_cast<int32_t>(row.size()));
    request_details(req);
    EXPECT_TRUE(req.log_sum_exp);
    const RowSummary sum = summarize_row(row, req.k, req.ids, req.log_sum_exp);
    TokenInfo from_candidates;
    describe_candidates(s, req, sum, 7, from_candidates);

    // Independent: the softmax of the penalised row.
    double mx = -1e30, z = 0;
    for (float l : penalised) mx = std::max(mx, double(l));
    for (float l : penalised) z += std::exp(l - mx);
    EXPECT_NEAR(from_row.probability, std::exp(penalised[7] - mx) / z, 1e-6);
    EXPECT_NEAR(from_candidates.probability, from_row.probability, 1e-6);
    ASSERT_EQ(from_row.n_top, 5);
    ASSERT_EQ(from_candidates.n_top, 5);
    for (int k = 0; k < 5; ++k) {
        EXPECT_EQ(from_candidates.top[k].token, from_row.top[k].token);
        EXPECT_NEAR(from_candidates.top[k].probability, from_row.top[k].probability, 1e-6);
        if (k > 0) {
            EXPECT_GE(penalised[from_row.top[k - 1].token], penalised[from_row.top[k].token]);
        }
    }
    float best = *std::max_element(penalised.begin(), penalised.end());
    EXPECT_EQ(penalised[from_row.top[0].token], best);
}

}  // namespace
}  // namespace hearth::sampling
