#include <gtest/gtest.h>

#include <cmath>

#include "storage/conversations.h"
#include "storage/messages.h"
#include "storage/reply_appender.h"
#include "tests/storage/storage_test_util.h"

namespace hearth::storage {
namespace {
using namespace hearth::storage::test;

std::vector<std::string> visible(Chat& chat) {
    auto path = read_sync(*chat.db, [&](Connection& c) { return active_path(c, chat.conv); });
    std::vector<std::string> out;
    if (path)
        for (const auto& m : *path) out.push_back(m.content);
    return out;
}

TEST(Messages, AppendFollowsTheActiveLeaf) {
    auto chat = new_chat("msg-append");
    ASSERT_TRUE(chat.db);
    int64_t u = append(chat, "user", "hi");
    int64_t a = append(chat, "assistant", "hello");
    auto m = read_sync(*chat.db, [&](Connection& c) { return get_message(c, a); });
    ASSERT_OK(m);
    EXPECT_EQ(m->parent_id, u);
    EXPECT_EQ(m->role, "assistant");
    EXPECT_EQ(m->sibling_index, 1);
    EXPECT_EQ(m->sibling_count, 1);
    auto conv = read_sync(*chat.db, [&](Connection& c) { return get_conversation(c, chat.conv); });
    EXPECT_EQ(conv->active_leaf_id, a);
    EXPECT_EQ(visible(chat), (std::vector<std::string>{"hi", "hello"}));
}

TEST(Messages, RejectsBadRoleAndForeignParent) {
    auto chat = new_chat("msg-reject");
    ASSERT_TRUE(chat.db);
    auto bad = write_sync(*chat.db, [&](Connection& c) {
        return append_message(c, chat.conv, {.role = "narrator", .content = "x"});
    });
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, "storage.bad_role");
    int64_t first = append(chat, "user", "mine");
    auto other = write_sync(*chat.db, [](Connection& c) { return create_conversation(c, {.title = "other"}); });
    ASSERT_OK(other);
    auto cross = write_sync(*chat.db, [&](Connection& c) {
        return add_message(c, *other, first, {.role = "user", .content = "x"});
    });
    ASSERT_FALSE(cross);
    EXPECT_EQ(cross.error().code, "storage.bad_parent");
    auto nowhere = write_sync(*chat.db, [&](Connection& c) {
        return append_message(c, 999, {.role = "user", .content = "x"});
    });
    ASSERT_FALSE(nowhere);
    EXPECT_EQ(nowhere.error().code, "storage.not_found");
    // Straight to the INSERT, where only the foreign key can object.
    auto orphan = write_sync(*chat.db, [&](Connection& c) {
        return add_message(c, 999, std::nullopt, {.role = "user", .content = "x"});
    });
    ASSERT_FALSE(orphan);
    EXPECT_EQ(orphan.error().code, "storage.not_found");
}

// Constraint failures are told apart by SQLite's extended result codes, not by its message text.
TEST(Messages, ConstraintFailuresAreRecognisedByTheirExtendedCodes) {
    EXPECT_EQ(sql_error(nullptr, SQLITE_CONSTRAINT_FOREIGNKEY, "saving").code, "storage.foreign_key");
    EXPECT_EQ(sql_error(nullptr, SQLITE_CONSTRAINT_CHECK, "saving").code, "storage.check");
    EXPECT_EQ(sql_error(nullptr, SQLITE_CONSTRAINT_UNIQUE, "saving").code, "storage.sql");
    EXPECT_EQ(sql_error(nullptr, SQLITE_FULL, "saving").code, "storage.disk_full");
    EXPECT_EQ(sql_error(nullptr, SQLITE_IOERR_WRITE, "saving").code, "storage.io");
}

TEST(Messages, EditMakesASiblingAndSwitchingBranchesRestoresTheOldOne) {
    auto chat = new_chat("msg-edit");
    ASSERT_TRUE(chat.db);
    int64_t u1 = append(chat, "user", "What is 2+2?");
    append(chat, "assistant", "4");
    append(chat, "user", "And 3+3?");
    int64_t a2 = append(chat, "assistant", "6");

    auto edited = write_sync(*chat.db, [&](Connection& c) { return edit_message(c, u1, "What is 2+3?"); });
    ASSERT_OK(edited);
    EXPECT_EQ(visible(chat), (std::vector<std::string>{"What is 2+3?"}));
    append(chat, "assistant", "5");
    EXPECT_EQ(visible(chat), (std::vector<std::string>{"What is 2+3?", "5"}));

    auto sibs = read_sync(*chat.db, [&](Connection& c) { return list_siblings(c, *edited); });
    ASSERT_OK(sibs);
    ASSERT_EQ(sibs->size(), 2u);
    EXPECT_EQ((*sibs)[0].id, u1);
    EXPECT_EQ((*sibs)[0].sibling_index, 1);
    EXPECT_EQ((*sibs)[1].id, *edited);
    EXPECT_EQ((*sibs)[1].sibling_index, 2);
    EXPECT_EQ((*sibs)[1].sibling_count, 2);
    EXPECT_EQ((*sibs)[1].role, "user");

    // Back to "1/2": the old branch comes back down to its last message.
    auto leaf = write_sync(*chat.db, [&](Connection& c) { return switch_branch(c, u1); });
    ASSERT_OK(leaf);
    EXPECT_EQ(*leaf, a2);
    EXPECT_EQ(visible(chat), (std::vector<std::string>{"What is 2+2?", "4", "And 3+3?", "6"}));

    ASSERT_OK(write_sync(*chat.db, [&](Connection& c) { return set_active_leaf(c, *edited); }));
    EXPECT_EQ(visible(chat), (std::vector<std::string>{"What is 2+3?"}));
    auto missing = write_sync(*chat.db, [](Connection& c) { return set_active_leaf(c, 12345); });
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, "storage.not_found");
}

