#include "storage/connection.h"

#include <chrono>
#include <fstream>

namespace hearth::storage {

Connection::~Connection() {
    for (auto& [sql, s] : statements) sqlite3_finalize(s);
    if (db) sqlite3_close_v2(db);
}

Result<std::unique_ptr<Connection>> open_connection(const std::string& path, bool read_only,
                                                    int busy_timeout_ms, bool create) {
    int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
    flags |= read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    if (create && !read_only) flags |= SQLITE_OPEN_CREATE;
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    auto conn = std::make_unique<Connection>(db);
    if (rc != SQLITE_OK) {
        std::string why = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
        return make_error("storage.open", "Could not open the chat database " + path + ": " + why +
                                              ". Check that the folder exists and is writable.");
    }
    sqlite3_extended_result_codes(db, 1);
    sqlite3_busy_timeout(db, busy_timeout_ms);
    if (auto st = exec(*conn, "PRAGMA foreign_keys = ON;"); !st) return st.error();
    return conn;
}

Error sql_error(sqlite3* db, int rc, const std::string& doing) {
    std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    // Constraint failures by their extended code (connections enable extended result codes),
    // not by SQLite's message text, which is not an interface.
    if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        return make_error("storage.foreign_key", "The chat database refused a record whose conversation or message "
                                                 "no longer exists, while " + doing + ".");
    if (rc == SQLITE_CONSTRAINT_CHECK)
        return make_error("storage.check", "The chat database refused a value it does not allow (" + detail +
                                               ") while " + doing + ".");
    switch (rc & 0xff) {
        case SQLITE_FULL:
            return make_error("storage.disk_full", "The disk is full, so Hearth could not save (" + doing +
                                                       "). Free some space and try again.");
        case SQLITE_CORRUPT:
        case SQLITE_NOTADB:
            return make_error("storage.corrupt", "The chat database is damaged (" + detail + ") while " +
                                                     doing + ". Restart Hearth to recover what can be read.");
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            return make_error("storage.busy", "The chat database stayed locked by another program while " +
                                                  doing + ". Close other copies of Hearth and try again.");
        case SQLITE_READONLY:
            return make_error("storage.readonly", "The chat database cannot be written (" + detail + ") while " +
                                                      doing + ". Check the file's permissions.");
        case SQLITE_IOERR:
            return make_error("storage.io", "A disk error stopped Hearth while " + doing + " (" + detail +
                                                "). Check the disk and try again.");
        default:
            return make_error("storage.sql", "The chat database reported an error while " + doing + ": " +
                                                 detail + ".");
    }
}

namespace {
void note_damage(Connection& c, int rc) {
    int primary = rc & 0xff;
    if ((primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) && !c.damage_marker.empty())
        std::ofstream(c.damage_marker) << sqlite3_errstr(rc) << "\n";
}
}  // namespace

Status exec(Connection& c, const std::string& sql) {
    char* msg = nullptr;
    int rc = sqlite3_exec(c.db, sql.c_str(), nullptr, nullptr, &msg);
    if (msg) sqlite3_free(msg);
    if (rc != SQLITE_OK) {
        note_damage(c, rc);
        return sql_error(c, rc, "running \"" + sql.substr(0, 60) + "\"");
    }
    return {};
}

int64_t now_ms() {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

Stmt::Stmt(Connection& c, const std::string& sql) : c_(c), sql_(sql) {
    auto it = c.statements.find(sql);
    if (it != c.statements.end()) {
        s_ = it->second;
        return;
    }
    prepare_rc_ = sqlite3_prepare_v3(c.db, sql.c_str(), static_cast<int>(sql.size()),
                                     SQLITE_PREPARE_PERSISTENT, &s_, nullptr);
    if (prepare_rc_ == SQLITE_OK && s_) c.statements.emplace(sql, s_);
    else if (s_) {
        sqlite3_finalize(s_);
        s_ = nullptr;
    }
}

Stmt::~Stmt() {
    if (s_) {
        sqlite3_reset(s_);
        sqlite3_clear_bindings(s_);
    }
}

Stmt& Stmt::bind(int i, int64_t v) {
    if (s_) sqlite3_bind_int64(s_, i, v);
    return *this;
}
Stmt& Stmt::bind(int i, double v) {
    if (s_) sqlite3_bind_double(s_, i, v);
    return *this;
}
Stmt& Stmt::bind(int i, const std::string& v) {
    if (s_) sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
}
Stmt& Stmt::bind(int i, std::nullptr_t) {
    if (s_) sqlite3_bind_null(s_, i);
    return *this;
}
Stmt& Stmt::bind(int i, const std::optional<int64_t>& v) {
    return v ? bind(i, *v) : bind(i, nullptr);
}
Stmt& Stmt::bind_blob(int i, const std::vector<uint8_t>& v) {
    if (!s_) return *this;
    if (v.empty()) sqlite3_bind_null(s_, i);
    else sqlite3_bind_blob(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
}

Result<bool> Stmt::step() {
    if (!s_) {
        if (prepare_rc_ == SQLITE_OK) prepare_rc_ = SQLITE_MISUSE;
        return sql_error(c_, prepare_rc_, "preparing \"" + sql_.substr(0, 60) + "\"");
    }
    int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    note_damage(c_, rc);
    return sql_error(c_, rc, "running \"" + sql_.substr(0, 60) + "\"");
}

Status Stmt::run() {
    for (;;) {
        auto r = step();
        if (!r) return r.error();
        if (!*r) return {};
    }
}

std::optional<int64_t> Stmt::opt_i64(int col) const {
    if (is_null(col)) return std::nullopt;
    return i64(col);
}

std::string Stmt::text(int col) const {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, col));
    int n = sqlite3_column_bytes(s_, col);
    return p ? std::string(p, static_cast<size_t>(n)) : std::string();
}

std::vector<uint8_t> Stmt::blob(int col) const {
    const auto* p = static_cast<const uint8_t*>(sqlite3_column_blob(s_, col));
    int n = sqlite3_column_bytes(s_, col);
    return p ? std::vector<uint8_t>(p, p + n) : std::vector<uint8_t>();
}

}  // namespace hearth::storage
