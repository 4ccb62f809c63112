#include "downloader/hash_pipeline.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace hearth::dl {

HashPipeline::HashPipeline() : thread_([this] { run(); }) {}

HashPipeline::~HashPipeline() {
    {
        std::lock_guard lock(mu_);
        stop_ = true;
        ++generation_;
    }
    work_.notify_all();
    thread_.join();
    close_file();
}

void HashPipeline::start(const std::filesystem::path& path, int64_t size) {
    std::unique_lock lock(mu_);
    ++generation_;
    // The hashing thread finishes at most one block of abandoned work; its result is dropped.
    idle_.wait(lock, [&] { return !busy_; });
    // Reopened lazily: the file may be about to be replaced (a damaged copy moved aside).
    close_file();
    path_ = path;
    hashed_ = 0;
    target_ = std::max<int64_t>(size, 0);
    drain_ = target_ > 0;  // the bytes already there are read at once, however few
    error_.reset();
    state_ = Sha256{};
    const bool wake = hasher_waiting_ && target_ > 0;
    lock.unlock();
    if (wake) work_.notify_one();
}

void HashPipeline::written(size_t n) {
    if (n == 0) return;
    std::unique_lock lock(mu_);
    target_ += static_cast<int64_t>(n);
    const bool wake = hasher_waiting_ && target_ - hashed_ >= kWakeBytes;
    lock.unlock();
    if (wake) work_.notify_one();
}

Result<Sha256> HashPipeline::snapshot() {
    std::unique_lock lock(mu_);
    drain_ = true;
    if (hasher_waiting_) work_.notify_one();
    idle_.wait(lock, [&] { return !busy_ && (hashed_ == target_ || error_); });
    drain_ = false;
    if (error_) return *error_;
    return state_;
}

std::optional<Error> HashPipeline::error() {
    std::lock_guard lock(mu_);
    return error_;
}

void HashPipeline::close_file() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
}

Status HashPipeline::hash_block(int64_t from, int64_t to, int64_t& got) {
    if (fd_ < 0) {
        fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd_ < 0) return make_error("io.open", "Cannot open " + path_.string() + " to check its SHA-256.");
    }
    buf_.resize(kBlock);
    size_t want = static_cast<size_t>(std::min<int64_t>(to - from, static_cast<int64_t>(kBlock)));
    ssize_t n;
    do {
        n = ::pread(fd_, buf_.data(), want, from);
    } while (n < 0 && errno == EINTR);
    if (n < 0) return make_error("io.read", "Reading " + path_.string() + " failed while checking its SHA-256.");
    if (n == 0)
        return make_error("io.truncated", path_.string() + " is shorter than expected while checking its SHA-256.");
    sha256_update(state_, buf_.data(), static_cast<size_t>(n));
    got = n;
    return {};
}

void HashPipeline::run() {
    std::unique_lock lock(mu_);
    while (true) {
        hasher_waiting_ = true;
        work_.wait(lock, [&] {
            const int64_t waiting = target_ - hashed_;
            return stop_ || (!error_ && (waiting >= kWakeBytes || (drain_ && waiting > 0)));
        });
        hasher_waiting_ = false;
        if (stop_) return;
        const uint64_t gen = generation_;
        const int64_t from = hashed_, to = target_;
        busy_ = true;
        lock.unlock();
        // Only this thread touches state_ and fd_ while busy_ is set; start() and snapshot()
        // wait for it to clear.
        int64_t got = 0;
        Status st = hash_block(from, to, got);
        lock.lock();
        busy_ = false;
        if (gen == generation_) {
            if (st) hashed_ += got;
            else error_ = st.error();
            if (hashed_ == target_) drain_ = false;  // caught up: back to waiting for a full block
        }
        idle_.notify_all();
    }
}

}  // namespace hearth::dl
