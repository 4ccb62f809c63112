// A process streaming a reply is killed with SIGKILL mid-stream. SQLite's WAL keeps every
// committed batch; the test checks the database opens clean and holds at least everything the
// child reported as committed, and nothing that is not a prefix of what it generated.
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>

#include "storage/conversations.h"
#include "storage/messages.h"
#include "storage/reply_appender.h"
#include "tests/storage/storage_test_util.h"

namespace hearth::storage {
namespace {
using namespace hearth::storage::test;

std::string token(int i) { return " tok" + std::to_string(i); }

// The child: streams tokens forever, writing "<batch> <bytes>\n" to fd after each commit.
[[noreturn]] void stream_until_killed(const std::filesystem::path& path, int64_t message_id, int fd) {
    auto db = Database::open(path);
    if (!db) _exit(3);
    ReplyAppender app(**db, message_id, {std::chrono::milliseconds(25), true}, [fd](const BatchCommitted& b) {
        if (!b.status.ok()) _exit(4);
        char line[64];
        int n = std::snprintf(line, sizeof line, "%lld %lld\n", static_cast<long long>(b.batch),
                              static_cast<long long>(b.bytes_committed));
        if (::write(fd, line, static_cast<size_t>(n)) != n) _exit(5);
    });
    for (int i = 0;; ++i) {
        app.add_token(token(i), 0.5f);
        ::usleep(1000);
    }
}

TEST(Crash, KilledWhileStreamingKeepsEveryCommittedBatch) {
    auto path = db_path("crash-stream");
    int64_t message_id = 0;
    {
        auto db = open_or_die(path);
        ASSERT_TRUE(db);
        auto id = write_sync(*db, [](Connection& c) -> Result<int64_t> {
            auto conv = create_conversation(c, {.title = "crash"});
            if (!conv) return conv;
            if (auto u = append_message(c, *conv, {.role = "user", .content = "stream please"}); !u) return u;
            return append_message(c, *conv, {.role = "assistant"});
        });
        ASSERT_OK(id);
        message_id = *id;
    }
    int fds[2];
    ASSERT_EQ(::pipe(fds), 0);
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
        ::close(fds[0]);
        stream_until_killed(path, message_id, fds[1]);
    }
    ::close(fds[1]);
    // Read the child's reports until it has committed enough batches, then kill it hard.
    std::string reports;
    long long last_batch = 0, last_bytes = 0;
    char buf[256];
    while (last_batch < 8) {
        pollfd pfd{fds[0], POLLIN, 0};
        if (::poll(&pfd, 1, 60000) <= 0) break;  // a stuck child fails the test, not the run
        ssize_t n = ::read(fds[0], buf, sizeof buf);
        if (n <= 0) break;
        reports.append(buf, static_cast<size_t>(n));
        size_t nl;
        while ((nl = reports.find('\n')) != std::string::npos) {
            std::sscanf(reports.substr(0, nl).c_str(), "%lld %lld", &last_batch, &last_bytes);
            reports.erase(0, nl + 1);
        }
    }
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ::close(fds[0]);
    ASSERT_TRUE(WIFSIGNALED(status)) << "child exited early with " << WEXITSTATUS(status);
    ASSERT_GE(last_batch, 8);

    auto db = open_or_die(path);
    ASSERT_TRUE(db);
    EXPECT_FALSE(db->open_report().recovered) << db->open_report().message;
    EXPECT_EQ(query_text(path, "PRAGMA integrity_check"), "ok");
    auto m = read_sync(*db, [&](Connection& c) { return get_message(c, message_id); });
    ASSERT_OK(m);
    EXPECT_GE(static_cast<long long>(m->content.size()), last_bytes);
    std::string expected;
    for (int i = 0; expected.size() < m->content.size(); ++i) expected += token(i);
    EXPECT_EQ(m->content, expected.substr(0, m->content.size()));
    EXPECT_EQ(expected.size(), m->content.size()) << "a batch was cut inside a token";
    EXPECT_EQ(m->token_probs.size(), static_cast<size_t>(m->token_count));
    EXPECT_EQ(query_text(path, "INSERT INTO messages_fts(messages_fts, rank) VALUES('integrity-check', 1)"), "");
}

}  // namespace
}  // namespace hearth::storage
