// The download engine under user control and resource limits: pause, resume, cancel, a full
// disk, several transfers at once, the progress rate, and the speed estimate while stalled.
#include <algorithm>
#include <atomic>
#include <thread>

#include "downloader/disk_space.h"
#include "downloader/file_sink.h"
#include "downloader_fixture.h"
#include "test_sinks.h"

namespace hearth::test {
namespace {

using dl::TransferState;
using namespace std::chrono_literals;

bool wait_until(const std::function<bool()>& cond, std::chrono::milliseconds limit = 30s) {
    auto end = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < end) {
        if (cond()) return true;
        std::this_thread::sleep_for(5ms);
    }
    return cond();
}

TEST_F(DownloaderTest, FullDiskFailsClearlyKeepsThePartAndResumes) {
    auto capacity = std::make_shared<std::atomic<int64_t>>(100'000);
    auto o = fast_options();
    o.sink_factory = [capacity] { return std::make_unique<FullDiskSink>(capacity); };
    dl::Downloader d(store, o);
    auto id = d.add(request());
    auto p = d.wait(*id, kWait);
    ASSERT_EQ(p.state, TransferState::failed) << describe(p);
    EXPECT_EQ(p.error->code, "disk.full");
    EXPECT_NE(p.error->message.find("free some space"), std::string::npos) << p.error->message;
    auto part = dir / "model.bin.part";
    ASSERT_TRUE(std::filesystem::exists(part));
    auto kept = std::filesystem::file_size(part);
    EXPECT_GT(kept, 0u);
    EXPECT_LE(kept, 100'000u);

    capacity->store(FullDiskSink::kRoomy);
    ASSERT_TRUE(d.resume(*id).ok());
    ASSERT_TRUE(wait_until([&] { return d.progress(*id)->state != TransferState::failed; }));
    p = d.wait(*id, kWait);
    ASSERT_EQ(p.state, TransferState::done) << describe(p);
    expect_exact(dir / "model.bin", content);
    auto reqs = server.requests("/model.bin");
    ASSERT_EQ(reqs.size(), 2u);
    EXPECT_EQ(reqs[1].range, "bytes=" + std::to_string(kept) + "-");
}

TEST_F(DownloaderTest, NotEnoughFreeSpaceIsRefusedBeforeStarting) {
    dl::Downloader d(store, fast_options());
    auto r = request();
    r.expected_size = int64_t(1) << 60;  // an exabyte
    auto id = d.add(r);
    auto p = d.wait(*id, kWait);
    ASSERT_EQ(p.state, TransferState::failed) << describe(p);
    EXPECT_EQ(p.error->code, "disk.full");
    EXPECT_NE(p.error->message.find("needed"), std::string::npos);
    EXPECT_EQ(server.request_count("/model.bin"), 0);
}

TEST(DiskSpace, MessageSaysHowMuchIsNeededAndFree) {
    auto st = dl::check_free_space_with("/home", 3'200'000'000, 0, 1'100'000'000);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, "disk.full");
    EXPECT_NE(st.error().message.find("3.2 GB needed, 1.1 GB free on /home"), std::string::npos)
        << st.error().message;
    EXPECT_TRUE(dl::check_free_space_with("/home", 1000, 100, 1100).ok());
    EXPECT_FALSE(dl::check_free_space_with("/home", 1000, 101, 1100).ok());
    auto free = dl::free_bytes(std::filesystem::temp_directory_path() / "does" / "not" / "exist");
    ASSERT_TRUE(free.ok());
    EXPECT_GT(*free, 0);
}

TEST_F(DownloaderTest, PauseKeepsThePartAndResumeFinishes) {
    Fault f;
    f.kind = Fault::trickle;
    f.chunk = 4096;
    f.delay_ms = 10;
    server.add_fault("/model.bin", f);
    dl::Downloader d(store, fast_options());
    auto id = d.add(request());
    ASSERT_TRUE(wait_until([&] { return d.progress(*id)->bytes_done > 20'000; }));
    ASSERT_TRUE(d.pause(*id).ok());
    ASSERT_TRUE(wait_until([&] { return d.progress(*id)->state == TransferState::paused; }));
    auto at_pause = d.progress(*id)->bytes_done;
    std::this_thread::sleep_for(200ms);
    EXPECT_EQ(d.progress(*id)->bytes_done, at_pause) << "a paused download must not move";
    EXPECT_EQ(std::filesystem::file_size(dir / "model.bin.part"), static_cast<uint64_t>(at_pause));
    auto rec = store.get(*id);
    EXPECT_EQ((*rec)->state, "paused");
    ASSERT_TRUE(d.resume(*id).ok());
    auto p = d.wait(*id, kWait);
    ASSERT_EQ(p.state, TransferState::done) << describe(p);
    expect_exact(dir / "model.bin", content);
    auto reqs = server.requests("/model.bin");
    ASSERT_EQ(reqs.size(), 2u);
    EXPECT_EQ(reqs[1].range, "bytes=" + std::to_string(at_pause) + "-");
}

TEST_F(DownloaderTest, CancelStopsAndDeletesThePart) {
    Fault f;
    f.kind = Fault::trickle;
    f.chunk = 4096;
    f.delay_ms = 10;
    server.add_fault("/model.bin", f);
    dl::Downloader d(store, fast_options());
    auto id = d.add(request());
    ASSERT_TRUE(wait_until([&] { return d.progress(*id)->bytes_done > 10'000; }));
    ASSERT_TRUE(d.cancel(*id).ok());
    auto p = d.wait(*id, kWait);
    EXPECT_EQ(p.state, TransferState::cancelled);
    EXPECT_FALSE(std::filesystem::exists(dir / "model.bin.part"));
    EXPECT_FALSE(std::filesystem::exists(dir / "model.bin"));
    EXPECT_EQ((*store.get(*id))->state, "cancelled");
    EXPECT_FALSE(d.pause(424242).ok());
}

TEST_F(DownloaderTest, ConcurrentDownloadsReportProgressAtLeastFourTimesASecond) {
    const int n = 3;
    std::vector<std::string> bodies;
    for (int i = 0; i < n; ++i) {
        bodies.push_back(pattern_bytes(240'000, 100 + i));
        std::string path = "/f" + std::to_string(i);
        server.put(path, Resource{bodies.back(), "\"e" + std::to_string(i) + "\""});
        Fault f;
        f.kind = Fault::trickle;
        f.chunk = 4096;
        // About 1.2 s per file (longer in sanitizer builds, so there are progress reports to count).
        f.delay_ms = static_cast<int>(20 * kSanitizerSlowdown);
        server.add_fault(path, f);
    }
    auto o = fast_options();
    o.progress_interval_ms = 100;
    ProgressLog log;
    WakeupMeter meter(std::chrono::milliseconds(o.progress_interval_ms));
    dl::Downloader d(store, o, log.callback());
    std::vector<int64_t> ids;
    for (int i = 0; i < n; ++i) {
        dl::DownloadRequest r;
        r.url = server.url("/f" + std::to_string(i));
        r.dest = dir / ("f" + std::to_string(i));
        r.expected_size = static_cast<int64_t>(bodies[i].size());
        r.expected_sha256 = dl::sha256_hex(bodies[i]);
        ids.push_back(*d.add(r));
    }
    for (int i = 0; i < n; ++i) {
        auto p = d.wait(ids[i], kWait);
        ASSERT_EQ(p.state, TransferState::done) << describe(p);
        expect_exact(dir / ("f" + std::to_string(i)), bodies[i]);
    }
    meter.stop();
    const double required = required_progress_hz(meter);
    // All three ran at once, and each reported at >= 4 Hz while running (see required_progress_hz).
    std::lock_guard lock(log.mu);
    for (int64_t id : ids) {
        std::vector<std::chrono::steady_clock::time_point> times;
        for (auto& [t, p] : log.events)
            if (p.id == id && p.state == TransferState::running) times.push_back(t);
        ASSERT_GE(times.size(), 4u);
        double span = std::chrono::duration<double>(times.back() - times.front()).count();
        double rate = static_cast<double>(times.size() - 1) / span;
        EXPECT_GE(rate, required) << "progress for download " << id << " came at " << rate << " Hz";
    }
    int max_parallel = 0;
    for (auto& [t, p] : log.events) {
        (void)p;
        int running = 0;
        for (int64_t id : ids) {
            // Running at time t: some running event for id at or before t, and done after t.
            bool started = false, finished = false;
            for (auto& [t2, p2] : log.events) {
                if (p2.id != id) continue;
                if (t2 <= t && p2.state == TransferState::running) started = true;
                if (t2 <= t && p2.state == TransferState::done) finished = true;
            }
            running += started && !finished;
        }
        max_parallel = std::max(max_parallel, running);
    }
    EXPECT_EQ(max_parallel, n);
}

// A disk that stops taking writes for one file until released: a slow USB drive, say.
struct StuckDiskSink final : dl::FileSink {
    std::unique_ptr<dl::FileSink> inner = dl::make_posix_sink();
    std::shared_ptr<std::atomic<bool>> stuck;
    bool gated = false;
    explicit StuckDiskSink(std::shared_ptr<std::atomic<bool>> s) : stuck(std::move(s)) {}
    Status open(const std::filesystem::path& p, int64_t size) override {
        gated = p.filename() == "slow.bin.part";
        return inner->open(p, size);
    }
    Status write_at(int64_t offset, const char* data, size_t n) override {
        while (gated && stuck->load()) std::this_thread::sleep_for(1ms);
        return inner->write_at(offset, data, n);
    }
    Status sync() override { return inner->sync(); }
    void close() override { inner->close(); }
};

// When one download's disk cannot keep up, its transfer is paused (the staging memory is
// bounded), it is not mistaken for a stalled server, and the download thread keeps serving
// the others: their progress still comes at >= 4 Hz and they finish.
TEST_F(DownloaderTest, AStuckDiskPausesOnlyItsOwnDownload) {
    const std::string big = pattern_bytes(40u << 20, 21);
    server.put("/slow.bin", Resource{big, "\"s\""});
    Fault trickle;
    trickle.kind = Fault::trickle;
    trickle.chunk = 4096;
    // About 1.5 s (longer in sanitizer builds: the download thread is busy taking the stuck
    // download's burst for a while, and the other download must outlast that to be measured).
    trickle.delay_ms = static_cast<int>(20 * kSanitizerSlowdown);
    server.add_fault("/model.bin", trickle);
    auto stuck = std::make_shared<std::atomic<bool>>(true);
    auto o = fast_options();
    o.progress_interval_ms = 100;
    o.sink_factory = [stuck] { return std::make_unique<StuckDiskSink>(stuck); };
    ProgressLog log;
    WakeupMeter meter(std::chrono::milliseconds(o.progress_interval_ms));
    dl::Downloader d(store, o, log.callback());
    dl::DownloadRequest slow;
    slow.url = server.url("/slow.bin");
    slow.dest = dir / "slow.bin";
    slow.expected_size = static_cast<int64_t>(big.size());
    slow.expected_sha256 = dl::sha256_hex(big);
    auto slow_id = d.add(slow);
    auto other_id = d.add(request());
    auto other = d.wait(*other_id, kWait);
    meter.stop();
    ASSERT_EQ(other.state, TransferState::done) << describe(other);
    expect_exact(dir / "model.bin", content);
    auto held = d.progress(*slow_id);
    ASSERT_TRUE(held);
    EXPECT_EQ(held->state, TransferState::running) << describe(*held);
    // Taken: the staging chunks and what curl holds for a paused transfer, far from all of it.
    EXPECT_LT(held->bytes_done, int64_t{24} << 20) << "the stuck download was not held back";
    stuck->store(false);
    auto done = d.wait(*slow_id, kWait);
    ASSERT_EQ(done.state, TransferState::done) << describe(done);
    EXPECT_TRUE(read_file(dir / "slow.bin") == big);
    EXPECT_EQ(server.request_count("/slow.bin"), 1) << "waiting for the disk was taken for a stall";

    std::lock_guard lock(log.mu);
    std::vector<std::chrono::steady_clock::time_point> times;
    for (auto& [t, p] : log.events)
        if (p.id == *other_id && p.state == TransferState::running) times.push_back(t);
    ASSERT_GE(times.size(), 4u);
    double span = std::chrono::duration<double>(times.back() - times.front()).count();
    EXPECT_GE(static_cast<double>(times.size() - 1) / span, required_progress_hz(meter));
    // A download thread blocked on the stuck disk could never have finished `other` (the disk
    // comes back only after it), so the wait above already catches blocking. The gap bound adds a
    // responsiveness check; under ThreadSanitizer the thread taking the stuck download's 40 MiB
    // burst is slowed 5-15 times while the sleeping meter is not, so there a gap measures the
    // machine's load (seen: 4.9 s at load 28), and the check runs in the other builds only.
    if (kSanitizerSlowdown < 4.0) {
        const auto allowed = allowed_progress_gap(meter);
        for (size_t i = 1; i < times.size(); ++i)
            EXPECT_LT(times[i] - times[i - 1], allowed) << "progress of the other download stopped";
    }
}

TEST_F(DownloaderTest, SpeedDecaysWhileStalledInsteadOfFreezing) {
    Fault f;
    f.kind = Fault::stall;
    f.offset = 150'000;
    f.delay_ms = 1500;
    server.add_fault("/model.bin", f);
    auto o = fast_options();
    o.stall_timeout_ms = 10'000;  // longer than the stall: the meter must show it
    o.speed_time_constant_s = 0.2;
    ProgressLog log;
    dl::Downloader d(store, o, log.callback());
    auto id = d.add(request());
    auto p = d.wait(*id, kWait);
    ASSERT_EQ(p.state, TransferState::done) << describe(p);
    double peak = 0, low_while_stalled = 1e18;
    for (const auto& e : log.for_id(*id)) {
        if (e.state != TransferState::running) continue;
        peak = std::max(peak, e.bytes_per_second);
        if (e.bytes_done == 150'000) low_while_stalled = std::min(low_while_stalled, e.bytes_per_second);
    }
    ASSERT_GT(peak, 0);
    EXPECT_LT(low_while_stalled, peak * 0.05) << "peak " << peak;
}

}  // namespace
}  // namespace hearth::test
