// Loopback download throughput: hearth's Downloader versus `curl -o` and `curl | sha256sum`
// (curl does not hash; hearth hashes every byte as it streams, so the second is the like-for-
// like comparison). The file is synthetic and served from memory by the tests' HTTP server.
//
// usage: download_bench [--mib N] [--runs R] [--dir D]
#include <algorithm>
#include <chrono>
#include <functional>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "downloader/downloader.h"
#include "http_test_server.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_of(const std::function<bool()>& f, bool& ok) {
    auto t0 = Clock::now();
    ok = f();
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

double best(const std::vector<double>& v) {
    double b = 1e300;
    for (double x : v) b = std::min(b, x);
    return b;
}

}  // namespace

int main(int argc, char** argv) {
    int64_t mib = 1024;
    int runs = 3;
    std::filesystem::path dir = std::filesystem::temp_directory_path() / "hearth-download-bench";
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--mib")) mib = std::atoll(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--runs")) runs = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--dir")) dir = argv[i + 1];
    }
    const int64_t size = mib << 20;
    std::filesystem::create_directories(dir);

    // 1 MiB of pseudo-random bytes repeated: cheap to serve, incompressible enough.
    const std::string block = hearth::test::pattern_bytes(1 << 20, 42);
    hearth::test::Resource file;
    file.etag = "\"bench\"";
    file.generated_size = size;
    file.generate = [&block](int64_t offset, char* out, size_t n) {
        while (n > 0) {
            size_t at = static_cast<size_t>(offset % static_cast<int64_t>(block.size()));
            size_t take = std::min(n, block.size() - at);
            std::memcpy(out, block.data() + at, take);
            out += take;
            offset += static_cast<int64_t>(take);
            n -= take;
        }
    };
    hearth::test::TestServer server;
    server.put("/file.bin", file);
    const std::string url = server.url("/file.bin");
    const auto out = dir / "file.bin";

    std::vector<double> curl_t, curl_sha_t, hearth_t;
    for (int r = 0; r < runs; ++r) {
        bool ok = false;
        std::filesystem::remove(out);
        std::string cmd = "curl -s -o '" + out.string() + "' '" + url + "'";
        curl_t.push_back(seconds_of([&] { return std::system(cmd.c_str()) == 0; }, ok));
        if (!ok || static_cast<int64_t>(std::filesystem::file_size(out)) != size) {
            std::fprintf(stderr, "curl failed\n");
            return 1;
        }
        std::filesystem::remove(out);
        std::string cmd2 = "curl -s '" + url + "' | sha256sum > /dev/null";
        curl_sha_t.push_back(seconds_of([&] { return std::system(cmd2.c_str()) == 0; }, ok));

        hearth::dl::MemoryStateStore store;
        hearth::dl::NetworkOptions o;
        o.disk_reserve_bytes = 0;
        hearth::dl::Downloader d(store, o);
        hearth::dl::DownloadRequest req;
        req.url = url;
        req.dest = out;
        req.expected_size = size;
        hearth_t.push_back(seconds_of(
            [&] {
                auto id = d.add(req);
                return id.ok() && d.wait(*id).state == hearth::dl::TransferState::done;
            },
            ok));
        if (!ok) {
            std::fprintf(stderr, "hearth download failed: %s\n", d.all_progress().front().note.c_str());
            return 1;
        }
        std::filesystem::remove(out);
    }
    auto rate = [&](double s) { return static_cast<double>(size) / s / 1e6; };
    std::printf("file: %lld MiB over loopback, best of %d runs\n", static_cast<long long>(mib), runs);
    std::printf("curl -o file            %8.1f MB/s\n", rate(best(curl_t)));
    std::printf("curl | sha256sum        %8.1f MB/s\n", rate(best(curl_sha_t)));
    std::printf("hearth (SHA-256 on)     %8.1f MB/s   %.0f%% of curl -o, %.0f%% of curl | sha256sum\n",
                rate(best(hearth_t)), 100 * best(curl_t) / best(hearth_t), 100 * best(curl_sha_t) / best(hearth_t));
    return 0;
}
