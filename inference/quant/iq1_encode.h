// Weighted encoders of the 1.5- and 1.75-bit formats IQ1_S and IQ1_M (layouts in
// tensor/iq_blocks.h). Every group of 8 values is one point of the iq1s codebook (2048 points of 8
// ternary values -1/0/+1) shifted by a delta of +-1/8, times a scale d * (2s + 1) with a 3-bit s.
// IQ1_S has one scale and one delta sign per 32 values; IQ1_M a scale per 16 and a delta sign per
// 8, and no separate field for d: its fp16 bits are spread over the scale words' top nibbles.
//
// For a candidate scale, each 8-value group's best point is found through the codebook's nearest-
// point index (iq_grid.h) for the target x / scale - delta, for both delta signs; the scale is
// searched over candidates around the one that maps the largest value onto 1 + 1/8, refitted by
// weighted least squares on the chosen points and re-picked. The super-block's d is then fitted
// to those scales, each scale code and its neighbours are tried against the group's real error,
// d is refitted with the codes fixed, and the points are re-picked with the quantized scales.
// Finally d is stretched by a constant (1.1-1.15): least-squares scales shrink a ternary
// reconstruction, which costs more KL divergence than the added squared error (iq1_encode.cpp).
#pragma once

#include <cstdint>

namespace hearth::quant {

// One IQ1_S block: 256 values x with weights w (> 0) into 50 bytes.
void encode_iq1_s(const float* x, const float* w, uint8_t* out);

// One IQ1_M block: 256 values into 56 bytes.
void encode_iq1_m(const float* x, const float* w, uint8_t* out);

}  // namespace hearth::quant
