// Weighted encoders of the two non-linear 4-bit formats (layouts in tensor/iq_blocks.h): IQ4_NL,
// one fp16 scale per 32 elements, and IQ4_XS, 256 elements in 8 sub-blocks of 32 whose 6-bit
// signed scales multiply one fp16 scale. Every element is d * kvalues_iq4nl[q], the 16 levels of a
// codebook that is denser near zero (where trained weights are) and asymmetric (-127 .. 113), so
// the sign of the scale matters: a block whose extreme is positive may still fit best with a
// negative scale that puts that extreme on the longer side, -127.
//
// A block's scale is searched: candidates that map its extreme onto either end of the codebook,
// each element rounded to its nearest level, the scale refitted by weighted least squares on those
// levels, re-rounded until it stops improving. IQ4_XS then fits the super-block scale to the
// sub-block scales, tries each sub-block's nearest scale code and its neighbours against the
// sub-block's real error, and re-fits the super-block scale with every code fixed. The final
// levels are always chosen against the scales the decoder will read.
#pragma once

#include <cstdint>

namespace hearth::quant {

// One IQ4_NL block: 32 values x with weights w (> 0) into 18 bytes.
void encode_iq4_nl(const float* x, const float* w, uint8_t* out);

// One IQ4_XS block: 256 values into 136 bytes.
void encode_iq4_xs(const float* x, const float* w, uint8_t* out);

}  // namespace hearth::quant
