// A file mapped read-only into memory, and giving clean file pages back to the kernel. The GGUF
// and safetensors readers both map whole model files: their tensors are read in place, never
// copied, and a streaming reader drops each tensor's pages after use so that a 14 GB model can be
// read on a machine with less memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>

#include "base/result.h"

namespace hearth {

// What an error message says, per failure: the caller's error code and, after the file name and
// the system's reason, what the user can do.
struct MapFileHints {
    const char* code = "file.io";
    const char* cannot_open = "check the path and its permissions";
    const char* not_regular = "choose a file, not a folder or a device";
    const char* cannot_map = "check free memory and address space";
};

class MappedFile {
public:
    MappedFile() = default;
    static Result<MappedFile> open(const std::filesystem::path& path, const MapFileHints& hints = {});

    MappedFile(MappedFile&& o) noexcept;
    MappedFile& operator=(MappedFile&& o) noexcept;
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    ~MappedFile();

    // The whole file; empty for an empty file. Stays valid while the mapping lives, also across moves.
    std::span<const uint8_t> bytes() const { return {static_cast<const uint8_t*>(base_), size_}; }

private:
    void* base_ = nullptr;
    size_t size_ = 0;
};

// Drops the whole pages inside `bytes` (part of a read-only file mapping) from the process's
// resident memory; the next read faults them in again from the file.
void release_pages(std::span<const uint8_t> bytes);

}  // namespace hearth
