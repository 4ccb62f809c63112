// Shared by the storage tests: a fresh database per test and blocking forms of write/read.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <type_traits>

#include "storage/connection.h"
#include "storage/conversations.h"
#include "storage/database.h"
#include "storage/messages.h"
#include "tests/support/testdata.h"

namespace hearth::storage::test {

template <class R> struct ResultValue;
template <class T> struct ResultValue<Result<T>> { using type = T; };

template <class F>
auto write_sync(Database& db, F f) {
    using R = std::invoke_result_t<F, Connection&>;
    using T = typename ResultValue<R>::type;
    return db.write<T>(std::function<R(Connection&)>(std::move(f))).get();
}

template <class F>
auto read_sync(Database& db, F f) {
    using R = std::invoke_result_t<F, Connection&>;
    using T = typename ResultValue<R>::type;
    return db.read<T>(std::function<R(Connection&)>(std::move(f)));
}

inline std::filesystem::path db_path(const std::string& test_name) {
    return hearth::test::scratch_dir("storage-" + test_name) / "hearth.sqlite3";
}

inline std::unique_ptr<Database> open_or_die(const std::filesystem::path& path, OpenOptions o = {}) {
    auto db = Database::open(path, o);
    if (!db) ADD_FAILURE() << db.error().code << ": " << db.error().message;
    return db ? std::move(*db) : nullptr;
}

// One value from a query on a private connection (for checks that bypass the library).
inline std::string query_text(const std::filesystem::path& path, const std::string& sql) {
    auto c = open_connection(path.string(), false, 5000);
    if (!c) return "open failed: " + c.error().message;
    Stmt s(**c, sql);
    auto r = s.step();
    if (!r) return "error: " + r.error().message;
    return *r ? s.text(0) : "";
}

#define ASSERT_OK(expr)                                                                  \
    do {                                                                                 \
        const auto& hearth_r_ = (expr);                                                  \
        ASSERT_TRUE(hearth_r_.ok()) << hearth_r_.error().code << ": " << hearth_r_.error().message; \
    } while (0)

// A fresh database with one conversation, and appending messages to it.
struct Chat {
    std::unique_ptr<Database> db;
    int64_t conv = 0;
};

inline Chat new_chat(const std::string& name) {
    Chat chat;
    chat.db = open_or_die(db_path(name));
    if (!chat.db) return chat;
    auto id = write_sync(*chat.db, [](Connection& c) { return create_conversation(c, {.title = "chat"}); });
    EXPECT_TRUE(id.ok());
    chat.conv = id.ok() ? *id : 0;
    return chat;
}

inline int64_t append(Chat& chat, const std::string& role, const std::string& text) {
    auto id = write_sync(*chat.db, [&](Connection& c) {
        return append_message(c, chat.conv, {.role = role, .content = text});
    });
    EXPECT_TRUE(id.ok()) << (id.ok() ? "" : id.error().message);
    return id.ok() ? *id : 0;
}

}  // namespace hearth::storage::test
