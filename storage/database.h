// The chat database: one SQLite file in WAL mode, one writer connection on its own thread
// and a small pool of read-only connections.
//
// Why this shape: SQLite allows one writer at a time. Funnelling every write through one
// thread means writers never fight over the lock ("database is locked" never reaches a
// caller), and WAL lets readers run beside that writer without waiting. Nothing here blocks
// a UI thread unless the caller picks a blocking form: write()/read_async() return at once
// and deliver their result through a std::future or a callback (the callback runs on the
// storage thread; the Qt layer posts it back to its own thread).
//
// Usage:
//   auto db = storage::Database::open(dir / "hearth.sqlite3");
//   if (!db) show(db.error().message);
//   auto fut = (*db)->write<int64_t>([](storage::Connection& c) {
//       return storage::create_conversation(c, {.title = "New chat"});
//   });
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "base/result.h"

namespace hearth::storage {

// One SQLite connection (defined in storage/connection.h). The free functions of this module
// take a Connection&: the writer's inside write() jobs, a reader's inside read() jobs.
struct Connection;

// When to run PRAGMA quick_check, which reads the whole file (seconds for a history of
// hundreds of MB; see bench/storage).
enum class StartupCheck {
    kBlocking,    // inside open(); a damaged file is recovered before open() returns
    kBackground,  // open() returns at once; the check runs on a reader thread and, on damage,
                  // calls on_damage and leaves a marker so the next open() recovers (blocking)
    kOff,
};

struct OpenOptions {
    int reader_threads = 2;       // threads serving read_async()
    int max_readers = 6;          // read-only connections kept open at most
    int busy_timeout_ms = 10000;  // how long a connection waits on another process's lock
    // Background by default: a full check of a large history takes seconds, and start-up
    // should not (bench/storage measures both).
    StartupCheck check = StartupCheck::kBackground;
    // Called (on a storage thread) when a background check finds damage, with SQLite's words.
    // The app can tell the user and reopen the database (after closing this one) to recover
    // at once. Any query that meets damage also leaves the marker, so the next open recovers.
    std::function<void(const std::string& damage)> on_damage;
    int purge_trash_after_days = 30;  // chats in the trash longer than this are deleted at open; <= 0 keeps them
};

// What open() found and did, for the app to tell the user (message is empty when nothing
// worth saying happened).
struct OpenReport {
    bool created = false;        // there was no database; a new one was made
    int from_version = 0;        // PRAGMA user_version found on disk (0 for a new file)
    int to_version = 0;          // the version now
    bool recovered = false;      // the file was damaged: moved aside, rows salvaged
    std::string damaged_copy;    // where the damaged file was moved (when recovered)
    std::string damage;          // what SQLite said about it
    int64_t salvaged_conversations = 0;
    int64_t salvaged_messages = 0;
    std::string message;         // a sentence for the user
};

class Database {
public:
    // Opens (creating, migrating or recovering as needed) the database at path. It blocks for
    // the file open and any migration or blocking check: call it off the UI thread. Errors:
    // storage.open (cannot open/create the file), storage.too_new (made by a newer Hearth),
    // storage.migrate, storage.recover (damaged and could not even start a fresh file).
    static Result<std::unique_ptr<Database>> open(const std::filesystem::path& path,
                                                  OpenOptions options = {});
    ~Database();  // runs the write jobs already queued, then closes
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    const OpenReport& open_report() const;
    const std::filesystem::path& path() const;

    // Queues fn to run on the writer thread inside one transaction (BEGIN IMMEDIATE ... COMMIT;
    // rolled back when fn returns an error). Returns at once.
    template <class T>
    std::future<Result<T>> write(std::function<Result<T>(Connection&)> fn);
    template <class T>
    void write(std::function<Result<T>(Connection&)> fn, std::function<void(Result<T>)> done);

    // Queues fn on a reader thread with a read-only connection (one consistent snapshot).
    template <class T>
    std::future<Result<T>> read_async(std::function<Result<T>(Connection&)> fn);
    template <class T>
    void read_async(std::function<Result<T>(Connection&)> fn, std::function<void(Result<T>)> done);

    // Runs fn on the calling thread with a read-only connection. Blocks on disk: for worker
    // threads, tests and tools, never a UI thread.
    template <class T>
    Result<T> read(const std::function<Result<T>(Connection&)>& fn);

    // Blocks until every write queued so far has run (for shutdown paths and tests).
    // Objects that post writes (ReplyAppender) must be gone before the Database is.
    void flush_writes();

    // Type-erased plumbing behind the templates above.
    using Job = std::function<void(Connection&)>;
    void post_write(Job job);
    void post_read(Job job);
    void with_reader(const Job& job);
    Status run_in_transaction(Connection& c, const std::function<Status(Connection&)>& body);

    struct Impl;

private:
    explicit Database(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

// ---- template definitions ----

template <class T>
void Database::write(std::function<Result<T>(Connection&)> fn, std::function<void(Result<T>)> done) {
    post_write([this, fn = std::move(fn), done = std::move(done)](Connection& c) {
        std::optional<Result<T>> out;
        Status st = run_in_transaction(c, [&](Connection& cc) -> Status {
            out.emplace(fn(cc));
            if (!out->ok()) return out->error();
            return {};
        });
        if (!st.ok() && (!out || out->ok())) out.emplace(st.error());
        done(std::move(*out));
    });
}

template <class T>
std::future<Result<T>> Database::write(std::function<Result<T>(Connection&)> fn) {
    auto promise = std::make_shared<std::promise<Result<T>>>();
    auto fut = promise->get_future();
    write<T>(std::move(fn), [promise](Result<T> r) { promise->set_value(std::move(r)); });
    return fut;
}

template <class T>
void Database::read_async(std::function<Result<T>(Connection&)> fn, std::function<void(Result<T>)> done) {
    post_read([fn = std::move(fn), done = std::move(done)](Connection& c) { done(fn(c)); });
}

template <class T>
std::future<Result<T>> Database::read_async(std::function<Result<T>(Connection&)> fn) {
    auto promise = std::make_shared<std::promise<Result<T>>>();
    auto fut = promise->get_future();
    read_async<T>(std::move(fn), [promise](Result<T> r) { promise->set_value(std::move(r)); });
    return fut;
}

template <class T>
Result<T> Database::read(const std::function<Result<T>(Connection&)>& fn) {
    std::optional<Result<T>> out;
    with_reader([&](Connection& c) { out.emplace(fn(c)); });
    return std::move(*out);
}

}  // namespace hearth::storage
