// Packing of the integer codes of every block type into its stored bit layout (see blocks.h),
// shared by the round-to-nearest quantizer here and the weighted one in inference/quant. Codes are
// already shifted into their unsigned stored range (e.g. 0..15 for a nibble).
#pragma once

#include <cstdint>

namespace hearth {

// 32 codes (each < 16) as Q4_0-style nibbles: element j low, element j + 16 high.
inline void pack_nibbles(const int* q, uint8_t* qs) {
    for (int j = 0; j < 16; ++j) qs[j] = static_cast<uint8_t>(q[j] | q[j + 16] << 4);
}

// 32 five-bit codes: low nibbles as pack_nibbles, fifth bits into a little-endian u32.
inline void pack_5bit(const int* q, uint8_t* qh, uint8_t* qs) {
    uint32_t h = 0;
    int lo[32];
    for (int j = 0; j < 32; ++j) {
        lo[j] = q[j] & 0xF;
        h |= static_cast<uint32_t>((q[j] >> 4) & 1) << j;
    }
    pack_nibbles(lo, qs);
    for (int i = 0; i < 4; ++i) qh[i] = static_cast<uint8_t>(h >> (8 * i));
}

// Q2_K: 256 codes 0..3 into qs[64]. Q3_K: 256 codes 0..7, bit 2 into hmask[32], bits 0-1 into qs[64].
inline void pack_q2_k_codes(const int* q, uint8_t* qs) {
    for (int i = 0; i < 64; ++i) qs[i] = 0;
    for (int e = 0; e < 256; ++e) {
        const int h = e / 128, r = e % 128, j = r / 32, l = r % 32;
        qs[32 * h + l] = static_cast<uint8_t>(qs[32 * h + l] | (q[e] & 3) << (2 * j));
    }
}
inline void pack_q3_k_codes(const int* q, uint8_t* hmask, uint8_t* qs) {
    pack_q2_k_codes(q, qs);
    for (int i = 0; i < 32; ++i) hmask[i] = 0;
    for (int e = 0; e < 256; ++e) {
        const int h = e / 128, r = e % 128, j = r / 32, l = r % 32;
        hmask[l] = static_cast<uint8_t>(hmask[l] | (q[e] >> 2) << (4 * h + j));
    }
}

// Q4_K: 256 codes 0..15 into qs[128]; Q5_K: 256 codes 0..31, fifth bits into qh[32].
inline void pack_q4_k_codes(const int* q, uint8_t* qs) {
    for (int i = 0; i < 128; ++i) qs[i] = 0;
    for (int s = 0; s < 8; ++s) {
        const int c = s / 2, shift = (s % 2) * 4;
        for (int l = 0; l < 32; ++l)
            qs[32 * c + l] = static_cast<uint8_t>(qs[32 * c + l] | (q[32 * s + l] & 0xF) << shift);
    }
}
inline void pack_q5_k_codes(const int* q, uint8_t* qh, uint8_t* qs) {
    pack_q4_k_codes(q, qs);
    for (int i = 0; i < 32; ++i) qh[i] = 0;
    for (int s = 0; s < 8; ++s)
        for (int l = 0; l < 32; ++l) qh[l] = static_cast<uint8_t>(qh[l] | ((q[32 * s + l] >> 4) & 1) << s);
}

// Q6_K: 256 codes 0..63, low nibbles into ql[128], high 2 bits into qh[64].
inline void pack_q6_k_codes(const int* q, uint8_t* ql, uint8_t* qh) {
    for (int i = 0; i < 128; ++i) ql[i] = 0;
    for (int i = 0; i < 64; ++i) qh[i] = 0;
    for (int e = 0; e < 256; ++e) {
        const int h = e / 128, r = e % 128, k = r / 32, l = r % 32;
        uint8_t& qlb = ql[64 * h + l + 32 * (k % 2)];
        qlb = static_cast<uint8_t>(qlb | (q[e] & 0xF) << (k < 2 ? 0 : 4));
        qh[32 * h + l] = static_cast<uint8_t>(qh[32 * h + l] | (q[e] >> 4) << (2 * k));
    }
}

}  // namespace hearth
