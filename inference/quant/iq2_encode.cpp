// IQ2 block packing around fit_grid_block. Decoded value: d * (0.5 + code) * 0.25 * point * sign
// (tensor/dequantize_iq.cpp), so f0 = 0.125 and f1 = 0.25.
#include "inference/quant/iq2_encode.h"

#include <cstring>

#include "inference/tensor/iq_blocks.h"

namespace hearth::quant {
GridSpec iq2_xxs_spec() { return GridSpec{&iq2xxs_index(), 32, true, 0.125f, 0.25f}; }
GridSpec iq2_xs_spec() { return GridSpec{&iq2xs_index(), 16, true, 0.125f, 0.25f}; }
GridSpec iq2_s_spec() { return GridSpec{&iq2s_index(), 16, false, 0.125f, 0.25f}; }

void encode_iq2_xxs(const float* x, const float* w, uint8_t* out, const GridEffort& effort) {
    GridBlock gb;
    fit_grid_block(x, w, iq2_xxs_spec(), gb, effort);
    BlockIQ2_XXS b{};
    b.d = gb.d_bits;
    uint8_t bytes[64];
    for (int g = 0; g < 8; ++g) {
        uint32_t aux = static_cast<uint32_t>(gb.code[g]) << 28;
        for (int l = 0; l < 4; ++l) {
            bytes[8 * g + l] = static_cast<uint8_t>(gb.point[4 * g + l]);
            aux |= static_cast<uint32_t>(gb.neg[4 * g + l] & 127) << (7 * l);
        }
        for (int k = 0; k < 4; ++k) bytes[8 * g + 4 + k] = static_cast<uint8_t>(aux >> (8 * k));
    }
    std::memcpy(b.qs, bytes, sizeof bytes);
    std::memcpy(out, &b, sizeof b);
}

void encode_iq2_xs(const float* x, const float* w, uint8_t* out, const GridEffort& effort) {
    GridBlock gb;
    fit_grid_block(x, w, iq2_xs_spec(), gb, effort);
    BlockIQ2_XS b{};
    b.d = gb.d_bits;
    for (int i = 0; i < 32; ++i) b.qs[i] = static_cast<uint16_t>(gb.point[i] | (gb.neg[i] & 127) << 9);
    for (int g = 0; g < 8; ++g) b.scales[g] = static_cast<uint8_t>(gb.code[2 * g] | gb.code[2 * g + 1] << 4);
    std::memcpy(out, &b, sizeof b);
}

void encode_iq2_s(const float* x, const float* w, uint8_t* out, const GridEffort& effort) {
    GridBlock gb;
    fit_grid_block(x, w, iq2_s_spec(), gb, effort);
    BlockIQ2_S b{};
    b.d = gb.d_bits;
    for (int i = 0; i < 32; ++i) {
        b.qs[i] = static_cast<uint8_t>(gb.point[i] & 0xFF);
        b.qs[32 + i] = gb.neg[i];
        b.qh[i / 4] = static_cast<uint8_t>(b.qh[i / 4] | ((gb.point[i] >> 8) & 3) << (2 * (i % 4)));
    }
    for (int g = 0; g < 8; ++g) b.scales[g] = static_cast<uint8_t>(gb.code[2 * g] | gb.code[2 * g + 1] << 4);
    std::memcpy(out, &b, sizeof b);
}

void encode_iq2_xxs(const float* x, const float* w, uint8_t* out) { encode_iq2_xxs(x, w, out, GridEffort{}); }
void encode_iq2_xs(const float* x, const float* w, uint8_t* out) { encode_iq2_xs(x, w, out, GridEffort{}); }
void encode_iq2_s(const float* x, const float* w, uint8_t* out) { encode_iq2_s(x, w, out, GridEffort{}); }

}  // namespace hearth::quant
