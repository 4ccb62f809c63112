#include "storage/database.h"

#include <algorithm>
#include <atomic>
#include <fstream>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

#include "storage/connection.h"
#include "storage/recovery.h"
#include "storage/schema.h"

namespace hearth::storage {
namespace fs = std::filesystem;

// A FIFO of jobs served by one or more threads.
struct JobQueue {
    std::mutex mu;
    std::condition_variable cv;
    std::deque<Database::Job> jobs;
    bool stopping = false;

    void push(Database::Job job) {
        {
            std::lock_guard lock(mu);
            jobs.push_back(std::move(job));
        }
        cv.notify_one();
    }
    // Blocks for the next job; false once stopping and drained.
    bool pop(Database::Job& out) {
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return stopping || !jobs.empty(); });
        if (jobs.empty()) return false;
        out = std::move(jobs.front());
        jobs.pop_front();
        return true;
    }
    void stop() {
        {
            std::lock_guard lock(mu);
            stopping = true;
        }
        cv.notify_all();
    }
};

struct Database::Impl {
    fs::path path;
    OpenOptions options;
    OpenReport report;

    std::unique_ptr<Connection> writer;
    JobQueue write_queue;
    std::thread writer_thread;

    // Read-only connections, lent out one caller at a time.
    std::mutex pool_mu;
    std::condition_variable pool_cv;
    std::vector<std::unique_ptr<Connection>> idle_readers;
    int open_readers = 0;

    JobQueue read_queue;
    std::atomic<bool> closing{false};
    std::atomic<sqlite3*> checking{nullptr};  // the connection running a background check
    std::vector<std::thread> reader_threads;

    std::unique_ptr<Connection> checkout() {
        std::unique_lock lock(pool_mu);
        for (;;) {
            if (!idle_readers.empty()) {
                auto c = std::move(idle_readers.back());
                idle_readers.pop_back();
                return c;
            }
            if (open_readers < options.max_readers) {
                ++open_readers;
                lock.unlock();
                auto c = open_connection(path.string(), true, options.busy_timeout_ms);
                if (c) {
                    (*c)->damage_marker = damage_marker(path).string();
                    return std::move(*c);
                }
                lock.lock();
                --open_readers;
                if (open_readers == 0) return nullptr;  // cannot read at all
            }
            pool_cv.wait(lock);
        }
    }
    void give_back(std::unique_ptr<Connection> c) {
        {
            std::lock_guard lock(pool_mu);
            idle_readers.push_back(std::move(c));
        }
        pool_cv.notify_one();
    }
};

