// Where the downloader keeps each download's state so it survives a restart (or a crash): the
// app plugs in the SQLite download table from storage/, tests use the in-memory store.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"

namespace hearth::storage {
class Database;
}

namespace hearth::dl {

// Mirrors storage's DownloadRecord field for field; kept separate so the engine and its tests
// do not depend on the database.
struct TransferRecord {
    int64_t id = 0;
    std::string url, dest_path, repo, file;
    int64_t expected_size = -1;
    std::string expected_sha256;
    int64_t bytes_done = 0;
    std::string etag, last_modified;
    std::string state = "queued";  // queued|running|paused|verifying|done|failed|cancelled
    std::string error;
    int64_t created_at = 0, updated_at = 0;
};

struct StateStore {
    virtual ~StateStore() = default;
    virtual Result<int64_t> add(const TransferRecord& record) = 0;  // returns the new id
    virtual Result<std::optional<TransferRecord>> get(int64_t id) = 0;
    virtual Result<std::vector<TransferRecord>> list() = 0;
    virtual Status update_progress(int64_t id, int64_t bytes_done, const std::string& etag,
                                   const std::string& last_modified) = 0;
    virtual Status set_state(int64_t id, const std::string& state, const std::string& error) = 0;
    virtual Status remove(int64_t id) = 0;
};

// Thread-safe, process-local.
class MemoryStateStore final : public StateStore {
public:
    Result<int64_t> add(const TransferRecord& record) override;
    Result<std::optional<TransferRecord>> get(int64_t id) override;
    Result<std::vector<TransferRecord>> list() override;
    Status update_progress(int64_t id, int64_t bytes_done, const std::string& etag,
                           const std::string& last_modified) override;
    Status set_state(int64_t id, const std::string& state, const std::string& error) override;
    Status remove(int64_t id) override;

private:
    std::mutex mu_;
    std::map<int64_t, TransferRecord> records_;
    int64_t next_id_ = 1;
};

// Opens the SQLite-backed store of storage/ at `db_path` (created if missing); for tools like
// hearth-cli that have no database open yet.
Result<std::unique_ptr<StateStore>> open_database_store(const std::string& db_path);
// The same over a database the app already has open (one writer thread per file); `db` must
// outlive the store.
std::unique_ptr<StateStore> database_store(storage::Database& db);

}  // namespace hearth::dl
