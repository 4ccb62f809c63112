// ChatSession against the scripted backend: exactly how many tokens each turn reuses (new turn,
// A -> B -> A, edit, regenerate, a turn after a context shift), what fit() predicts, the data
// per token, thinking, and that prefill stops within one 64-token chunk of a cancel.
#include "inference/engine/chat_session.h"

#include <gtest/gtest.h>

#include <cmath>

#include "chat_fixture.h"
#include "inference/engine/perplexity.h"
#include "inference/template/chat_template.h"

namespace hearth::engine {
namespace {

using test::ScriptedBackend;

const std::vector<std::string> kChatMl = {"<|im_start|>", "<|im_end|>"};

// The tokens of `text` rendered by the template as a whole, with special tokens parsed: what the
// session's pieces must add up to when no content holds a special token.
std::vector<int32_t> whole(const OpenModel& m, const std::string& text) {
    return tokenize(m.tokenizer, text, {.add_special = true, .parse_special = true});
}

// A backend that answers every turn with "hi" and <|im_end|>.
ScriptedBackend hi_backend(const OpenModel& m) {
    ScriptedBackend b;
    b.vocab = m.tokenizer.vocab.size();
    const int32_t nl = test::token_id(m, "<0x0A>"), h = test::token_id(m, "h"), i = test::token_id(m, "i");
    b.next = {{nl, h}, {h, i}};
    b.fallback = test::token_id(m, "<|im_end|>");
    return b;
}

ReplyParams greedy(int32_t max_tokens = 32) {
    ReplyParams p;
    p.sampler = sampling::greedy_params();
    p.max_tokens = max_tokens;
    return p;
}

// A new conversation that has answered `text` once on `b`.
ChatSession answered(const OpenModel& m, Backend& b, const std::string& text) {
    ChatSession chat(m);
    EXPECT_TRUE(chat.add_user(text));
    auto r = chat.reply(b, greedy());
    EXPECT_TRUE(r) << r.error().message;
    return chat;
}

TEST(ChatSession, SecondTurnPrefillsOnlyItsNewTokens) {
    auto m = test::char_model(fallback_chat_template(), kChatMl);
    ScriptedBackend b = hi_backend(*m);
    ChatSession chat(*m);
    chat.set_system_prompt("Be kind.");
    ASSERT_TRUE(chat.add_user("Hello"));
    auto r1 = chat.reply(b, greedy());
    ASSERT_TRUE(r1) << r1.error().message;
    const auto p1 = whole(*m, "<|im_start|>system\nBe kind.<|im_end|>\n<|im_start|>user\nHello<|im_end|>\n"
                              "<|im_start|>assistant\n");
    EXPECT_EQ(r1->stats.n_prompt, static_cast<int32_t>(p1.size()));
    EXPECT_EQ(r1->stats.n_reused, 0);
    EXPECT_EQ(r1->content, "hi");
    EXPECT_EQ(r1->stats.n_generated, 3);  // h, i, <|im_end|>
    EXPECT_EQ(r1->stats.stop, StopReason::EndOfText);
    ASSERT_EQ(chat.turns().size(), 3u);
    EXPECT_EQ(chat.turns()[2].content, "hi");
    EXPECT_EQ(chat.turns()[2].reply_ids.size(), 2u);  // the sampled ids, without the end-of-turn
    // The cache: the prompt and the reply's tokens but the last, which was sampled, never run.
    EXPECT_EQ(chat.ids().size(), p1.size() + 2);
    EXPECT_EQ(b.evaluated, static_cast<int32_t>(p1.size() + 2));

    ASSERT_TRUE(chat.add_user("More"));
    b.evaluated = 0;
    auto r2 = chat.reply(b, greedy());
    ASSERT_TRUE(r2) << r2.error().message;
    const auto p2 = whole(*m, "<|im_start|>system\nBe kind.<|im_end|>\n<|im_start|>user\nHello<|im_end|>\n"
                              "<|im_start|>assistant\nhi<|im_end|>\n<|im_start|>user\nMore<|im_end|>\n"
                              "<|im_start|>assistant\n");
    EXPECT_EQ(r2->stats.n_prompt, static_cast<int32_t>(p2.size()));
    EXPECT_EQ(r2->stats.n_reused, static_cast<int32_t>(p1.size() + 2));
    EXPECT_EQ(b.evaluated, r2->stats.n_prompt - r2->stats.n_reused + 2);
    // The reply's ids are the sampled ones, then the template's end-of-turn.
    EXPECT_EQ(std::vector<int32_t>(chat.ids().begin(), chat.ids().begin() + static_cast<long>(p2.size())), p2);
}

TEST(ChatSession, ARestoredConversationRendersTheSameTokens) {
    auto m = test::char_model(fallback_chat_template(), kChatMl);
    ScriptedBackend b = hi_backend(*m);
    ChatSession chat(*m, {.now_unix = 5, .enable_thinking = true});
    ASSERT_TRUE(chat.add_user("Hello"));
    auto r = chat.reply(b, greedy());
    ASSERT_TRUE(r);
    ASSERT_TRUE(chat.add_user("More"));
    auto f = chat.fit(512, 0);
    ASSERT_TRUE(f);
    // What storage keeps: the text and one TokenInfo per sampled token, the end-of-turn included.
    ChatSession restored(*m, {.now_unix = 5, .enable_thinking = true});
    ASSERT_TRUE(restored.add_user("Hello"));
    const auto ids = reply_ids_from_tokens(r->tokens, StopReason::EndOfText);
    EXPECT_EQ(ids, chat.turns()[1].reply_ids);
    EXPECT_EQ(reply_ids_from_tokens(r->tokens, StopReason::MaxTokens).size(), r->tokens.size());
    ASSERT_TRUE(restored.add_message({"assistant", r->content, r->thinking, ids}));
    ASSERT_TRUE(restored.add_user("More"));
    auto g = restored.fit(512, 0);
    ASSERT_TRUE(g);
    EXPECT_EQ(g->turn_tokens, f->turn_tokens);
    EXPECT_EQ(g->total, f->total);
    EXPECT_FALSE(restored.add_message({"system", "no", {}, {}}));
}

TEST(ChatSession, SwitchingConversationsNeverReusesAnotherOnesCache) {
    auto m = test::char_model(fallback_chat_template(), kChatMl);
    ScriptedBackend b = hi_backend(*m);
    ChatSession a(*m), c(*m);
    ASSERT_TRUE(a.add_user("Hello"));
    ASSERT_TRUE(c.add_user("Hello"));  // the same start: B's cache would look like A's
    auto ra = a.reply(b, greedy());
    ASSERT_TRUE(ra);
    const size_t a_cached = a.ids().size();
    auto rc = c.reply(b, greedy());
    ASSERT_TRUE(rc);
    EXPECT_EQ(rc->stats.n_reused, 0);  // A's tokens are in the cache, but they are not C's
    ASSERT_TRUE(a.add_user("Again"));
    b.evaluated = 0;
    auto ra2 = a.reply(b, greedy());
    ASSERT_TRUE(ra2);
    EXPECT_EQ(ra2->stats.n_reused, 0);
    EXPECT_EQ(b.evaluated, ra2->stats.n_prompt + 2);
    // A owns the cache again: its next turn reuses all of it.
    const size_t a_cached2 = a.ids().size();
    EXPECT_GT(a_cached2, a_cached);
    ASSERT_TRUE(a.add_user("Once more"));
    auto ra3 = a.reply(b, greedy());
    ASSERT_TRUE(ra3);
    EXPECT_EQ(ra3->stats.n_reused, static_cast<int32_t>(a_cached2));
}

TEST(ChatSession, GenerateAloneNoLongerReusesAnotherSessionsCache) {
    // The bug this replaced: generate() trusted min(cached, n_cached()), so A -> B -> A read B's keys.
    auto m = test::char_model(fallback_chat_template(), kChatMl);
    ScriptedBackend b = hi_backend(*m);
    const auto prompt_a = whole(*m, "<|im_start|>user\nA<|im_end|>\n");
    auto prompt_b = prompt_a;
    prompt_b.back() = test::token_id(*m, "B");
    Session sa{&b, {}, {}}, sb{&b, {}, {}};
    GenerateParams gp;
    gp.sampler = sampling::greedy_params();
    gp.max_tokens = 1;
    ASSERT_TRUE(generate(sa, m->tokenizer, prompt_a, gp));
    ASSERT_TRUE(generate(sb, m->tokenizer, prompt_b, gp));
    auto again = generate(sa, m->tokenizer, prompt_a, gp);
    ASSERT_TRUE(again);
    EXPECT_EQ(again->n_reused, 0);
    auto again2 = generate(sa, m->tokenizer, prompt_a, gp);
    ASSERT_TRUE(again2);
    EXPECT_EQ(again2->n_reused, static_cast<int32_t>(prompt_a.size()) - 1);
}

TEST(ChatSession, PerplexityOnTheSameBackendTakesTheCache) {
    auto m = test::char_model(fallback_chat_template(), kChatMl);
    ScriptedBackend b = hi_backend(*m);
    ChatSession chat = answered(*m, b, "Hello");
    const std::vector<int32_t> text(16, test::token_id(*m, "a"));
    ASSERT_TRUE(perplexity(b, text, 8, -1));
    ASSERT_TRUE(chat.add_user("Again"));
    auto r = chat.reply(b, greedy());
    ASSERT_TRUE(r);
    EXPECT_EQ(r->stats.n_reused, 0);
}

TEST(ChatSession, EditingAnEarlierMessageReusesExactlyTheTokensBeforeIt) {
    auto m = test::char_model(fallback_chat_template(), kChatMl);
    ScriptedBackend b = hi_backend(*m);
    ChatSession chat(*m);
    chat.set_system_prompt("Sys");
    ASSERT_TRUE(chat.add_user("First"));
    ASSERT_TRUE(chat.reply(b, greedy()));
    ASSERT_TRUE(chat.add_user("Second"));
    ASSERT_TRUE(chat.reply(b, greedy()));
    ASSERT_EQ(chat.turns().size(), 5u);

    ASSERT_TRUE(chat.edit_message(1, "Changed"));
    EXPECT_EQ(chat.turns().size(), 2u);
    auto r = chat.reply(b, greedy());
    ASSERT_TRUE(r) << r.error().message;
    // Everything up to the edited content is the same: BOS, the system turn, the user header.
    const auto same = whole(*m, "<|im_start|>system\nSys<|im_end|>\n<|im_start|>user\n");
    EXPECT_EQ(r->stats.n_reused, static_cast<int32_t>(same.size()));
    EXPECT_EQ(r->stats.n_prompt,
              static_cast<int32_t>(whole(*m, "<|im_start|>system\nSys<|im_end|>\n<|im_start|>user\nChanged<|im_end|>\n"
                                             "<|im_start|>assistant\n")
                                       .size()));
}

TEST(ChatSession, RegenerateReusesThePromptOfTheReply) {
    auto m = test::char_model(fallback_chat_template(), kChatMl);
    ScriptedBackend b = hi_backend(*m);
    ChatSession chat(*m);
    ASSERT_TRUE(chat.add_user("Hello"));
    auto r1 = chat.reply(b, greedy());
    ASSERT_TRUE(r1);
    ASSERT_TRUE(chat.regenerate());
    EXPECT_EQ(chat.turns().size(), 1u);
    b.evaluated = 0;
    auto r2 = chat.reply(b, greedy());
    ASSERT_TRUE(r2);
    // All of the prompt but its last token, which is evaluated again for the first token's logits.
    EXPECT_EQ(r2->stats.n_prompt, r1->stats.n_prompt);
    EXPECT_EQ(r2->stats.n_reused, r1->stats.n_prompt - 1);
    EXPECT_EQ(b.evaluated, 1 + 2);
    EXPECT_FALSE(ChatSession(*m).regenerate());
}

TEST(ChatSession, TurnAfterAContextShiftReusesTheShiftedCache) {
    auto m = test::char_model(fallback_chat_template(), kChatMl);
    ScriptedBackend b;
    b.vocab = m->tokenizer.vocab.size();
    b.ctx = 80;
    const int32_t nl = test::token_id(*m, "<0x0A>"), x = test::token_id(*m, "a"), y = test::token_id(*m, "b");
    b.next = {{nl, x}, {x, y}, {y, x}};  // "abab..." until max_tokens
    b.fallback = test::token_id(*m, "<|im_end|>");
    ChatSession chat(*m);
    chat.set_system_prompt("S");
    ASSERT_TRUE(chat.add_user("Hi"));
    ReplyParams p = greedy(48);
    p.on_context_full = OnContextFull::Shift;
    auto r1 = chat.reply(b, p);
    ASSERT_TRUE(r1) << r1.error().message;
    ASSERT_GE(r1->stats.n_shifts, 1);
    EXPECT_EQ(r1->stats.stop, StopReason::MaxTokens);
    const auto cached = chat.ids();
    EXPECT_EQ(static_cast<int32_t>(cached.size()), b.cached_n);
    // The system prompt survived the shift.
    const auto sys = whole(*m, "<|im_start|>system\nS");
    EXPECT_TRUE(std::equal(sys.begin(), sys.end(), cached.begin()));

    ASSERT_TRUE(chat.add_user("x"));
    b.evaluated = 0;
    auto r2 = chat.reply(b, greedy(1));
    ASSERT_TRUE(r2) << r2.error().message;
    EXPECT_EQ(r2->stats.n_reused, static_cast<int32_t>(cached.size()));
    EXPECT_EQ(b.evaluated, r2->stats.n_prompt - r2->stats.n_reused);
    // New: the reply's last token (never evaluated), the end-of-turn, the user turn, the header.
    const auto added = whole(*m, "<|im_end|>\n<|im_start|>user\nx<|im_end|>\n<|im_start|>assistant\n");
    EXPECT_EQ(r2->stats.n_prompt, static_cast<int32_t>(cached.size() + 1 + added.size() - 1));  // whole() adds BOS
}

TEST(ChatSession, PromptThatDoesNotFitIsAnErrorAndChangesNothing) {
    auto m = test::char_model(fallback_chat_template(), kChatMl);
    ScriptedBackend b = hi_backend(*m);
    b.ctx = 16;
    ChatSession chat(*m);
    ASSERT_TRUE(chat.add_user("A message far longer than sixteen tokens"));
    auto r = chat.reply(b, greedy());
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "engine.context_full");
    EXPECT_EQ(chat.turns().size(), 1u);
    EXPECT_EQ(ChatSession(*m).reply(b, greedy()).error().code, "chat.nothing_to_answer");
}

TEST(ChatSession, FitCountsEveryTurnAndNamesTheOldestToDrop) {
    auto m = test::char_model(fallback_chat_template(), kChatMl);
    ScriptedBackend b = hi_backend(*m);
    ChatSession chat(*m);
    chat.set_system_prompt("System prompt");
    for (const char* u : {"one", "two", "three"}) {
        ASSERT_TRUE(chat.add_user(u));
        ASSERT_TRUE(chat.reply(b, greedy()));
    }
    ASSERT_TRUE(chat.add_user("four"));
    auto f = chat.fit(1000, 100);
    ASSERT_TRUE(f) << f.error().message;
    ASSERT_EQ(f->turn_tokens.size(), 8u);
    int32_t sum = f->generation_prompt_tokens;
    for (int32_t t : f->turn_tokens) sum += t;
    EXPECT_EQ(f->total, sum);
    EXPECT_EQ(f->reply_room, 1000 - f->total);
    EXPECT_TRUE(f->fits());
    // The user turn "one": its header and its content, after the system turn's end.
    EXPECT_EQ(f->turn_tokens[1], static_cast<int32_t>(whole(*m, "<|im_end|>\n<|im_start|>user\none").size()) - 1);

    // Leave room for the reply only if the first exchange goes: exactly two messages.
    const int32_t first_exchange = f->turn_tokens[1] + f->turn_tokens[2];
    auto tight = chat.fit(f->total + 50 - first_exchange, 50);
    ASSERT_TRUE(tight);
    EXPECT_EQ(tight->drop_needed, 2);
    auto one_more = chat.fit(f->total + 50 - first_exchange + 1, 50);
    ASSERT_TRUE(one_more);
    EXPECT_EQ(one_more->drop_needed, 2);  // never half an exchange
    auto impossible = chat.fit(f->turn_tokens[0] + 5, 50);
    ASSERT_TRUE(impossible);
    EXPECT_EQ(impossible->drop_needed, -1);

    auto r = chat.reply(b, greedy());
    ASSERT_TRUE(r);
    EXPECT_EQ(r->stats.n_prompt, f->total);

    ASSERT_TRUE(chat.add_user("five"));
    ASSERT_TRUE(chat.drop_oldest_turns(2));
    EXPECT_EQ(chat.turns()[0].role, "system");
    EXPECT_EQ(chat.turns()[1].content, "two");
    EXPECT_FALSE(chat.drop_oldest_turns(100));
    auto r2 = chat.reply(b, greedy());
    ASSERT_TRUE(r2);
    // Everything from the dropped turn on is evaluated again; the system turn is reused.
    EXPECT_EQ(r2->stats.n_reused, static_cast<int32_t>(whole(*m, "<|im_start|>system\nSystem prompt<|im_end|>\n"
                                                                  "<|im_start|>user\n").size()));
}

TEST(ChatSession, EachTokenCarriesItsProbabilityAlternativesAndBytes) {
    auto m = test::char_model(fallback_chat_template(), kChatMl);
    for (bool on_backend : {true, false}) {
        ScriptedBackend b = hi_backend(*m);
        ChatSession chat(*m);
        ASSERT_TRUE(chat.add_user("Hello"));
        ReplyParams p = greedy();
        p.sample_on_backend = on_backend;
        std::vector<ReplyToken> streamed;
        std::string text;
        auto r = chat.reply(b, p, [&](const ReplyToken& t) {
            streamed.push_back(t);
            text += t.text;
        });
        ASSERT_TRUE(r) << r.error().message;
        ASSERT_EQ(r->tokens.size(), 3u);
        EXPECT_EQ(text, "hi");
        // The scripted row: 8 for the favourite, -0.01 * (id % 97) for the rest.
        for (const TokenInfo& t : r->tokens) {
            double sum = 0;
            for (int32_t i = 0; i < b.vocab; ++i) sum += std::exp(i == t.token ? 8.0 : -0.01 * (i % 97));
            EXPECT_NEAR(t.probability, std::exp(8.0) / sum, 1e-5);
            ASSERT_EQ(t.n_top, 5);
            EXPECT_EQ(t.top[0].token, t.token);
            EXPECT_NEAR(t.top[0].probability, t.probability, 1e-6);
            EXPECT_NEAR(t.top[1].probability, std::exp(0.0) / sum, 1e-6);
            for (int k = 1; k < 5; ++k) EXPECT_GE(t.top[k - 1].probability, t.top[k].probability);
            EXPECT_EQ(t.part, ReplyPart::Answer);
        }
        EXPECT_EQ(r->content.substr(r->tokens[0].begin, r->tokens[0].end - r->tokens[0].begin), "h");
        EXPECT_EQ(r->content.substr(r->tokens[1].begin, r->tokens[1].end - r->tokens[1].begin), "i");
        EXPECT_EQ(r->tokens[2].begin, r->tokens[2].end);  // <|im_end|> prints nothing
        EXPECT_EQ(r->tokens[2].begin, 2u);
    }
}

TEST(ChatSession, ThinkingStreamsApartFromTheAnswer) {
    auto m = test::char_model(fallback_chat_template(), kChatMl, {"<think>", "</think>"});
    ScriptedBackend b;
    b.vocab = m->tokenizer.vocab.size();
    const int32_t nl = test::token_id(*m, "<0x0A>"), open = test::token_id(*m, "<think>"),
                  close = test::token_id(*m, "</think>"), a = test::token_id(*m, "a"), z = test::token_id(*m, "z");
    b.next = {{nl, open}, {open, a}, {a, close}, {close, z}};
    b.fallback = test::token_id(*m, "<|im_end|>");
    ChatSession chat(*m);
    ASSERT_TRUE(chat.add_user("Q"));
    std::string thinking, answer;
    auto r = chat.reply(b, greedy(), [&](const ReplyToken& t) {
        (t.info.part == ReplyPart::Thinking ? thinking : answer) += t.text;
    });
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->thinking, "a");
    EXPECT_EQ(r->content, "z");
    EXPECT_EQ(thinking, "a");
    EXPECT_EQ(answer, "z");
    ASSERT_EQ(r->tokens.size(), 5u);
    EXPECT_EQ(r->tokens[1].part, ReplyPart::Thinking);
    EXPECT_EQ(r->tokens[3].part, ReplyPart::Answer);
    EXPECT_EQ(chat.turns().back().thinking, "a");
    EXPECT_EQ(chat.turns().back().content, "z");
    EXPECT_EQ(chat.turns().back().reply_ids, (std::vector<int32_t>{open, a, close, z}));
}