namespace {

// Settings shared by the writer connection. WAL: readers never wait for the writer.
// synchronous=NORMAL: in WAL mode a commit survives a crash of Hearth; only a power cut can
// lose the last commits, never corrupt the file, and it saves an fsync per transaction.
Status configure_writer(Connection& c) {
    Stmt wal(c, "PRAGMA journal_mode = WAL");
    auto r = wal.step();
    if (!r) return r.error();
    if (!*r || wal.text(0) != "wal")
        return make_error("storage.open", "The chat database could not switch to write-ahead logging (got '" +
                                              wal.text(0) + "'). Keep the database on a local disk.");
    // journal_size_limit: after a big import the WAL file shrinks back instead of staying huge.
    return exec(c, "PRAGMA synchronous = NORMAL; PRAGMA temp_store = MEMORY; PRAGMA journal_size_limit = 67108864;");
}

std::string plural(int64_t n, const char* word) {
    return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

Database::Database(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Result<std::unique_ptr<Database>> Database::open(const fs::path& path, OpenOptions options) {
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->options = options;
    if (impl->options.max_readers < 1) impl->options.max_readers = 1;
    OpenReport& report = impl->report;

    std::error_code ec;
    bool existed = fs::exists(path, ec) && fs::file_size(path, ec) > 0;
    report.created = !existed;
    const fs::path marker = damage_marker(path);
    bool marked = fs::exists(marker, ec);
    auto set_aside = [&](const std::string& damage) -> Status {
        report.recovered = true;
        report.damage = damage;
        auto aside = move_aside(path);
        if (!aside) return aside.error();
        report.damaged_copy = aside->string();
        return {};
    };
    if (existed && (options.check == StartupCheck::kBlocking || marked)) {
        auto damage = check_database(path, options.busy_timeout_ms);
        if (!damage) return damage.error();
        if (!damage->empty())
            if (auto st = set_aside(*damage); !st) return st.error();
    }

    auto writer = open_connection(path.string(), false, options.busy_timeout_ms, true);
    if (!writer) return writer.error();
    impl->writer = std::move(*writer);
    if (!report.recovered) {
        // Without a full check, damage can still show here, in the first page SQLite reads.
        auto v = schema_version(*impl->writer);
        if (!v && v.error().code == "storage.corrupt" && existed) {
            impl->writer.reset();
            if (auto st = set_aside(v.error().message); !st) return st.error();
            auto fresh = open_connection(path.string(), false, options.busy_timeout_ms, true);
            if (!fresh) return fresh.error();
            impl->writer = std::move(*fresh);
        } else if (!v) {
            return v.error();
        } else {
            report.from_version = *v;
        }
    }
    Connection& w = *impl->writer;
    w.damage_marker = marker.string();
    if (auto st = configure_writer(w); !st) return st.error();
    if (auto st = migrate(w); !st) return st.error();
    report.to_version = latest_schema_version();
    if (marked) fs::remove(marker, ec);

    if (report.recovered) {
        auto counts = salvage_into(w, report.damaged_copy, options.busy_timeout_ms);
        if (!counts)
            return make_error("storage.recover", "The chat database was damaged (" + report.damage +
                                                     ") and a fresh one could not be filled: " +
                                                     counts.error().message);
        report.salvaged_conversations = counts->conversations;
        report.salvaged_messages = counts->messages;
        report.message = "Your chat database was damaged (" + report.damage + "). Hearth kept the damaged file as " +
                         report.damaged_copy + " and recovered " + plural(counts->conversations, "conversation") +
                         " and " + plural(counts->messages, "message") + " into a fresh database." +
                         (counts->read_errors ? " Some messages could not be read and are missing." : "");
    } else if (report.from_version != 0 && report.from_version < report.to_version) {
        report.message = "Your chat database was upgraded from schema version " +
                         std::to_string(report.from_version) + " to " + std::to_string(report.to_version) + ".";
    }

    // One reader up front proves that reading works before we hand the database out.
    auto first = open_connection(path.string(), true, options.busy_timeout_ms);
    if (!first) return first.error();
    (*first)->damage_marker = marker.string();
    impl->idle_readers.push_back(std::move(*first));
    impl->open_readers = 1;

    Impl* raw = impl.get();
    impl->writer_thread = std::thread([raw] {
        Job job;
        while (raw->write_queue.pop(job)) job(*raw->writer);
    });
    std::unique_ptr<Database> db(new Database(std::move(impl)));
    Database* self = db.get();
    for (int i = 0; i < std::max(1, options.reader_threads); ++i)
        raw->reader_threads.emplace_back([raw, self] {
            Job job;
            while (raw->read_queue.pop(job)) self->with_reader(job);
        });

    if (options.purge_trash_after_days > 0) {
        int64_t cutoff = now_ms() - int64_t{options.purge_trash_after_days} * 24 * 3600 * 1000;
        db->post_write([cutoff](Connection& c) {
            Stmt s(c, "DELETE FROM conversations WHERE deleted_at IS NOT NULL AND deleted_at < ?1");
            s.bind(1, cutoff);
            (void)s.run();  // autocommit; a failure here only delays the purge to the next start
        });
    }
    if (options.check == StartupCheck::kBackground && !report.recovered && existed) {
        auto on_damage = options.on_damage;
        db->post_read([raw, marker, on_damage](Connection& c) {
            raw->checking.store(c.db);
            if (raw->closing.load()) {
                raw->checking.store(nullptr);
                return;
            }
            auto damage = quick_check(c);
            raw->checking.store(nullptr);
            if (!damage || damage->empty()) return;  // sound, or interrupted by shutdown
            std::ofstream(marker) << *damage << "\n";
            if (on_damage) on_damage(*damage);
        });
    }
    return db;
}

Database::~Database() {
    impl_->write_queue.stop();
    if (impl_->writer_thread.joinable()) impl_->writer_thread.join();
    // A background quick_check can take seconds; quitting should not wait for it.
    impl_->closing.store(true);
    if (sqlite3* checking = impl_->checking.load()) sqlite3_interrupt(checking);
    impl_->read_queue.stop();
    for (auto& t : impl_->reader_threads) t.join();
    impl_->idle_readers.clear();
    if (impl_->writer) (void)exec(*impl_->writer, "PRAGMA optimize;");
}

const OpenReport& Database::open_report() const { return impl_->report; }
const fs::path& Database::path() const { return impl_->path; }

void Database::post_write(Job job) { impl_->write_queue.push(std::move(job)); }
void Database::post_read(Job job) { impl_->read_queue.push(std::move(job)); }

void Database::with_reader(const Job& job) {
    auto c = impl_->checkout();
    if (!c) {
        // No reader could be opened: fall back to a fresh one so the job still gets an
        // answer (its queries will report the error).
        Connection broken;
        (void)sqlite3_open_v2(":memory:", &broken.db, SQLITE_OPEN_READONLY, nullptr);
        job(broken);
        return;
    }
    // One snapshot for the whole job: several queries see the same database state.
    bool in_txn = exec(*c, "BEGIN").ok();
    job(*c);
    if (in_txn) (void)exec(*c, "COMMIT");
    impl_->give_back(std::move(c));
}

Status Database::run_in_transaction(Connection& c, const std::function<Status(Connection&)>& body) {
    if (auto st = exec(c, "BEGIN IMMEDIATE"); !st) return st;
    Status st = body(c);
    if (st) st = exec(c, "COMMIT");
    if (!st) (void)exec(c, "ROLLBACK");
    return st;
}

void Database::flush_writes() {
    std::promise<void> done;
    auto fut = done.get_future();
    post_write([&done](Connection&) { done.set_value(); });
    fut.wait();
}

}  // namespace hearth::storage
