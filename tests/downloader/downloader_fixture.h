// Shared setup for the download engine tests: a local server, an in-memory state store, a
// scratch folder and fast recovery timings.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <string>
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

inline dl::NetworkOptions fast_options() {
    dl::NetworkOptions o;
    o.connect_timeout_ms = 3000;
    o.stall_timeout_ms = 400;
    o.max_attempts = 5;
    o.backoff_initial_ms = 20;
    o.backoff_max_ms = 200;
    o.retry_after_max_ms = 5000;
    o.progress_interval_ms = 50;
    o.store_interval_ms = 50;
    o.disk_reserve_bytes = 0;
    return o;
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
