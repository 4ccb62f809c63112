// A full disk and a failing disk, through a SQLite VFS that fails writes on demand
// (fault_vfs.h): the error reaches the caller with its code (storage.disk_full, storage.io),
// everything committed before stays, and the database works again once the disk does.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <ostream>
#include <vector>

#include "storage/conversations.h"
#include "storage/messages.h"
#include "storage/recovery.h"
#include "storage/reply_appender.h"
#include "tests/storage/fault_vfs.h"
#include "tests/storage/storage_test_util.h"

namespace hearth::storage {
namespace test {
// The parameter's name in the test list ("GetParam() = disk_full").
void PrintTo(WriteFault f, std::ostream* os) {
    *os << (f == WriteFault::disk_full ? "disk_full" : f == WriteFault::io_error ? "io_error" : "none");
}
}  // namespace test

namespace {

using namespace hearth::storage::test;

OpenOptions quiet() {
    OpenOptions o;
    o.check = StartupCheck::kOff;  // no background reader racing the faults
    return o;
}

int64_t new_conversation(Database& db, const std::string& title) {
    auto id = write_sync(db, [&](Connection& c) { return create_conversation(c, {.title = title}); });
    EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message);
    return id.ok() ? *id : 0;
}

std::string content(Database& db, int64_t message) {
    auto m = read_sync(db, [&](Connection& c) { return get_message(c, message); });
    EXPECT_TRUE(m.ok()) << (m.ok() ? "" : m.error().message);
    return m.ok() ? m->content : "";
}

class StorageFaults : public ::testing::TestWithParam<WriteFault> {
protected:
    const char* want_code() const { return GetParam() == WriteFault::disk_full ? "storage.disk_full" : "storage.io"; }
    FaultVfs vfs;  // declared first: outlives the databases opened through it
};

TEST_P(StorageFaults, AFailedWriteReportsItsCodeAndKeepsWhatWasCommitted) {
    ASSERT_TRUE(vfs.registered());
    const auto path = db_path(std::string("faults-write-") + want_code());
    {
        auto db = open_or_die(path, quiet());
        ASSERT_TRUE(db);
        const int64_t conv = new_conversation(*db, "kept");
        auto first = write_sync(*db, [&](Connection& c) {
            return append_message(c, conv, {.role = "user", .content = "written before the fault"});
        });
        ASSERT_OK(first);

        vfs.fail_writes(GetParam());
        auto lost = write_sync(*db, [&](Connection& c) {
            return append_message(c, conv, {.role = "assistant", .content = "never saved"});
        });
        ASSERT_FALSE(lost.ok());
        EXPECT_EQ(lost.error().code, want_code()) << lost.error().message;
        EXPECT_FALSE(lost.error().message.empty());
        EXPECT_GT(vfs.failed_writes(), 0);
        EXPECT_EQ(content(*db, *first), "written before the fault");

        vfs.fail_writes(WriteFault::none);
        auto later = write_sync(*db, [&](Connection& c) {
            return append_message(c, conv, {.role = "assistant", .content = "saved after"});
        });
        ASSERT_OK(later);
    }
    // Reopened from the file: the committed rows, not the failed one, and a sound file.
    auto db = open_or_die(path, quiet());
    ASSERT_TRUE(db);
    EXPECT_EQ(query_text(path, "SELECT group_concat(content, '|') FROM (SELECT content FROM messages ORDER BY id)"),
              "written before the fault|saved after");
    auto check = read_sync(*db, [](Connection& c) { return quick_check(c); });
    ASSERT_OK(check);
    EXPECT_EQ(*check, "");
}

// A reply streamed in batches: the batch that meets the fault reports it through on_commit,
// the batches before it stay, and finish() under the fault returns the error too.
TEST_P(StorageFaults, StreamedReplyKeepsCommittedBatchesAndReportsTheFailedOne) {
    ASSERT_TRUE(vfs.registered());
    const auto path = db_path(std::string("faults-reply-") + want_code());
    auto db = open_or_die(path, quiet());
    ASSERT_TRUE(db);
    const int64_t conv = new_conversation(*db, "streamed");
    auto reply = write_sync(*db, [&](Connection& c) {
        return append_message(c, conv, {.role = "assistant", .content = ""});
    });
    ASSERT_OK(reply);

    std::mutex mu;
    std::condition_variable cv;
    std::vector<BatchCommitted> batches;
    auto wait_for_batches = [&](size_t n) {
        std::unique_lock lock(mu);
        return cv.wait_for(lock, std::chrono::seconds(60), [&] { return batches.size() >= n; });
    };
    Status finished;
    {
        // A short interval: each token below is written by the timer, and the test waits for
        // its callback before the next, so the batches do not depend on scheduling. The last
        // goes either with a timer tick or with finish(): a third batch either way.
        ReplyAppender app(*db, *reply, {std::chrono::milliseconds(20), false}, [&](const BatchCommitted& b) {
            std::lock_guard lock(mu);
            batches.push_back(b);
            cv.notify_all();
        });
        app.add_token("Once upon");  // one token per step, so no timer tick can split it
        ASSERT_TRUE(wait_for_batches(1));
        vfs.fail_writes(GetParam());
        app.add_token(" a time");
        ASSERT_TRUE(wait_for_batches(2));
        app.add_token(" there");
        finished = app.finish({std::nullopt, std::nullopt, "eos"}).get();
        vfs.fail_writes(WriteFault::none);
    }
    db->flush_writes();
    {
        std::lock_guard lock(mu);
        ASSERT_EQ(batches.size(), 3u);  // the timer's two, and finish()'s rest
        EXPECT_TRUE(batches[0].status.ok());
        EXPECT_EQ(batches[0].tokens_committed, 1);
        for (size_t i = 1; i < 3; ++i) {
            ASSERT_FALSE(batches[i].status.ok()) << "batch " << i + 1;
            EXPECT_EQ(batches[i].status.error().code, want_code());
            EXPECT_EQ(batches[i].tokens_committed, 1) << "a failed batch counted as committed";
        }
    }
    ASSERT_FALSE(finished.ok());
    EXPECT_EQ(finished.error().code, want_code());
    EXPECT_EQ(content(*db, *reply), "Once upon");

    // The disk works again: the same message takes more text.
    auto more = write_sync(*db, [&](Connection& c) { return append_to_message(c, *reply, " again", 1, {}); });
    ASSERT_OK(more);
    EXPECT_EQ(content(*db, *reply), "Once upon again");
}

INSTANTIATE_TEST_SUITE_P(DiskFullAndIoError, StorageFaults,
                         ::testing::Values(WriteFault::disk_full, WriteFault::io_error),
                         [](const auto& info) { return info.param == WriteFault::disk_full ? "DiskFull" : "IoError"; });

}  // namespace
}  // namespace hearth::storage
