// IQ3 block packing around fit_grid_block (tensor/dequantize_iq.cpp). Decoded value:
//   IQ3_XXS: d * (0.5 + code) * 0.5 * point * sign   -> f0 = 0.25, f1 = 0.5
//   IQ3_S:   d * (1 + 2 * code) * point * sign       -> f0 = 1,    f1 = 2
#include "inference/quant/iq3_encode.h"

#include <cstring>

#include "inference/tensor/iq_blocks.h"

namespace hearth::quant {

GridSpec iq3_xxs_spec() { return GridSpec{&iq3xxs_index(), 32, true, 0.25f, 0.5f}; }
GridSpec iq3_s_spec() { return GridSpec{&iq3s_index(), 32, false, 1.0f, 2.0f}; }

void encode_iq3_xxs(const float* x, const float* w, uint8_t* out, const GridEffort& effort) {
    GridBlock gb;
    fit_grid_block(x, w, iq3_xxs_spec(), gb, effort);
    BlockIQ3_XXS b{};
    b.d = gb.d_bits;
    // 8 values l of group g take the two 4-value points 2 (4g + l) and 2 (4g + l) + 1.
    for (int k = 0; k < 64; ++k) b.qs[k] = static_cast<uint8_t>(gb.point[k]);
    for (int g = 0; g < 8; ++g) {
        uint32_t aux = static_cast<uint32_t>(gb.code[g]) << 28;
        for (int l = 0; l < 4; ++l) aux |= static_cast<uint32_t>(gb.neg[4 * g + l] & 127) << (7 * l);
        for (int k = 0; k < 4; ++k) b.qs[64 + 4 * g + k] = static_cast<uint8_t>(aux >> (8 * k));
    }
    std::memcpy(out, &b, sizeof b);
}

void encode_iq3_s(const float* x, const float* w, uint8_t* out, const GridEffort& effort) {
    GridBlock gb;
    fit_grid_block(x, w, iq3_s_spec(), gb, effort);
    BlockIQ3_S b{};
    b.d = gb.d_bits;
    for (int k = 0; k < 64; ++k) {
        b.qs[k] = static_cast<uint8_t>(gb.point[k] & 0xFF);
        b.qh[k / 8] = static_cast<uint8_t>(b.qh[k / 8] | ((gb.point[k] >> 8) & 1) << (k % 8));
    }
    for (int i = 0; i < 32; ++i) b.signs[i] = gb.neg[i];
    for (int g = 0; g < 8; ++g) b.scales[g / 2] = static_cast<uint8_t>(b.scales[g / 2] | gb.code[g] << (4 * (g % 2)));
    std::memcpy(out, &b, sizeof b);
}

void encode_iq3_xxs(const float* x, const float* w, uint8_t* out) { encode_iq3_xxs(x, w, out, GridEffort{}); }
void encode_iq3_s(const float* x, const float* w, uint8_t* out) { encode_iq3_s(x, w, out, GridEffort{}); }

}  // namespace hearth::quant
