// Damaged database files: the original is moved aside untouched, readable rows are salvaged
// into a fresh database, and the open report tells the user.
#include <gtest/gtest.h>

#include <fstream>
#include <future>
#include <iterator>

#include "storage/conversations.h"
#include "storage/messages.h"
#include "storage/recovery.h"
#include "storage/schema.h"
#include "tests/storage/storage_test_util.h"

namespace hearth::storage {
namespace {
using namespace hearth::storage::test;
namespace fs = std::filesystem;

constexpr int kChats = 300;

// A closed (fully checkpointed) database with kChats chats of 3 messages each.
void make_populated(const fs::path& path) {
    auto db = open_or_die(path);
    ASSERT_TRUE(db);
    ASSERT_OK(write_sync(*db, [](Connection& c) -> Result<int64_t> {
        for (int i = 0; i < kChats; ++i) {
            auto conv = create_conversation(c, {.title = "chat " + std::to_string(i)});
            if (!conv) return conv;
            for (int k = 0; k < 3; ++k)
                if (auto m = append_message(c, *conv, {.role = k % 2 ? "assistant" : "user",
                                                       .content = "message " + std::to_string(k) + " of chat " +
                                                                  std::to_string(i) + " " + std::string(200, 'p')});
                    !m)
                    return m;
        }
        return 0;
    }));
}

std::string read_file(const fs::path& p) {
    std::ifstream f(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(f), {});
}

void write_file(const fs::path& p, const std::string& bytes) {
    std::ofstream f(p, std::ios::binary | std::ios::trunc);
    f << bytes;
}

// Opens the damaged file and checks what every recovery must give.
std::unique_ptr<Database> open_recovered(const fs::path& path, const std::string& damaged_bytes) {
    OpenOptions blocking;
    blocking.check = StartupCheck::kBlocking;
    auto db = open_or_die(path, blocking);
    if (!db) return nullptr;
    const auto& r = db->open_report();
    EXPECT_TRUE(r.recovered);
    EXPECT_FALSE(r.damage.empty());
    EXPECT_NE(r.message.find("damaged"), std::string::npos) << r.message;
    EXPECT_NE(r.message.find(r.damaged_copy), std::string::npos) << r.message;
    EXPECT_NE(r.damaged_copy.find(".damaged-"), std::string::npos);
    // The damaged file is kept exactly as it was found.
    EXPECT_EQ(read_file(r.damaged_copy), damaged_bytes);
    EXPECT_EQ(query_text(path, "PRAGMA integrity_check"), "ok");
    // The fresh database works.
    auto id = write_sync(*db, [](Connection& c) { return create_conversation(c, {.title = "after recovery"}); });
    EXPECT_TRUE(id.ok());
    auto page = read_sync(*db, [](Connection& c) { return list_conversations(c, 5); });
    EXPECT_TRUE(page.ok() && !page->items.empty());
    return db;
}

TEST(Damage, OverwrittenPagesAreSalvagedAround) {
    auto path = db_path("damage-pages");
    make_populated(path);
    ASSERT_FALSE(fs::exists(path.string() + "-wal") && fs::file_size(path.string() + "-wal") > 0);
    std::string bytes = read_file(path);
    const size_t page = 4096;
    ASSERT_GT(bytes.size(), 60 * page);
    // Trash a run of pages in the middle of the file.
    for (size_t p = 30; p < 34; ++p)
        for (size_t i = 0; i < page; ++i) bytes[p * page + i] = static_cast<char>(0xA5 ^ (i * 7));
    write_file(path, bytes);
    auto db = open_recovered(path, bytes);
    ASSERT_TRUE(db);
    const auto& r = db->open_report();
    EXPECT_GT(r.salvaged_messages, 0);
    EXPECT_LT(r.salvaged_messages, 3 * kChats);
    EXPECT_GT(r.salvaged_conversations, 0);
    EXPECT_EQ(query_text(path, "PRAGMA foreign_key_check"), "");
    // Salvaged messages are searchable again: the index was rebuilt by the insert triggers.
    EXPECT_NE(query_text(path, "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'chat'"), "0");
}

TEST(Damage, BackgroundCheckReportsAndTheNextOpenRecovers) {
    auto path = db_path("damage-background");
    make_populated(path);
    std::string bytes = read_file(path);
    for (size_t i = 0; i < 4096; ++i) bytes[40 * 4096 + i] = static_cast<char>(i * 13);
    write_file(path, bytes);
    {
        auto found = std::make_shared<std::promise<std::string>>();
        OpenOptions o;
        o.check = StartupCheck::kBackground;
        o.on_damage = [found](const std::string& damage) { found->set_value(damage); };
        auto db = open_or_die(path, o);
        ASSERT_TRUE(db);
        EXPECT_FALSE(db->open_report().recovered);  // open() did not wait for the check
        auto fut = found->get_future();
        ASSERT_EQ(fut.wait_for(std::chrono::seconds(60)), std::future_status::ready);
        EXPECT_FALSE(fut.get().empty());
    }
    EXPECT_TRUE(fs::exists(damage_marker(path)));
    auto db = open_recovered(path, read_file(path));
    ASSERT_TRUE(db);
    EXPECT_FALSE(fs::exists(damage_marker(path)));
}

TEST(Damage, AQueryThatMeetsDamageMakesTheNextOpenRecover) {
    auto path = db_path("damage-query");
    make_populated(path);
    std::string bytes = read_file(path);
    for (size_t p = 30; p < 34; ++p)
        for (size_t i = 0; i < 4096; ++i) bytes[p * 4096 + i] = static_cast<char>(0x5A ^ (i * 3));
    write_file(path, bytes);
    OpenOptions off;
    off.check = StartupCheck::kOff;
    {
        auto db = open_or_die(path, off);
        ASSERT_TRUE(db);
        auto scan = read_sync(*db, [](Connection& c) -> Result<int64_t> {
            Stmt s(c, "SELECT sum(length(content)) FROM messages");
            auto r = s.step();
            if (!r) return r.error();
            return s.i64(0);
        });
        ASSERT_FALSE(scan);
        EXPECT_EQ(scan.error().code, "storage.corrupt");
        EXPECT_NE(scan.error().message.find("Restart Hearth"), std::string::npos);
    }
    EXPECT_TRUE(fs::exists(damage_marker(path)));
    auto db = open_or_die(path, off);  // the marker forces the check even with checks off
    ASSERT_TRUE(db);
    EXPECT_TRUE(db->open_report().recovered);
    EXPECT_GT(db->open_report().salvaged_messages, 0);
    EXPECT_EQ(query_text(path, "PRAGMA integrity_check"), "ok");
}

TEST(Damage, TruncatedFileIsRecovered) {
    auto path = db_path("damage-truncated");
    make_populated(path);
    std::string bytes = read_file(path);
    bytes.resize(bytes.size() / 2);
    write_file(path, bytes);
    auto db = open_recovered(path, bytes);
    ASSERT_TRUE(db);
}

TEST(Damage, GarbageFileIsMovedAsideAndReplaced) {
    auto path = db_path("damage-garbage");
    std::string bytes;
    for (int i = 0; i < 20000; ++i) bytes += static_cast<char>((i * 131) % 251);
    write_file(path, bytes);
    auto db = open_recovered(path, bytes);
    ASSERT_TRUE(db);
    EXPECT_EQ(db->open_report().salvaged_conversations, 0);
    EXPECT_EQ(db->open_report().salvaged_messages, 0);
}

TEST(Damage, SoundFileIsLeftAlone) {
    auto path = db_path("damage-none");
    make_populated(path);
    auto db = open_or_die(path);
    ASSERT_TRUE(db);
    EXPECT_FALSE(db->open_report().recovered);
    EXPECT_TRUE(db->open_report().message.empty());
    int files = 0;
    for (const auto& e : fs::directory_iterator(path.parent_path()))
        if (e.path().filename().string().find(".damaged-") != std::string::npos) ++files;
    EXPECT_EQ(files, 0);
}

}  // namespace
}  // namespace hearth::storage