TEST(Messages, RegenerateAddsAnEmptyAssistantSibling) {
    auto chat = new_chat("msg-regen");
    ASSERT_TRUE(chat.db);
    int64_t u = append(chat, "user", "Tell me a joke");
    int64_t a = append(chat, "assistant", "Why did the chicken...");
    auto regen = write_sync(*chat.db, [&](Connection& c) { return regenerate_message(c, a, "m.gguf", "Q4_K_M"); });
    ASSERT_OK(regen);
    auto m = read_sync(*chat.db, [&](Connection& c) { return get_message(c, *regen); });
    ASSERT_OK(m);
    EXPECT_EQ(m->parent_id, u);
    EXPECT_EQ(m->role, "assistant");
    EXPECT_EQ(m->content, "");
    EXPECT_EQ(m->model, "m.gguf");
    EXPECT_EQ(m->quant, "Q4_K_M");
    EXPECT_EQ(m->sibling_index, 2);
    EXPECT_EQ(m->sibling_count, 2);
    EXPECT_EQ(visible(chat), (std::vector<std::string>{"Tell me a joke", ""}));
    auto wrong = write_sync(*chat.db, [&](Connection& c) { return regenerate_message(c, u, "", ""); });
    ASSERT_FALSE(wrong);
    EXPECT_EQ(wrong.error().code, "storage.bad_role");
}

TEST(Messages, ActivePathLoadsLastMessagesThenEarlierOnes) {
    auto chat = new_chat("msg-path");
    ASSERT_TRUE(chat.db);
    ASSERT_OK(write_sync(*chat.db, [&](Connection& c) -> Result<int64_t> {
        int64_t last = 0;
        for (int i = 0; i < 120; ++i) {
            auto id = append_message(c, chat.conv, {.role = i % 2 ? "assistant" : "user", .content = "m" + std::to_string(i)});
            if (!id) return id;
            last = *id;
        }
        return last;
    }));
    std::vector<std::string> got;
    std::optional<int64_t> before;
    std::vector<size_t> sizes;
    for (int guard = 0; guard < 10; ++guard) {
        auto page = read_sync(*chat.db, [&](Connection& c) { return load_active_path(c, chat.conv, 50, before); });
        ASSERT_OK(page);
        sizes.push_back(page->messages.size());
        std::vector<std::string> texts;
        for (const auto& m : page->messages) texts.push_back(m.content);
        got.insert(got.begin(), texts.begin(), texts.end());
        if (!page->has_earlier) break;
        before = page->messages.front().id;
    }
    EXPECT_EQ(sizes, (std::vector<size_t>{50, 50, 20}));
    ASSERT_EQ(got.size(), 120u);
    for (int i = 0; i < 120; ++i) EXPECT_EQ(got[static_cast<size_t>(i)], "m" + std::to_string(i));
}

TEST(Messages, EmptyConversationHasAnEmptyPath) {
    auto chat = new_chat("msg-empty");
    ASSERT_TRUE(chat.db);
    auto page = read_sync(*chat.db, [&](Connection& c) { return load_active_path(c, chat.conv, 50); });
    ASSERT_OK(page);
    EXPECT_TRUE(page->messages.empty());
    EXPECT_FALSE(page->has_earlier);
}

