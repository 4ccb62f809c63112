#include "downloader/sha256.h"

#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#endif

namespace hearth::dl {
namespace {

constexpr uint32_t kRound[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

inline uint32_t rotr(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }

void compress_one(uint32_t* s, const uint8_t* p) {
    uint32_t w[64];
    for (int i = 0; i < 16; ++i)
        w[i] = (uint32_t(p[4 * i]) << 24) | (uint32_t(p[4 * i + 1]) << 16) |
               (uint32_t(p[4 * i + 2]) << 8) | uint32_t(p[4 * i + 3]);
    for (int i = 16; i < 64; ++i) {
        uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = s[0], b = s[1], c = s[2], d = s[3], e = s[4], f = s[5], g = s[6], h = s[7];
    for (int i = 0; i < 64; ++i) {
        uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + kRound[i] + w[i];
        uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    s[0] += a; s[1] += b; s[2] += c; s[3] += d; s[4] += e; s[5] += f; s[6] += g; s[7] += h;
}


#if defined(__x86_64__)
// The SHA extensions (SHA-NI) do two rounds per instruction: about five times the portable
// speed, which is what lets hashing keep up with a fast link.
__attribute__((target("sha,sse4.1,ssse3"))) void compress_shani(uint32_t* state, const uint8_t* data, size_t blocks) {
    const __m128i byte_swap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
    __m128i tmp = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(state)), 0xB1);  // CDAB
    __m128i state1 = _mm_shuffle_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(state + 4)), 0x1B);  // EFGH
    __m128i state0 = _mm_alignr_epi8(tmp, state1, 8);   // ABEF
    state1 = _mm_blend_epi16(state1, tmp, 0xF0);        // CDGH
    for (; blocks > 0; --blocks, data += 64) {
        const __m128i abef = state0, cdgh = state1;
        __m128i w[4];
        for (int g = 0; g < 16; ++g) {
            __m128i m;
            if (g < 4) {
                m = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(data + 16 * g)), byte_swap);
            } else {
                // W[t] = s1(W[t-2]) + W[t-7] + s0(W[t-15]) + W[t-16], four words at a time.
                __m128i x = _mm_sha256msg1_epu32(w[g & 3], w[(g + 1) & 3]);
                x = _mm_add_epi32(x, _mm_alignr_epi8(w[(g + 3) & 3], w[(g + 2) & 3], 4));
                m = _mm_sha256msg2_epu32(x, w[(g + 3) & 3]);
            }
            w[g & 3] = m;
            __m128i k = _mm_add_epi32(m, _mm_loadu_si128(reinterpret_cast<const __m128i*>(kRound + 4 * g)));
            state1 = _mm_sha256rnds2_epu32(state1, state0, k);
            state0 = _mm_sha256rnds2_epu32(state0, state1, _mm_shuffle_epi32(k, 0x0E));
        }
        state0 = _mm_add_epi32(state0, abef);
        state1 = _mm_add_epi32(state1, cdgh);
    }
    tmp = _mm_shuffle_epi32(state0, 0x1B);        // FEBA
    state1 = _mm_shuffle_epi32(state1, 0xB1);     // DCHG
    state0 = _mm_blend_epi16(tmp, state1, 0xF0);  // DCBA
    state1 = _mm_alignr_epi8(state1, tmp, 8);     // HGFE
    _mm_storeu_si128(reinterpret_cast<__m128i*>(state), state0);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(state + 4), state1);
}

bool cpu_has_sha() {
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return false;
    const bool sse41 = (c >> 19) & 1, ssse3 = (c >> 9) & 1;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return false;
    return sse41 && ssse3 && ((b >> 29) & 1);
}
#endif

void compress(std::array<uint32_t, 8>& s, const uint8_t* p, size_t blocks) {
    if (!detail::compress_accelerated(s.data(), p, blocks)) detail::compress_portable(s.data(), p, blocks);
}

}  // namespace

namespace detail {

void compress_portable(uint32_t* state, const uint8_t* data, size_t blocks) {
    for (; blocks > 0; --blocks, data += 64) compress_one(state, data);
}

bool compress_accelerated(uint32_t* state, const uint8_t* data, size_t blocks) {
#if defined(__x86_64__)
    static const bool has_sha = cpu_has_sha();  // a CPU property, fixed for the process
    if (!has_sha) return false;
    compress_shani(state, data, blocks);
    return true;
#else
    (void)state; (void)data; (void)blocks;
    return false;
#endif
}

}  // namespace detail

void sha256_update(Sha256& h, const void* data, size_t n) {
    auto p = static_cast<const uint8_t*>(data);
    h.total_bytes += n;
    if (h.block_len) {
        size_t take = std::min(n, 64 - h.block_len);
        std::memcpy(h.block.data() + h.block_len, p, take);
        h.block_len += take; p += take; n -= take;
        if (h.block_len < 64) return;
        compress(h.state, h.block.data(), 1);
        h.block_len = 0;
    }
    if (n >= 64) {
        compress(h.state, p, n / 64);
        p += n / 64 * 64;
        n %= 64;
    }
    if (n) { std::memcpy(h.block.data(), p, n); h.block_len = n; }
}

std::array<uint8_t, 32> sha256_finish(Sha256& h) {
    const uint64_t bits = h.total_bytes * 8;
    uint8_t pad[72] = {0x80};
    size_t pad_len = (h.block_len < 56 ? 56 : 120) - h.block_len;
    for (int i = 0; i < 8; ++i) pad[pad_len + i] = uint8_t(bits >> (56 - 8 * i));
    sha256_update(h, pad, pad_len + 8);
    std::array<uint8_t, 32> out{};
    for (int i = 0; i < 8; ++i)
        for (int j = 0; j < 4; ++j) out[4 * i + j] = uint8_t(h.state[i] >> (24 - 8 * j));
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
