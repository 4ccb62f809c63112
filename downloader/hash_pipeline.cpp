#include "downloader/hash_pipeline.h"

#include <algorithm>

namespace hearth::dl {

HashPipeline::HashPipeline() : thread_([this] { run(); }) {}

HashPipeline::~HashPipeline() {
    {
        std::lock_guard lock(mu_);
        stop_ = true;
    }
    work_.notify_all();
    thread_.join();
}

void HashPipeline::feed(const void* data, size_t n) {
    if (n == 0) return;
    std::unique_lock lock(mu_);
    idle_.wait(lock, [&] { return pending_ < kMaxPending; });
    // Small network chunks are gathered into blocks: fewer allocations and fewer wake-ups.
    if (!queue_.empty() && queue_.back().size() + n <= kBlock) {
        queue_.back().append(static_cast<const char*>(data), n);
    } else {
        queue_.emplace_back();
        queue_.back().reserve(std::max(n, kBlock));
        queue_.back().append(static_cast<const char*>(data), n);
    }
    pending_ += n;
    const bool wake = hasher_waiting_;
    lock.unlock();
    if (wake) work_.notify_one();
}

Sha256 HashPipeline::snapshot() {
    std::unique_lock lock(mu_);
    idle_.wait(lock, [&] { return idle(); });
    return state_;
}

void HashPipeline::reset(const Sha256& state) {
    std::unique_lock lock(mu_);
    idle_.wait(lock, [&] { return idle(); });
    state_ = state;
}

void HashPipeline::run() {
    std::unique_lock lock(mu_);
    while (true) {
        hasher_waiting_ = true;
        work_.wait(lock, [&] { return stop_ || !queue_.empty(); });
        hasher_waiting_ = false;
        if (queue_.empty()) return;  // stopping, nothing left
        std::string chunk = std::move(queue_.front());
        queue_.pop_front();
        busy_ = true;
        lock.unlock();
        // Only this thread touches state_ while busy_ is set; snapshot()/reset() wait for idle.
        sha256_update(state_, chunk.data(), chunk.size());
        lock.lock();
        busy_ = false;
        pending_ -= chunk.size();
        idle_.notify_all();
    }
}

}  // namespace hearth::dl
