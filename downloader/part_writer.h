// A download's .part file, written and hashed off the download thread.
//
// The download thread only copies each network buffer into a staging chunk (4 MiB, aligned
// for direct I/O). Full chunks go to two threads: one writes them to the file, one feeds them
// to SHA-256 from memory, so the bytes are never read back and the disk, the hash and the
// network all work at once. A bounded pool of chunks is the back-pressure: when the disk or
// the hash falls behind, has_room() says no and the caller pauses its transfer instead of
// blocking (the download thread serves other transfers too).
//
// A resumed .part is hashed from the file first. While the hasher is busy reading it, chunks
// that reach the disk are let go instead of waiting in memory, and the hasher reads them back
// later: a resumed download starts streaming at once, whatever the size of the old part.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "base/result.h"
#include "downloader/file_sink.h"
#include "downloader/sha256.h"

namespace hearth::dl {

struct PartWriterOptions {
    size_t chunk_bytes = 4u << 20;  // a multiple of kDirectAlign
    int chunks = 4;                 // staging memory: chunks * chunk_bytes
    bool hash = true;               // false: no hashing thread (nothing to compare with)
    // Called from the writer's threads when room frees up or sealing ends, so a caller waiting
    // in poll() looks again. Must be cheap and thread-safe.
    std::function<void()> wake;
    // Run on the sealed file by the writing thread (the GGUF header check). Null: none.
    std::function<Status(const std::filesystem::path&)> check;
};

struct SealResult {
    Status status;               // a write, sync or read-back failure
    std::optional<Sha256> hash;  // of every byte, when hashing
    Status check;                // what options.check said
};

class PartWriter {
public:
    PartWriter(std::filesystem::path path, std::unique_ptr<FileSink> sink, PartWriterOptions options);
    // Waits for the write in progress and drops the rest: the file keeps what was written.
    ~PartWriter();
    PartWriter(const PartWriter&) = delete;
    PartWriter& operator=(const PartWriter&) = delete;

    // Starts over from the file's first `keep` bytes (0: empty; the file is created or cut to
    // that size): staged bytes are dropped, errors cleared, and the hash begins again by reading
    // the kept bytes back.
    Status restart(int64_t keep);

    // Whether `n` more bytes fit without waiting for the disk or the hash.
    bool has_room(size_t n);
    // Takes a copy of the bytes. Waits only when `n` is more than has_room() promised. Returns
    // a failure of the writing thread, if one happened (then nothing more is taken).
    Status append(const char* data, size_t n);
    // Hands the partly filled chunk to the writer now, so bytes reach the file within a
    // moment even when they arrive slowly (they survive the process being killed).
    void submit_partial();
    // Writes every byte taken so far and closes the file; the hash goes on in the background.
    // A later append() reopens it.
    Status close();

    // No more bytes: writes the rest, syncs the file to stable storage, closes it, and finishes
    // the hash. Returns at once; sealed() says when it is over.
    void seal();
    std::optional<SealResult> sealed();

    // A failure of the writing or hashing thread so far, without waiting.
    std::optional<Error> error();
    // The file holds every byte before this offset.
    int64_t written();
    // Bytes taken so far, staged or written.
    int64_t accepted() const { return accepted_; }

private:
    struct Chunk {
        char* data = nullptr;
        int64_t offset = 0;    // of data[0] in the file; a multiple of kDirectAlign
        size_t len = 0;
        bool write_pending = false, hash_pending = false;
        int64_t end() const { return offset + static_cast<int64_t>(len); }
    };

    void writer_loop();
    void hasher_loop();
    // Under mu_: returns the buffers of chunks both threads are done with; true if any.
    bool release_done();
    // Calls opt_.wake without holding mu_.
    void wake_caller(std::unique_lock<std::mutex>& lock);
    char* take_buffer(std::unique_lock<std::mutex>& lock);
    void submit(Chunk c);
    bool has_pending_write() const;

    const std::filesystem::path path_;
    std::unique_ptr<FileSink> sink_;  // used by the writing thread, or by others while it idles
    const PartWriterOptions opt_;

    // The caller's: the chunk being filled, and the unaligned tail of the last submitted one,
    // which starts the next chunk so that every chunk begins at an aligned offset.
    Chunk filling_;
    std::vector<char> carry_;
    int64_t accepted_ = 0;

    std::mutex mu_;
    std::condition_variable work_, idle_;
    std::list<Chunk> queue_;  // submitted, in file order; std::list keeps references stable
    std::vector<char*> free_, all_;
    int64_t written_ = 0;
    bool sink_open_ = false;
    bool sealing_ = false, write_sealed_ = false;
    int64_t seal_end_ = 0;  // the file's size once sealed
    Status check_;          // options.check's verdict on the sealed file
    std::optional<Error> write_error_, hash_error_;
    bool writer_busy_ = false, hasher_busy_ = false, stop_ = false;
    uint64_t generation_ = 0;  // bumped by restart(): work begun before it is thrown away

    Sha256 hash_;
    int64_t hashed_ = 0;
    bool hasher_reading_file_ = false;
    const Chunk* hashing_ = nullptr;  // the chunk the hasher is reading, unlocked
    int read_fd_ = -1;  // the hashing thread's, for bytes not in memory
    std::vector<char> read_buf_;

    std::thread writer_, hasher_;
};

}  // namespace hearth::dl
