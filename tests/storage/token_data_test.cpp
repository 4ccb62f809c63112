// The per-token data and thinking of a generated message: the compact record format, and the
// ReplyAppender writing them in the same batches as the text.
#include <gtest/gtest.h>

#include <mutex>

#include "storage/export.h"
#include "storage/reply_appender.h"
#include "storage/token_blob.h"
#include "tests/storage/storage_test_util.h"

namespace hearth::storage {
namespace {
using namespace hearth::storage::test;

TokenInfo token(int32_t id, float p, ReplyPart part, uint32_t begin, uint32_t end) {
    TokenInfo t;
    t.token = id;
    t.probability = p;
    t.part = part;
    t.begin = begin;
    t.end = end;
    t.n_top = 5;
    for (int k = 0; k < 5; ++k) t.top[static_cast<size_t>(k)] = {id + k, p / static_cast<float>(k + 1)};
    return t;
}

TEST(TokenRecords, RoundTripInFortySixBytesEach) {
    std::vector<TokenInfo> in = {token(5, 0.75f, ReplyPart::Thinking, 0, 3), token(151643, 1.0f, ReplyPart::Answer, 0, 0),
                                 token(0, 0.0f, ReplyPart::Answer, 0, 7)};
    in[2].n_top = 2;  // a tiny vocabulary
    const auto blob = encode_token_records(in);
    EXPECT_EQ(blob.size(), in.size() * kTokenRecordBytes);
    const auto out = decode_token_records(blob);
    ASSERT_EQ(out.size(), in.size());
    for (size_t i = 0; i < in.size(); ++i) {
        EXPECT_EQ(out[i].token, in[i].token);
        EXPECT_NEAR(out[i].probability, in[i].probability, 0.5 / 65535 + 1e-7);
        EXPECT_EQ(out[i].part, in[i].part);
        EXPECT_EQ(out[i].begin, in[i].begin);
        EXPECT_EQ(out[i].end, in[i].end);
        ASSERT_EQ(out[i].n_top, in[i].n_top);
        for (int k = 0; k < out[i].n_top; ++k) {
            EXPECT_EQ(out[i].top[static_cast<size_t>(k)].token, in[i].top[static_cast<size_t>(k)].token);
            EXPECT_NEAR(out[i].top[static_cast<size_t>(k)].probability, in[i].top[static_cast<size_t>(k)].probability,
                        0.5 / 65535 + 1e-7);
        }
    }
    // A damaged blob loses only its incomplete tail.
    auto cut = blob;
    cut.resize(blob.size() - 5);
    EXPECT_EQ(decode_token_records(cut).size(), 2u);
}

TEST(TokenRecords, AppenderWritesThinkingAndTokenDataWithTheTextBatches) {
    auto chat = new_chat("token-data-appender");
    ASSERT_TRUE(chat.db);
    append(chat, "user", "why?");
    const int64_t reply = append(chat, "assistant", "");
    std::mutex mu;
    std::vector<int64_t> blob_tokens_at_commit, text_tokens_at_commit;
    std::string thinking, answer;
    std::vector<TokenInfo> sent;
    {
        ReplyAppender app(*chat.db, reply, {std::chrono::milliseconds(100), false}, [&](const BatchCommitted& b) {
            // Read back after each batch: text and token data arrive together.
            auto m = chat.db->read<Message>([&](Connection& c) { return get_message(c, reply); });
            std::lock_guard lock(mu);
            text_tokens_at_commit.push_back(b.tokens_committed);
            blob_tokens_at_commit.push_back(m ? static_cast<int64_t>(m->tokens.size()) : -1);
        });
        for (int i = 0; i < 40; ++i) {
            const bool think = i < 15;
            std::string& dest = think ? thinking : answer;
            const std::string text = "w" + std::to_string(i) + " ";
            TokenInfo t = token(100 + i, 0.5f, think ? ReplyPart::Thinking : ReplyPart::Answer,
                                static_cast<uint32_t>(dest.size()), static_cast<uint32_t>(dest.size() + text.size()));
            dest += text;
            sent.push_back(t);
            app.add_token(t, text);
            if (i == 20) std::this_thread::sleep_for(std::chrono::milliseconds(300));
        }
        TokenInfo tail;  // text released at the end, with no token of its own
        app.add_token(tail, "!");
        answer += "!";
        ASSERT_OK(app.finish({5, 10.0, "eos", "{\"n_reused\":3}"}).get());
    }
    auto m = chat.db->read<Message>([&](Connection& c) { return get_message(c, reply); });
    ASSERT_OK(m);
    EXPECT_EQ(m->content, answer);
    EXPECT_EQ(m->thinking, thinking);
    EXPECT_EQ(m->token_count, 40);
    EXPECT_EQ(m->stats_json, "{\"n_reused\":3}");
    EXPECT_EQ(m->stop_reason, "eos");
    ASSERT_EQ(m->tokens.size(), 40u);
    for (size_t i = 0; i < sent.size(); ++i) {
        EXPECT_EQ(m->tokens[i].token, sent[i].token);
        EXPECT_EQ(m->tokens[i].part, sent[i].part);
        const std::string& text = sent[i].part == ReplyPart::Thinking ? m->thinking : m->content;
        EXPECT_EQ(text.substr(m->tokens[i].begin, m->tokens[i].end - m->tokens[i].begin), "w" + std::to_string(i) + " ");
    }
    std::lock_guard lock(mu);
    ASSERT_GE(text_tokens_at_commit.size(), 2u);
    EXPECT_EQ(blob_tokens_at_commit, text_tokens_at_commit);
}

TEST(TokenRecords, NewMessagesKeepThinkingTokensAndStats) {
    auto chat = new_chat("token-data-insert");
    ASSERT_TRUE(chat.db);
    NewMessage n{.role = "assistant", .content = "4", .stop_reason = "eos", .thinking = "2+2",
                 .tokens = {token(9, 0.9f, ReplyPart::Answer, 0, 1)}, .stats_json = "{}"};
    auto id = write_sync(*chat.db, [&](Connection& c) { return append_message(c, chat.conv, n); });
    ASSERT_OK(id);
    auto m = read_sync(*chat.db, [&](Connection& c) { return get_message(c, *id); });
    ASSERT_OK(m);
    EXPECT_EQ(m->thinking, "2+2");
    ASSERT_EQ(m->tokens.size(), 1u);
    EXPECT_EQ(m->tokens[0].token, 9);
    EXPECT_EQ(m->stats_json, "{}");
}

TEST(TokenRecords, JsonExportAndImportKeepThinkingTokensAndStats) {
    auto chat = new_chat("token-data-export");
    ASSERT_TRUE(chat.db);
    append(chat, "user", "2+2?");
    NewMessage n{.role = "assistant", .content = "4", .stop_reason = "eos", .thinking = "add them",
                 .tokens = {token(9, 0.9f, ReplyPart::Answer, 0, 1), token(2, 0.5f, ReplyPart::Answer, 1, 1)},
                 .stats_json = "{\"n_reused\":7}"};
    ASSERT_OK(write_sync(*chat.db, [&](Connection& c) { return append_message(c, chat.conv, n); }));
    auto json = read_sync(*chat.db, [&](Connection& c) { return export_conversation_json(c, chat.conv); });
    ASSERT_OK(json);
    auto copy = write_sync(*chat.db, [&](Connection& c) { return import_conversation_json(c, *json); });
    ASSERT_OK(copy);
    auto path = read_sync(*chat.db, [&](Connection& c) { return active_path(c, *copy); });
    ASSERT_OK(path);
    ASSERT_EQ(path->size(), 2u);
    const Message& m = (*path)[1];
    EXPECT_EQ(m.thinking, "add them");
    EXPECT_EQ(m.stats_json, "{\"n_reused\":7}");
    ASSERT_EQ(m.tokens.size(), 2u);
    EXPECT_EQ(m.tokens[1].token, 2);
    EXPECT_TRUE((*path)[0].tokens.empty());  // the user message had none, and still has none
}

}  // namespace
}  // namespace hearth::storage