TEST(ChatSession, EnableThinkingReachesTheTemplate) {
    const std::string tmpl =
        "{% for m in messages %}{{ m['role'] + ':' + m['content'] + '\\n' }}{% endfor %}"
        "{% if add_generation_prompt %}{% if enable_thinking is defined and not enable_thinking %}"
        "{{ 'A:<think>\\n\\n</think>\\n\\n' }}{% else %}{{ 'A:<think>\\n' }}{% endif %}{% endif %}";
    auto m = test::char_model(tmpl, {}, {"<think>", "</think>"});
    ScriptedBackend b;
    b.vocab = m->tokenizer.vocab.size();
    b.next = {{test::token_id(*m, "<0x0A>"), test::token_id(*m, "r")}, {test::token_id(*m, "r"), 2}};
    for (bool thinking : {true, false}) {
        ChatSession chat(*m, {.now_unix = 1, .enable_thinking = thinking});
        ASSERT_TRUE(chat.add_user("Q"));
        auto r = chat.reply(b, greedy());
        ASSERT_TRUE(r) << r.error().message;
        // Forced thinking: the generation prompt opens <think>, so the reply starts inside it.
        EXPECT_EQ(r->thinking, thinking ? "r" : "");
        EXPECT_EQ(r->content, thinking ? "" : "r");
    }
}

