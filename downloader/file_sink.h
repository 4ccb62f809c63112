// Where downloaded bytes go. An interface so tests can simulate a full disk or a failing
// device without one; the real sink writes a POSIX file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>

#include "base/result.h"

namespace hearth::dl {

struct FileSink {
    virtual ~FileSink() = default;
    // Opens (creating if needed) and cuts the file to `keep_bytes`, positioned at its end.
    virtual Status open(const std::filesystem::path& path, int64_t keep_bytes) = 0;
    virtual Status write(const void* data, size_t n) = 0;
    // Flushes to stable storage and closes; the file may then be renamed into place. Does
    // nothing when the file is not open.
    virtual Status finish() = 0;
    virtual void close() = 0;
};

// The POSIX sink starts the disk writing every `kWritebackChunk` bytes as they come, so the
// flush in finish() waits only for the tail instead of the whole file.
std::unique_ptr<FileSink> make_posix_sink();
inline constexpr int64_t kWritebackChunk = 16 << 20;

// Waits until the file's bytes are on stable storage (a .part completed by an earlier run).
Status sync_file(const std::filesystem::path& path);
// Makes a rename inside `dir` durable. Best effort: some file systems cannot sync a folder.
void sync_directory(const std::filesystem::path& dir);

// An error for a failed write with errno `err`, worded for the user (disk full, read-only...).
Error write_error(const std::filesystem::path& path, int err);

}  // namespace hearth::dl
