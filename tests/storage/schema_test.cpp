#include <gtest/gtest.h>

#include "storage/conversations.h"
#include "storage/messages.h"
#include "storage/models.h"
#include "storage/schema.h"
#include "storage/search.h"
#include "storage/settings.h"
#include "tests/storage/storage_test_util.h"

namespace hearth::storage {
namespace {
using namespace hearth::storage::test;

// Builds a database as an older Hearth left it: schema steps 1..version, then rows written
// with that version's columns only.
void make_old_database(const std::filesystem::path& path, int version) {
    auto c = open_connection(path.string(), false, 5000, true);
    ASSERT_TRUE(c.ok());
    ASSERT_OK(exec(**c, "PRAGMA journal_mode = WAL;"));
    ASSERT_OK(migrate(**c, version));
    ASSERT_EQ(*schema_version(**c), version);
    if (version >= 1) {
        ASSERT_OK(exec(**c, R"sql(
            INSERT INTO conversations (id, title, created_at, updated_at, pinned, folder, active_leaf_id)
                VALUES (1, 'Old chat', 1000, 2000, 1, 'archive', 3);
            INSERT INTO messages (id, conversation_id, parent_id, role, content, created_at)
                VALUES (1, 1, NULL, 'user', 'Where do platypuses live?', 1000),
                       (2, 1, 1, 'assistant', 'Eastern Australia.', 1100),
                       (3, 1, 1, 'assistant', 'In eastern Australia and Tasmania.', 1200);
            INSERT INTO settings (key, value) VALUES ('ui.theme', 'dark');
            INSERT INTO downloads (url, dest_path, state, bytes_done, created_at, updated_at)
                VALUES ('https://example.org/m.gguf', '/m.gguf', 'paused', 77, 1, 1);
        )sql"));
    }
}

TEST(Schema, FreshDatabaseIsAtTheLatestVersion) {
    auto path = db_path("schema-fresh");
    auto db = open_or_die(path);
    ASSERT_TRUE(db);
    EXPECT_EQ(db->open_report().from_version, 0);
    EXPECT_EQ(db->open_report().to_version, latest_schema_version());
    EXPECT_TRUE(db->open_report().message.empty());
    EXPECT_EQ(query_text(path, "PRAGMA user_version"), std::to_string(latest_schema_version()));
    EXPECT_EQ(query_text(path, "SELECT count(*) FROM sqlite_schema WHERE name IN "
                               "('conversations','messages','settings','downloads','messages_fts','models')"),
              "6");
}

class MigrateFrom : public ::testing::TestWithParam<int> {};

TEST_P(MigrateFrom, EveryOlderVersionUpgradesWithItsData) {
    int from = GetParam();
    auto path = db_path("schema-from-" + std::to_string(from));
    make_old_database(path, from);
    auto db = open_or_die(path);
    ASSERT_TRUE(db);
    const auto& report = db->open_report();
    EXPECT_EQ(report.from_version, from);
    EXPECT_EQ(report.to_version, latest_schema_version());
    EXPECT_FALSE(report.recovered);
    EXPECT_NE(report.message.find("upgraded"), std::string::npos);
    EXPECT_EQ(query_text(path, "PRAGMA integrity_check"), "ok");
    EXPECT_EQ(query_text(path, "PRAGMA foreign_key_check"), "");

    // The old rows read through today's API, the tree included.
    auto conv = read_sync(*db, [](Connection& c) { return get_conversation(c, 1); });
    ASSERT_OK(conv);
    EXPECT_EQ(conv->title, "Old chat");
    EXPECT_EQ(conv->folder, "archive");
    EXPECT_EQ(conv->sampling_json, "{}");
    auto path_msgs = read_sync(*db, [](Connection& c) { return active_path(c, 1); });
    ASSERT_OK(path_msgs);
    ASSERT_EQ(path_msgs->size(), 2u);
    EXPECT_EQ((*path_msgs)[1].content, "In eastern Australia and Tasmania.");
    EXPECT_EQ((*path_msgs)[1].sibling_index, 2);
    // v2 built the search index for messages written before it existed.
    auto hits = read_sync(*db, [](Connection& c) { return search_messages(c, "platypuses"); });
    ASSERT_OK(hits);
    ASSERT_EQ(hits->size(), 1u);
    EXPECT_EQ((*hits)[0].message_id, 1);
    EXPECT_EQ(query_text(path, "SELECT value FROM settings WHERE key = 'ui.theme'"), "dark");
    EXPECT_EQ(query_text(path, "SELECT bytes_done FROM downloads"), "77");
    // v3's table works.
    ModelRecord m;
    m.path = "/m.gguf";
    ASSERT_OK(write_sync(*db, [&](Connection& c) { return upsert_model(c, m); }));
    // v4: old messages have no thinking, token data or statistics, and read as such.
    EXPECT_EQ((*path_msgs)[1].thinking, "");
    EXPECT_TRUE((*path_msgs)[1].tokens.empty());
    EXPECT_EQ((*path_msgs)[1].stats_json, "");
    // And new writes keep the index in step.
    ASSERT_OK(write_sync(*db, [](Connection& c) { return append_message(c, 1, {.role = "user", .content = "echidnas too?"}); }));
    auto more = read_sync(*db, [](Connection& c) { return search_messages(c, "echidnas"); });
    ASSERT_OK(more);
    EXPECT_EQ(more->size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Storage, MigrateFrom, ::testing::Values(1, 2, 3, 4),
                         [](const auto& info) { return "v" + std::to_string(info.param); });

TEST(Schema, EveryVersionIsCoveredByTheMigrationTests) {
    // When a step 6 is added, extend MigrateFrom's values to 5 as well.
    EXPECT_EQ(latest_schema_version(), 5);
}

TEST(Schema, RefusesADatabaseFromANewerHearth) {
    auto path = db_path("schema-newer");
    {
        auto c = open_connection(path.string(), false, 5000, true);
        ASSERT_TRUE(c.ok());
        ASSERT_OK(exec(**c, "CREATE TABLE future (x); PRAGMA user_version = 99;"));
    }
    auto db = Database::open(path);
    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code, "storage.too_new");
    EXPECT_NE(db.error().message.find("newer version of Hearth"), std::string::npos);
    EXPECT_EQ(query_text(path, "PRAGMA user_version"), "99");
    EXPECT_EQ(query_text(path, "SELECT count(*) FROM sqlite_schema WHERE name = 'conversations'"), "0");
}

TEST(Schema, AFailedStepLeavesTheLastCompletedVersion) {
    auto path = db_path("schema-failstep");
    make_old_database(path, 1);
    {
        // Something else already made a "models" table: step 3 cannot create it.
        auto c = open_connection(path.string(), false, 5000);
        ASSERT_TRUE(c.ok());
        ASSERT_OK(exec(**c, "CREATE TABLE models (x);"));
    }
    auto db = Database::open(path);
    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code, "storage.migrate");
    EXPECT_NE(db.error().message.find("version 3"), std::string::npos) << db.error().message;
    // Step 2 committed on its own; step 3 rolled back whole.
    EXPECT_EQ(query_text(path, "PRAGMA user_version"), "2");
    EXPECT_EQ(query_text(path, "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'platypuses'"), "1");
    EXPECT_EQ(query_text(path, "SELECT count(*) FROM conversations"), "1");
}

}  // namespace
}  // namespace hearth::storage
