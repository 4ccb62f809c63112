// The generation loop against a scripted backend (each token's successor is fixed by a table),
// so prefix reuse, streaming and every stop reason can be checked exactly.
#include "inference/engine/generate.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>

using namespace hearth;
using namespace hearth::engine;

namespace {

// Vocabulary: 0 <unk>, 1 <s>, 2 </s>, 3 "a", 4 "b", 5 "c", 6 "▁", 7 <0xC3>, 8 <0xA9> (é), 9 <|im_end|>.
Tokenizer make_test_tokenizer() {
    Vocab v;
    v.model = VocabModel::Spm;
    v.tokens = {"<unk>", "<s>", "</s>", "a", "b", "c", "\xE2\x96\x81", "<0xC3>", "<0xA9>", "<|im_end|>"};
    v.scores = std::vector<float>(v.tokens.size(), 0.0f);
    v.token_types = {2, 3, 3, 1, 1, 1, 1, 6, 6, 3};
    v.unk = 0;
    v.bos = 1;
    v.eos = 2;
    auto t = make_tokenizer(std::move(v));
    EXPECT_TRUE(t) << t.error().message;
    return std::move(*t);
}

struct ScriptedBackend : Backend {
    std::map<int32_t, int32_t> next;  // token -> the token it makes most likely
    int32_t ctx = 64;
    int32_t vocab = 10;
    int32_t cached_n = 0;
    int32_t evaluated = 0;  // tokens run, over all calls
    std::vector<int32_t> pos0s;

    const char* name() const override { return "scripted"; }
    int32_t n_ctx() const override { return ctx; }
    int32_t n_vocab() const override { return vocab; }
    int32_t n_cached() const override { return cached_n; }
    Status eval(std::span<const int32_t> tokens, int32_t pos0, std::span<float> logits) override {
        if (pos0 > cached_n || pos0 + static_cast<int32_t>(tokens.size()) > ctx)
            return make_error("engine.bad_eval", "bad eval");
        pos0s.push_back(pos0);
        evaluated += static_cast<int32_t>(tokens.size());
        cached_n = pos0 + static_cast<int32_t>(tokens.size());
        std::fill(logits.begin(), logits.end(), 0.0f);
        auto it = next.find(tokens.back());
        logits[static_cast<size_t>(it == next.end() ? 2 : it->second)] = 10.0f;
        return {};
    }
};

GenerateParams greedy(int32_t max_tokens) {
    GenerateParams p;
    p.sampler = sampling::greedy_params();
    p.max_tokens = max_tokens;
    return p;
}

}  // namespace

TEST(Generate, StreamsGreedyTokensAndStopsAtEos) {
    Tokenizer tok = make_test_tokenizer();
    ScriptedBackend b;
    b.next = {{1, 3}, {3, 4}, {4, 5}, {5, 2}};  // <s> -> a -> b -> c -> </s>
    Session s{&b, {}, {}};
    GenerateParams p = greedy(50);
    p.stop_tokens = end_of_generation_tokens(tok);
    std::string streamed;
    std::vector<float> probs;
    const std::vector<int32_t> prompt = {1};
    auto r = generate(s, tok, prompt, p, [&](const TokenEvent& e) {
        streamed += e.text;
        if (e.token >= 0) probs.push_back(e.probability);
    });
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->text, "abc");
    EXPECT_EQ(streamed, "abc");
    EXPECT_EQ(r->stop, StopReason::EndOfText);
    EXPECT_EQ(r->tokens, (std::vector<int32_t>{3, 4, 5, 2}));
    ASSERT_EQ(probs.size(), 4u);
    // softmax of one logit 10 against nine zeros
    EXPECT_NEAR(probs[0], std::exp(10.0) / (std::exp(10.0) + 9.0), 1e-5);
    EXPECT_EQ(s.cached, (std::vector<int32_t>{1, 3, 4, 5}));  // the stop token is never evaluated
}

TEST(Generate, EndOfGenerationTokensIncludeTurnEnd) {
    Tokenizer tok = make_test_tokenizer();
    auto stops = end_of_generation_tokens(tok);
    EXPECT_NE(std::find(stops.begin(), stops.end(), 2), stops.end());
    EXPECT_NE(std::find(stops.begin(), stops.end(), 9), stops.end());
    EXPECT_EQ(std::find(stops.begin(), stops.end(), 3), stops.end());
}

TEST(Generate, MaxTokens) {
    Tokenizer tok = make_test_tokenizer();
    ScriptedBackend b;
    b.next = {{1, 3}, {3, 3}};  // a a a a ...
    Session s{&b, {}, {}};
    auto r = generate(s, tok, std::vector<int32_t>{1}, greedy(5));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->text, "aaaaa");
    EXPECT_EQ(r->stop, StopReason::MaxTokens);
    EXPECT_EQ(r->n_generated, 5);
    EXPECT_EQ(r->n_decode_evals, 4);
}

TEST(Generate, StopStringIsCutAndNeverStreamed) {
    Tokenizer tok = make_test_tokenizer();
    ScriptedBackend b;
    b.next = {{1, 3}, {3, 4}, {4, 5}, {5, 3}};  // a b c a b c ...
    Session s{&b, {}, {}};
    GenerateParams p = greedy(50);
    p.stop_strings = {"ca"};
    std::string streamed;
    auto r = generate(s, tok, std::vector<int32_t>{1}, p, [&](const TokenEvent& e) { streamed += e.text; });
    ASSERT_TRUE(r);
    EXPECT_EQ(r->stop, StopReason::StopString);
    EXPECT_EQ(r->text, "ab");
    EXPECT_EQ(streamed, "ab");  // the "c" was held back, then dropped with the stop string
}

