// IEEE binary16 (fp16) and bfloat16 conversions, bit-exact: round to nearest, ties to even;
// subnormals, infinities and NaN handled (NaN stays NaN, keeping its sign and quiet bit).
// Header-only because every dequantization loop calls them.
#pragma once

#include <cstdint>
#include <cstring>

namespace hearth {

inline float bits_to_f32(uint32_t u) {
    float f;
    std::memcpy(&f, &u, 4);
    return f;
}
inline uint32_t f32_to_bits(float f) {
    uint32_t u;
    std::memcpy(&u, &f, 4);
    return u;
}

inline float fp16_to_f32(uint16_t h) {
    const uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
    const uint32_t exp = (h >> 10) & 0x1Fu;
    uint32_t mant = h & 0x3FFu;
    if (exp == 0x1F) return bits_to_f32(sign | 0x7F800000u | (mant << 13));  // inf / NaN
    if (exp != 0) return bits_to_f32(sign | ((exp + 112u) << 23) | (mant << 13));
    if (mant == 0) return bits_to_f32(sign);  // signed zero
    // Subnormal fp16: normalise into an f32 exponent (every fp16 subnormal is an f32 normal).
    uint32_t e = 113;  // exponent of 2^-14 in f32 bias, before shifting
    while (!(mant & 0x400u)) {
        mant <<= 1;
        --e;
    }
    return bits_to_f32(sign | (e << 23) | ((mant & 0x3FFu) << 13));
}

inline uint16_t f32_to_fp16(float f) {
    const uint32_t u = f32_to_bits(f);
    const uint16_t sign = static_cast<uint16_t>((u >> 16) & 0x8000u);
    const uint32_t exp = (u >> 23) & 0xFFu;
    const uint32_t mant = u & 0x7FFFFFu;
    if (exp == 0xFF) {
        if (mant == 0) return sign | 0x7C00u;
        return static_cast<uint16_t>(sign | 0x7E00u | (mant >> 13));  // quiet NaN, keep payload top
    }
    const int32_t e = static_cast<int32_t>(exp) - 127 + 15;  // fp16 biased exponent
    if (e >= 0x1F) return sign | 0x7C00u;                    // overflow to infinity
    if (e <= 0) {
        // Result is subnormal (or zero): shift the full significand right, rounding to even.
        if (e < -10) return sign;  // below half the smallest subnormal: rounds to zero
        const uint32_t m = mant | 0x800000u;
        const uint32_t shift = static_cast<uint32_t>(14 - e);  // 24-bit significand -> 10 bits
        uint32_t r = m >> shift;
        const uint32_t rem = m & ((1u << shift) - 1);
        const uint32_t half = 1u << (shift - 1);
        if (rem > half || (rem == half && (r & 1u))) ++r;
        return static_cast<uint16_t>(sign | r);  // a carry into bit 10 gives the smallest normal
    }
    uint32_t r = (static_cast<uint32_t>(e) << 10) | (mant >> 13);
    const uint32_t rem = mant & 0x1FFFu;
    if (rem > 0x1000u || (rem == 0x1000u && (r & 1u))) ++r;  // may carry into the exponent: correct
    return static_cast<uint16_t>(sign | r);                  // (0x7BFF + 1 = 0x7C00 = infinity)
}

inline float bf16_to_f32(uint16_t b) { return bits_to_f32(static_cast<uint32_t>(b) << 16); }

inline uint16_t f32_to_bf16(float f) {
    const uint32_t u = f32_to_bits(f);
    if ((u & 0x7FFFFFFFu) > 0x7F800000u) return static_cast<uint16_t>((u >> 16) | 0x40u);  // quiet NaN
    const uint32_t rounding = 0x7FFFu + ((u >> 16) & 1u);
    return static_cast<uint16_t>((u + rounding) >> 16);
}

}  // namespace hearth
