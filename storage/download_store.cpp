#include "storage/download_store.h"

#include "storage/connection.h"

namespace hearth::storage {
namespace {

constexpr const char* kColumns =
    "id, url, dest_path, repo, file, expected_size, expected_sha256, bytes_done, etag, last_modified, "
    "state, error, created_at, updated_at";

DownloadRecord read_row(const Stmt& s) {
    DownloadRecord r;
    r.id = s.i64(0);
    r.url = s.text(1);
    r.dest_path = s.text(2);
    r.repo = s.text(3);
    r.file = s.text(4);
    r.expected_size = s.i64(5);
    r.expected_sha256 = s.text(6);
    r.bytes_done = s.i64(7);
    r.etag = s.text(8);
    r.last_modified = s.text(9);
    r.state = s.text(10);
    r.error = s.text(11);
    r.created_at = s.i64(12);
    r.updated_at = s.i64(13);
    return r;
}

Error not_found(int64_t id) {
    return make_error("storage.not_found", "There is no download with id " + std::to_string(id) +
                                               "; it may have been removed.");
}

Status expect_one_change(Connection& c, int64_t id) {
    if (changes(c) == 0) return not_found(id);
    return {};
}

}  // namespace

bool is_valid_download_state(const std::string& s) {
    for (const char* v : {"queued", "running", "paused", "verifying", "done", "failed", "cancelled"})
        if (s == v) return true;
    return false;
}

Result<int64_t> add_download(Connection& c, const DownloadRecord& r) {
    if (!is_valid_download_state(r.state))
        return make_error("storage.bad_state", "'" + r.state + "' is not a download state.");
    int64_t now = now_ms();
    Stmt s(c, "INSERT INTO downloads (url, dest_path, repo, file, expected_size, expected_sha256, bytes_done, "
              "etag, last_modified, state, error, created_at, updated_at) "
              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)");
    s.bind(1, r.url).bind(2, r.dest_path).bind(3, r.repo).bind(4, r.file).bind(5, r.expected_size);
    s.bind(6, r.expected_sha256).bind(7, r.bytes_done).bind(8, r.etag).bind(9, r.last_modified);
    s.bind(10, r.state).bind(11, r.error).bind(12, now);
    if (auto st = s.run(); !st) return st.error();
    return last_insert_id(c);
}

Result<DownloadRecord> get_download(Connection& c, int64_t id) {
    Stmt s(c, std::string("SELECT ") + kColumns + " FROM downloads WHERE id = ?1");
    s.bind(1, id);
    auto r = s.step();
    if (!r) return r.error();
    if (!*r) return not_found(id);
    return read_row(s);
}

Result<std::vector<DownloadRecord>> list_downloads(Connection& c) {
    Stmt s(c, std::string("SELECT ") + kColumns +
                  " FROM downloads ORDER BY state IN ('done', 'failed', 'cancelled'), created_at, id");
    return s.rows(read_row);
}

Status update_download_progress(Connection& c, int64_t id, int64_t bytes_done, const std::string& etag,
                                const std::string& last_modified) {
    Stmt s(c, "UPDATE downloads SET bytes_done = ?2, etag = ?3, last_modified = ?4, updated_at = ?5 WHERE id = ?1");
    s.bind(1, id).bind(2, bytes_done).bind(3, etag).bind(4, last_modified).bind(5, now_ms());
    if (auto st = s.run(); !st) return st;
    return expect_one_change(c, id);
}

Status set_download_state(Connection& c, int64_t id, const std::string& state, const std::string& error) {
    if (!is_valid_download_state(state))
        return make_error("storage.bad_state", "'" + state + "' is not a download state.");
    Stmt s(c, "UPDATE downloads SET state = ?2, error = ?3, updated_at = ?4 WHERE id = ?1");
    s.bind(1, id).bind(2, state).bind(3, error).bind(4, now_ms());
    if (auto st = s.run(); !st) return st;
    return expect_one_change(c, id);
}

Status remove_download(Connection& c, int64_t id) {
    Stmt s(c, "DELETE FROM downloads WHERE id = ?1");
    s.bind(1, id);
    if (auto st = s.run(); !st) return st;
    return expect_one_change(c, id);
}

// Result<void> cannot be a std::future's value through write<T>, so status writes carry a bool.
namespace {
Status write_status(Database& db, std::function<Status(Connection&)> fn) {
    auto r = db.write<bool>([fn = std::move(fn)](Connection& c) -> Result<bool> {
                   if (auto st = fn(c); !st) return st.error();
                   return true;
               }).get();
    if (!r) return r.error();
    return {};
}
}  // namespace

Result<int64_t> DownloadStore::add(const DownloadRecord& r) {
    return db_.write<int64_t>([r](Connection& c) { return add_download(c, r); }).get();
}
Result<DownloadRecord> DownloadStore::get(int64_t id) {
    return db_.read<DownloadRecord>([id](Connection& c) { return get_download(c, id); });
}
Result<std::vector<DownloadRecord>> DownloadStore::list() {
    return db_.read<std::vector<DownloadRecord>>([](Connection& c) { return list_downloads(c); });
}
Status DownloadStore::update_progress(int64_t id, int64_t bytes_done, const std::string& etag,
                                      const std::string& last_modified) {
    return write_status(db_, [=](Connection& c) {
        return update_download_progress(c, id, bytes_done, etag, last_modified);
    });
}
Status DownloadStore::set_state(int64_t id, const std::string& state, const std::string& error) {
    return write_status(db_, [=](Connection& c) { return set_download_state(c, id, state, error); });
}
Status DownloadStore::remove(int64_t id) {
    return write_status(db_, [id](Connection& c) { return remove_download(c, id); });
}

}  // namespace hearth::storage
