// Loopback download throughput: hearth's Downloader versus `curl -o` (then `sync`, and
// `curl | sha256sum`) on the same file. curl does not hash; hearth is given the file's SHA-256
// (as for a model on the Hub), hashes every byte as it streams, and syncs the file to the disk
// before the rename, so `curl -o` is the harder (issue #6) comparison and `curl -o && sync`
// the like-for-like one. The file is synthetic and served from memory by the tests' HTTP
// server in this process, so the server's CPU is shared by both clients alike. Runs alternate (curl, hearth, curl, hearth...) so a change in
// the machine's load hits both; the medians are the headline, the bests are printed too.
//
// usage: download_bench [--mib N] [--runs R] [--dir D] [--only curl|hearth|sha] [--no-pipe]
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "downloader/downloader.h"
#include "downloader/sha256.h"
#include "http_test_server.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_of(const std::function<bool()>& f, bool& ok) {
    auto t0 = Clock::now();
    ok = f();
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

double best(std::vector<double> v) { return v.empty() ? 0 : *std::min_element(v.begin(), v.end()); }

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    size_t m = v.size() / 2;
    return v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
}

std::string first_line_with(const char* file, const char* key) {
    std::ifstream in(file);
    std::string line;
    while (std::getline(in, line))
        if (line.rfind(key, 0) == 0) return line.substr(line.find(':') + 1);
    return "?";
}

std::string load_average() {
    std::ifstream in("/proc/loadavg");
    std::string a, b, c;
    in >> a >> b >> c;
    return a + " " + b + " " + c;
}

// CPU seconds used so far by this process (all threads: the server, hearth's worker and
// hasher) plus its finished children (curl, sha256sum). On a loaded machine the CPU a client
// needs per byte is steadier than its wall-clock speed.
double cpu_seconds() {
    double total = 0;
    for (int who : {RUSAGE_SELF, RUSAGE_CHILDREN}) {
        rusage u{};
        getrusage(who, &u);
        total += static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
                 static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
    }
    return total;
}

}  // namespace

