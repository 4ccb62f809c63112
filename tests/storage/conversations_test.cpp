#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "storage/conversations.h"
#include "storage/schema.h"
#include "storage/messages.h"
#include "storage/search.h"
#include "tests/storage/storage_test_util.h"

namespace hearth::storage {
namespace {
using namespace hearth::storage::test;

TEST(Conversations, CreateAndGetKeepEveryField) {
    auto db = open_or_die(db_path("conv-create"));
    ASSERT_TRUE(db);
    NewConversation n{"Trip plans", "models/qwen.gguf", "Be brief.", R"({"temperature":0.7})", "travel", true};
    auto id = write_sync(*db, [&](Connection& c) { return create_conversation(c, n); });
    ASSERT_OK(id);
    auto got = read_sync(*db, [&](Connection& c) { return get_conversation(c, *id); });
    ASSERT_OK(got);
    EXPECT_EQ(got->title, "Trip plans");
    EXPECT_EQ(got->model, "models/qwen.gguf");
    EXPECT_EQ(got->system_prompt, "Be brief.");
    EXPECT_EQ(got->sampling_json, R"({"temperature":0.7})");
    EXPECT_EQ(got->folder, "travel");
    EXPECT_TRUE(got->pinned);
    EXPECT_FALSE(got->active_leaf_id);
    EXPECT_FALSE(got->deleted_at);
    EXPECT_GT(got->created_at, 0);
    EXPECT_EQ(got->created_at, got->updated_at);
}

TEST(Conversations, MissingIdIsNotFound) {
    auto db = open_or_die(db_path("conv-missing"));
    ASSERT_TRUE(db);
    auto got = read_sync(*db, [](Connection& c) { return get_conversation(c, 42); });
    ASSERT_FALSE(got);
    EXPECT_EQ(got.error().code, "storage.not_found");
    auto r = write_sync(*db, [](Connection& c) { return rename_conversation(c, 42, "x"); });
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "storage.not_found");
}

TEST(Conversations, RenamePinFolderAndOptions) {
    auto db = open_or_die(db_path("conv-edit"));
    ASSERT_TRUE(db);
    auto id = write_sync(*db, [](Connection& c) { return create_conversation(c, {.title = "a"}); });
    ASSERT_OK(id);
    auto before = read_sync(*db, [&](Connection& c) { return get_conversation(c, *id); });
    ASSERT_OK(before);
    std::this_thread::sleep_for(std::chrono::milliseconds(3));
    ASSERT_OK(write_sync(*db, [&](Connection& c) { return rename_conversation(c, *id, "Renamed"); }));
    ASSERT_OK(write_sync(*db, [&](Connection& c) { return set_pinned(c, *id, true); }));
    ASSERT_OK(write_sync(*db, [&](Connection& c) { return move_to_folder(c, *id, "work"); }));
    ASSERT_OK(write_sync(*db, [&](Connection& c) {
        return set_conversation_options(c, *id, "m.gguf", "You are terse.", R"({"top_k":40})");
    }));
    auto after = read_sync(*db, [&](Connection& c) { return get_conversation(c, *id); });
    ASSERT_OK(after);
    EXPECT_EQ(after->title, "Renamed");
    EXPECT_GT(after->updated_at, before->updated_at);
    EXPECT_TRUE(after->pinned);
    EXPECT_EQ(after->folder, "work");
    EXPECT_EQ(after->model, "m.gguf");
    EXPECT_EQ(after->system_prompt, "You are terse.");
    EXPECT_EQ(after->sampling_json, R"({"top_k":40})");
    auto folders = read_sync(*db, [](Connection& c) { return list_folders(c); });
    ASSERT_OK(folders);
    EXPECT_EQ(*folders, std::vector<std::string>{"work"});
    ASSERT_OK(write_sync(*db, [&](Connection& c) { return set_pinned(c, *id, false); }));
    auto unpinned = read_sync(*db, [&](Connection& c) { return get_conversation(c, *id); });
    EXPECT_FALSE(unpinned->pinned);
}

TEST(Conversations, SoftDeleteUndoAndPurge) {
    auto db = open_or_die(db_path("conv-delete"));
    ASSERT_TRUE(db);
    auto id = write_sync(*db, [](Connection& c) { return create_conversation(c, {.title = "gone soon"}); });
    ASSERT_OK(id);
    auto msg = write_sync(*db, [&](Connection& c) {
        return append_message(c, *id, {.role = "user", .content = "zanzibar lighthouse"});
    });
    ASSERT_OK(msg);
    auto count_live = [&] {
        auto page = read_sync(*db, [](Connection& c) { return list_conversations(c, 10); });
        return page ? static_cast<int>(page->items.size()) : -1;
    };
    auto hits = [&] {
        auto h = read_sync(*db, [](Connection& c) { return search_messages(c, "zanzibar"); });
        return h ? static_cast<int>(h->size()) : -1;
    };
    EXPECT_EQ(count_live(), 1);
    EXPECT_EQ(hits(), 1);

    ASSERT_OK(write_sync(*db, [&](Connection& c) { return delete_conversation(c, *id); }));
    EXPECT_EQ(count_live(), 0);
    EXPECT_EQ(hits(), 0);
    auto trash = read_sync(*db, [](Connection& c) { return list_deleted(c); });
    ASSERT_OK(trash);
    ASSERT_EQ(trash->size(), 1u);
    EXPECT_TRUE((*trash)[0].deleted_at);
    // Deleting twice is an error the UI can ignore, not a silent no-op on the wrong row.
    EXPECT_FALSE(write_sync(*db, [&](Connection& c) { return delete_conversation(c, *id); }));

    ASSERT_OK(write_sync(*db, [&](Connection& c) { return undo_delete_conversation(c, *id); }));
    EXPECT_EQ(count_live(), 1);
    EXPECT_EQ(hits(), 1);

    ASSERT_OK(write_sync(*db, [&](Connection& c) { return delete_conversation(c, *id); }));
    auto deleted_at = *(*read_sync(*db, [&](Connection& c) { return get_conversation(c, *id); })).deleted_at;
    auto none = write_sync(*db, [&](Connection& c) { return purge_deleted(c, deleted_at); });
    ASSERT_OK(none);
    EXPECT_EQ(*none, 0);  // not older than the cutoff yet
    auto purged = write_sync(*db, [&](Connection& c) { return purge_deleted(c, deleted_at + 1); });
    ASSERT_OK(purged);
    EXPECT_EQ(*purged, 1);
    EXPECT_FALSE(read_sync(*db, [&](Connection& c) { return get_conversation(c, *id); }));
    EXPECT_FALSE(read_sync(*db, [&](Connection& c) { return get_message(c, *msg); }));
    EXPECT_EQ(query_text(db->path(), "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'zanzibar'"), "0");
}

TEST(Conversations, OpenPurgesTrashOlderThanTheLimit) {
    auto path = db_path("conv-purge-open");
    int64_t old_id = 0, recent_id = 0;
    {
        auto db = open_or_die(path);
        ASSERT_TRUE(db);
        auto ids = write_sync(*db, [](Connection& c) -> Result<std::pair<int64_t, int64_t>> {
            auto a = create_conversation(c, {.title = "old trash"});
            auto b = create_conversation(c, {.title = "recent trash"});
            if (!a || !b) return make_error("test", "create failed");
            int64_t day = 24 * 3600 * 1000;
            Stmt s(c, "UPDATE conversations SET deleted_at = ?2 WHERE id = ?1");
            s.bind(1, *a).bind(2, now_ms() - 31 * day);
            if (auto st = s.run(); !st) return st.error();
            Stmt t(c, "UPDATE conversations SET deleted_at = ?2 WHERE id = ?1");
            t.bind(1, *b).bind(2, now_ms() - 29 * day);
            if (auto st = t.run(); !st) return st.error();
            return std::make_pair(*a, *b);
        });
        ASSERT_OK(ids);
        old_id = ids->first;
        recent_id = ids->second;
    }
    auto db = open_or_die(path);  // purge_trash_after_days = 30 by default
    ASSERT_TRUE(db);
    db->flush_writes();
    EXPECT_FALSE(read_sync(*db, [&](Connection& c) { return get_conversation(c, old_id); }));
    EXPECT_TRUE(read_sync(*db, [&](Connection& c) { return get_conversation(c, recent_id); }));
}

// Sets updated_at directly so the order under test does not depend on clock resolution.
Status set_updated(Connection& c, int64_t id, int64_t t) {
    Stmt s(c, "UPDATE conversations SET updated_at = ?2 WHERE id = ?1");
    s.bind(1, id).bind(2, t);
    return s.run();
}

TEST(Conversations, ListIsPinnedFirstThenNewestAndKeysetPaged) {
    auto db = open_or_die(db_path("conv-list"));
    ASSERT_TRUE(db);
    std::vector<int64_t> ids;
    for (int i = 0; i < 25; ++i) {
        auto id = write_sync(*db, [&](Connection& c) -> Result<int64_t> {
            auto r = create_conversation(c, {.title = "chat " + std::to_string(i), .pinned = (i % 7 == 3)});
            if (!r) return r;
            // Several share a timestamp: the id breaks the tie.
            if (auto st = set_updated(c, *r, 1000 + i / 2); !st) return st.error();
            return r;
        });
        ASSERT_OK(id);
        ids.push_back(*id);
    }
    std::vector<Conversation> all;
    std::optional<ConversationCursor> cursor;
    int pages = 0;
    do {
        auto page = read_sync(*db, [&](Connection& c) { return list_conversations(c, 10, cursor); });
        ASSERT_OK(page);
        all.insert(all.end(), page->items.begin(), page->items.end());
        cursor = page->next;
        ++pages;
        if (pages == 1) {
            // A chat updated while the user scrolls moves to the top; it must not shift the
            // pages after the cursor (OFFSET paging would repeat a row here).
            ASSERT_OK(write_sync(*db, [&](Connection& c) { return set_updated(c, ids[0], 5000); }));
        }
    } while (cursor && pages < 10);
    EXPECT_EQ(pages, 3);
    std::set<int64_t> seen;
    for (const auto& c : all) EXPECT_TRUE(seen.insert(c.id).second) << "duplicate " << c.id;
    EXPECT_EQ(seen.size(), 24u);  // ids[0] jumped above the cursor after page 1
    for (size_t i = 1; i < all.size(); ++i) {
        const auto& a = all[i - 1];
        const auto& b = all[i];
        bool ordered = a.pinned > b.pinned ||
                       (a.pinned == b.pinned && (a.updated_at > b.updated_at ||
                                                 (a.updated_at == b.updated_at && a.id > b.id)));
        EXPECT_TRUE(ordered) << "rows " << a.id << " and " << b.id << " out of order";
    }
    EXPECT_TRUE(all.front().pinned);

    // The page query walks the index: no sort step, whatever the depth.
    auto plan = read_sync(*db, [](Connection& c) -> Result<std::string> {
        Stmt s(c, "EXPLAIN QUERY PLAN SELECT id FROM conversations WHERE deleted_at IS NULL "
                  "AND (pinned, updated_at, id) < (1, 2, 3) ORDER BY pinned DESC, updated_at DESC, id DESC LIMIT 5");
        std::string out;
        for (;;) {
            auto r = s.step();
            if (!r) return r.error();
            if (!*r) break;
            out += s.text(3) + "\n";
        }
        return out;
    });
    ASSERT_OK(plan);
    EXPECT_NE(plan->find("conversations_list"), std::string::npos) << *plan;
    EXPECT_EQ(plan->find("TEMP B-TREE"), std::string::npos) << *plan;
}

TEST(Conversations, ListFiltersByFolder) {
    auto db = open_or_die(db_path("conv-folder"));
    ASSERT_TRUE(db);
    for (int i = 0; i < 6; ++i)
        ASSERT_OK(write_sync(*db, [&](Connection& c) {
            return create_conversation(c, {.title = "t", .folder = i % 2 ? "odd" : ""});
        }));
    auto page = read_sync(*db, [](Connection& c) { return list_conversations(c, 50, std::nullopt, std::string("odd")); });
    ASSERT_OK(page);
    EXPECT_EQ(page->items.size(), 3u);
    for (const auto& c : page->items) EXPECT_EQ(c.folder, "odd");
    EXPECT_FALSE(page->next);
}

TEST(Database, AsyncFormsDeliverOnStorageThreads) {
    auto db = open_or_die(db_path("db-async"));
    ASSERT_TRUE(db);
    std::promise<std::pair<Result<int64_t>, std::thread::id>> got;
    db->write<int64_t>([](Connection& c) { return create_conversation(c, {.title = "async"}); },
                       [&](Result<int64_t> r) { got.set_value({std::move(r), std::this_thread::get_id()}); });
    auto [id, thread] = got.get_future().get();
    ASSERT_OK(id);
    EXPECT_NE(thread, std::this_thread::get_id());
    auto title = db->read_async<std::string>([&](Connection& c) -> Result<std::string> {
        auto conv = get_conversation(c, *id);
        if (!conv) return conv.error();
        return conv->title;
    });
    auto t = title.get();
    ASSERT_OK(t);
    EXPECT_EQ(*t, "async");
}

TEST(Database, FailedWriteJobRollsBackEverything) {
    auto db = open_or_die(db_path("db-rollback"));
    ASSERT_TRUE(db);
    auto r = write_sync(*db, [](Connection& c) -> Result<int64_t> {
        auto id = create_conversation(c, {.title = "half done"});
        if (!id) return id;
        return make_error("test.stop", "stopped on purpose");
    });
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "test.stop");
    EXPECT_EQ(query_text(db->path(), "SELECT count(*) FROM conversations"), "0");
}

TEST(Database, ReaderConnectionsCannotWrite) {
    auto db = open_or_die(db_path("db-readonly"));
    ASSERT_TRUE(db);
    auto r = read_sync(*db, [](Connection& c) { return create_conversation(c, {.title = "nope"}); });
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "storage.readonly");
}

TEST(Database, UsesWalAndForeignKeys) {
    auto db = open_or_die(db_path("db-pragmas"));
    ASSERT_TRUE(db);
    EXPECT_EQ(query_text(db->path(), "PRAGMA journal_mode"), "wal");
    auto fk = read_sync(*db, [](Connection& c) -> Result<int64_t> {
        Stmt s(c, "PRAGMA foreign_keys");
        auto r = s.step();
        if (!r) return r.error();
        return s.i64(0);
    });
    ASSERT_OK(fk);
    EXPECT_EQ(*fk, 1);
    EXPECT_TRUE(db->open_report().created);
    EXPECT_EQ(db->open_report().to_version, latest_schema_version());
}

}  // namespace
}  // namespace hearth::storage