TEST(ChatSession, TheDateIsFixedPerConversation) {
    const std::string tmpl =
        "{{ strftime_now('%d %b %Y') }}\n{% for m in messages %}{{ m['content'] + '\\n' }}{% endfor %}";
    auto m = test::char_model(tmpl, {});
    ChatSession chat(*m, {.now_unix = 86400 * 365, .enable_thinking = true});
    ASSERT_TRUE(chat.add_user("x"));
    auto f = chat.fit(100, 0);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->turn_tokens[0], static_cast<int32_t>(whole(*m, "01 Jan 1971\nx").size()));
}

TEST(ChatSession, BranchTakesItsOwnCacheClaim) {
    auto m = test::char_model(fallback_chat_template(), kChatMl);
    ScriptedBackend b = hi_backend(*m);
    ChatSession chat = answered(*m, b, "Hello");
    ChatSession other = chat.branch();
    ASSERT_TRUE(other.add_user("B"));
    auto rb = other.reply(b, greedy());
    ASSERT_TRUE(rb);
    EXPECT_EQ(rb->stats.n_reused, 0);
    ASSERT_TRUE(chat.add_user("A"));
    auto ra = chat.reply(b, greedy());
    ASSERT_TRUE(ra);
    EXPECT_EQ(ra->stats.n_reused, 0);
}

