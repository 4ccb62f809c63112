// What a caller hands the downloader and what it reports back: requests, network settings,
// progress snapshots. Plain data; the engine lives in downloader.h.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "base/result.h"
#include "downloader/file_sink.h"

namespace hearth::dl {

enum class TransferState { queued, running, paused, verifying, done, failed, cancelled };
const char* to_string(TransferState s);
std::optional<TransferState> transfer_state_from_string(const std::string& s);
inline bool is_finished(TransferState s) {
    return s == TransferState::done || s == TransferState::failed || s == TransferState::cancelled;
}

struct DownloadRequest {
    std::string url;
    std::filesystem::path dest;  // final path; bytes go to dest + ".part" until verified
    std::string repo, file;      // for the user and the state database only
    int64_t expected_size = -1;  // -1: unknown
    std::string expected_sha256;  // lowercase hex; empty: not checked (nor computed)
    bool check_gguf = false;      // open the finished file as GGUF before declaring success
    bool send_token = false;      // attach the Hugging Face token (same host only; curl drops it on redirects elsewhere)
};

// Network and recovery settings. The defaults suit real use; tests shrink the timings.
struct NetworkOptions {
    std::string user_agent;            // empty: "Hearth/<version>"
    std::string ca_bundle;             // a PEM file to trust instead of the system store
    std::string hf_token;              // UserConfig::hf_token; empty: none; never logged or stored
    long connect_timeout_ms = 15000;
    long stall_timeout_ms = 30000;     // no bytes for this long: drop the connection and resume
    int max_attempts = 8;              // consecutive failed attempts (without progress) before giving up
    long backoff_initial_ms = 1000;
    long backoff_max_ms = 60000;
    long retry_after_max_ms = 300000;  // cap on a server's Retry-After
    long progress_interval_ms = 200;   // progress callbacks while active (5 Hz)
    double speed_time_constant_s = 2.0;  // smoothing of the speed estimate
    long store_interval_ms = 1000;     // how often bytes_done is written to the state store
    int max_parallel = 3;
    int64_t disk_reserve_bytes = 64ll << 20;  // keep this much free beyond the download
    // Opens the sink bytes are written to; tests inject failing sinks. Null: POSIX files.
    std::function<std::unique_ptr<FileSink>()> sink_factory;
    // Runs on the finished .part, off the download thread, before it is renamed into place (the
    // GGUF header check): a file that fails it never appears under its final name. Null: none.
    std::function<Status(const std::filesystem::path&)> gguf_check;
};

struct Progress {
    int64_t id = 0;
    TransferState state = TransferState::queued;
    int64_t bytes_done = 0;
    int64_t total = -1;            // -1: not known yet
    double bytes_per_second = 0;   // smoothed; decays towards zero while no bytes arrive
    double eta_seconds = -1;       // -1: unknown
    int attempt = 0;               // failed attempts in a row
    std::string note;              // "retrying in 4 s: the server answered 503", "verifying"
    std::optional<Error> error;    // set when state is failed
    std::filesystem::path dest;
};

using ProgressCallback = std::function<void(const Progress&)>;

}  // namespace hearth::dl
