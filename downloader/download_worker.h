// Inside the Downloader: the worker thread's state (one Job per download) and its steps. Only
// downloader.cpp and download_worker.cpp include this; callers use downloader.h.
#pragma once

#include <curl/curl.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <string>

#include "downloader/downloader.h"
#include "downloader/part_writer.h"
#include "downloader/response_headers.h"
#include "downloader/speed_meter.h"

namespace hearth::dl {

using Clock = std::chrono::steady_clock;

enum class Abort { none, restart, sink_failed, too_long };

struct Job {
    int64_t id = 0;
    DownloadRequest req;
    TransferState state = TransferState::queued;
    std::filesystem::path part;

    CURL* easy = nullptr;
    curl_slist* headers = nullptr;

    // Writes and hashes the .part (hashing only with an expected_sha256). Made when the .part
    // is first adopted, released when the download ends.
    std::unique_ptr<PartWriter> writer;
    bool part_loaded = false;  // false until the .part on disk has been adopted (restart_part)
    bool disk_wait = false;    // the transfer is paused until the writer has room
    size_t disk_wait_bytes = 0;
    bool sealing = false;      // verifying: the writer syncs and finishes the hash
    int64_t bytes_done = 0;
    int64_t total = -1;
    std::string etag, last_modified;  // validators of the bytes in the .part

    // The current attempt.
    ResponseHeaders resp;
    long status = 0;
    bool body_started = false;
    std::string error_body;
    Abort abort = Abort::none;
    std::optional<Error> sink_error;
    int64_t bytes_at_start = 0;
    Clock::time_point last_byte;

    bool waiting = false;  // backing off until next_try
    Clock::time_point next_try;
    int attempt = 0;       // failed attempts in a row
    int restarts = 0;      // restarts from zero (guard against a server that never honours ranges)
    bool quarantined_once = false;
    bool space_checked = false;
    std::string note;
    std::optional<Error> error;

    SpeedMeter speed;
    Clock::time_point last_store;
};

// Everything here runs on the worker thread, except that Downloader posts commands to it.
struct Downloader::Worker {
    Downloader& owner;
    NetworkOptions& opt;
    CURLM* multi = nullptr;
    std::map<int64_t, std::unique_ptr<Job>> jobs;
    bool stop = false;
    std::string token;
    std::mt19937_64 rng{std::random_device{}()};
    Clock::time_point next_tick = Clock::now();

    Worker(Downloader& o, NetworkOptions& options) : owner(o), opt(options) {
        multi = curl_multi_init();
        curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, 16L);
        token = opt.hf_token;
    }
    ~Worker() {
        jobs.clear();  // their writers' threads wake this multi handle
        curl_multi_cleanup(multi);
    }

    // ---- reporting ----

    Progress snapshot(Job& j);

    void emit(Job& j) { owner.publish(snapshot(j)); }

    void set_state(Job& j, TransferState s, std::string note = {});

    void fail(Job& j, Error e);

    // ---- one attempt ----

    // Ends the connection, keeping the writer (and the hash) as they are.
    void drop_connection(Job& j);
    // Ends the connection and writes every byte received to the .part.
    void stop_transfer(Job& j);

    // Starts the .part over from its first `keep` bytes: staged bytes dropped, hash restarted.
    // A download without a published hash is not hashed: there would be nothing to compare with.
    Status restart_part(Job& j, int64_t keep);

    // Empties the .part; false (the download failed) if the file cannot be written.
    bool reset_to_zero(Job& j);

    // The bytes of the .part an earlier run left that can be ours.
    static int64_t part_size(const Job& j);

    static size_t on_header(char* data, size_t size, size_t n, void* user);

    static size_t on_body(char* data, size_t size, size_t n, void* user);

    // The first body byte: decides whether these bytes extend the .part, replace it, or are an
    // error page. Returns false to abort the transfer (j.abort says why).
    static bool begin_body(Job& j);

    void start_attempt(Job& j);

    void schedule_retry(Job& j, const std::string& why, std::optional<long> server_delay_ms);

    void restart_from_zero(Job& j, const std::string& why);

    void quarantine_or_fail(Job& j, const std::string& what);

    // All bytes are in: the writer syncs the file and finishes the hash on its threads, and
    // complete() takes over once sealed() answers, so other transfers go on meanwhile.
    void finish(Job& j);
    void complete(Job& j, SealResult sealed);

    void on_done(Job& j, CURLcode rc);

    // ---- the loop ----

    void tick(Clock::time_point now);

    void check_stalls(Clock::time_point now);

    // Unpauses transfers the writer has room for again, completes sealed downloads.
    void check_writers(Clock::time_point now);

    void start_ready(Clock::time_point now);

    long poll_timeout_ms(Clock::time_point now);

    void run();

    // ---- commands ----

    void add_job(std::unique_ptr<Job> j);

    void pause(int64_t id);

    void resume(int64_t id);

    void cancel(int64_t id);
};

}  // namespace hearth::dl
