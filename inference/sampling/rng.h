// A small seeded PRNG for sampling: xoshiro256** (Blackman & Vigna), its state filled from the
// seed by splitmix64. Deterministic across platforms and compilers, unlike std::random engines'
// distributions; no std::random_device anywhere, so a seed fully reproduces a generation.
#pragma once

#include <cstdint>

namespace hearth::sampling {

struct Rng {
    uint64_t s[4] = {0, 0, 0, 0};
};

inline uint64_t splitmix64(uint64_t& x) {
    uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

inline Rng rng_from_seed(uint64_t seed) {
    Rng r;
    for (auto& w : r.s) w = splitmix64(seed);
    return r;
}

inline uint64_t next_u64(Rng& r) {
    auto rotl = [](uint64_t x, int k) { return (x << k) | (x >> (64 - k)); };
    const uint64_t result = rotl(r.s[1] * 5, 7) * 9;
    const uint64_t t = r.s[1] << 17;
    r.s[2] ^= r.s[0];
    r.s[3] ^= r.s[1];
    r.s[1] ^= r.s[2];
    r.s[0] ^= r.s[3];
    r.s[2] ^= t;
    r.s[3] = rotl(r.s[3], 45);
    return result;
}

// Uniform in [0, 1) with 53 random bits.
inline double next_unit(Rng& r) { return static_cast<double>(next_u64(r) >> 11) * 0x1.0p-53; }

}  // namespace hearth::sampling
