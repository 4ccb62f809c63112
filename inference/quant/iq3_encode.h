// Weighted encoders of one 256-element super-block of the 3-bit grid types (layouts in
// tensor/iq_blocks.h): IQ3_XXS (8-bit indices into iq3xxs_grid, signs with parity) and IQ3_S
// (9-bit indices into iq3s_grid, all 8 sign bits), both with one 4-bit scale per 32 elements.
// x and w hold 256 values and their weights (block_quant.h); out receives the block's bytes.
#pragma once

#include <cstdint>

#include "inference/quant/iq_grid_fit.h"

namespace hearth::quant {

void encode_iq3_xxs(const float* x, const float* w, uint8_t* out);
void encode_iq3_s(const float* x, const float* w, uint8_t* out);

// The format of each as fit_grid_block sees it.
GridSpec iq3_xxs_spec();
GridSpec iq3_s_spec();

// The same with a chosen effort (tests compare the full search with a reduced one).
void encode_iq3_xxs(const float* x, const float* w, uint8_t* out, const GridEffort& effort);
void encode_iq3_s(const float* x, const float* w, uint8_t* out, const GridEffort& effort);

}  // namespace hearth::quant
