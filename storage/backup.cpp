#include "storage/backup.h"

#include "storage/connection.h"

namespace hearth::storage {
namespace fs = std::filesystem;

Status backup_database(Database& db, const fs::path& dest) {
    auto src = open_connection(db.path().string(), true, 10000);
    if (!src) return src.error();
    fs::path tmp = dest.string() + ".partial";
    std::error_code ec;
    fs::remove(tmp, ec);
    auto out = open_connection(tmp.string(), false, 10000, true);
    if (!out) return out.error();
    sqlite3_backup* b = sqlite3_backup_init((*out)->db, "main", (*src)->db, "main");
    if (!b) return sql_error(**out, sqlite3_errcode((*out)->db), "starting a backup to " + dest.string());
    // All pages in one step: one read snapshot, so the copy is consistent and is not restarted
    // by writes that land meanwhile.
    int rc = sqlite3_backup_step(b, -1);
    int fin = sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
        out->reset();
        fs::remove(tmp, ec);
        return sql_error(**src, rc, "copying the chat database to " + dest.string());
    }
    if (fin != SQLITE_OK) return sql_error(**out, fin, "finishing the backup to " + dest.string());
    // The copy keeps the WAL flag of the original; fold everything into the one file.
    if (auto st = exec(**out, "PRAGMA journal_mode = DELETE;"); !st) return st;
    out->reset();
    fs::rename(tmp, dest, ec);
    if (ec)
        return make_error("storage.backup", "Could not put the backup at " + dest.string() + ": " + ec.message() + ".");
    return {};
}

std::future<Status> backup_database_async(Database& db, const fs::path& dest) {
    auto promise = std::make_shared<std::promise<Status>>();
    auto fut = promise->get_future();
    db.post_read([&db, dest, promise](Connection&) { promise->set_value(backup_database(db, dest)); });
    return fut;
}

}  // namespace hearth::storage
