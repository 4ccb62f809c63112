// Packing of the 6-bit sub-block scales shared by the K-quants (internal to inference/tensor;
// see blocks.h for the layouts). Used by both the quantizer and the dequantizer.
#pragma once

#include <cstdint>

namespace hearth {

// Q4_K / Q5_K: scale and min of sub-block s (0..7) from the 12 packed bytes.
inline void get_k_scale_min(int s, const uint8_t* q, uint8_t& sc, uint8_t& m) {
    if (s < 4) {
        sc = q[s] & 63;
        m = q[s + 4] & 63;
    } else {
        sc = static_cast<uint8_t>((q[s + 4] & 0xF) | ((q[s - 4] >> 6) << 4));
        m = static_cast<uint8_t>((q[s + 4] >> 4) | ((q[s] >> 6) << 4));
    }
}

// Inverse of get_k_scale_min for all 8 sub-blocks; sc and m must be < 64.
inline void pack_k_scale_min(const uint8_t* sc, const uint8_t* m, uint8_t* q) {
    for (int s = 0; s < 4; ++s) {
        q[s] = static_cast<uint8_t>((sc[s] & 63) | ((sc[s + 4] >> 4) << 6));
        q[s + 4] = static_cast<uint8_t>((m[s] & 63) | ((m[s + 4] >> 4) << 6));
        q[s + 8] = static_cast<uint8_t>((sc[s + 4] & 0xF) | ((m[s + 4] & 0xF) << 4));
    }
}

// Q3_K: the 16 unsigned 6-bit scales (subtract 32 for the signed value) from 12 packed bytes.
inline void unpack_q3k_scales(const uint8_t* q, int* sc) {
    for (int s = 0; s < 16; ++s) {
        const int low = s < 8 ? (q[s] & 0xF) : (q[s - 8] >> 4);
        const int high = (q[8 + s % 4] >> (2 * (s / 4))) & 3;
        sc[s] = low | high << 4;
    }
}

// Inverse of unpack_q3k_scales; each sc must be in 0..63.
inline void pack_q3k_scales(const int* sc, uint8_t* q) {
    for (int i = 0; i < 12; ++i) q[i] = 0;
    for (int s = 0; s < 16; ++s) {
        const int low = sc[s] & 0xF, high = (sc[s] >> 4) & 3;
        if (s < 8)
            q[s] = static_cast<uint8_t>(q[s] | low);
        else
            q[s - 8] = static_cast<uint8_t>(q[s - 8] | low << 4);
        q[8 + s % 4] = static_cast<uint8_t>(q[8 + s % 4] | high << (2 * (s / 4)));
    }
}

}  // namespace hearth