TEST(ChatSession, CancelStopsPrefillWithinOneChunk) {
    auto m = test::char_model(fallback_chat_template(), kChatMl);
    struct CancellingBackend : ScriptedBackend {
        std::atomic<bool>* flag = nullptr;
        Status eval(std::span<const int32_t> t, int32_t pos0, std::span<float> logits) override {
            auto st = ScriptedBackend::eval(t, pos0, logits);
            flag->store(true);  // the user presses Stop while the first chunk runs
            return st;
        }
    } b;
    b.vocab = m->tokenizer.vocab.size();
    std::atomic<bool> cancel{false};
    b.flag = &cancel;
    ChatSession chat(*m);
    ASSERT_TRUE(chat.add_user(std::string(300, 'w')));
    ReplyParams p = greedy();
    p.cancel = &cancel;
    auto r = chat.reply(b, p);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->stats.stop, StopReason::Cancelled);
    EXPECT_EQ(b.batch_sizes, std::vector<int32_t>{kCancelChunk});
    EXPECT_EQ(r->stats.n_generated, 0);
    // The cache keeps the chunk: answering again continues from it.
    ASSERT_TRUE(chat.regenerate());
    auto again = chat.reply(b, greedy());  // no cancel flag this time
    ASSERT_TRUE(again);
    EXPECT_EQ(again->stats.n_reused, kCancelChunk);
}

