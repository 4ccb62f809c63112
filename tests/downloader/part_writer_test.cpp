// The .part writer: staged chunks written and hashed on their own threads, carried tails that
// keep every chunk aligned, back-pressure, failures, and resuming from a file left behind.
// Small chunks (a few KiB) put every boundary case within a test's reach.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <fstream>
#include <mutex>
#include <random>
#include <string>
#include <thread>

#include <unistd.h>

#include "downloader/file_sink.h"
#include "downloader/part_writer.h"
#include "downloader/sha256.h"
#include "test_sinks.h"
#include "tests/support/testdata.h"

namespace hearth::test {
namespace {

using namespace std::chrono_literals;

std::string random_bytes(size_t n, uint32_t seed) {
    std::mt19937 rng(seed);
    std::string s(n, '\0');
    for (auto& c : s) c = static_cast<char>(rng() & 0xFF);
    return s;
}

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_file(const std::filesystem::path& p, std::string_view data) {
    std::ofstream(p, std::ios::binary).write(data.data(), static_cast<std::streamsize>(data.size()));
}

dl::PartWriterOptions small_chunks(size_t chunk_bytes = 16 << 10, int chunks = 3, bool hash = true) {
    dl::PartWriterOptions o;
    o.chunk_bytes = chunk_bytes;
    o.chunks = chunks;
    o.hash = hash;
    return o;
}

dl::SealResult seal_and_wait(dl::PartWriter& w) {
    w.seal();
    auto end = std::chrono::steady_clock::now() + 30s;
    while (std::chrono::steady_clock::now() < end) {
        if (auto r = w.sealed()) return std::move(*r);
        std::this_thread::sleep_for(1ms);
    }
    ADD_FAILURE() << "sealing never finished";
    return {};
}

void expect_sealed_as(dl::PartWriter& w, const std::filesystem::path& path, const std::string& content) {
    auto r = seal_and_wait(w);
    ASSERT_TRUE(r.status.ok()) << r.status.error().message;
    ASSERT_TRUE(r.hash);
    EXPECT_EQ(r.hash->total_bytes, content.size());
    EXPECT_EQ(dl::sha256_finish_hex(*r.hash), dl::sha256_hex(content));
    EXPECT_EQ(read_file(path) == content, true) << "the file differs from what was appended";
    EXPECT_EQ(w.written(), static_cast<int64_t>(content.size()));
}

// Appends `data` in uneven pieces, as a network would hand it over.
void append_unevenly(dl::PartWriter& w, std::string_view data, uint32_t seed, size_t max_piece) {
    std::mt19937 rng(seed);
    for (size_t at = 0; at < data.size();) {
        size_t n = std::min<size_t>(1 + rng() % max_piece, data.size() - at);
        ASSERT_TRUE(w.append(data.data() + at, n).ok());
        at += n;
    }
}

TEST(PartWriter, EverySizeAroundTheBoundariesLandsExactlyAndHashesOnce) {
    const size_t chunk = 16 << 10;
    for (size_t size : {size_t{0}, size_t{1}, size_t{4095}, size_t{4096}, size_t{4097}, chunk - 1, chunk, chunk + 1,
                        5 * chunk + 17}) {
        SCOPED_TRACE(size);
        auto path = scratch_dir("part-writer-sizes") / "model.bin.part";
        const std::string data = random_bytes(size, static_cast<uint32_t>(size));
        dl::PartWriter w(path, dl::make_posix_sink(), small_chunks(chunk));
        ASSERT_TRUE(w.restart(0).ok());
        append_unevenly(w, data, 7, 5000);
        EXPECT_EQ(w.accepted(), static_cast<int64_t>(size));
        expect_sealed_as(w, path, data);
    }
}

// Records where writes land: every one should start at an aligned offset, so that whole
// blocks can bypass the page cache.
struct AlignmentSink final : dl::FileSink {
    std::unique_ptr<dl::FileSink> inner = dl::make_posix_sink();
    std::atomic<int>* unaligned;
    explicit AlignmentSink(std::atomic<int>* u) : unaligned(u) {}
    Status open(const std::filesystem::path& p, int64_t size) override { return inner->open(p, size); }
    Status write_at(int64_t offset, const char* data, size_t n) override {
        if (offset % static_cast<int64_t>(dl::kDirectAlign) != 0) ++*unaligned;
        return inner->write_at(offset, data, n);
    }
    Status sync() override { return inner->sync(); }
    void close() override { inner->close(); }
};

// Partial submissions (slow bytes flushed each tick) and closes (pauses, retries) leave
// unaligned tails, which the next chunk carries so that it starts aligned; nothing is lost,
// written out of place, or hashed twice.
TEST(PartWriter, PartialSubmitsAndClosesKeepEveryByteInOrder) {
    auto path = scratch_dir("part-writer-partial") / "model.bin.part";
    const std::string data = random_bytes(300'001, 4);
    std::atomic<int> unaligned{0};
    dl::PartWriter w(path, std::make_unique<AlignmentSink>(&unaligned), small_chunks(8 << 10, 2));
    ASSERT_TRUE(w.restart(0).ok());
    std::mt19937 rng(5);
    int closes = 0, partials = 0;
    for (size_t at = 0; at < data.size();) {
        size_t n = std::min<size_t>(1 + rng() % 3000, data.size() - at);
        ASSERT_TRUE(w.append(data.data() + at, n).ok());
        at += n;
        switch (rng() % 8) {
            case 0: w.submit_partial(); ++partials; break;
            case 1: ASSERT_TRUE(w.close().ok()); ++closes; EXPECT_EQ(w.written(), static_cast<int64_t>(at)); break;
            default: break;
        }
    }
    expect_sealed_as(w, path, data);
    EXPECT_GT(closes, 10);
    EXPECT_GT(partials, 10);
    EXPECT_EQ(unaligned.load(), 0) << "a chunk began at an unaligned offset";
}

// A .part from an earlier run that ends mid-block: its tail is read back to start the next
// (aligned) chunk, and the hash covers old and new bytes exactly once.
TEST(PartWriter, ResumesAPartThatEndsMidBlock) {
    auto path = scratch_dir("part-writer-resume") / "model.bin.part";
    const std::string whole = random_bytes(200'000, 6);
    const size_t kept = 3 * 4096 + 123;
    write_file(path, std::string_view(whole).substr(0, kept));
    dl::PartWriter w(path, dl::make_posix_sink(), small_chunks());
    ASSERT_TRUE(w.restart(static_cast<int64_t>(kept)).ok());
    EXPECT_EQ(w.accepted(), static_cast<int64_t>(kept));
    append_unevenly(w, std::string_view(whole).substr(kept), 8, 7000);
    expect_sealed_as(w, path, whole);
}

// A big resumed part takes the hasher a while to read; new chunks must not wait in memory for
// it. Those that reach the disk meanwhile are read back later, and the hash is still exact.
TEST(PartWriter, ABigResumedPartDoesNotHoldUpNewBytes) {
    auto path = scratch_dir("part-writer-big-resume") / "model.bin.part";
    const std::string whole = random_bytes((48u << 20) + 5000, 9);
    const size_t kept = 40u << 20;
    write_file(path, std::string_view(whole).substr(0, kept));
    dl::PartWriter w(path, dl::make_posix_sink(), small_chunks(64 << 10, 2));
    ASSERT_TRUE(w.restart(static_cast<int64_t>(kept)).ok());
    append_unevenly(w, std::string_view(whole).substr(kept), 10, 60'000);
    expect_sealed_as(w, path, whole);
}

TEST(PartWriter, WithoutAHashOnlyWrites) {
    auto path = scratch_dir("part-writer-nohash") / "model.bin.part";
    const std::string data = random_bytes(50'000, 11);
    dl::PartWriter w(path, dl::make_posix_sink(), small_chunks(16 << 10, 3, false));
    ASSERT_TRUE(w.restart(0).ok());
    append_unevenly(w, data, 12, 9000);
    auto r = seal_and_wait(w);
    ASSERT_TRUE(r.status.ok()) << r.status.error().message;
    EXPECT_FALSE(r.hash);
    EXPECT_EQ(read_file(path), data);
}

// A file moved aside (a damaged copy quarantined) and a restart from zero: staged bytes of the
// old attempt are dropped, the new file holds only the new bytes, and the hash starts over.
TEST(PartWriter, RestartDropsTheOldAttempt) {
    auto dir = scratch_dir("part-writer-restart");
    auto path = dir / "model.bin.part";
    const std::string old_bytes = random_bytes(70'000, 13), new_bytes = random_bytes(33'333, 14);
    dl::PartWriter w(path, dl::make_posix_sink(), small_chunks());
    ASSERT_TRUE(w.restart(0).ok());
    append_unevenly(w, old_bytes, 15, 4000);
    w.submit_partial();
    std::filesystem::rename(path, dir / "model.bin.corrupt");
    ASSERT_TRUE(w.restart(0).ok());
    EXPECT_EQ(std::filesystem::file_size(path), 0u);
    append_unevenly(w, new_bytes, 16, 4000);
    expect_sealed_as(w, path, new_bytes);
}

// A sink that holds every write until released: a disk that has stopped keeping up.
struct GatedSink final : dl::FileSink {
    std::unique_ptr<dl::FileSink> inner = dl::make_posix_sink();
    std::mutex mu;
    std::condition_variable cv;
    bool open_gate = false;
    std::atomic<int> waiting{0};
    Status open(const std::filesystem::path& p, int64_t size) override { return inner->open(p, size); }
    Status write_at(int64_t offset, const char* data, size_t n) override {
        std::unique_lock lock(mu);
        ++waiting;
        cv.wait(lock, [&] { return open_gate; });
        --waiting;
        return inner->write_at(offset, data, n);
    }
    Status sync() override { return inner->sync(); }
    void close() override { inner->close(); }
    void release() {
        std::lock_guard lock(mu);
        open_gate = true;
        cv.notify_all();
    }
};

TEST(PartWriter, RoomRunsOutWhileTheDiskLagsAndTheCallerIsWokenWhenItReturns) {
    auto path = scratch_dir("part-writer-room") / "model.bin.part";
    auto sink = std::make_unique<GatedSink>();
    GatedSink* gate = sink.get();
    std::atomic<int> wakes{0};
    auto o = small_chunks(8 << 10, 2);
    o.wake = [&] { ++wakes; };
    dl::PartWriter w(path, std::move(sink), o);
    ASSERT_TRUE(w.restart(0).ok());
    const std::string data = random_bytes(64 << 10, 17);
    size_t at = 0;
    const size_t piece = 1000;
    while (at < data.size() && w.has_room(piece)) {
        ASSERT_TRUE(w.append(data.data() + at, piece).ok());
        at += piece;
    }
    // Two chunks of staging, and no more, before has_room() says no.
    EXPECT_GE(at, size_t{16 << 10} - piece);
    EXPECT_LE(at, size_t{16 << 10});
    EXPECT_EQ(wakes.load(), 0);
    gate->release();
    auto end = std::chrono::steady_clock::now() + 10s;
    while (!w.has_room(piece) && std::chrono::steady_clock::now() < end) std::this_thread::sleep_for(1ms);
    ASSERT_TRUE(w.has_room(piece));
    EXPECT_GT(wakes.load(), 0) << "the caller was not told that room freed up";
    ASSERT_TRUE(w.append(data.data() + at, data.size() - at).ok());
    expect_sealed_as(w, path, data);
}

TEST(PartWriter, AFullDiskIsReportedAndTheFileKeepsWhatWasWritten) {
    auto path = scratch_dir("part-writer-full") / "model.bin.part";
    const std::string data = random_bytes(200'000, 18);
    auto capacity = std::make_shared<std::atomic<int64_t>>(100'000);
    dl::PartWriter w(path, std::make_unique<FullDiskSink>(capacity), small_chunks(16 << 10, 2));
    ASSERT_TRUE(w.restart(0).ok());
    Status failed;
    for (size_t at = 0; at < data.size() && failed.ok(); at += 1000) failed = w.append(data.data() + at, 1000);
    if (failed.ok()) failed = w.close();
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().code, "disk.full");
    ASSERT_TRUE(w.error());
    EXPECT_EQ(w.error()->code, "disk.full");
    EXPECT_FALSE(w.append("x", 1).ok()) << "nothing more is taken after a failure";
    auto r = seal_and_wait(w);
    EXPECT_FALSE(r.status.ok());
    // The file holds a correct prefix, and written() never claims more than it holds.
    std::string kept = read_file(path);
    EXPECT_EQ(kept, data.substr(0, kept.size()));
    EXPECT_LE(w.written(), static_cast<int64_t>(kept.size()));

    // Space freed: resuming from what is there completes the file.
    capacity->store(FullDiskSink::kRoomy);
    ASSERT_TRUE(w.restart(w.written()).ok());
    EXPECT_FALSE(w.error());
    ASSERT_TRUE(w.append(data.data() + w.accepted(), data.size() - static_cast<size_t>(w.accepted())).ok());
    expect_sealed_as(w, path, data);
}

TEST(PartWriter, AnEmptyDownloadStillMakesAnEmptyFile) {
    auto path = scratch_dir("part-writer-empty") / "empty.part";
    dl::PartWriter w(path, dl::make_posix_sink(), small_chunks());
    ASSERT_TRUE(w.restart(0).ok());
    expect_sealed_as(w, path, "");
    EXPECT_TRUE(std::filesystem::exists(path));
}

// The POSIX sink itself, aligned (direct) and unaligned writes mixed over the same blocks, on
// the build tree's file system and on a tmpfs when there is one (direct I/O may be refused
// there, and the page cache takes over).
TEST(PosixSink, AlignedAndUnalignedWritesMixCorrectly) {
    std::vector<std::filesystem::path> dirs = {scratch_dir("posix-sink")};
    std::error_code ec;
    if (std::filesystem::is_directory("/dev/shm", ec)) {
        auto shm = std::filesystem::path("/dev/shm") / ("hearth-posix-sink-" + std::to_string(::getpid()));
        std::filesystem::create_directories(shm, ec);
        if (!ec) dirs.push_back(shm);
    }
    for (const auto& dir : dirs) {
        SCOPED_TRACE(dir.string());
        auto path = dir / "blocks.bin";
        auto sink = dl::make_posix_sink();
        ASSERT_TRUE(sink->open(path, 0).ok());
        std::string expect(5 * 4096 + 100, '\0');
        auto* block = static_cast<char*>(std::aligned_alloc(dl::kDirectAlign, 2 * dl::kDirectAlign));
        std::string a = random_bytes(2 * 4096, 19), b = random_bytes(5000, 20), c = random_bytes(4096, 21);
        std::memcpy(block, a.data(), a.size());
        ASSERT_TRUE(sink->write_at(0, block, a.size()).ok());  // aligned: may go direct
        expect.replace(0, a.size(), a);
        ASSERT_TRUE(sink->write_at(4096 + 10, b.data(), b.size()).ok());  // unaligned, over it
        expect.replace(4096 + 10, b.size(), b);
        std::memcpy(block, c.data(), c.size());
        ASSERT_TRUE(sink->write_at(4096, block, c.size()).ok());  // aligned again, over both
        expect.replace(4096, c.size(), c);
        ASSERT_TRUE(sink->write_at(5 * 4096, b.data(), 100).ok());  // past a hole
        expect.replace(5 * 4096, 100, b.substr(0, 100));
        ASSERT_TRUE(sink->sync().ok());
        sink->close();
        std::free(block);
        EXPECT_EQ(read_file(path) == expect, true);
        // Reopening cuts or extends to the size asked for.
        ASSERT_TRUE(sink->open(path, 4096 + 7).ok());
        sink->close();
        EXPECT_EQ(std::filesystem::file_size(path), 4096u + 7);
    }
    if (dirs.size() > 1) std::filesystem::remove_all(dirs.back(), ec);
}

}  // namespace
}  // namespace hearth::test
