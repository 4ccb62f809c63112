// SHA-256 (FIPS 180-4), streaming: the downloader hashes bytes as they arrive so a finished
// download is verified without reading the file a second time.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "base/result.h"

namespace hearth::dl {

struct Sha256 {
    std::array<uint32_t, 8> state{0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
                                  0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u};
    std::array<uint8_t, 64> block{};
    size_t block_len = 0;
    uint64_t total_bytes = 0;
};

void sha256_update(Sha256& h, const void* data, size_t n);
// Finishes the hash and returns it as 64 lowercase hex digits. `h` must not be reused after.
std::string sha256_finish_hex(Sha256& h);
std::array<uint8_t, 32> sha256_finish(Sha256& h);

std::string sha256_hex(std::string_view data);
// Feeds the first `limit` bytes of a file (all of it when limit < 0) into `h`.
Status sha256_feed_file(Sha256& h, const std::filesystem::path& path, int64_t limit = -1);
Result<std::string> sha256_file_hex(const std::filesystem::path& path);

namespace detail {
// The block function, exposed so tests can check the accelerated path against the portable one.
void compress_portable(uint32_t* state, const uint8_t* data, size_t blocks);
// Returns false (doing nothing) when the CPU has no SHA extensions.
bool compress_accelerated(uint32_t* state, const uint8_t* data, size_t blocks);
}  // namespace detail

}  // namespace hearth::dl
