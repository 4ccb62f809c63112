// Free-space checks before a download starts, so a 5 GB model fails at once with a sentence
// ("the disk is full: 3.2 GB needed, 1.1 GB free on /home") rather than at 80 %.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "base/result.h"

namespace hearth::dl {

// Bytes available to an unprivileged user on the filesystem holding `dir` (or its nearest
// existing parent).
Result<int64_t> free_bytes(const std::filesystem::path& dir);

// "3.2 GB", "512 MB", "900 KB": decimal units, as disks are sold.
std::string human_bytes(int64_t bytes);

// Checks that `needed` more bytes (plus `reserve`) fit beside what is there; disk.full otherwise.
Status check_free_space(const std::filesystem::path& dir, int64_t needed, int64_t reserve);
// The same with the free-byte count given (for tests).
Status check_free_space_with(const std::filesystem::path& dir, int64_t needed, int64_t reserve, int64_t free);

}  // namespace hearth::dl
