// SHA-256 on its own thread, fed as bytes arrive, so hashing overlaps with receiving and
// writing instead of adding to it (on a fast link the hash is the bottleneck otherwise), and
// the download thread stays free to serve the other transfers.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include "downloader/sha256.h"

namespace hearth::dl {

class HashPipeline {
public:
    HashPipeline();
    ~HashPipeline();
    HashPipeline(const HashPipeline&) = delete;
    HashPipeline& operator=(const HashPipeline&) = delete;

    // Copies the bytes and returns; waits only when kMaxPending bytes are already queued.
    void feed(const void* data, size_t n);
    // The state after everything fed so far (waits for the queue to drain).
    Sha256 snapshot();
    // Drains, then replaces the state (a restart from zero, or a resumed .part hashed elsewhere).
    void reset(const Sha256& state);

    static constexpr size_t kMaxPending = 64u << 20;
    static constexpr size_t kBlock = 1u << 20;

private:
    void run();
    bool idle() const { return queue_.empty() && !busy_; }

    std::mutex mu_;
    std::condition_variable work_, idle_;
    std::deque<std::string> queue_;
    size_t pending_ = 0;
    bool busy_ = false, stop_ = false, hasher_waiting_ = false;
    Sha256 state_;
    std::thread thread_;
};

}  // namespace hearth::dl
