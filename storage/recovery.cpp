#include "storage/recovery.h"

#include <climits>
#include <ctime>
#include <set>
#include <vector>

#include "storage/connection.h"

namespace hearth::storage {
namespace fs = std::filesystem;

fs::path damage_marker(const fs::path& db_path) { return db_path.string() + ".needs-check"; }

Result<std::string> quick_check(Connection& c) {
    std::string problems;
    char* msg = nullptr;
    struct Collect {
        static int row(void* out, int n, char** values, char**) {
            auto& s = *static_cast<std::string*>(out);
            for (int i = 0; i < n; ++i)
                if (values[i] && std::string(values[i]) != "ok") s += (s.empty() ? "" : "; ") + std::string(values[i]);
            return 0;
        }
    };
    int rc = sqlite3_exec(c.db, "PRAGMA quick_check", &Collect::row, &problems, &msg);
    std::string err = msg ? msg : "";
    if (msg) sqlite3_free(msg);
    if (rc != SQLITE_OK) {
        int primary = rc & 0xff;
        if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB || primary == SQLITE_IOERR)
            return err.empty() ? std::string(sqlite3_errstr(rc)) : err;
        return sql_error(c, rc, "checking the chat database");
    }
    if (problems.size() > 600) problems = problems.substr(0, 600) + "...";
    return problems;
}

Result<std::string> check_database(const fs::path& path, int busy_timeout_ms) {
    auto conn = open_connection(path.string(), false, busy_timeout_ms);
    if (!conn) {
        // The file is there (the caller checked) but SQLite cannot even read its header.
        if (conn.error().code == "storage.corrupt") return conn.error().message;
        return conn.error();
    }
    return quick_check(**conn);
}

Result<fs::path> move_aside(const fs::path& path) {
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    fs::path target;
    for (int n = 1;; ++n) {
        std::string name = path.stem().string() + ".damaged-" + stamp + (n > 1 ? "-" + std::to_string(n) : "") +
                           path.extension().string();
        target = path.parent_path() / name;
        std::error_code ec;
        if (!fs::exists(target, ec)) break;
    }
    std::error_code ec;
    fs::rename(path, target, ec);
    if (ec)
        return make_error("storage.recover", "The chat database " + path.string() +
                                                 " is damaged and could not be moved aside (" + ec.message() +
                                                 "). Move it away by hand and start Hearth again.");
    for (const char* side : {"-wal", "-shm"}) {
        fs::path from = path.string() + side;
        if (fs::exists(from, ec)) fs::rename(from, target.string() + side, ec);
    }
    return target;
}

namespace {

std::vector<std::string> column_names(Connection& c, const std::string& schema, const std::string& table) {
    std::vector<std::string> out;
    Stmt s(c, "SELECT name FROM pragma_table_info(?1, ?2)");
    s.bind(1, table).bind(2, schema);
    for (;;) {
        auto r = s.step();
        if (!r || !*r) break;
        out.push_back(s.text(0));
    }
    return out;
}

// Copies rows of one table, in rowid order, skipping ahead past damage. Returns rows copied.
int64_t copy_table(Connection& from, Connection& to, const std::string& table, bool has_rowid,
                   int64_t& read_errors) {
    auto src_cols = column_names(from, "main", table);
    auto dst_cols = column_names(to, "main", table);
    std::set<std::string> dst(dst_cols.begin(), dst_cols.end());
    std::string cols, params;
    int n = 0;
    for (const auto& col : src_cols) {
        if (!dst.count(col)) continue;
        cols += (n ? ", " : "") + ("\"" + col + "\"");
        params += (n ? ", ?" : "?") + std::to_string(n + 1);
        ++n;
    }
    if (n == 0) return 0;
    std::string insert = "INSERT OR IGNORE INTO \"" + table + "\" (" + cols + ") VALUES (" + params + ")";
    std::string select = "SELECT " + cols + (has_rowid ? ", rowid FROM \"" + table + "\" WHERE rowid > ?1 ORDER BY rowid"
                                                       : " FROM \"" + table + "\"");
    int64_t copied = 0, after = INT64_MIN, gap = 0;
    for (int attempts = 0; attempts < 24; ++attempts) {
        sqlite3_stmt* sel = nullptr;
        if (sqlite3_prepare_v2(from.db, select.c_str(), -1, &sel, nullptr) != SQLITE_OK) {
            sqlite3_finalize(sel);
            ++read_errors;
            return copied;
        }
        if (has_rowid) sqlite3_bind_int64(sel, 1, after > INT64_MIN + gap ? after + gap : after);
        int rc;
        while ((rc = sqlite3_step(sel)) == SQLITE_ROW) {
            Stmt ins(to, insert);
            if (!ins.handle()) break;
            for (int i = 0; i < n; ++i) sqlite3_bind_value(ins.handle(), i + 1, sqlite3_column_value(sel, i));
            if (ins.run() && changes(to) > 0) ++copied;
            if (has_rowid) after = sqlite3_column_int64(sel, n);
            gap = 0;
        }
        sqlite3_finalize(sel);
        if (rc == SQLITE_DONE || !has_rowid) {
            if (rc != SQLITE_DONE) ++read_errors;
            return copied;
        }
        ++read_errors;
        if (after == INT64_MIN) after = 0;
        gap = gap ? gap * 4 : 1;
    }
    return copied;
}

Result<int64_t> count(Connection& c, const std::string& sql) {
    Stmt s(c, sql);
    auto r = s.step();
    if (!r) return r.error();
    return s.i64(0);
}

}  // namespace

