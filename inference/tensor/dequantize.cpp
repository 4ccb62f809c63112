// Scalar block decoders. Each follows the bit layout documented on its struct in blocks.h.
// Blocks are memcpy'd out of the source so that a row at any address (mmap'd files give no
// alignment promise beyond the GGUF alignment) is read without alignment or aliasing UB.
#include "inference/tensor/dequantize.h"

#include <cmath>
#include <cstring>
#include <limits>

#include "inference/tensor/block_load.h"
#include "inference/tensor/blocks.h"
#include "inference/tensor/dequantize_iq.h"
#include "inference/tensor/half.h"
#include "inference/tensor/k_scales.h"

namespace hearth {
namespace {

void block_q4_0(const uint8_t* p, float* y) {
    const auto b = load_block<BlockQ4_0>(p);
    const float d = fp16_to_f32(b.d);
    for (int j = 0; j < 16; ++j) {
        y[j] = static_cast<float>((b.qs[j] & 0xF) - 8) * d;
        y[j + 16] = static_cast<float>((b.qs[j] >> 4) - 8) * d;
    }
}

void block_q4_1(const uint8_t* p, float* y) {
    const auto b = load_block<BlockQ4_1>(p);
    const float d = fp16_to_f32(b.d), m = fp16_to_f32(b.m);
    for (int j = 0; j < 16; ++j) {
        y[j] = static_cast<float>(b.qs[j] & 0xF) * d + m;
        y[j + 16] = static_cast<float>(b.qs[j] >> 4) * d + m;
    }
}

void block_q5_0(const uint8_t* p, float* y) {
    const auto b = load_block<BlockQ5_0>(p);
    const float d = fp16_to_f32(b.d);
    const uint32_t qh = load_u32(b.qh);
    for (int j = 0; j < 16; ++j) {
        const int lo = (b.qs[j] & 0xF) | static_cast<int>((qh >> j) & 1u) << 4;
        const int hi = (b.qs[j] >> 4) | static_cast<int>((qh >> (j + 16)) & 1u) << 4;
        y[j] = static_cast<float>(lo - 16) * d;
        y[j + 16] = static_cast<float>(hi - 16) * d;
    }
}

void block_q5_1(const uint8_t* p, float* y) {
    const auto b = load_block<BlockQ5_1>(p);
    const float d = fp16_to_f32(b.d), m = fp16_to_f32(b.m);
    const uint32_t qh = load_u32(b.qh);
    for (int j = 0; j < 16; ++j) {
        const int lo = (b.qs[j] & 0xF) | static_cast<int>((qh >> j) & 1u) << 4;
        const int hi = (b.qs[j] >> 4) | static_cast<int>((qh >> (j + 16)) & 1u) << 4;
        y[j] = static_cast<float>(lo) * d + m;
        y[j + 16] = static_cast<float>(hi) * d + m;
    }
}

void block_q8_0(const uint8_t* p, float* y) {
    const auto b = load_block<BlockQ8_0>(p);
    const float d = fp16_to_f32(b.d);
    for (int j = 0; j < 32; ++j) y[j] = static_cast<float>(b.qs[j]) * d;
}

void block_q2_k(const uint8_t* p, float* y) {
    const auto b = load_block<BlockQ2_K>(p);
    const float d = fp16_to_f32(b.d), dmin = fp16_to_f32(b.dmin);
    // Loops in element order: half h, 2-bit field j, byte l (e = 128h + 32j + l).
    for (int h = 0; h < 2; ++h) {
        for (int j = 0; j < 4; ++j) {
            for (int half16 = 0; half16 < 2; ++half16) {
                const int e0 = 128 * h + 32 * j + 16 * half16;
                const uint8_t sm = b.scales[e0 / 16];
                const float dl = d * static_cast<float>(sm & 0xF), ml = dmin * static_cast<float>(sm >> 4);
                for (int l = 16 * half16; l < 16 * half16 + 16; ++l)
                    y[128 * h + 32 * j + l] = dl * static_cast<float>((b.qs[32 * h + l] >> (2 * j)) & 3) - ml;
            }
        }
    }
}

void block_q3_k(const uint8_t* p, float* y) {
    const auto b = load_block<BlockQ3_K>(p);
    const float d = fp16_to_f32(b.d);
    int sc[16];
    unpack_q3k_scales(b.scales, sc);
    for (int h = 0; h < 2; ++h) {
        for (int j = 0; j < 4; ++j) {
            const int shift = 2 * j, hbit = 4 * h + j;
            for (int l = 0; l < 32; ++l) {
                const int e = 128 * h + 32 * j + l;
                const int low = (b.qs[32 * h + l] >> shift) & 3;
                const int q = low - (((b.hmask[l] >> hbit) & 1) ? 0 : 4);
                y[e] = d * static_cast<float>(sc[e / 16] - 32) * static_cast<float>(q);
            }
        }
    }
}

void block_q4_k(const uint8_t* p, float* y) {
    const auto b = load_block<BlockQ4_K>(p);
    const float d = fp16_to_f32(b.d), dmin = fp16_to_f32(b.dmin);
    for (int s = 0; s < 8; ++s) {
        uint8_t sc, m;
        get_k_scale_min(s, b.scales, sc, m);
        const float dl = d * sc, ml = dmin * m;
        const int c = s / 2, shift = (s % 2) * 4;
        for (int l = 0; l < 32; ++l)
            y[32 * s + l] = dl * static_cast<float>((b.qs[32 * c + l] >> shift) & 0xF) - ml;
    }
}

void block_q5_k(const uint8_t* p, float* y) {
    const auto b = load_block<BlockQ5_K>(p);
    const float d = fp16_to_f32(b.d), dmin = fp16_to_f32(b.dmin);
    for (int s = 0; s < 8; ++s) {
        uint8_t sc, m;
        get_k_scale_min(s, b.scales, sc, m);
        const float dl = d * sc, ml = dmin * m;
        const int c = s / 2, shift = (s % 2) * 4;
        for (int l = 0; l < 32; ++l) {
            const int q = ((b.qs[32 * c + l] >> shift) & 0xF) | ((b.qh[l] >> s) & 1) << 4;
            y[32 * s + l] = dl * static_cast<float>(q) - ml;
        }
    }
}

void block_q6_k(const uint8_t* p, float* y) {
    const auto b = load_block<BlockQ6_K>(p);
    const float d = fp16_to_f32(b.d);
    for (int h = 0; h < 2; ++h) {
        const uint8_t* ql = b.ql + 64 * h;
        const uint8_t* qh = b.qh + 32 * h;
        float* yh = y + 128 * h;
        const int8_t* sc = b.scales + 8 * h;
        for (int l = 0; l < 32; ++l) {
            const int q0 = ((ql[l] & 0xF) | ((qh[l] >> 0) & 3) << 4) - 32;
            const int q1 = ((ql[l + 32] & 0xF) | ((qh[l] >> 2) & 3) << 4) - 32;
            const int q2 = ((ql[l] >> 4) | ((qh[l] >> 4) & 3) << 4) - 32;
            const int q3 = ((ql[l + 32] >> 4) | ((qh[l] >> 6) & 3) << 4) - 32;
            const int s = l / 16;  // scale index within each 32-element group: 16 elements per scale
            yh[l] = d * static_cast<float>(sc[s]) * static_cast<float>(q0);
            yh[l + 32] = d * static_cast<float>(sc[s + 2]) * static_cast<float>(q1);
            yh[l + 64] = d * static_cast<float>(sc[s + 4]) * static_cast<float>(q2);
            yh[l + 96] = d * static_cast<float>(sc[s + 6]) * static_cast<float>(q3);
        }
    }
}

void block_q8_k(const uint8_t* p, float* y) {
    const auto b = load_block<BlockQ8_K>(p);
    for (int j = 0; j < 256; ++j) y[j] = b.d * static_cast<float>(b.qs[j]);
}

using BlockFn = void (*)(const uint8_t*, float*);

BlockFn block_decoder(TensorType t) {
    switch (t) {
        case TensorType::Q4_0: return block_q4_0;
        case TensorType::Q4_1: return block_q4_1;
        case TensorType::Q5_0: return block_q5_0;
        case TensorType::Q5_1: return block_q5_1;
        case TensorType::Q8_0: return block_q8_0;
        case TensorType::Q2_K: return block_q2_k;
        case TensorType::Q3_K: return block_q3_k;
        case TensorType::Q4_K: return block_q4_k;
        case TensorType::Q5_K: return block_q5_k;
        case TensorType::Q6_K: return block_q6_k;
        case TensorType::Q8_K: return block_q8_k;
        default: return iq_block_decoder(t);
    }
}

// double -> float without the undefined behaviour of converting an out-of-range value.
float narrow(double d) {
    if (d > std::numeric_limits<float>::max()) return std::numeric_limits<float>::infinity();
    if (d < -std::numeric_limits<float>::max()) return -std::numeric_limits<float>::infinity();
    return static_cast<float>(d);
}

bool valid(TensorType t, int64_t n) { return is_supported(t) && row_size_ok(t, n); }

}  // namespace

void dequantize_row(TensorType t, const void* src, float* dst, int64_t n) {
    if (!valid(t, n)) {
        for (int64_t i = 0; i < n; ++i) dst[i] = std::numeric_limits<float>::quiet_NaN();
        return;
    }
    const auto* p = static_cast<const uint8_t*>(src);
    switch (t) {
        case TensorType::F32:
            std::memcpy(dst, p, static_cast<size_t>(n) * 4);
            return;
        case TensorType::F16:
            for (int64_t i = 0; i < n; ++i) {
                uint16_t h;
                std::memcpy(&h, p + 2 * i, 2);
                dst[i] = fp16_to_f32(h);
            }
            return;
        case TensorType::BF16:
            for (int64_t i = 0; i < n; ++i) {
                uint16_t h;
                std::memcpy(&h, p + 2 * i, 2);
                dst[i] = bf16_to_f32(h);
            }
            return;
        default:
            break;
    }
    const BlockFn fn = block_decoder(t);
    const TypeTraits& tt = traits(t);
    const int64_t nb = n / tt.block_size;
    for (int64_t i = 0; i < nb; ++i) fn(p + i * tt.block_bytes, dst + i * tt.block_size);
}

float dot_row(TensorType t, const void* row, const float* x, int64_t n) {
    if (!valid(t, n)) return std::numeric_limits<float>::quiet_NaN();
    const auto* p = static_cast<const uint8_t*>(row);
    double acc = 0;
    if (t == TensorType::F32) {
        for (int64_t i = 0; i < n; ++i) {
            float w;
            std::memcpy(&w, p + 4 * i, 4);
            acc += static_cast<double>(w) * x[i];
        }
        return narrow(acc);
    }
    // Decode a block (or 256 plain elements) at a time into a small buffer.
    const TypeTraits& tt = traits(t);
    const int64_t chunk = tt.quantized ? tt.block_size : 256;
    const uint64_t chunk_bytes = tt.quantized ? tt.block_bytes : 256u * tt.block_bytes;
    float buf[256];
    for (int64_t i = 0; i < n; i += chunk) {
        const int64_t m = (n - i < chunk) ? n - i : chunk;  // plain types: last chunk may be short
        dequantize_row(t, p + static_cast<uint64_t>(i / chunk) * chunk_bytes, buf, m);
        for (int64_t j = 0; j < m; ++j) acc += static_cast<double>(buf[j]) * x[i + j];
    }
    return narrow(acc);
}

}  // namespace hearth
