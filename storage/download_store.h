// Download records: what the downloader has queued, how far each transfer got and how it
// ended, so a restart of Hearth resumes where it stopped. The downloader (downloader/) owns
// the transfers; this file only persists them.
//
// DownloadStore's calls block until the write/read is done (they run on the storage writer
// thread or a reader connection): call them from the downloader's worker threads, never a
// UI thread. The *_conn free functions do the same work on a Connection, for callers that
// batch several changes into one Database::write() transaction.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "storage/database.h"

namespace hearth::storage {

struct DownloadRecord {
    int64_t id = 0;
    std::string url, dest_path, repo, file;
    int64_t expected_size = -1;  // bytes; -1 when the server did not say
    std::string expected_sha256;  // lowercase hex; empty when unknown
    int64_t bytes_done = 0;
    std::string etag, last_modified;  // validators for a resumed Range request
    std::string state = "queued";  // queued|running|paused|verifying|done|failed|cancelled
    std::string error;             // user-facing sentence when state is failed
    int64_t created_at = 0, updated_at = 0;  // ms since the Unix epoch
};

// True for the seven states above.
bool is_valid_download_state(const std::string& state);

class DownloadStore {
public:
    explicit DownloadStore(Database& db) : db_(db) {}

    // Inserts r (its id, created_at and updated_at are ignored and set here); returns the new id.
    Result<int64_t> add(const DownloadRecord& r);
    // storage.not_found when there is no such id.
    Result<DownloadRecord> get(int64_t id);
    // Unfinished (queued, running, paused, verifying) first, then finished; oldest first in each.
    Result<std::vector<DownloadRecord>> list();
    Status update_progress(int64_t id, int64_t bytes_done, const std::string& etag,
                           const std::string& last_modified);
    // storage.bad_state for a state outside the list above.
    Status set_state(int64_t id, const std::string& state, const std::string& error = {});
    Status remove(int64_t id);

private:
    Database& db_;
};

// The same operations on an open connection (writes need the writer's connection).
Result<int64_t> add_download(Connection& c, const DownloadRecord& r);
Result<DownloadRecord> get_download(Connection& c, int64_t id);
Result<std::vector<DownloadRecord>> list_downloads(Connection& c);
Status update_download_progress(Connection& c, int64_t id, int64_t bytes_done,
                                const std::string& etag, const std::string& last_modified);
Status set_download_state(Connection& c, int64_t id, const std::string& state,
                          const std::string& error);
Status remove_download(Connection& c, int64_t id);

}  // namespace hearth::storage
