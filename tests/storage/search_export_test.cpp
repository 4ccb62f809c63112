#include <gtest/gtest.h>

#include "storage/conversations.h"
#include "storage/export.h"
#include "storage/messages.h"
#include "storage/search.h"
#include "tests/storage/storage_test_util.h"

namespace hearth::storage {
namespace {
using namespace hearth::storage::test;

int64_t make_chat(Database& db, const std::string& title, const std::vector<std::string>& texts) {
    auto id = write_sync(db, [&](Connection& c) -> Result<int64_t> {
        auto conv = create_conversation(c, {.title = title});
        if (!conv) return conv;
        for (size_t i = 0; i < texts.size(); ++i)
            if (auto m = append_message(c, *conv, {.role = i % 2 ? "assistant" : "user", .content = texts[i]}); !m)
                return m;
        return conv;
    });
    EXPECT_TRUE(id.ok());
    return id.ok() ? *id : 0;
}

TEST(Search, RanksBetterMatchesFirstAndHighlights) {
    auto db = open_or_die(db_path("search-rank"));
    ASSERT_TRUE(db);
    make_chat(*db, "Cooking", {"How long do I boil an egg?", "About nine minutes for a hard egg."});
    int64_t rust = make_chat(*db, "Rust", {"Explain the borrow checker", "The borrow checker tracks borrow lifetimes: "
                                                                        "every borrow must end before the owner moves."});
    make_chat(*db, "Misc", {"I might borrow a book", "Libraries are great."});
    SearchOptions o;
    o.open = "[";
    o.close = "]";
    auto hits = read_sync(*db, [&](Connection& c) { return search_messages(c, "borrow", o); });
    ASSERT_OK(hits);
    ASSERT_EQ(hits->size(), 3u);
    // bm25: the answer that says "borrow" four times ranks first.
    EXPECT_EQ((*hits)[0].conversation_id, rust);
    EXPECT_EQ((*hits)[0].role, "assistant");
    EXPECT_EQ((*hits)[0].conversation_title, "Rust");
    EXPECT_LE((*hits)[0].rank, (*hits)[1].rank);
    EXPECT_LE((*hits)[1].rank, (*hits)[2].rank);
    EXPECT_NE((*hits)[0].snippet.find("[borrow]"), std::string::npos) << (*hits)[0].snippet;

    auto two = read_sync(*db, [&](Connection& c) { return search_messages(c, "boil egg", o); });
    ASSERT_OK(two);
    ASSERT_EQ(two->size(), 1u);
    EXPECT_NE((*two)[0].snippet.find("[boil]"), std::string::npos);
}

TEST(Search, PrefixDiacriticsAndSyntaxCharacters) {
    auto db = open_or_die(db_path("search-syntax"));
    ASSERT_TRUE(db);
    make_chat(*db, "t", {"Transformers use attention", "Le café est fermé"});
    auto prefix = read_sync(*db, [](Connection& c) { return search_messages(c, "transf"); });
    ASSERT_OK(prefix);
    EXPECT_EQ(prefix->size(), 1u);
    auto accent = read_sync(*db, [](Connection& c) { return search_messages(c, "cafe"); });
    ASSERT_OK(accent);
    EXPECT_EQ(accent->size(), 1u);
    // Text that would be FTS5 syntax is searched as words, never an error.
    for (std::string q : {"\"unbalanced", "AND OR NOT", "a:b (c", "*", "NEAR(x y)", "   "}) {
        auto r = read_sync(*db, [&](Connection& c) { return search_messages(c, q); });
        EXPECT_TRUE(r.ok()) << q << ": " << (r.ok() ? "" : r.error().message);
    }
    EXPECT_EQ(to_fts_query("say \"hi\"", false), "\"say\" \"\"\"hi\"\"\"");
    EXPECT_EQ(to_fts_query("  ", true), "");
}

TEST(Search, IndexFollowsStreamingAndEdits) {
    auto db = open_or_die(db_path("search-sync"));
    ASSERT_TRUE(db);
    int64_t conv = make_chat(*db, "t", {"first words"});
    auto reply = write_sync(*db, [&](Connection& c) { return append_message(c, conv, {.role = "assistant"}); });
    ASSERT_OK(reply);
    ASSERT_OK(write_sync(*db, [&](Connection& c) -> Result<bool> {
        if (auto st = append_to_message(c, *reply, "quokka ", 1, {}); !st) return st.error();
        if (auto st = append_to_message(c, *reply, "marsupial", 1, {}); !st) return st.error();
        return true;
    }));
    auto hits = read_sync(*db, [](Connection& c) { return search_messages(c, "quokka marsupial"); });
    ASSERT_OK(hits);
    EXPECT_EQ(hits->size(), 1u);
    EXPECT_EQ(query_text(db->path(), "INSERT INTO messages_fts(messages_fts, rank) VALUES('integrity-check', 1)"), "");
}

TEST(Search, RanksTheNewestCandidatesOnly) {
    auto db = open_or_die(db_path("search-candidates"));
    ASSERT_TRUE(db);
    // The oldest message is the best match, but only the two newest matches are ranked.
    make_chat(*db, "t", {"wombat wombat wombat wombat", "a wombat", "one wombat here"});
    SearchOptions o;
    o.candidates = 2;
    o.limit = 2;
    auto few = read_sync(*db, [&](Connection& c) { return search_messages(c, "wombat", o); });
    ASSERT_OK(few);
    ASSERT_EQ(few->size(), 2u);
    for (const auto& h : *few) EXPECT_EQ(h.snippet.find("wombat wombat"), std::string::npos) << h.snippet;
    o.candidates = 2000;
    o.limit = 50;
    auto all = read_sync(*db, [&](Connection& c) { return search_messages(c, "wombat", o); });
    ASSERT_OK(all);
    ASSERT_EQ(all->size(), 3u);
    EXPECT_NE((*all)[0].snippet.find("\x02wombat\x03 \x02wombat\x03"), std::string::npos) << (*all)[0].snippet;
    for (const auto& h : *all) EXPECT_FALSE(h.snippet.empty());
}

std::string export_json(Database& db, int64_t conv) {
    auto j = read_sync(db, [&](Connection& c) { return export_conversation_json(c, conv); });
    EXPECT_TRUE(j.ok()) << (j.ok() ? "" : j.error().message);
    return j.ok() ? *j : "";
}

TEST(Export, MarkdownShowsTheVisibleBranch) {
    auto db = open_or_die(db_path("export-md"));
    ASSERT_TRUE(db);
    int64_t conv = make_chat(*db, "Poems", {"Write a haiku", "old draft"});
    ASSERT_OK(write_sync(*db, [&](Connection& c) { return set_conversation_options(c, conv, "m.gguf", "Be poetic.", "{}"); }));
    auto leaf = read_sync(*db, [&](Connection& c) { return get_conversation(c, conv); });
    ASSERT_OK(write_sync(*db, [&](Connection& c) { return edit_message(c, *leaf->active_leaf_id, "new draft"); }));
    auto md = read_sync(*db, [&](Connection& c) { return export_conversation_markdown(c, conv); });
    ASSERT_OK(md);
    EXPECT_EQ(*md, "# Poems\n\nModel: `m.gguf`\n\n## System\n\nBe poetic.\n\n## User\n\nWrite a haiku\n\n"
                   "## Assistant\n\nnew draft\n\n");
}

TEST(Export, JsonRoundTripIsLossless) {
    auto db = open_or_die(db_path("export-json"));
    ASSERT_TRUE(db);
    int64_t conv = make_chat(*db, "Tree \"quoted\" \\ title ☕", {"root question", "answer one"});
    ASSERT_OK(write_sync(*db, [&](Connection& c) -> Result<bool> {
        if (auto st = set_conversation_options(c, conv, "m.gguf", "sys\nline2\t\x01", R"({"temperature":0.8})"); !st)
            return st.error();
        if (auto st = set_pinned(c, conv, true); !st) return st.error();
        if (auto st = move_to_folder(c, conv, "work"); !st) return st.error();
        auto path = active_path(c, conv);
        if (!path) return path.error();
        int64_t answer = path->back().id;
        auto regen = regenerate_message(c, answer, "m.gguf", "Q4_K_M");
        if (!regen) return regen.error();
        if (auto st = append_to_message(c, *regen, "answer two, with probs", 3, {0.25f, 0.5f, 1.0f}); !st)
            return st.error();
        if (auto st = finish_message(c, *regen, 42, 12.345678901234567, "eos"); !st) return st.error();
        if (auto m = append_message(c, conv, {.role = "user", .content = "follow-up ünïcode 🎉"}); !m) return m.error();
        // Leave the first branch visible so active_leaf is not simply the last row.
        if (auto st = set_active_leaf(c, answer); !st) return st.error();
        return true;
    }));
    std::string first = export_json(*db, conv);
    ASSERT_FALSE(first.empty());
    EXPECT_NE(first.find("\"token_probs\": \"00400080ffff\""), std::string::npos) << first;
    auto imported = write_sync(*db, [&](Connection& c) { return import_conversation_json(c, first); });
    ASSERT_OK(imported);
    EXPECT_NE(*imported, conv);
    EXPECT_EQ(export_json(*db, *imported), first);
    auto copy = read_sync(*db, [&](Connection& c) { return active_path(c, *imported); });
    ASSERT_OK(copy);
    ASSERT_EQ(copy->size(), 2u);
    EXPECT_EQ(copy->back().content, "answer one");
    EXPECT_EQ(copy->back().sibling_count, 2);
}

TEST(Export, ImportRejectsWhatItCannotReadAndLeavesNoTrace) {
    auto db = open_or_die(db_path("export-bad"));
    ASSERT_TRUE(db);
    const std::string bad[] = {
        "not json",
        R"({"format": "something.else", "version": 1, "messages": []})",
        R"({"format": "hearth.conversation", "version": 2, "messages": []})",
        R"({"format": "hearth.conversation", "version": 1})",
        R"({"format": "hearth.conversation", "version": 1, "messages": [
            {"id": 1, "parent": 2, "role": "user", "content": "x", "token_probs": ""}]})",
        R"({"format": "hearth.conversation", "version": 1, "messages": [
            {"id": 1, "parent": null, "role": "wizard", "content": "x", "token_probs": ""}]})",
        R"({"format": "hearth.conversation", "version": 1, "active_leaf": 9, "messages": [
            {"id": 1, "parent": null, "role": "user", "content": "x", "token_probs": "zz"}]})",
    };
    for (const auto& text : bad) {
        auto r = write_sync(*db, [&](Connection& c) { return import_conversation_json(c, text); });
        ASSERT_FALSE(r) << text;
        EXPECT_EQ(r.error().code, "storage.import") << text << ": " << r.error().message;
    }
    EXPECT_EQ(query_text(db->path(), "SELECT count(*) FROM conversations"), "0");
    EXPECT_EQ(query_text(db->path(), "SELECT count(*) FROM messages"), "0");
}

}  // namespace
}  // namespace hearth::storage
