// The encoder shared by the IQ types that store each group of 4 or 8 magnitudes as one codebook
// point, their signs apart, and a 4-bit scale per sub-block of 16 or 32 elements under one fp16
// super-block scale d (IQ2_XXS, IQ2_XS, IQ2_S, IQ3_XXS, IQ3_S): element j of sub-block s decodes
// to d * (f0 + f1 * code[s]) * point[j] * sign[j]. It chooses signs, points, codes and d for one
// 256-element super-block to minimise sum_j w_j (x_j - decoded_j)^2; the per-type files pack the
// result into their block layouts.
#pragma once

#include <cstdint>

#include "inference/quant/iq_grid.h"

namespace hearth::quant {

struct GridSpec {
    const GridIndex* grid;  // the codebook (dim 4 or 8)
    int sub_len;            // elements per 4-bit scale: 16 or 32
    bool parity;            // signs stored as 7 bits per 8 elements, the 8th implied by even parity
    float f0, f1;           // a sub-block's scale is d * (f0 + f1 * code), code 0..15
};

struct GridBlock {
    uint16_t d_bits = 0;    // fp16 super-block scale
    uint8_t code[16] = {};  // per sub-block (256 / sub_len of them)
    uint16_t point[64] = {};  // per group of dim elements (256 / dim of them)
    uint8_t neg[32] = {};   // per 8 elements: bit j set when element j is stored negative
};

// Encoding effort, for tests that compare the full search against a simpler one.
struct GridEffort {
    int scale_candidates = 6;  // candidate sub-block scales below max / top level (half as many above)
    bool refine = true;         // least-squares re-fits of the sub-block scales and of d
};

// Chooses the encoding of one super-block (x: 256 values, w: their weights > 0). Returns the
// weighted squared error of the result as the decoder will read it. The result is not the
// least-squares optimum: its d is scaled so that the decoded block is unbiased (iq_grid_fit.cpp).
double fit_grid_block(const float* x, const float* w, const GridSpec& spec, GridBlock& out,
                      const GridEffort& effort = {});

}  // namespace hearth::quant
