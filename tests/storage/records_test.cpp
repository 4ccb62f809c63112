#include <gtest/gtest.h>

#include <thread>

#include "storage/backup.h"
#include "storage/conversations.h"
#include "storage/download_store.h"
#include "storage/messages.h"
#include "storage/models.h"
#include "storage/settings.h"
#include "tests/storage/storage_test_util.h"

namespace hearth::storage {
namespace {
using namespace hearth::storage::test;

TEST(Settings, SetGetReplaceListRemove) {
    auto db = open_or_die(db_path("settings"));
    ASSERT_TRUE(db);
    ASSERT_OK(write_sync(*db, [](Connection& c) { return set_setting(c, "ui.theme", "dark"); }));
    ASSERT_OK(write_sync(*db, [](Connection& c) { return set_setting(c, "engine.ctx", "4096"); }));
    ASSERT_OK(write_sync(*db, [](Connection& c) { return set_setting(c, "ui.theme", "light"); }));
    auto theme = read_sync(*db, [](Connection& c) { return get_setting(c, "ui.theme"); });
    ASSERT_OK(theme);
    EXPECT_EQ(*theme, std::optional<std::string>("light"));
    auto all = read_sync(*db, [](Connection& c) { return list_settings(c); });
    ASSERT_OK(all);
    ASSERT_EQ(all->size(), 2u);
    EXPECT_EQ((*all)[0].first, "engine.ctx");
    ASSERT_OK(write_sync(*db, [](Connection& c) { return remove_setting(c, "ui.theme"); }));
    ASSERT_OK(write_sync(*db, [](Connection& c) { return remove_setting(c, "never.set"); }));
    auto gone = read_sync(*db, [](Connection& c) { return get_setting(c, "ui.theme"); });
    ASSERT_OK(gone);
    EXPECT_FALSE(*gone);
}

TEST(Models, UpsertKeepsIdAndMeasurementsUpdate) {
    auto db = open_or_die(db_path("models"));
    ASSERT_TRUE(db);
    ModelRecord m;
    m.path = "/models/qwen2-0.5b-q4_k_m.gguf";
    m.repo = "Qwen/Qwen2-0.5B-Instruct-GGUF";
    m.file = "qwen2-0_5b-instruct-q4_k_m.gguf";
    m.architecture = "qwen2";
    m.quant = "Q4_K_M";
    m.size_bytes = 397808192;
    m.sha256 = std::string(64, 'a');
    m.vram_predicted_bytes = 700000000;
    auto id = write_sync(*db, [&](Connection& c) { return upsert_model(c, m); });
    ASSERT_OK(id);
    m.size_bytes = 397808193;
    auto again = write_sync(*db, [&](Connection& c) { return upsert_model(c, m); });
    ASSERT_OK(again);
    EXPECT_EQ(*again, *id);
    ModelMeasurements meas;
    meas.vram_measured_bytes = 650000000;
    meas.tokens_per_s = 181.5;
    meas.kl_divergence = 0.012;
    meas.top1_agreement = 0.97;
    ASSERT_OK(write_sync(*db, [&](Connection& c) { return record_model_measurements(c, *id, meas); }));
    ModelMeasurements only_speed;
    only_speed.prompt_tokens_per_s = 2400.0;
    ASSERT_OK(write_sync(*db, [&](Connection& c) { return record_model_measurements(c, *id, only_speed); }));
    auto got = read_sync(*db, [&](Connection& c) { return get_model(c, *id); });
    ASSERT_OK(got);
    EXPECT_EQ(got->size_bytes, 397808193);
    EXPECT_EQ(got->architecture, "qwen2");
    EXPECT_EQ(got->vram_predicted_bytes, 700000000);
    EXPECT_EQ(got->vram_measured_bytes, 650000000);
    EXPECT_EQ(got->tokens_per_s, 181.5);
    EXPECT_EQ(got->prompt_tokens_per_s, 2400.0);
    EXPECT_EQ(got->kl_divergence, 0.012);
    EXPECT_EQ(got->top1_agreement, 0.97);
    EXPECT_GT(got->added_at, 0);
    auto found = read_sync(*db, [&](Connection& c) { return find_model_by_path(c, m.path); });
    ASSERT_OK(found);
    ASSERT_TRUE(*found);
    EXPECT_EQ((*found)->id, *id);
    auto none = read_sync(*db, [](Connection& c) { return find_model_by_path(c, "/nope.gguf"); });
    ASSERT_OK(none);
    EXPECT_FALSE(*none);
    ModelRecord other;
    other.path = "/models/b.gguf";
    ASSERT_OK(write_sync(*db, [&](Connection& c) { return upsert_model(c, other); }));
    auto list = read_sync(*db, [](Connection& c) { return list_models(c); });
    ASSERT_OK(list);
    EXPECT_EQ(list->size(), 2u);
    ASSERT_OK(write_sync(*db, [&](Connection& c) { return remove_model(c, *id); }));
    auto removed = write_sync(*db, [&](Connection& c) { return remove_model(c, *id); });
    ASSERT_FALSE(removed);
    EXPECT_EQ(removed.error().code, "storage.not_found");
}

TEST(Downloads, StoreRecordsProgressStateAndOrder) {
    auto db = open_or_die(db_path("downloads"));
    ASSERT_TRUE(db);
    DownloadStore store(*db);
    DownloadRecord r;
    r.url = "https://huggingface.co/a/b/resolve/main/x.gguf";
    r.dest_path = "/models/x.gguf";
    r.repo = "a/b";
    r.file = "x.gguf";
    r.expected_size = 1000;
    r.expected_sha256 = std::string(64, 'f');
    auto a = store.add(r);
    ASSERT_OK(a);
    r.url += "?2";
    r.expected_size = -1;
    auto b = store.add(r);
    ASSERT_OK(b);
    ASSERT_OK(store.set_state(*a, "done"));
    ASSERT_OK(store.set_state(*b, "running"));
    ASSERT_OK(store.update_progress(*b, 512, "\"etag-1\"", "Tue, 01 Oct 2024 10:00:00 GMT"));
    auto got = store.get(*b);
    ASSERT_OK(got);
    EXPECT_EQ(got->bytes_done, 512);
    EXPECT_EQ(got->etag, "\"etag-1\"");
    EXPECT_EQ(got->last_modified, "Tue, 01 Oct 2024 10:00:00 GMT");
    EXPECT_EQ(got->state, "running");
    EXPECT_EQ(got->expected_size, -1);
    EXPECT_EQ(got->repo, "a/b");
    EXPECT_GE(got->updated_at, got->created_at);
    auto list = store.list();
    ASSERT_OK(list);
    ASSERT_EQ(list->size(), 2u);
    EXPECT_EQ((*list)[0].id, *b);  // unfinished first
    EXPECT_EQ((*list)[1].id, *a);

    ASSERT_OK(store.set_state(*b, "failed", "The server stopped answering."));
    EXPECT_EQ(store.get(*b)->error, "The server stopped answering.");
    auto bad = store.set_state(*b, "exploded");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, "storage.bad_state");
    ASSERT_OK(store.remove(*a));
    auto missing = store.get(*a);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, "storage.not_found");
    EXPECT_FALSE(store.update_progress(*a, 1, "", ""));
    EXPECT_FALSE(store.remove(*a));
}

