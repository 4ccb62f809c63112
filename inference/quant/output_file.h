// The file a quantizer writes: created as a temporary beside the destination (same folder, so the
// final rename cannot cross file systems), filled in order, synced, and renamed over the
// destination only when complete. Until then nothing exists under the final name; if the process
// dies, a "<name>.part" file is all that is left, and the next run replaces it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>

#include "base/result.h"

namespace hearth::quant {

// Bytes free for an unprivileged user on the file system holding `folder`; nullopt if unknown.
std::optional<uint64_t> free_disk_bytes(const std::filesystem::path& folder);

class OutputFile {
public:
    // Checks there are `expected_bytes` free, then creates "<dest>.part". Errors: "quant.disk_full",
    // "quant.write".
    static Result<OutputFile> create(const std::filesystem::path& dest, uint64_t expected_bytes);
    OutputFile(OutputFile&& o) noexcept;
    OutputFile& operator=(OutputFile&&) = delete;
    OutputFile(const OutputFile&) = delete;
    ~OutputFile();  // removes the temporary unless commit() succeeded

    Status write(std::span<const uint8_t> bytes);  // "quant.write" with the OS reason
    Status pad_to(uint64_t alignment);             // zeros up to the next multiple
    uint64_t written() const { return written_; }
    // fsync, close, rename over the destination, fsync the folder. "quant.write" on failure.
    Status commit();

private:
    OutputFile(std::filesystem::path dest, std::filesystem::path tmp, int fd) : dest_(std::move(dest)), tmp_(std::move(tmp)), fd_(fd) {}
    Status fail(const char* what, int err);
    std::filesystem::path dest_, tmp_;
    int fd_ = -1;
    uint64_t written_ = 0;
    bool committed_ = false;
};

}  // namespace hearth::quant
