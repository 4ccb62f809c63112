#include "downloader/downloader.h"

#include <curl/curl.h>

#include <cstdlib>

#include "downloader/download_worker.h"

#ifndef HEARTH_VERSION_STRING
#define HEARTH_VERSION_STRING "0.1.0"
#endif

namespace fs = std::filesystem;

namespace hearth::dl {

const char* to_string(TransferState s) {
    switch (s) {
        case TransferState::queued: return "queued";
        case TransferState::running: return "running";
        case TransferState::paused: return "paused";
        case TransferState::verifying: return "verifying";
        case TransferState::done: return "done";
        case TransferState::failed: return "failed";
        case TransferState::cancelled: return "cancelled";
    }
    return "failed";
}

std::optional<TransferState> transfer_state_from_string(const std::string& s) {
    for (auto st : {TransferState::queued, TransferState::running, TransferState::paused, TransferState::verifying,
                    TransferState::done, TransferState::failed, TransferState::cancelled})
        if (s == to_string(st)) return st;
    return std::nullopt;
}

std::string default_user_agent() { return std::string("Hearth/") + HEARTH_VERSION_STRING; }

// ---- Downloader ----

Downloader::Downloader(StateStore& store, NetworkOptions options, ProgressCallback on_progress)
    : store_(store), options_(std::move(options)), on_progress_(std::move(on_progress)) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    worker_ = std::make_unique<Worker>(*this, options_);
    thread_ = std::thread([this] { worker_->run(); });
}

Downloader::~Downloader() {
    post([](Worker& w) { w.stop = true; });
    thread_.join();
    worker_.reset();
}

void Downloader::post(std::function<void(Worker&)> command) {
    {
        std::lock_guard lock(mu_);
        commands_.push_back(std::move(command));
    }
    curl_multi_wakeup(worker_->multi);
}

void Downloader::publish(const Progress& p) {
    {
        std::lock_guard lock(mu_);
        snapshots_[p.id] = p;
    }
    changed_.notify_all();
    if (on_progress_) on_progress_(p);
}

Result<int64_t> Downloader::add(const DownloadRequest& request) {
    if (request.url.empty() || request.dest.empty())
        return make_error("download.bad_request", "A download needs a URL and a destination file.");
    TransferRecord r;
    r.url = request.url;
    r.dest_path = request.dest.string();
    r.repo = request.repo;
    r.file = request.file;
    r.expected_size = request.expected_size;
    r.expected_sha256 = request.expected_sha256;
    r.state = "queued";
    auto id = store_.add(r);
    if (!id) return id.error();
    auto job = std::make_unique<Job>();
    job->id = *id;
    job->req = request;
    std::error_code ec;
    fs::create_directories(request.dest.parent_path(), ec);
    {
        Progress p;
        p.id = *id;
        p.dest = request.dest;
        p.total = request.expected_size;
        std::lock_guard lock(mu_);
        snapshots_[p.id] = p;
    }
    post([j = std::shared_ptr<Job>(job.release())](Worker& w) mutable {
        w.add_job(std::make_unique<Job>(std::move(*j)));
    });
    return *id;
}

Result<std::vector<int64_t>> Downloader::restore_unfinished(const std::function<bool(const TransferRecord&)>& only) {
    auto records = store_.list();
    if (!records) return records.error();
    std::vector<int64_t> ids;
    for (const auto& r : *records) {
        auto st = transfer_state_from_string(r.state);
        if (!st || is_finished(*st) || (only && !only(r))) continue;
        {
            std::lock_guard lock(mu_);
            if (snapshots_.count(r.id)) continue;  // already managed here
        }
        auto job = std::make_shared<Job>();
        job->id = r.id;
        job->req.url = r.url;
        job->req.dest = r.dest_path;
        job->req.repo = r.repo;
        job->req.file = r.file;
        job->req.expected_size = r.expected_size;
        job->req.expected_sha256 = r.expected_sha256;
        job->req.check_gguf = fs::path(r.dest_path).extension() == ".gguf";
        job->req.send_token = !r.repo.empty();
        job->etag = r.etag;
        job->last_modified = r.last_modified;
        job->state = *st == TransferState::paused ? TransferState::paused : TransferState::queued;
        {
            Progress p;
            p.id = r.id;
            p.state = job->state;
            p.dest = r.dest_path;
            p.total = r.expected_size;
            p.bytes_done = r.bytes_done;
            std::lock_guard lock(mu_);
            snapshots_[p.id] = p;
        }
        if (job->state == TransferState::paused) {
            // The bytes of a paused download are read when it resumes.
            std::error_code ec;
            fs::path part = r.dest_path + ".part";
            job->bytes_done = fs::exists(part, ec) ? static_cast<int64_t>(fs::file_size(part, ec)) : 0;
        }
        post([job](Worker& w) { w.add_job(std::make_unique<Job>(std::move(*job))); });
        ids.push_back(r.id);
    }
    return ids;
}

static Error unknown_id(int64_t id) {
    return make_error("download.not_found", "There is no download with id " + std::to_string(id) + ".");
}

Status Downloader::pause(int64_t id) {
    if (!progress(id)) return unknown_id(id);
    post([id](Worker& w) { w.pause(id); });
    return {};
}

Status Downloader::resume(int64_t id) {
    if (!progress(id)) return unknown_id(id);
    post([id](Worker& w) { w.resume(id); });
    return {};
}

Status Downloader::cancel(int64_t id) {
    if (!progress(id)) return unknown_id(id);
    post([id](Worker& w) { w.cancel(id); });
    return {};
}

std::optional<Progress> Downloader::progress(int64_t id) const {
    std::lock_guard lock(mu_);
    auto it = snapshots_.find(id);
    if (it == snapshots_.end()) return std::nullopt;
    return it->second;
}

std::vector<Progress> Downloader::all_progress() const {
    std::lock_guard lock(mu_);
    std::vector<Progress> out;
    for (const auto& [id, p] : snapshots_) out.push_back(p);
    return out;
}

Progress Downloader::wait(int64_t id, std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    changed_.wait_for(lock, timeout, [&] {
        auto it = snapshots_.find(id);
        return it == snapshots_.end() || is_finished(it->second.state);
    });
    auto it = snapshots_.find(id);
    return it == snapshots_.end() ? Progress{} : it->second;
}

}  // namespace hearth::dl