Result<SalvageCounts> salvage_into(Connection& fresh, const fs::path& damaged, int busy_timeout_ms) {
    SalvageCounts out;
    // Work on a copy: opening the damaged file itself could checkpoint its WAL into it.
    fs::path work = damaged.string() + ".salvage-work";
    std::error_code ec;
    for (const char* side : {"", "-wal"}) {
        fs::remove(work.string() + side, ec);
        if (fs::exists(damaged.string() + side, ec))
            fs::copy_file(damaged.string() + side, work.string() + side, ec);
    }
    auto cleanup = [&] {
        for (const char* side : {"", "-wal", "-shm"}) fs::remove(work.string() + side, ec);
    };
    auto src = open_connection(work.string(), false, busy_timeout_ms);
    if (!src) {
        cleanup();
        return out;  // nothing readable at all: the fresh database stays empty
    }
    // Damaged files can make SQLite's consistency checks fail on every statement; these let
    // the scan read what it still can.
    (void)exec(**src, "PRAGMA writable_schema = ON; PRAGMA cell_size_check = ON;");

    std::set<std::string> tables;
    {
        Stmt s(**src, "SELECT name FROM sqlite_schema WHERE type = 'table'");
        for (;;) {
            auto r = s.step();
            if (!r) {
                ++out.read_errors;
                break;
            }
            if (!*r) break;
            tables.insert(s.text(0));
        }
    }
    if (auto st = exec(fresh, "PRAGMA foreign_keys = OFF; BEGIN IMMEDIATE;"); !st) {
        cleanup();
        return st.error();
    }
    struct TableSpec { const char* name; bool rowid; int64_t* counter; };
    const TableSpec specs[] = {{"conversations", true, &out.conversations},
                               {"messages", true, &out.messages},
                               {"settings", false, &out.other_rows},
                               {"downloads", true, &out.other_rows},
                               {"models", true, &out.other_rows}};
    for (const auto& t : specs)
        if (tables.count(t.name)) *t.counter += copy_table(**src, fresh, t.name, t.rowid, out.read_errors);
    src->reset();
    cleanup();

    // Repair the tree without dropping text: messages whose conversation row was lost get a
    // stand-in conversation, and a missing parent makes the message a root.
    Status st = exec(fresh, R"sql(
        INSERT INTO conversations (id, title, created_at, updated_at)
            SELECT conversation_id, 'Recovered chat', min(created_at), max(created_at) FROM messages
            WHERE conversation_id NOT IN (SELECT id FROM conversations) GROUP BY conversation_id;
        UPDATE messages SET parent_id = NULL
            WHERE parent_id IS NOT NULL AND parent_id NOT IN (SELECT id FROM messages);
        UPDATE conversations SET active_leaf_id =
            (SELECT max(id) FROM messages m WHERE m.conversation_id = conversations.id)
            WHERE active_leaf_id IS NULL OR active_leaf_id NOT IN (SELECT id FROM messages);
    )sql");
    if (st) st = exec(fresh, "COMMIT; PRAGMA foreign_keys = ON;");
    if (!st) {
        (void)exec(fresh, "ROLLBACK; PRAGMA foreign_keys = ON;");
        return st.error();
    }
    auto convs = count(fresh, "SELECT count(*) FROM conversations");
    auto msgs = count(fresh, "SELECT count(*) FROM messages");
    if (convs) out.conversations = *convs;
    if (msgs) out.messages = *msgs;
    return out;
}

}  // namespace hearth::storage