int main(int argc, char** argv) {
    int64_t mib = 1024;
    int runs = 5;
    bool with_pipe = true;
    std::string only;
    std::filesystem::path dir = std::filesystem::temp_directory_path() / "hearth-download-bench";
    for (int i = 1; i < argc; ++i) {
        bool has_value = i + 1 < argc;
        if (!std::strcmp(argv[i], "--no-pipe")) with_pipe = false;
        else if (has_value && !std::strcmp(argv[i], "--mib")) mib = std::atoll(argv[++i]);
        else if (has_value && !std::strcmp(argv[i], "--runs")) runs = std::atoi(argv[++i]);
        else if (has_value && !std::strcmp(argv[i], "--dir")) dir = argv[++i];
        else if (has_value && !std::strcmp(argv[i], "--only")) only = argv[++i];
        else {
            std::fprintf(stderr, "usage: download_bench [--mib N] [--runs R] [--dir D] [--only curl|hearth|sha] [--no-pipe]\n");
            return 2;
        }
    }
    const int64_t size = mib << 20;
    std::filesystem::create_directories(dir);

    // 1 MiB of pseudo-random bytes repeated: cheap to serve, incompressible enough.
    const std::string block = hearth::test::pattern_bytes(1 << 20, 42);
    if (only == "sha") {
        // The hash alone, in memory: what the hashing thread can sustain at best.
        hearth::dl::Sha256 h;
        auto t0 = Clock::now();
        for (int64_t i = 0; i < mib; ++i) hearth::dl::sha256_update(h, block.data(), block.size());
        double s = std::chrono::duration<double>(Clock::now() - t0).count();
        std::printf("sha256_update           %8.1f MB/s (digest %s...)\n", static_cast<double>(size) / s / 1e6,
                    hearth::dl::sha256_finish_hex(h).substr(0, 8).c_str());
        return 0;
    }
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
    // The hash hearth checks the download against, as for a model file on the Hub.
    std::string expected_sha256;
    {
        hearth::dl::Sha256 h;
        std::string buf(1 << 20, '\0');
        for (int64_t at = 0; at < size; at += static_cast<int64_t>(buf.size())) {
            size_t n = static_cast<size_t>(std::min<int64_t>(size - at, static_cast<int64_t>(buf.size())));
            file.generate(at, buf.data(), n);
            hearth::dl::sha256_update(h, buf.data(), n);
        }
        expected_sha256 = hearth::dl::sha256_finish_hex(h);
    }
    hearth::test::TestServer server;
    server.put("/file.bin", file);
    const std::string url = server.url("/file.bin");
    const auto out = dir / "file.bin";

    std::printf("cpu: %s, %ld online; load average before: %s\n", first_line_with("/proc/cpuinfo", "model name").c_str(),
                sysconf(_SC_NPROCESSORS_ONLN), load_average().c_str());
    std::vector<double> curl_t, curl_sync_t, curl_sha_t, hearth_t, curl_cpu, hearth_cpu;
    for (int r = 0; r < runs; ++r) {
        bool ok = false;
        if (only.empty() || only == "curl") {
            std::filesystem::remove(out);
            std::string cmd = "curl -s -o '" + out.string() + "' '" + url + "'";
            double cpu0 = cpu_seconds();
            curl_t.push_back(seconds_of([&] { return std::system(cmd.c_str()) == 0; }, ok));
            curl_cpu.push_back(cpu_seconds() - cpu0);
            if (!ok || static_cast<int64_t>(std::filesystem::file_size(out)) != size) {
                std::fprintf(stderr, "curl failed\n");
                return 1;
            }
            std::filesystem::remove(out);
            // Like for like with hearth, which puts the file on the disk before calling it done.
            std::string cmd_sync = cmd + " && sync '" + out.string() + "'";
            curl_sync_t.push_back(seconds_of([&] { return std::system(cmd_sync.c_str()) == 0; }, ok));
            std::filesystem::remove(out);
            if (with_pipe) {
                std::string cmd2 = "curl -s '" + url + "' | sha256sum > /dev/null";
                curl_sha_t.push_back(seconds_of([&] { return std::system(cmd2.c_str()) == 0; }, ok));
            }
        }
        if (only.empty() || only == "hearth") {
            std::filesystem::remove(out);
            hearth::dl::MemoryStateStore store;
            hearth::dl::NetworkOptions o;
            o.disk_reserve_bytes = 0;
            hearth::dl::Downloader d(store, o);
            hearth::dl::DownloadRequest req;
            req.url = url;
            req.dest = out;
            req.expected_size = size;
            req.expected_sha256 = expected_sha256;
            double cpu0 = cpu_seconds();
            hearth_t.push_back(seconds_of(
                [&] {
                    auto id = d.add(req);
                    return id.ok() && d.wait(*id).state == hearth::dl::TransferState::done;
                },
                ok));
            hearth_cpu.push_back(cpu_seconds() - cpu0);
            if (!ok) {
                std::fprintf(stderr, "hearth download failed: %s\n", d.all_progress().front().note.c_str());
                return 1;
            }
            std::filesystem::remove(out);
        }
    }
    auto rate = [&](double s) { return s > 0 ? static_cast<double>(size) / s / 1e6 : 0.0; };
    auto row = [&](const char* name, const std::vector<double>& t) {
        if (t.empty()) return;
        std::printf("%-24s median %8.1f MB/s   best %8.1f MB/s   runs:", name, rate(median(t)), rate(best(t)));
        for (double s : t) std::printf(" %.0f", rate(s));
        std::printf("\n");
    };
    std::printf("file: %lld MiB over loopback to %s, %d alternating runs\n", static_cast<long long>(mib),
                dir.c_str(), runs);
    row("curl -o file", curl_t);
    row("curl -o file && sync", curl_sync_t);
    row("curl | sha256sum", curl_sha_t);
    row("hearth (verified, synced)", hearth_t);
    if (!curl_cpu.empty())
        std::printf("CPU seconds per run, server included: curl -o median %.2f", median(curl_cpu));
    if (!hearth_cpu.empty()) std::printf("%s hearth median %.2f", curl_cpu.empty() ? "CPU seconds per run, server included:" : ",", median(hearth_cpu));
    if (!curl_cpu.empty() || !hearth_cpu.empty()) std::printf("\n");
    if (!curl_t.empty() && !hearth_t.empty()) {
        std::printf("hearth / curl -o: median %.0f%%, best %.0f%%\n", 100 * median(curl_t) / median(hearth_t),
                    100 * best(curl_t) / best(hearth_t));
        std::printf("hearth / curl -o && sync: median %.0f%%, best %.0f%%\n",
                    100 * median(curl_sync_t) / median(hearth_t), 100 * best(curl_sync_t) / best(hearth_t));
    }
    std::printf("load average after: %s\n", load_average().c_str());
    return 0;
}
