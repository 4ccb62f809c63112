// A helper process for the crash test: starts one download recorded in a SQLite state
// database and runs it to the end. The test kills it with SIGKILL part-way, then resumes the
// download in its own process from the .part and the database.
//
// usage: downloader_child URL DEST DB SIZE SHA256
#include <cstdio>
#include <cstdlib>
#include <string>

#include "downloader/downloader.h"
#include "downloader/gguf_check.h"

int main(int argc, char** argv) {
    using namespace hearth::dl;
    if (argc != 6) {
        std::fprintf(stderr, "usage: downloader_child URL DEST DB SIZE SHA256\n");
        return 2;
    }
    auto store = open_database_store(argv[3]);
    if (!store) {
        std::fprintf(stderr, "%s\n", store.error().message.c_str());
        return 1;
    }
    NetworkOptions o;
    o.store_interval_ms = 20;
    o.progress_interval_ms = 20;
    o.disk_reserve_bytes = 0;
    Downloader d(**store, o);
    DownloadRequest r;
    r.url = argv[1];
    r.dest = argv[2];
    r.expected_size = std::atoll(argv[4]);
    r.expected_sha256 = argv[5];
    auto id = d.add(r);
    if (!id) {
        std::fprintf(stderr, "%s\n", id.error().message.c_str());
        return 1;
    }
    std::printf("%lld\n", static_cast<long long>(*id));
    std::fflush(stdout);
    auto p = d.wait(*id);
    return p.state == TransferState::done ? 0 : 1;
}
