// Where downloaded bytes land: positioned writes to one file. An interface so tests can
// simulate a full disk or a failing device without one; the real sink writes a POSIX file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>

#include "base/result.h"

namespace hearth::dl {

// Writes whose offset, length and memory address are all multiples of this may bypass the
// page cache (O_DIRECT). 4 KiB covers the logical block size of every common disk.
inline constexpr size_t kDirectAlign = 4096;

struct FileSink {
    virtual ~FileSink() = default;
    // Opens `path`, creating it if needed, and cuts or extends it to `size` bytes.
    virtual Status open(const std::filesystem::path& path, int64_t size) = 0;
    // Writes all `n` bytes at `offset`, or fails with a write_error().
    virtual Status write_at(int64_t offset, const char* data, size_t n) = 0;
    // Puts everything written so far on stable storage.
    virtual Status sync() = 0;
    // Does nothing when the file is not open.
    virtual void close() = 0;
};

// The POSIX sink writes aligned blocks with O_DIRECT where the file system allows it: a
// download then costs no page-cache copy, evicts nothing the user had cached, and leaves no
// gigabytes of dirty pages for the final sync. Other writes, and file systems without direct
// I/O, go through the page cache.
std::unique_ptr<FileSink> make_posix_sink();

// Makes a rename inside `dir` durable. Best effort: some file systems cannot sync a folder.
void sync_directory(const std::filesystem::path& dir);

// An error for a failed write with errno `err`, worded for the user (disk full, read-only...).
Error write_error(const std::filesystem::path& path, int err);

}  // namespace hearth::dl
