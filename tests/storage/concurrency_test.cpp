// The writer thread and many readers at once, from this process and from a second Database
// on the same file (as a second Hearth process would be): nobody sees "database is locked".
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "storage/conversations.h"
#include "storage/messages.h"
#include "storage/search.h"
#include "tests/storage/storage_test_util.h"

namespace hearth::storage {
namespace {
using namespace hearth::storage::test;

TEST(Concurrency, WritersAndReadersUnderLoadNeverSeeLocks) {
    auto path = db_path("concurrency");
    auto db = open_or_die(path);
    ASSERT_TRUE(db);
    auto other = open_or_die(path);  // a second "process" writing to the same file
    ASSERT_TRUE(other);

    std::atomic<int> errors{0}, reads{0};
    std::mutex mu;
    std::string first_error;
    auto note = [&](const Error& e) {
        ++errors;
        std::lock_guard lock(mu);
        if (first_error.empty()) first_error = e.code + ": " + e.message;
    };
    std::atomic<bool> writers_done{false};

    std::vector<std::thread> writers;
    for (int w = 0; w < 3; ++w)
        writers.emplace_back([&, w] {
            Database& target = w == 2 ? *other : *db;
            for (int i = 0; i < 60; ++i) {
                // Fire-and-forget futures, as the UI would, then wait for the last.
                auto f = target.write<int64_t>([w, i](Connection& c) -> Result<int64_t> {
                    auto conv = create_conversation(c, {.title = "w" + std::to_string(w) + " #" + std::to_string(i)});
                    if (!conv) return conv;
                    for (int k = 0; k < 4; ++k)
                        if (auto m = append_message(c, *conv, {.role = k % 2 ? "assistant" : "user",
                                                               .content = "load test words " + std::to_string(k)});
                            !m)
                            return m;
                    return conv;
                });
                auto r = f.get();
                if (!r) note(r.error());
            }
        });
    std::vector<std::thread> readers;
    for (int t = 0; t < 4; ++t)
        readers.emplace_back([&, t] {
            while (!writers_done) {
                Database& src = t % 2 ? *other : *db;
                auto page = src.read<int64_t>([](Connection& c) -> Result<int64_t> {
                    auto p = list_conversations(c, 20);
                    if (!p) return p.error();
                    for (const auto& conv : p->items) {
                        auto path = load_active_path(c, conv.id, 10);
                        if (!path) return path.error();
                    }
                    auto hits = search_messages(c, "load words");
                    if (!hits) return hits.error();
                    return static_cast<int64_t>(p->items.size());
                });
                if (!page) note(page.error());
                auto async = src.read_async<int64_t>([](Connection& c) -> Result<int64_t> {
                    auto p = list_conversations(c, 5);
                    if (!p) return p.error();
                    return static_cast<int64_t>(p->items.size());
                }).get();
                if (!async) note(async.error());
                ++reads;
            }
        });
    for (auto& t : writers) t.join();
    writers_done = true;
    for (auto& t : readers) t.join();
    EXPECT_EQ(errors.load(), 0) << first_error;
    EXPECT_GT(reads.load(), 0);
    EXPECT_EQ(query_text(path, "SELECT count(*) FROM conversations"), "180");
    EXPECT_EQ(query_text(path, "SELECT count(*) FROM messages"), "720");
    EXPECT_EQ(query_text(path, "PRAGMA integrity_check"), "ok");
}

}  // namespace
}  // namespace hearth::storage
