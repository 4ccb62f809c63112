// Scalar IQ block decoders, following the layouts documented in iq_blocks.h.
#include "inference/tensor/dequantize_iq.h"

#include <cstring>

#include "inference/tensor/block_load.h"
#include "inference/tensor/half.h"
#include "inference/tensor/iq_blocks.h"
#include "inference/tensor/iq_tables.h"

namespace hearth {
namespace {

// Coordinate j of a grid entry: byte j, least significant first.
float coord_u(uint64_t entry, int j) { return static_cast<float>((entry >> (8 * j)) & 0xFF); }
float coord_s(uint64_t entry, int j) { return static_cast<float>(static_cast<int8_t>((entry >> (8 * j)) & 0xFF)); }

// 8 grid values times a scale, negated where the sign byte has a bit set.
void put8(float* y, float scale, uint64_t entry, uint8_t signs) {
    for (int j = 0; j < 8; ++j) y[j] = scale * coord_u(entry, j) * ((signs >> j) & 1 ? -1.0f : 1.0f);
}

void block_iq4_nl(const uint8_t* p, float* y) {
    const auto b = load_block<BlockIQ4_NL>(p);
    const float d = fp16_to_f32(b.d);
    for (int j = 0; j < 16; ++j) {
        y[j] = d * iq::kvalues_iq4nl[b.qs[j] & 0xF];
        y[j + 16] = d * iq::kvalues_iq4nl[b.qs[j] >> 4];
    }
}

void block_iq4_xs(const uint8_t* p, float* y) {
    const auto b = load_block<BlockIQ4_XS>(p);
    const float d = fp16_to_f32(b.d);
    for (int s = 0; s < 8; ++s, y += 32) {
        const int ls = ((b.scales_l[s / 2] >> (4 * (s % 2))) & 0xF) | (((b.scales_h >> (2 * s)) & 3) << 4);
        const float dl = d * static_cast<float>(ls - 32);
        const uint8_t* q = b.qs + 16 * s;
        for (int j = 0; j < 16; ++j) {
            y[j] = dl * iq::kvalues_iq4nl[q[j] & 0xF];
            y[j + 16] = dl * iq::kvalues_iq4nl[q[j] >> 4];
        }
    }
}

void block_iq2_xxs(const uint8_t* p, float* y) {
    const auto b = load_block<BlockIQ2_XXS>(p);
    const float d = fp16_to_f32(b.d);
    const auto* bytes = reinterpret_cast<const uint8_t*>(b.qs);
    for (int g = 0; g < 8; ++g) {
        const uint8_t* idx = bytes + 8 * g;
        const uint32_t aux = load_u32(bytes + 8 * g + 4);
        const float db = d * (0.5f + static_cast<float>(aux >> 28)) * 0.25f;
        for (int l = 0; l < 4; ++l, y += 8)
            put8(y, db, iq::iq2xxs_grid[idx[l]], iq::ksigns_iq2xs[(aux >> (7 * l)) & 127]);
    }
}

void block_iq2_xs(const uint8_t* p, float* y) {
    const auto b = load_block<BlockIQ2_XS>(p);
    const float d = fp16_to_f32(b.d);
    for (int g = 0; g < 8; ++g) {
        const float db[2] = {d * (0.5f + static_cast<float>(b.scales[g] & 0xF)) * 0.25f,
                             d * (0.5f + static_cast<float>(b.scales[g] >> 4)) * 0.25f};
        for (int l = 0; l < 4; ++l, y += 8) {
            const uint16_t q = b.qs[4 * g + l];
            put8(y, db[l / 2], iq::iq2xs_grid[q & 511], iq::ksigns_iq2xs[q >> 9]);
        }
    }
}

void block_iq2_s(const uint8_t* p, float* y) {
    const auto b = load_block<BlockIQ2_S>(p);
    const float d = fp16_to_f32(b.d);
    for (int g = 0; g < 8; ++g) {
        const float db[2] = {d * (0.5f + static_cast<float>(b.scales[g] & 0xF)) * 0.25f,
                             d * (0.5f + static_cast<float>(b.scales[g] >> 4)) * 0.25f};
        for (int l = 0; l < 4; ++l, y += 8) {
            const int i = 4 * g + l;
            const int index = b.qs[i] | ((b.qh[g] >> (2 * l)) & 3) << 8;
            put8(y, db[l / 2], iq::iq2s_grid[index], b.qs[32 + i]);
        }
    }
}

void block_iq3_xxs(const uint8_t* p, float* y) {
    const auto b = load_block<BlockIQ3_XXS>(p);
    const float d = fp16_to_f32(b.d);
    for (int g = 0; g < 8; ++g) {
        const uint32_t aux = load_u32(b.qs + 64 + 4 * g);
        const float db = d * (0.5f + static_cast<float>(aux >> 28)) * 0.5f;
        for (int l = 0; l < 4; ++l, y += 8) {
            const uint64_t entry = iq::iq3xxs_grid[b.qs[8 * g + 2 * l]] |
                                   static_cast<uint64_t>(iq::iq3xxs_grid[b.qs[8 * g + 2 * l + 1]]) << 32;
            put8(y, db, entry, iq::ksigns_iq2xs[(aux >> (7 * l)) & 127]);
        }
    }
}

void block_iq3_s(const uint8_t* p, float* y) {
    const auto b = load_block<BlockIQ3_S>(p);
    const float d = fp16_to_f32(b.d);
    for (int g = 0; g < 8; ++g) {
        const float db = d * static_cast<float>(1 + 2 * ((b.scales[g / 2] >> (4 * (g % 2))) & 0xF));
        for (int l = 0; l < 4; ++l, y += 8) {
            const int i0 = 8 * g + 2 * l, i1 = i0 + 1;
            const uint32_t lo = iq::iq3s_grid[b.qs[i0] | ((b.qh[g] >> (2 * l)) & 1) << 8];
            const uint32_t hi = iq::iq3s_grid[b.qs[i1] | ((b.qh[g] >> (2 * l + 1)) & 1) << 8];
            put8(y, db, lo | static_cast<uint64_t>(hi) << 32, b.signs[4 * g + l]);
        }
    }
}

// 8 signed grid values shifted by delta, times a scale (IQ1_S, IQ1_M).
void put8_iq1(float* y, float scale, int index, float delta) {
    const uint64_t entry = iq::iq1s_grid[index];
    for (int j = 0; j < 8; ++j) y[j] = scale * (coord_s(entry, j) + delta);
}

void block_iq1_s(const uint8_t* p, float* y) {
    const auto b = load_block<BlockIQ1_S>(p);
    const float d = fp16_to_f32(b.d);
    for (int g = 0; g < 8; ++g) {
        const uint16_t h = b.qh[g];
        const float dl = d * static_cast<float>(2 * ((h >> 12) & 7) + 1);
        const float delta = (h & 0x8000) ? -iq::kIq1sDelta : iq::kIq1sDelta;
        for (int l = 0; l < 4; ++l, y += 8) put8_iq1(y, dl, b.qs[4 * g + l] | ((h >> (3 * l)) & 7) << 8, delta);
    }
}

void block_iq1_m(const uint8_t* p, float* y) {
    const auto b = load_block<BlockIQ1_M>(p);
    uint16_t sc[4];
    std::memcpy(sc, b.scales, sizeof sc);
    const uint16_t dbits = static_cast<uint16_t>((sc[0] >> 12) | ((sc[1] >> 8) & 0x00F0) | ((sc[2] >> 4) & 0x0F00) |
                                                 (sc[3] & 0xF000));
    const float d = fp16_to_f32(dbits);
    for (int g = 0; g < 8; ++g) {
        const int shift = 6 * (g % 2);
        const float dl[2] = {d * static_cast<float>(2 * ((sc[g / 2] >> shift) & 7) + 1),
                             d * static_cast<float>(2 * ((sc[g / 2] >> (shift + 3)) & 7) + 1)};
        for (int l = 0; l < 4; ++l, y += 8) {
            const int nibble = (b.qh[2 * g + l / 2] >> (4 * (l % 2))) & 0xF;
            const float delta = (nibble & 8) ? -iq::kIq1mDelta : iq::kIq1mDelta;
            put8_iq1(y, dl[l / 2], b.qs[4 * g + l] | (nibble & 7) << 8, delta);
        }
    }
}

}  // namespace

IqBlockFn iq_block_decoder(TensorType t) {
    switch (t) {
        case TensorType::IQ4_NL: return block_iq4_nl;
        case TensorType::IQ4_XS: return block_iq4_xs;
        case TensorType::IQ2_XXS: return block_iq2_xxs;
        case TensorType::IQ2_XS: return block_iq2_xs;
        case TensorType::IQ2_S: return block_iq2_s;
        case TensorType::IQ3_XXS: return block_iq3_xxs;
        case TensorType::IQ3_S: return block_iq3_s;
        case TensorType::IQ1_S: return block_iq1_s;
        case TensorType::IQ1_M: return block_iq1_m;
        default: return nullptr;
    }
}

}  // namespace hearth