TEST(Messages, StatsAndTokenProbabilitiesRoundTrip) {
    auto chat = new_chat("msg-stats");
    ASSERT_TRUE(chat.db);
    std::vector<float> probs{0.0f, 1.0f, 0.5f, 0.123456f, 0.999f};
    NewMessage n{.role = "assistant", .content = "done", .model = "m", .quant = "Q8_0", .token_count = 5,
                 .ttft_ms = 87, .tokens_per_s = 31.25, .stop_reason = "eos", .token_probs = probs};
    auto id = write_sync(*chat.db, [&](Connection& c) { return append_message(c, chat.conv, n); });
    ASSERT_OK(id);
    auto m = read_sync(*chat.db, [&](Connection& c) { return get_message(c, *id); });
    ASSERT_OK(m);
    EXPECT_EQ(m->token_count, 5);
    EXPECT_EQ(m->ttft_ms, 87);
    EXPECT_EQ(m->tokens_per_s, 31.25);
    EXPECT_EQ(m->stop_reason, "eos");
    ASSERT_EQ(m->token_probs.size(), probs.size());
    for (size_t i = 0; i < probs.size(); ++i) EXPECT_NEAR(m->token_probs[i], probs[i], 0.5 / 65535 + 1e-7);
    EXPECT_EQ(encode_probs({0.5f}).size(), 2u);  // two bytes a token
}

TEST(ReplyAppender, StreamsInBatchesAndRecordsStats) {
    auto chat = new_chat("appender");
    ASSERT_TRUE(chat.db);
    append(chat, "user", "count");
    int64_t reply = append(chat, "assistant", "");
    std::mutex mu;
    std::vector<BatchCommitted> batches;
    std::string expected;
    {
        // Two bursts of 30 tokens with a pause longer than the interval between them: the
        // timer writes the first burst as one batch, finish() writes the second.
        ReplyAppender app(*chat.db, reply, {std::chrono::milliseconds(200), true}, [&](const BatchCommitted& b) {
            std::lock_guard lock(mu);
            batches.push_back(b);
        });
        for (int i = 0; i < 60; ++i) {
            std::string tok = " " + std::to_string(i);
            expected += tok;
            app.add_token(tok, static_cast<float>(i) / 60.0f);
            if (i == 29) std::this_thread::sleep_for(std::chrono::milliseconds(600));
        }
        auto done = app.finish({120, 29.5, "eos"});
        ASSERT_OK(done.get());
        app.add_token("ignored");
    }
    auto m = read_sync(*chat.db, [&](Connection& c) { return get_message(c, reply); });
    ASSERT_OK(m);
    EXPECT_EQ(m->content, expected);
    EXPECT_EQ(m->token_count, 60);
    EXPECT_EQ(m->ttft_ms, 120);
    EXPECT_EQ(m->tokens_per_s, 29.5);
    EXPECT_EQ(m->stop_reason, "eos");
    ASSERT_EQ(m->token_probs.size(), 60u);
    EXPECT_NEAR(m->token_probs[30], 0.5f, 1e-4);
    std::lock_guard lock(mu);
    ASSERT_EQ(batches.size(), 2u);
    EXPECT_EQ(batches[0].tokens_committed, 30);
    for (size_t i = 0; i < batches.size(); ++i) {
        EXPECT_EQ(batches[i].batch, static_cast<int64_t>(i + 1));
        EXPECT_TRUE(batches[i].status.ok());
    }
    EXPECT_EQ(batches.back().tokens_committed, 60);
    EXPECT_EQ(batches.back().bytes_committed, static_cast<int64_t>(expected.size()));
}

TEST(ReplyAppender, DroppedWithoutFinishSavesTextAsCancelled) {
    auto chat = new_chat("appender-cancel");
    ASSERT_TRUE(chat.db);
    int64_t reply = append(chat, "assistant", "");
    {
        ReplyAppender app(*chat.db, reply, {std::chrono::milliseconds(10000), false});
        app.add_token("partial");
        app.add_token(" text");
    }
    chat.db->flush_writes();
    auto m = read_sync(*chat.db, [&](Connection& c) { return get_message(c, reply); });
    ASSERT_OK(m);
    EXPECT_EQ(m->content, "partial text");
    EXPECT_EQ(m->stop_reason, "cancelled");
    EXPECT_TRUE(m->token_probs.empty());
}

}  // namespace
}  // namespace hearth::storage
