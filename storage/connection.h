// A SQLite connection and the small helpers every store uses over it: cached prepared
// statements (each query is parsed once per connection, which keeps short reads well under a
// millisecond), typed binds and columns, and SQLite result codes turned into hearth::Error.
// Internal to storage/: callers outside only ever hold a Connection&.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <type_traits>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/result.h"

namespace hearth::storage {

struct Connection {
    sqlite3* db = nullptr;
    std::unordered_map<std::string, sqlite3_stmt*> statements;  // keyed on SQL text
    // When set, a query that finds the file damaged creates this file, so the next
    // Database::open() checks and recovers (see recovery.h).
    std::string damage_marker;

    Connection() = default;
    explicit Connection(sqlite3* handle) : db(handle) {}
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    ~Connection();
};

// Opens path with the settings every Hearth connection uses (foreign keys on, busy timeout,
// extended result codes). read_only connections cannot write even by mistake.
Result<std::unique_ptr<Connection>> open_connection(const std::string& path, bool read_only,
                                                    int busy_timeout_ms, bool create = false);

// The error for the last failed call on c: code storage.disk_full, storage.io, storage.corrupt,
// storage.busy, storage.readonly, storage.foreign_key (SQLITE_CONSTRAINT_FOREIGNKEY),
// storage.check (SQLITE_CONSTRAINT_CHECK) or storage.sql, and a sentence naming what we were
// doing. `rc` is the extended result code where there is one.
Error sql_error(sqlite3* db, int rc, const std::string& doing);
inline Error sql_error(Connection& c, int rc, const std::string& doing) { return sql_error(c.db, rc, doing); }

// Runs SQL text with no results (may hold several statements).
Status exec(Connection& c, const std::string& sql);

// Milliseconds since the Unix epoch.
int64_t now_ms();

// A cached prepared statement, reset and unbound when this goes out of scope.
class Stmt {
public:
    Stmt(Connection& c, const std::string& sql);
    ~Stmt();
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;

    Stmt& bind(int i, int v) { return bind(i, static_cast<int64_t>(v)); }
    Stmt& bind(int i, int64_t v);
    Stmt& bind(int i, double v);
    Stmt& bind(int i, const std::string& v);
    Stmt& bind(int i, const char* v) { return bind(i, std::string(v)); }
    Stmt& bind(int i, std::nullptr_t);
    Stmt& bind(int i, const std::optional<int64_t>& v);
    Stmt& bind_blob(int i, const std::vector<uint8_t>& v);

    // true: a row is ready; false: done. Errors carry what the statement was for.
    Result<bool> step();
    // Runs to completion, for statements without rows.
    Status run();
    // Runs to completion and returns every row, each made by read(*this).
    template <class Read>
    Result<std::vector<std::invoke_result_t<Read&, const Stmt&>>> rows(Read read) {
        std::vector<std::invoke_result_t<Read&, const Stmt&>> out;
        for (;;) {
            auto r = step();
            if (!r) return r.error();
            if (!*r) return out;
            out.push_back(read(*this));
        }
    }

    sqlite3_stmt* handle() const { return s_; }

    int64_t i64(int col) const { return sqlite3_column_int64(s_, col); }
    double f64(int col) const { return sqlite3_column_double(s_, col); }
    bool is_null(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }
    std::optional<int64_t> opt_i64(int col) const;
    std::string text(int col) const;
    std::vector<uint8_t> blob(int col) const;

private:
    Connection& c_;
    sqlite3_stmt* s_ = nullptr;
    int prepare_rc_ = SQLITE_OK;
    std::string sql_;
};

// Last inserted rowid / rows changed by the last statement on c.
inline int64_t last_insert_id(Connection& c) { return sqlite3_last_insert_rowid(c.db); }
inline int changes(Connection& c) { return sqlite3_changes(c.db); }

}  // namespace hearth::storage
