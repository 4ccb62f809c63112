// File sinks for tests: a real POSIX file behind a disk that misbehaves on demand.
#pragma once

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <memory>

#include "downloader/file_sink.h"

namespace hearth::test {

// A disk with room for `capacity` bytes of this file (changeable while in use: set it to
// kRoomy to free space): it writes what fits, then reports ENOSPC, as a real full disk does.
struct FullDiskSink final : dl::FileSink {
    static constexpr int64_t kRoomy = std::numeric_limits<int64_t>::max() / 2;
    std::unique_ptr<dl::FileSink> inner = dl::make_posix_sink();
    std::shared_ptr<std::atomic<int64_t>> capacity;
    std::filesystem::path path;
    explicit FullDiskSink(std::shared_ptr<std::atomic<int64_t>> c) : capacity(std::move(c)) {}
    Status open(const std::filesystem::path& p, int64_t size) override {
        path = p;
        return inner->open(p, size);
    }
    Status write_at(int64_t offset, const char* data, size_t n) override {
        int64_t fits = std::clamp<int64_t>(capacity->load() - offset, 0, static_cast<int64_t>(n));
        if (fits > 0)
            if (auto st = inner->write_at(offset, data, static_cast<size_t>(fits)); !st) return st;
        if (fits < static_cast<int64_t>(n)) return dl::write_error(path, ENOSPC);
        return {};
    }
    Status sync() override { return inner->sync(); }
    void close() override { inner->close(); }
};

}  // namespace hearth::test
