// Shared setup for the download engine tests: a local server, an in-memory state store, a
// scratch folder and fast recovery timings.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "downloader/downloader.h"
#include "downloader/sha256.h"
#include "http_test_server.h"
#include "tests/support/testdata.h"

namespace hearth::test {

inline std::string read_file(const std::filesystem::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// Fast backoff and reporting. The stall timeout stays long: on a loaded machine (ThreadSanitizer,
// a build beside the tests) a transfer can go quiet for a moment, and a short timeout would add
// a reconnect that the tests' request counts do not expect. The stall test sets its own.
inline dl::NetworkOptions fast_options() {
    dl::NetworkOptions o;
    o.connect_timeout_ms = 10'000;
    o.stall_timeout_ms = 30'000;
    o.max_attempts = 5;
    o.backoff_initial_ms = 20;
    o.backoff_max_ms = 200;
    o.retry_after_max_ms = 5000;
    o.progress_interval_ms = 50;
    o.store_interval_ms = 50;
    o.disk_reserve_bytes = 0;
    return o;
}

// What the machine lets a periodic thread do right now: a thread that sleeps `interval` at a
// time and notes when it wakes. Progress that is due every interval is judged against it, so a
// loaded machine (ThreadSanitizer, a build beside the tests) slows both alike and does not fail
// a test whose code is fine.
class WakeupMeter {
public:
    explicit WakeupMeter(std::chrono::milliseconds interval)
        : thread_([this, interval] {
              std::unique_lock lock(mu_);
              wakeups_.push_back(std::chrono::steady_clock::now());
              while (!cv_.wait_for(lock, interval, [this] { return stop_; }))
                  wakeups_.push_back(std::chrono::steady_clock::now());
          }) {}
    ~WakeupMeter() { stop(); }
    void stop() {
        {
            std::lock_guard lock(mu_);
            stop_ = true;
        }
        cv_.notify_all();
        if (thread_.joinable()) thread_.join();
    }
    double hz() {
        std::lock_guard lock(mu_);
        if (wakeups_.size() < 2) return 0;
        return static_cast<double>(wakeups_.size() - 1) /
               std::chrono::duration<double>(wakeups_.back() - wakeups_.front()).count();
    }
    std::chrono::steady_clock::duration longest_gap() {
        std::lock_guard lock(mu_);
        std::chrono::steady_clock::duration g{};
        for (size_t i = 1; i < wakeups_.size(); ++i) g = std::max(g, wakeups_[i] - wakeups_[i - 1]);
        return g;
    }

private:
    std::mutex mu_;
    std::condition_variable cv_;
    bool stop_ = false;
    std::vector<std::chrono::steady_clock::time_point> wakeups_;
    std::thread thread_;  // last: starts after the members it uses
};

// A sanitizer slows the download thread's instrumented work (ThreadSanitizer 5-15 times, ASan
// about twice) but hardly a thread that only sleeps, so the meter cannot see it: the bounds
// below allow for it by this factor. (Seen under ThreadSanitizer with a build beside: the meter
// woke at 8.8 Hz while the download thread, busy taking a 40 MiB burst, reported at 1.7 Hz.)
#if defined(__SANITIZE_THREAD__)
inline constexpr double kSanitizerSlowdown = 4.0;
#elif defined(__SANITIZE_ADDRESS__)
inline constexpr double kSanitizerSlowdown = 2.0;
#else
inline constexpr double kSanitizerSlowdown = 1.0;
#endif

// Progress every 100 ms is 10 Hz; the tests ask for at least 4 Hz, or 40% of what a thread
// sleeping 100 ms at a time managed meanwhile when the machine is too busy for 10 Hz (divided
// by kSanitizerSlowdown in sanitizer builds).
inline double required_progress_hz(WakeupMeter& meter) {
    return std::min(4.0, 0.4 * meter.hz()) / kSanitizerSlowdown;
}
// The longest pause between two progress reports that still counts as "not blocked": 1 s, or
// five of the longest pauses the meter's thread saw (times kSanitizerSlowdown).
inline std::chrono::steady_clock::duration allowed_progress_gap(WakeupMeter& meter) {
    const auto gap = std::max<std::chrono::steady_clock::duration>(std::chrono::seconds(1), 5 * meter.longest_gap());
    return std::chrono::duration_cast<std::chrono::steady_clock::duration>(gap * kSanitizerSlowdown);
}

// Collects every progress callback, thread-safely.
struct ProgressLog {
    std::mutex mu;
    std::vector<std::pair<std::chrono::steady_clock::time_point, dl::Progress>> events;
    dl::ProgressCallback callback() {
        return [this](const dl::Progress& p) {
            std::lock_guard lock(mu);
            events.emplace_back(std::chrono::steady_clock::now(), p);
        };
    }
    std::vector<dl::Progress> for_id(int64_t id) {
        std::lock_guard lock(mu);
        std::vector<dl::Progress> out;
        for (auto& [t, p] : events)
            if (p.id == id) out.push_back(p);
        return out;
    }
};

class DownloaderTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir = scratch_dir(std::string("downloader-") +
                          ::testing::UnitTest::GetInstance()->current_test_info()->name());
        content = pattern_bytes(300'000, 7);
        server.put("/model.bin", Resource{content, "\"v1\""});
    }

    dl::DownloadRequest request(const std::string& path = "/model.bin") {
        dl::DownloadRequest r;
        r.url = server.url(path);
        r.dest = dir / "model.bin";
        r.expected_size = static_cast<int64_t>(content.size());
        r.expected_sha256 = dl::sha256_hex(content);
        return r;
    }

    // One download of request() with a fresh Downloader, to its end.
    dl::Progress download() {
        dl::Downloader d(store, fast_options());
        auto id = d.add(request());
        if (!id) return dl::Progress{};
        return d.wait(*id, kWait);
    }

    void expect_exact(const std::filesystem::path& dest, const std::string& want) {
        EXPECT_TRUE(std::filesystem::exists(dest));
        auto got = read_file(dest);
        EXPECT_EQ(got.size(), want.size());
        EXPECT_TRUE(got == want) << "the downloaded bytes differ";
        auto part = dest;
        part += ".part";
        EXPECT_FALSE(std::filesystem::exists(part));
    }

    static std::string describe(const dl::Progress& p) {
        return std::string(dl::to_string(p.state)) + " " + std::to_string(p.bytes_done) + " " +
               (p.error ? p.error->code + ": " + p.error->message : p.note);
    }

    TestServer server;
    dl::MemoryStateStore store;
    std::filesystem::path dir;
    std::string content;
    static constexpr auto kWait = std::chrono::seconds(60);
};

}  // namespace hearth::test
