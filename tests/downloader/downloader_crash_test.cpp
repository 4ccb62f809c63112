// Download state in storage/'s SQLite database: a download survives its process being killed (a
// child process downloads, gets SIGKILL part-way, and this process resumes from the .part and the
// database), and the downloader can record into a database the app already has open.
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <thread>

#include "downloader_fixture.h"
#include "storage/database.h"
#include "storage/download_store.h"

extern char** environ;

namespace hearth::test {
namespace {

using namespace std::chrono_literals;

std::string child_path() { return (binary_dir() / "tests" / "downloader" / "downloader_child").string(); }

TEST_F(DownloaderTest, ResumesAfterTheProcessIsKilled) {
    ASSERT_TRUE(std::filesystem::exists(child_path())) << child_path();
    content = pattern_bytes(1'500'000, 3);
    server.put("/big.bin", Resource{content, "\"big-v1\""});
    Fault slow;
    slow.kind = Fault::trickle;
    slow.chunk = 16384;
    slow.delay_ms = 10;  // about 1 s for the whole file: long enough to be killed part-way
    server.add_fault("/big.bin", slow);
    auto dest = dir / "big.bin";
    auto part = dir / "big.bin.part";
    auto db = dir / "state.sqlite3";
    std::string url = server.url("/big.bin");
    std::string size = std::to_string(content.size());
    std::string sha = dl::sha256_hex(content);
    std::string child = child_path();
    std::vector<char*> argv = {child.data(), url.data(), const_cast<char*>(dest.c_str()),
                               const_cast<char*>(db.c_str()), size.data(), sha.data(), nullptr};
    pid_t pid = 0;
    ASSERT_EQ(posix_spawn(&pid, child.c_str(), nullptr, nullptr, argv.data(), environ), 0);
    auto deadline = std::chrono::steady_clock::now() + 30s;
    std::error_code ec;
    while (std::chrono::steady_clock::now() < deadline) {
        if (std::filesystem::exists(part, ec) && std::filesystem::file_size(part, ec) > 300'000) break;
        std::this_thread::sleep_for(2ms);
    }
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the child finished before it could be killed";
    auto kept = std::filesystem::file_size(part);
    ASSERT_GT(kept, 300'000u);
    ASSERT_LT(kept, content.size());

    auto store = dl::open_database_store(db.string());
    ASSERT_TRUE(store.ok()) << store.error().message;
    dl::Downloader d(**store, fast_options());
    auto ids = d.restore_unfinished();
    ASSERT_TRUE(ids.ok());
    ASSERT_EQ(ids->size(), 1u);
    auto p = d.wait(ids->front(), kWait);
    ASSERT_EQ(p.state, dl::TransferState::done) << describe(p);
    expect_exact(dest, content);
    auto reqs = server.requests("/big.bin");
    ASSERT_EQ(reqs.size(), 2u);
    EXPECT_EQ(reqs[1].range.rfind("bytes=", 0), 0u);
    EXPECT_GE(std::stoll(reqs[1].range.substr(6)), 300'000);
    EXPECT_EQ(reqs[1].if_range, "\"big-v1\"") << "the ETag must come back from the database";
    auto rec = (*store)->get(ids->front());
    ASSERT_TRUE(rec.ok() && rec->has_value());
    EXPECT_EQ((*rec)->state, "done");
}

TEST_F(DownloaderTest, RecordsIntoADatabaseTheAppAlreadyHasOpen) {
    auto db = storage::Database::open(dir / "app.sqlite3");
    ASSERT_TRUE(db.ok()) << db.error().message;
    int64_t id = 0;
    {
        auto states = dl::database_store(**db);
        dl::Downloader d(*states, fast_options());
        auto added = d.add(request());
        ASSERT_TRUE(added.ok());
        id = *added;
        auto p = d.wait(id, kWait);
        ASSERT_EQ(p.state, dl::TransferState::done) << describe(p);
    }
    storage::DownloadStore downloads(**db);
    auto rec = downloads.get(id);
    ASSERT_TRUE(rec.ok()) << rec.error().message;
    EXPECT_EQ(rec->state, "done");
    EXPECT_EQ(rec->bytes_done, static_cast<int64_t>(content.size()));
    EXPECT_EQ(rec->etag, "\"v1\"");
    EXPECT_EQ(rec->expected_sha256, dl::sha256_hex(content));
    expect_exact(dir / "model.bin", content);
}

}  // namespace
}  // namespace hearth::test