namespace hearth::storage {
namespace {
using namespace hearth::storage::test;

TEST(Salvage, RepairsTheTreeWithoutDroppingText) {
    auto dir = hearth::test::scratch_dir("storage-salvage");
    auto src_path = dir / "broken.sqlite3";
    {
        auto src = open_connection(src_path.string(), false, 5000, true);
        ASSERT_TRUE(src.ok());
        ASSERT_OK(migrate(**src));
        // Rows as damage leaves them: a lost conversation row, a lost parent, a dangling leaf.
        ASSERT_OK(exec(**src, R"sql(
            PRAGMA foreign_keys = OFF;
            INSERT INTO conversations (id, title, created_at, updated_at, active_leaf_id) VALUES (1, 'kept', 1, 1, 50);
            INSERT INTO messages (id, conversation_id, parent_id, role, content, created_at) VALUES
                (1, 1, NULL, 'user', 'root', 10), (2, 1, 1, 'assistant', 'child', 11),
                (3, 7, NULL, 'user', 'conversation row lost', 12), (4, 1, 99, 'user', 'parent lost', 13);
        )sql"));
    }
    auto fresh_path = dir / "fresh.sqlite3";
    auto fresh = open_connection(fresh_path.string(), false, 5000, true);
    ASSERT_TRUE(fresh.ok());
    ASSERT_OK(migrate(**fresh));
    auto counts = salvage_into(**fresh, src_path, 5000);
    ASSERT_OK(counts);
    EXPECT_EQ(counts->conversations, 2);
    EXPECT_EQ(counts->messages, 4);
    EXPECT_EQ(query_text(fresh_path, "SELECT title FROM conversations WHERE id = 7"), "Recovered chat");
    EXPECT_EQ(query_text(fresh_path, "SELECT coalesce(parent_id, 'root') FROM messages WHERE id = 4"), "root");
    EXPECT_EQ(query_text(fresh_path, "SELECT active_leaf_id FROM conversations WHERE id = 1"), "4");
    EXPECT_EQ(query_text(fresh_path, "PRAGMA foreign_key_check"), "");
    EXPECT_EQ(query_text(fresh_path, "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH 'lost'"), "2");
    EXPECT_FALSE(fs::exists(src_path.string() + ".salvage-work"));
}

}  // namespace
}  // namespace hearth::storage
