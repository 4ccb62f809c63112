// SHA-256 (FIPS 180-4), streaming: the downloader hashes bytes as they arrive so a finished
// download is verified without reading the file a second time. The compression runs in
// OpenSSL's libcrypto (already loaded by libcurl), which uses the CPU's SHA instructions where
// there are some: the hash must keep up with a fast link.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "base/result.h"

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX, kept out of this header

namespace hearth::dl {

// A running hash. Copying it copies the state, so a snapshot can be finished while the
// original goes on.
struct Sha256 {
    Sha256();
    ~Sha256();
    Sha256(const Sha256& other);
    Sha256& operator=(const Sha256& other);
    Sha256(Sha256&& other) noexcept;
    Sha256& operator=(Sha256&& other) noexcept;

    uint64_t total_bytes = 0;  // bytes fed so far
    evp_md_ctx_st* ctx = nullptr;
};

void sha256_update(Sha256& h, const void* data, size_t n);
// Finishes the hash and returns it as 64 lowercase hex digits. `h` must not be reused after.
std::string sha256_finish_hex(Sha256& h);
std::array<uint8_t, 32> sha256_finish(Sha256& h);

std::string sha256_hex(std::string_view data);
// Feeds the first `limit` bytes of a file (all of it when limit < 0) into `h`.
Status sha256_feed_file(Sha256& h, const std::filesystem::path& path, int64_t limit = -1);
Result<std::string> sha256_file_hex(const std::filesystem::path& path);

}  // namespace hearth::dl
