// ChatSession on a real model (stories260K, CPU reference backend): reusing the cache gives
// exactly the reply a fresh evaluation gives, A -> B -> A included, and the per-token data is
// the same from the backend's candidates as from the full row.
#include <gtest/gtest.h>

#include <cmath>

#include "chat_real_model.h"
#include "inference/cpu/cpu_backend.h"

namespace hearth::engine {
namespace {

TEST(ChatSessionRealModel, ReusedCacheGivesTheSameRepliesAsAFreshOne) {
    HEARTH_REQUIRE_TESTDATA("models/stories260K.gguf");
    auto m = stories();
    ASSERT_TRUE(m);
    auto shared = cpu::make_cpu_backend(m->model, 256);
    ASSERT_TRUE(shared);
    Backend& b = **shared;

    ChatSession a(*m, {.now_unix = 1, .enable_thinking = true}), other(*m, {.now_unix = 1, .enable_thinking = true});
    ASSERT_TRUE(a.add_user("Once upon a time"));
    auto r1 = a.reply(b, params(12));
    ASSERT_TRUE(r1) << r1.error().message;
    const size_t cached = a.ids().size();
    ASSERT_TRUE(other.add_user("Tom had a dog"));
    ASSERT_TRUE(other.reply(b, params(12)));  // B uses the cache in between
    ASSERT_TRUE(a.add_user("The end"));
    auto r2 = a.reply(b, params(12));
    ASSERT_TRUE(r2) << r2.error().message;
    EXPECT_EQ(r2->stats.n_reused, 0);  // A's keys were replaced by B's
    ASSERT_TRUE(a.add_user("Lily smiled"));
    const size_t cached2 = a.ids().size();
    auto r3 = a.reply(b, params(12));
    ASSERT_TRUE(r3);
    EXPECT_EQ(r3->stats.n_reused, static_cast<int32_t>(cached2));
    EXPECT_GT(cached2, cached);

    // The same conversation evaluated from scratch on its own backend says the same.
    auto fresh_backend = cpu::make_cpu_backend(m->model, 256);
    ASSERT_TRUE(fresh_backend);
    ChatSession fresh(*m, {.now_unix = 1, .enable_thinking = true});
    for (size_t i = 0; i + 1 < a.turns().size(); ++i) ASSERT_TRUE(fresh.add_message(a.turns()[i]));
    auto rf = fresh.reply(**fresh_backend, params(12));
    ASSERT_TRUE(rf);
    EXPECT_EQ(rf->stats.n_reused, 0);
    EXPECT_EQ(rf->stats.n_prompt, r3->stats.n_prompt);
    EXPECT_EQ(rf->content, r3->content);
    EXPECT_EQ(fresh.turns().back().reply_ids, a.turns().back().reply_ids);
}

TEST(ChatSessionRealModel, TokenDataIsTheSameFromCandidatesAndFromTheFullRow) {
    HEARTH_REQUIRE_TESTDATA("models/stories260K.gguf");
    auto m = stories();
    ASSERT_TRUE(m);
    std::vector<Reply> replies;
    for (bool on_backend : {true, false}) {
        auto b = cpu::make_cpu_backend(m->model, 256);
        ASSERT_TRUE(b);
        ChatSession chat(*m, {.now_unix = 1, .enable_thinking = true});
        ASSERT_TRUE(chat.add_user("Once upon a time"));
        ReplyParams p = params(16);
        p.sampler = sampling::SamplerParams{};  // temperature 0.8, top-k 40, top-p 0.95, min-p 0.05
        p.sampler.seed = 7;
        p.sampler.repeat_penalty = 1.3f;
        p.sample_on_backend = on_backend;
        auto r = chat.reply(**b, p);
        ASSERT_TRUE(r) << r.error().message;
        replies.push_back(std::move(*r));
    }
    ASSERT_EQ(replies[0].tokens.size(), replies[1].tokens.size());
    EXPECT_EQ(replies[0].content, replies[1].content);
    for (size_t i = 0; i < replies[0].tokens.size(); ++i) {
        const TokenInfo &c = replies[0].tokens[i], &f = replies[1].tokens[i];
        EXPECT_EQ(c.token, f.token);
        EXPECT_NEAR(c.probability, f.probability, 1e-5);
        ASSERT_EQ(c.n_top, 5);
        ASSERT_EQ(f.n_top, 5);
        for (int k = 0; k < 5; ++k) {
            EXPECT_EQ(c.top[k].token, f.top[k].token);
            EXPECT_NEAR(c.top[k].probability, f.top[k].probability, 1e-5);
        }
        EXPECT_GT(c.probability, 0.0f);
        EXPECT_LE(c.probability, c.top[0].probability + 1e-6f);
        EXPECT_EQ(c.begin, f.begin);
        EXPECT_EQ(c.end, f.end);
    }
    // The byte ranges tile the answer.
    std::string joined;
    for (const TokenInfo& t : replies[0].tokens) joined += replies[0].content.substr(t.begin, t.end - t.begin);
    EXPECT_EQ(joined, replies[0].content);
}

}  // namespace
}  // namespace hearth::engine
