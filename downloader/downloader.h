// The download engine: libcurl's multi interface on one worker thread, several transfers at
// once, each resumable, verified and recorded in a StateStore.
//
// What a transfer does: checks free disk space (counting the .part already there), resumes
// with Range + If-Range from `dest.part` (its existing bytes are hashed on the part writer's
// hashing thread while the transfer runs), restarts from zero when the server ignores the range or the file
// changed, retries network errors, 5xx and 429 with exponential backoff and jitter (honouring
// Retry-After), reconnects when no byte arrives for stall_timeout_ms, hashes the bytes as they
// stream (when there is an expected_sha256), and on success syncs the .part to the disk and
// renames it into place atomically. A SHA-256 mismatch moves the file aside (`dest.corrupt`)
// and downloads once more before failing.
//
// Threading: every public call may come from any thread; add() and restore_unfinished() wait
// for the state store (a database write), so call them off the UI thread. Progress callbacks
// run on the worker thread, at least every progress_interval_ms while a transfer is active
// and at every state change; they must return quickly and may call pause/resume/cancel.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "base/result.h"
#include "downloader/state_store.h"
#include "downloader/transfer_types.h"

namespace hearth::dl {

class Downloader {
public:
    Downloader(StateStore& store, NetworkOptions options, ProgressCallback on_progress = {});
    ~Downloader();  // stops the worker; active transfers are left queued in the store, .part kept
    Downloader(const Downloader&) = delete;
    Downloader& operator=(const Downloader&) = delete;

    // Records the request in the store and queues it; returns its id.
    Result<int64_t> add(const DownloadRequest& request);
    // Re-queues the unfinished downloads from the store (after a restart or a crash) that
    // `only` accepts (all when empty); paused ones are loaded paused. Returns their ids.
    Result<std::vector<int64_t>> restore_unfinished(
        const std::function<bool(const TransferRecord&)>& only = {});

    Status pause(int64_t id);
    Status resume(int64_t id);   // also retries a failed download
    Status cancel(int64_t id);   // stops and deletes the .part

    std::optional<Progress> progress(int64_t id) const;
    std::vector<Progress> all_progress() const;
    // Blocks until the download is done, failed or cancelled, or until `timeout` passes
    // (then returns its current progress).
    Progress wait(int64_t id, std::chrono::milliseconds timeout = std::chrono::hours(24 * 365));

    struct Worker;  // the curl side, in downloader.cpp

private:
    void post(std::function<void(Worker&)> command);
    void publish(const Progress& p);

    StateStore& store_;
    NetworkOptions options_;
    ProgressCallback on_progress_;

    mutable std::mutex mu_;
    std::condition_variable changed_;
    std::map<int64_t, Progress> snapshots_;
    std::vector<std::function<void(Worker&)>> commands_;
    std::unique_ptr<Worker> worker_;
    std::thread thread_;

    friend struct Worker;
};

// The user agent Hearth sends: "Hearth/<version>".
std::string default_user_agent();

}  // namespace hearth::dl