TEST(Generate, HeldBackPrefixIsReleasedWhenNoStopFollows) {
    Tokenizer tok = make_test_tokenizer();
    ScriptedBackend b;
    b.next = {{1, 3}, {3, 4}, {4, 5}, {5, 2}};  // a b c </s>
    Session s{&b, {}, {}};
    GenerateParams p = greedy(50);
    p.stop_tokens = {2};
    p.stop_strings = {"cz"};
    auto r = generate(s, tok, std::vector<int32_t>{1}, p);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->text, "abc");
}

TEST(Generate, MultiByteCharacterIsStreamedWhole) {
    Tokenizer tok = make_test_tokenizer();
    ScriptedBackend b;
    b.next = {{1, 7}, {7, 8}, {8, 2}};  // <0xC3> <0xA9>: "é"
    Session s{&b, {}, {}};
    GenerateParams p = greedy(50);
    p.stop_tokens = {2};
    std::vector<std::string> pieces;
    auto r = generate(s, tok, std::vector<int32_t>{1}, p, [&](const TokenEvent& e) { pieces.emplace_back(e.text); });
    ASSERT_TRUE(r);
    EXPECT_EQ(r->text, "\xC3\xA9");
    ASSERT_GE(pieces.size(), 2u);
    EXPECT_EQ(pieces[0], "");
    EXPECT_EQ(pieces[1], "\xC3\xA9");
}

TEST(Generate, ReusesCachedPrefixOfNextPrompt) {
    Tokenizer tok = make_test_tokenizer();
    ScriptedBackend b;
    b.next = {{1, 3}, {3, 4}, {4, 2}, {5, 3}};
    Session s{&b, {}, {}};
    GenerateParams p = greedy(50);
    p.stop_tokens = {2};
    auto r1 = generate(s, tok, std::vector<int32_t>{1, 5, 5}, p);  // generates a b </s>
    ASSERT_TRUE(r1);
    EXPECT_EQ(s.cached, (std::vector<int32_t>{1, 5, 5, 3, 4}));
    // The next turn continues the conversation: only the new tokens are evaluated.
    b.evaluated = 0;
    b.pos0s.clear();
    auto r2 = generate(s, tok, std::vector<int32_t>{1, 5, 5, 3, 4, 2, 5}, p);
    ASSERT_TRUE(r2);
    EXPECT_EQ(r2->n_reused, 5);
    ASSERT_FALSE(b.pos0s.empty());
    EXPECT_EQ(b.pos0s[0], 5);
    // A prompt that diverges early re-evaluates from the divergence.
    b.pos0s.clear();
    auto r3 = generate(s, tok, std::vector<int32_t>{1, 4}, p);
    ASSERT_TRUE(r3);
    EXPECT_EQ(r3->n_reused, 1);
    EXPECT_EQ(b.pos0s[0], 1);
    // The same prompt again re-evaluates only its last token (its logits are needed).
    b.pos0s.clear();
    auto r4 = generate(s, tok, std::vector<int32_t>{1, 4}, p);
    ASSERT_TRUE(r4);
    EXPECT_EQ(r4->n_reused, 1);
    EXPECT_EQ(b.pos0s[0], 1);
}

TEST(Generate, PrefillInChunks) {
    Tokenizer tok = make_test_tokenizer();
    ScriptedBackend b;
    Session s{&b, {}, {}};
    GenerateParams p = greedy(1);
    p.prefill_chunk = 4;
    std::vector<int32_t> prompt(10, 3);
    auto r = generate(s, tok, prompt, p);
    ASSERT_TRUE(r);
    EXPECT_EQ(b.pos0s, (std::vector<int32_t>{0, 4, 8}));
}

TEST(Generate, ContextFullStopsAndTooLongPromptIsAnError) {
    Tokenizer tok = make_test_tokenizer();
    ScriptedBackend b;
    b.ctx = 6;
    b.next = {{3, 3}};
    Session s{&b, {}, {}};
    auto r = generate(s, tok, std::vector<int32_t>{3, 3}, greedy(100));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->stop, StopReason::ContextFull);
    EXPECT_EQ(static_cast<int32_t>(s.cached.size()), 6);
    auto e = generate(s, tok, std::vector<int32_t>(6, 3), greedy(100));
    ASSERT_FALSE(e);
    EXPECT_EQ(e.error().code, "engine.context_full");
}

TEST(Generate, ShiftOnABackendWithoutOneIsAClearError) {
    Tokenizer tok = make_test_tokenizer();
    ScriptedBackend b;
    b.ctx = 6;
    b.next = {{3, 3}};
    auto st = b.shift(1, 2);
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().code, "engine.shift_unsupported");
    Session s{&b, {}, {}};
    GenerateParams p = greedy(100);
    p.on_context_full = OnContextFull::Shift;
    auto r = generate(s, tok, std::vector<int32_t>{3, 3}, p);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "engine.shift_unsupported");
}

TEST(Generate, CancelFlagStops) {
    Tokenizer tok = make_test_tokenizer();
    ScriptedBackend b;
    b.next = {{3, 3}};
    Session s{&b, {}, {}};
    std::atomic<bool> cancel{false};
    GenerateParams p = greedy(100);
    p.cancel = &cancel;
    int seen = 0;
    auto r = generate(s, tok, std::vector<int32_t>{3}, p, [&](const TokenEvent&) {
        if (++seen == 3) cancel = true;
    });
    ASSERT_TRUE(r);
    EXPECT_EQ(r->stop, StopReason::Cancelled);
    EXPECT_EQ(r->n_generated, 3);
}