TEST(Backup, CopiesAConsistentSnapshotWhileWritesContinue) {
    auto dir = hearth::test::scratch_dir("storage-backup");
    auto db = open_or_die(dir / "hearth.sqlite3");
    ASSERT_TRUE(db);
    ASSERT_OK(write_sync(*db, [](Connection& c) -> Result<int64_t> {
        for (int i = 0; i < 200; ++i) {
            auto conv = create_conversation(c, {.title = "chat " + std::to_string(i)});
            if (!conv) return conv;
            if (auto m = append_message(c, *conv, {.role = "user", .content = std::string(500, 'x')}); !m) return m;
        }
        return 0;
    }));
    std::atomic<bool> stop{false};
    std::thread writer([&] {
        while (!stop) (void)write_sync(*db, [](Connection& c) { return create_conversation(c, {.title = "late"}); });
    });
    auto st = backup_database_async(*db, dir / "backup.sqlite3").get();
    stop = true;
    writer.join();
    ASSERT_OK(st);
    EXPECT_FALSE(std::filesystem::exists(dir / "backup.sqlite3.partial"));
    EXPECT_EQ(query_text(dir / "backup.sqlite3", "PRAGMA integrity_check"), "ok");
    EXPECT_EQ(query_text(dir / "backup.sqlite3", "PRAGMA journal_mode"), "delete");
    EXPECT_EQ(query_text(dir / "backup.sqlite3", "SELECT count(*) FROM messages"), "200");
    int convs = std::stoi(query_text(dir / "backup.sqlite3", "SELECT count(*) FROM conversations"));
    EXPECT_GE(convs, 200);
    // The copy opens as a normal Hearth database.
    auto copy = open_or_die(dir / "backup.sqlite3");
    ASSERT_TRUE(copy);
    EXPECT_FALSE(copy->open_report().recovered);
}

}  // namespace
}  // namespace hearth::storage
