// SHA-256 of a download's .part on its own thread, so hashing overlaps with receiving and
// writing instead of adding to it, and the download thread stays free for the other transfers.
//
// The hashing thread reads the file itself, behind the writer, rather than being handed a copy
// of each network buffer: the download thread then does no more per byte than `curl -o` (read
// the socket, write the file), and the copy the hash needs happens on the hashing thread. The
// same mechanism adopts a resumed .part: its old bytes are simply the first ones to read, so
// the transfer starts at once instead of after a re-read of gigabytes.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "base/result.h"
#include "downloader/sha256.h"

namespace hearth::dl {

class HashPipeline {
public:
    HashPipeline();
    ~HashPipeline();
    HashPipeline(const HashPipeline&) = delete;
    HashPipeline& operator=(const HashPipeline&) = delete;

    // Starts over from the empty hash, following `path`, whose first `size` bytes are already
    // there (0 for a new or emptied file). Work begun before is abandoned. Returns at once;
    // the file is opened by the hashing thread when there is something to read.
    void start(const std::filesystem::path& path, int64_t size);
    // `n` more bytes have been appended to the file (written before this call).
    void written(size_t n);
    // The state after every byte announced so far (waits for it), or why the file could not
    // be read.
    Result<Sha256> snapshot();
    // A failed read, without waiting; nullopt while all is well.
    std::optional<Error> error();

    static constexpr size_t kBlock = 1u << 20;
    // libcurl hands over 16 KiB at a time: waking the hashing thread for each would cost a
    // context switch per 16 KiB, so it sleeps until this much is waiting (or someone waits).
    static constexpr int64_t kWakeBytes = 1 << 20;

private:
    void run();
    // Reads and hashes up to kBlock bytes at `from`. Called unlocked, while busy_.
    Status hash_block(int64_t from, int64_t to, int64_t& got);
    void close_file();

    std::mutex mu_;
    std::condition_variable work_, idle_;
    bool busy_ = false, stop_ = false, hasher_waiting_ = false;
    bool drain_ = false;  // snapshot() is waiting: hash everything, however little
    uint64_t generation_ = 0;  // bumped by start(): work begun before it is thrown away
    Sha256 state_;
    std::optional<Error> error_;
    std::filesystem::path path_;
    int64_t hashed_ = 0, target_ = 0;

    // The hashing thread's own.
    int fd_ = -1;
    std::vector<char> buf_;

    std::thread thread_;
};

}  // namespace hearth::dl
