// The downloader's StateStore over storage/'s SQLite download table.
#include "downloader/state_store.h"
#include "storage/database.h"
#include "storage/download_store.h"

namespace hearth::dl {
namespace {

storage::DownloadRecord to_storage(const TransferRecord& r) {
    storage::DownloadRecord s;
    s.id = r.id;
    s.url = r.url;
    s.dest_path = r.dest_path;
    s.repo = r.repo;
    s.file = r.file;
    s.expected_size = r.expected_size;
    s.expected_sha256 = r.expected_sha256;
    s.bytes_done = r.bytes_done;
    s.etag = r.etag;
    s.last_modified = r.last_modified;
    s.state = r.state;
    s.error = r.error;
    s.created_at = r.created_at;
    s.updated_at = r.updated_at;
    return s;
}

TransferRecord from_storage(const storage::DownloadRecord& s) {
    TransferRecord r;
    r.id = s.id;
    r.url = s.url;
    r.dest_path = s.dest_path;
    r.repo = s.repo;
    r.file = s.file;
    r.expected_size = s.expected_size;
    r.expected_sha256 = s.expected_sha256;
    r.bytes_done = s.bytes_done;
    r.etag = s.etag;
    r.last_modified = s.last_modified;
    r.state = s.state;
    r.error = s.error;
    r.created_at = s.created_at;
    r.updated_at = s.updated_at;
    return r;
}

class DatabaseStateStore final : public StateStore {
public:
    explicit DatabaseStateStore(std::unique_ptr<storage::Database> db)
        : owned_(std::move(db)), db_(*owned_), store_(db_) {}
    explicit DatabaseStateStore(storage::Database& db) : db_(db), store_(db_) {}
    ~DatabaseStateStore() override { db_.flush_writes(); }

    Result<int64_t> add(const TransferRecord& record) override { return store_.add(to_storage(record)); }
    Result<std::optional<TransferRecord>> get(int64_t id) override {
        auto r = store_.get(id);
        if (!r) {
            if (r.error().code == "storage.not_found") return std::optional<TransferRecord>{};
            return r.error();
        }
        return std::optional<TransferRecord>{from_storage(*r)};
    }
    Result<std::vector<TransferRecord>> list() override {
        auto r = store_.list();
        if (!r) return r.error();
        std::vector<TransferRecord> out;
        for (const auto& s : *r) out.push_back(from_storage(s));
        return out;
    }
    Status update_progress(int64_t id, int64_t bytes_done, const std::string& etag,
                           const std::string& last_modified) override {
        return store_.update_progress(id, bytes_done, etag, last_modified);
    }
    Status set_state(int64_t id, const std::string& state, const std::string& error) override {
        return store_.set_state(id, state, error);
    }
    Status remove(int64_t id) override { return store_.remove(id); }

private:
    std::unique_ptr<storage::Database> owned_;  // set when this store opened the database
    storage::Database& db_;
    storage::DownloadStore store_;
};

}  // namespace

Result<std::unique_ptr<StateStore>> open_database_store(const std::string& db_path) {
    auto db = storage::Database::open(db_path);
    if (!db) return db.error();
    return std::unique_ptr<StateStore>(std::make_unique<DatabaseStateStore>(std::move(*db)));
}

std::unique_ptr<StateStore> database_store(storage::Database& db) {
    return std::make_unique<DatabaseStateStore>(db);
}

}  // namespace hearth::dl
