// Weighted encoders of one 256-element super-block of the 2-bit grid types (layouts in
// tensor/iq_blocks.h): IQ2_XXS (one scale per 32, signs with parity), IQ2_XS (one scale per 16,
// signs with parity), IQ2_S (one scale per 16, all 8 sign bits). x and w hold 256 values and their
// weights (block_quant.h); out receives the block's bytes.
#pragma once

#include <cstdint>

#include "inference/quant/iq_grid_fit.h"

namespace hearth::quant {

void encode_iq2_xxs(const float* x, const float* w, uint8_t* out);
void encode_iq2_xs(const float* x, const float* w, uint8_t* out);
void encode_iq2_s(const float* x, const float* w, uint8_t* out);

// The format of each as fit_grid_block sees it.
GridSpec iq2_xxs_spec();
GridSpec iq2_xs_spec();
GridSpec iq2_s_spec();

// The same with a chosen effort (tests compare the full search with a reduced one).
void encode_iq2_xxs(const float* x, const float* w, uint8_t* out, const GridEffort& effort);
void encode_iq2_xs(const float* x, const float* w, uint8_t* out, const GridEffort& effort);
void encode_iq2_s(const float* x, const float* w, uint8_t* out, const GridEffort& effort);

}  // namespace hearth::quant
