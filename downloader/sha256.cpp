#include "downloader/sha256.h"

#include <openssl/evp.h>

#include <cstdio>
#include <memory>
#include <new>
#include <utility>
#include <vector>

namespace hearth::dl {
namespace {

// Failing to set up a digest context means the allocation failed (SHA-256 is in every
// OpenSSL provider set), so it is reported the way C++ reports that.
EVP_MD_CTX* new_sha256_ctx() {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    if (!ctx) throw std::bad_alloc();
    if (EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) != 1) {
        EVP_MD_CTX_free(ctx);
        throw std::bad_alloc();
    }
    return ctx;
}

EVP_MD_CTX* copy_ctx(const EVP_MD_CTX* from) {
    if (!from) return new_sha256_ctx();
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    if (!ctx) throw std::bad_alloc();
    if (EVP_MD_CTX_copy_ex(ctx, from) != 1) {
        EVP_MD_CTX_free(ctx);
        throw std::bad_alloc();
    }
    return ctx;
}

}  // namespace

Sha256::Sha256() : ctx(new_sha256_ctx()) {}

Sha256::~Sha256() { EVP_MD_CTX_free(ctx); }

Sha256::Sha256(const Sha256& other) : total_bytes(other.total_bytes), ctx(copy_ctx(other.ctx)) {}

Sha256& Sha256::operator=(const Sha256& other) {
    if (this != &other) {
        EVP_MD_CTX* fresh = copy_ctx(other.ctx);
        EVP_MD_CTX_free(ctx);
        ctx = fresh;
        total_bytes = other.total_bytes;
    }
    return *this;
}

// A moved-from hash holds no context and gets a fresh one on first use, so it behaves as an
// empty hash (moves stay noexcept: no allocation here).
Sha256::Sha256(Sha256&& other) noexcept
    : total_bytes(std::exchange(other.total_bytes, 0)), ctx(std::exchange(other.ctx, nullptr)) {}

Sha256& Sha256::operator=(Sha256&& other) noexcept {
    if (this != &other) {
        EVP_MD_CTX_free(ctx);
        ctx = std::exchange(other.ctx, nullptr);
        total_bytes = std::exchange(other.total_bytes, 0);
    }
    return *this;
}

void sha256_update(Sha256& h, const void* data, size_t n) {
    if (n == 0) return;
    if (!h.ctx) h.ctx = new_sha256_ctx();  // moved from: start afresh
    EVP_DigestUpdate(h.ctx, data, n);
    h.total_bytes += n;
}

std::array<uint8_t, 32> sha256_finish(Sha256& h) {
    if (!h.ctx) h.ctx = new_sha256_ctx();
    std::array<uint8_t, 32> out{};
    unsigned len = 0;
    EVP_DigestFinal_ex(h.ctx, out.data(), &len);
    return out;
}

std::string sha256_finish_hex(Sha256& h) {
    static const char* digits = "0123456789abcdef";
    auto d = sha256_finish(h);
    std::string s;
    s.reserve(64);
    for (uint8_t b : d) { s += digits[b >> 4]; s += digits[b & 15]; }
    return s;
}

std::string sha256_hex(std::string_view data) {
    Sha256 h;
    sha256_update(h, data.data(), data.size());
    return sha256_finish_hex(h);
}

Status sha256_feed_file(Sha256& h, const std::filesystem::path& path, int64_t limit) {
    std::unique_ptr<FILE, int (*)(FILE*)> f(std::fopen(path.c_str(), "rb"), &std::fclose);
    if (!f) return make_error("io.open", "Cannot open " + path.string() + " to check its SHA-256.");
    std::vector<char> buf(1 << 20);
    int64_t left = limit;
    while (limit < 0 || left > 0) {
        size_t want = buf.size();
        if (limit >= 0 && static_cast<int64_t>(want) > left) want = static_cast<size_t>(left);
        size_t n = std::fread(buf.data(), 1, want, f.get());
        if (n == 0) break;
        sha256_update(h, buf.data(), n);
        left -= static_cast<int64_t>(n);
    }
    if (std::ferror(f.get()))
        return make_error("io.read", "Reading " + path.string() + " failed while checking its SHA-256.");
    if (limit >= 0 && left > 0)
        return make_error("io.truncated", path.string() + " is shorter than expected while checking its SHA-256.");
    return {};
}

Result<std::string> sha256_file_hex(const std::filesystem::path& path) {
    Sha256 h;
    if (auto st = sha256_feed_file(h, path); !st) return st.error();
    return sha256_finish_hex(h);
}

}  // namespace hearth::dl