TEST(ChatSession, ABackendStoppedInItsWaitEndsTheReplyAsCancelled) {
    // A GPU backend checks the flag while it waits and fails the call with "engine.cancelled".
    auto m = test::char_model(fallback_chat_template(), kChatMl);
    struct WaitingBackend : ScriptedBackend {
        const std::atomic<bool>* flag = nullptr;
        int calls = 0;
        void set_cancel(const std::atomic<bool>* c) override { flag = c; }
        Status eval(std::span<const int32_t> t, int32_t pos0, std::span<float> logits) override {
            if (++calls == 3) {
                const_cast<std::atomic<bool>*>(flag)->store(true);  // Stop pressed during the wait
                cached_n = pos0;
                return make_error("engine.cancelled", "Stopped.");
            }
            return ScriptedBackend::eval(t, pos0, logits);
        }
    } b;
    b.vocab = m->tokenizer.vocab.size();
    b.next = hi_backend(*m).next;
    b.fallback = test::token_id(*m, "<|im_end|>");
    std::atomic<bool> cancel{false};
    ChatSession chat(*m);
    ASSERT_TRUE(chat.add_user("Hello"));
    ReplyParams p = greedy();
    p.cancel = &cancel;
    auto r = chat.reply(b, p);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->stats.stop, StopReason::Cancelled);
    EXPECT_EQ(b.flag, nullptr);  // handed back: the flag may not outlive the call
    // Prefill (one call), "h" decoded, the third call stopped: the cache holds prompt + "h".
    EXPECT_EQ(static_cast<int32_t>(chat.ids().size()), b.cached_n);
    EXPECT_EQ(r->content, "hi");
    ASSERT_TRUE(chat.add_user("More"));
    auto again = chat.reply(b, greedy());
    ASSERT_TRUE(again);
    EXPECT_EQ(again->stats.n_reused, r->stats.n_prompt + 1);  // the prompt and "h"
}

TEST(ChatSession, DecodeStopsAtTheNextTokenAfterCancel) {
    auto m = test::char_model(fallback_chat_template(), kChatMl);
    ScriptedBackend b = hi_backend(*m);
    std::atomic<bool> cancel{false};
    ChatSession chat(*m);
    ASSERT_TRUE(chat.add_user("Hello"));
    ReplyParams p = greedy();
    p.cancel = &cancel;
    auto r = chat.reply(b, p, [&](const ReplyToken&) { cancel = true; });
    ASSERT_TRUE(r);
    EXPECT_EQ(r->stats.stop, StopReason::Cancelled);
    EXPECT_EQ(r->stats.n_generated, 1);
    EXPECT_EQ(chat.turns().back().content, "h");  // kept, marked cancelled by the caller
}

}  // namespace
}  // namespace hearth::engine
