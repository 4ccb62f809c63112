// Round-to-nearest quantizers. Each computes its scales, rounds them to the stored precision
// (fp16, 4/6/8-bit) FIRST, and then quantizes every value against the scale the decoder will
// actually see, so the only error left is the rounding of the values themselves.
#include "inference/tensor/quantize.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

#include "inference/tensor/blocks.h"
#include "inference/tensor/half.h"
#include "inference/tensor/k_scales.h"
#include "inference/tensor/pack_codes.h"

namespace hearth {
namespace {

// Rounds to the nearest integer and clamps into [lo, hi] without ever converting an out-of-range
// or NaN float to int (which would be UB).
int round_clamp(float v, int lo, int hi) {
    if (!(v >= static_cast<float>(lo))) return lo;
    if (v >= static_cast<float>(hi)) return hi;
    return static_cast<int>(std::nearbyint(v));
}

// Stores f as fp16 and returns the value the decoder will read back.
float store_half(float f, uint16_t& out) {
    out = f32_to_fp16(f);
    return fp16_to_f32(out);
}

// The element with the largest magnitude, keeping its sign (the symmetric formats map it to the
// most negative code, which has one more step than the positive side).
float signed_absmax(const float* x, int n) {
    float best = 0;
    for (int i = 0; i < n; ++i)
        if (std::fabs(x[i]) > std::fabs(best)) best = x[i];
    return best;
}

void minmax(const float* x, int n, float& lo, float& hi) {
    lo = x[0];
    hi = x[0];
    for (int i = 1; i < n; ++i) {
        lo = std::min(lo, x[i]);
        hi = std::max(hi, x[i]);
    }
}

float inv(float d) { return d != 0 ? 1.0f / d : 0.0f; }

void quant_q4_0(const float* x, uint8_t* out) {
    BlockQ4_0 b{};
    const float d = store_half(signed_absmax(x, 32) / -8.0f, b.d), id = inv(d);
    int q[32];
    for (int j = 0; j < 32; ++j) q[j] = round_clamp(x[j] * id, -8, 7) + 8;
    pack_nibbles(q, b.qs);
    std::memcpy(out, &b, sizeof b);
}

void quant_q4_1(const float* x, uint8_t* out) {
    BlockQ4_1 b{};
    float lo, hi;
    minmax(x, 32, lo, hi);
    const float d = store_half((hi - lo) / 15.0f, b.d), id = inv(d);
    const float m = store_half(lo, b.m);
    int q[32];
    for (int j = 0; j < 32; ++j) q[j] = round_clamp((x[j] - m) * id, 0, 15);
    pack_nibbles(q, b.qs);
    std::memcpy(out, &b, sizeof b);
}

void quant_q5_0(const float* x, uint8_t* out) {
    BlockQ5_0 b{};
    const float d = store_half(signed_absmax(x, 32) / -16.0f, b.d), id = inv(d);
    int q[32];
    for (int j = 0; j < 32; ++j) q[j] = round_clamp(x[j] * id, -16, 15) + 16;
    pack_5bit(q, b.qh, b.qs);
    std::memcpy(out, &b, sizeof b);
}

void quant_q5_1(const float* x, uint8_t* out) {
    BlockQ5_1 b{};
    float lo, hi;
    minmax(x, 32, lo, hi);
    const float d = store_half((hi - lo) / 31.0f, b.d), id = inv(d);
    const float m = store_half(lo, b.m);
    int q[32];
    for (int j = 0; j < 32; ++j) q[j] = round_clamp((x[j] - m) * id, 0, 31);
    pack_5bit(q, b.qh, b.qs);
    std::memcpy(out, &b, sizeof b);
}

void quant_q8_0(const float* x, uint8_t* out) {
    BlockQ8_0 b{};
    const float d = store_half(std::fabs(signed_absmax(x, 32)) / 127.0f, b.d), id = inv(d);
    for (int j = 0; j < 32; ++j) b.qs[j] = static_cast<int8_t>(round_clamp(x[j] * id, -127, 127));
    std::memcpy(out, &b, sizeof b);
}

void quant_q8_k(const float* x, uint8_t* out) {
    BlockQ8_K b{};
    b.d = std::fabs(signed_absmax(x, 256)) / 127.0f;
    const float id = inv(b.d);
    for (int j = 0; j < 256; ++j) b.qs[j] = static_cast<int8_t>(round_clamp(x[j] * id, -127, 127));
    for (int i = 0; i < 16; ++i) {
        int s = 0;
        for (int j = 0; j < 16; ++j) s += b.qs[16 * i + j];
        b.bsums[i] = static_cast<int16_t>(s);
    }
    std::memcpy(out, &b, sizeof b);
}

// Asymmetric sub-block fit shared by Q2_K/Q4_K/Q5_K: per sub-block a scale (max-min)/levels and
// an offset min <= 0; both are then quantized to `scale_levels` against super-block d / dmin.
struct AsymFit {
    float scale[16];
    float neg_min[16];  // -min, >= 0
};

void fit_asym(const float* x, int n_sub, int sub_len, int levels, AsymFit& f) {
    for (int s = 0; s < n_sub; ++s) {
        float lo, hi;
        minmax(x + s * sub_len, sub_len, lo, hi);
        lo = std::min(lo, 0.0f);
        f.scale[s] = (hi - lo) / static_cast<float>(levels);
        f.neg_min[s] = -lo;
    }
}

// Quantizes the sub-block scales and mins to 0..scale_max against d and dmin, then each value to
// 0..levels. q_out gets n_sub*sub_len codes.
void quant_asym(const float* x, int n_sub, int sub_len, int levels, int scale_max, uint16_t& d_half,
                uint16_t& dmin_half, uint8_t* sc, uint8_t* mn, int* q_out) {
    AsymFit f;
    fit_asym(x, n_sub, sub_len, levels, f);
    float max_scale = 0, max_min = 0;
    for (int s = 0; s < n_sub; ++s) {
        max_scale = std::max(max_scale, f.scale[s]);
        max_min = std::max(max_min, f.neg_min[s]);
    }
    const float d = store_half(max_scale / static_cast<float>(scale_max), d_half);
    const float dmin = store_half(max_min / static_cast<float>(scale_max), dmin_half);
    for (int s = 0; s < n_sub; ++s) {
        // Rounding the 4/6-bit scale and min can clip the sub-block's ends, so try the two
        // nearest codes of each and keep the pair with the smallest squared error.
        const float* xs = x + s * sub_len;
        const float sq = f.scale[s] * inv(d), mq = f.neg_min[s] * inv(dmin);
        float best_err = -1;
        for (int a = 0; a < 2; ++a) {
            for (int c = 0; c < 2; ++c) {
                const int sci = round_clamp(a ? std::ceil(sq) : std::floor(sq), 0, scale_max);
                const int mni = round_clamp(c ? std::ceil(mq) : std::floor(mq), 0, scale_max);
                const float dl = d * static_cast<float>(sci), ml = dmin * static_cast<float>(mni);
                const float idl = inv(dl);
                float err = 0;
                for (int j = 0; j < sub_len; ++j) {
                    const int qv = round_clamp((xs[j] + ml) * idl, 0, levels);
                    const float r = dl * static_cast<float>(qv) - ml - xs[j];
                    err += r * r;
                }
                if (best_err < 0 || err < best_err) {
                    best_err = err;
                    sc[s] = static_cast<uint8_t>(sci);
                    mn[s] = static_cast<uint8_t>(mni);
                }
            }
        }
        const float dl = d * sc[s], ml = dmin * mn[s], idl = inv(dl);
        for (int j = 0; j < sub_len; ++j) q_out[s * sub_len + j] = round_clamp((xs[j] + ml) * idl, 0, levels);
    }
}

void quant_q2_k(const float* x, uint8_t* out) {
    BlockQ2_K b{};
    uint8_t sc[16], mn[16];
    int q[256];
    quant_asym(x, 16, 16, 3, 15, b.d, b.dmin, sc, mn, q);
    for (int s = 0; s < 16; ++s) b.scales[s] = static_cast<uint8_t>(sc[s] | mn[s] << 4);
    pack_q2_k_codes(q, b.qs);
    std::memcpy(out, &b, sizeof b);
}

void quant_q4_k(const float* x, uint8_t* out) {
    BlockQ4_K b{};
    uint8_t sc[8], mn[8];
    int q[256];
    quant_asym(x, 8, 32, 15, 63, b.d, b.dmin, sc, mn, q);
    pack_k_scale_min(sc, mn, b.scales);
    pack_q4_k_codes(q, b.qs);
    std::memcpy(out, &b, sizeof b);
}

void quant_q5_k(const float* x, uint8_t* out) {
    BlockQ5_K b{};
    uint8_t sc[8], mn[8];
    int q[256];
    quant_asym(x, 8, 32, 31, 63, b.d, b.dmin, sc, mn, q);
    pack_k_scale_min(sc, mn, b.scales);
    pack_q5_k_codes(q, b.qh, b.qs);
    std::memcpy(out, &b, sizeof b);
}

// Symmetric sub-blocks of 16 with signed sub-block scales (Q3_K: 6-bit, Q6_K: 8-bit).
// Returns the super-block d and fills sc (signed) and codes q in [qmin, qmax].
float quant_sym16(const float* x, int qmin, int qmax, int sc_min, int sc_max, uint16_t& d_half, int* sc,
                  int* q) {
    float sub[16];
    float best = 0;
    for (int s = 0; s < 16; ++s) {
        // Map the sub-block's extreme to the most negative code (qmin).
        sub[s] = signed_absmax(x + 16 * s, 16) / static_cast<float>(qmin);
        if (std::fabs(sub[s]) > std::fabs(best)) best = sub[s];
    }
    const float d = store_half(best / static_cast<float>(sc_min), d_half);
    for (int s = 0; s < 16; ++s) {
        // As in quant_asym: of the neighbouring scale codes, keep the one with least error.
        const float* xs = x + 16 * s;
        const int base = round_clamp(sub[s] * inv(d), sc_min, sc_max);
        float best_err = -1;
        for (int cand = std::max(sc_min, base - 1); cand <= std::min(sc_max, base + 1); ++cand) {
            const float dl = d * static_cast<float>(cand), idl = inv(dl);
            float err = 0;
            for (int j = 0; j < 16; ++j) {
                const float r = dl * static_cast<float>(round_clamp(xs[j] * idl, qmin, qmax)) - xs[j];
                err += r * r;
            }
            if (best_err < 0 || err < best_err) {
                best_err = err;
                sc[s] = cand;
            }
        }
        const float idl = inv(d * static_cast<float>(sc[s]));
        for (int j = 0; j < 16; ++j) q[16 * s + j] = round_clamp(xs[j] * idl, qmin, qmax);
    }
    return d;
}

void quant_q3_k(const float* x, uint8_t* out) {
    BlockQ3_K b{};
    int sc[16], q[256];
    quant_sym16(x, -4, 3, -32, 31, b.d, sc, q);
    int usc[16];
    for (int s = 0; s < 16; ++s) usc[s] = sc[s] + 32;
    pack_q3k_scales(usc, b.scales);
    for (int& v : q) v += 4;  // 0..7 as stored
    pack_q3_k_codes(q, b.hmask, b.qs);
    std::memcpy(out, &b, sizeof b);
}

void quant_q6_k(const float* x, uint8_t* out) {
    BlockQ6_K b{};
    int sc[16], q[256];
    quant_sym16(x, -32, 31, -128, 127, b.d, sc, q);
    for (int s = 0; s < 16; ++s) b.scales[s] = static_cast<int8_t>(sc[s]);
    for (int& v : q) v += 32;  // 0..63 as stored
    pack_q6_k_codes(q, b.ql, b.qh);
    std::memcpy(out, &b, sizeof b);
}

using QuantFn = void (*)(const float*, uint8_t*);

QuantFn block_encoder(TensorType t) {
    switch (t) {
        case TensorType::Q4_0: return quant_q4_0;
        case TensorType::Q4_1: return quant_q4_1;
        case TensorType::Q5_0: return quant_q5_0;
        case TensorType::Q5_1: return quant_q5_1;
        case TensorType::Q8_0: return quant_q8_0;
        case TensorType::Q2_K: return quant_q2_k;
        case TensorType::Q3_K: return quant_q3_k;
        case TensorType::Q4_K: return quant_q4_k;
        case TensorType::Q5_K: return quant_q5_k;
        case TensorType::Q6_K: return quant_q6_k;
        case TensorType::Q8_K: return quant_q8_k;
        default: return nullptr;
    }
}

}  // namespace

Status quantize_row(TensorType t, const float* src, void* dst, int64_t n) {
    const TypeTraits& tt = traits(t);
    if (!is_writable(t))
        return make_error("tensor.unsupported_type",
                          std::string("Hearth cannot write tensors of type ") + tt.name +
                              "; choose F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1 or a K-quant.");
    if (!row_size_ok(t, n))
        return make_error("tensor.row_size", "A row of " + std::to_string(n) + " elements cannot be stored as " +
                                                 tt.name + ": rows must be a multiple of " +
                                                 std::to_string(tt.block_size) + " elements.");
    auto* out = static_cast<uint8_t*>(dst);
    switch (t) {
        case TensorType::F32:
            std::memcpy(out, src, static_cast<size_t>(n) * 4);
            return {};
        case TensorType::F16:
        case TensorType::BF16:
            for (int64_t i = 0; i < n; ++i) {
                const uint16_t h = t == TensorType::F16 ? f32_to_fp16(src[i]) : f32_to_bf16(src[i]);
                std::memcpy(out + 2 * i, &h, 2);
            }
            return {};
        default:
            break;
    }
    for (int64_t i = 0; i < n; ++i)
        if (!std::isfinite(src[i]))
            return make_error("tensor.non_finite", "Element " + std::to_string(i) + " of the row is " +
                                                       (std::isnan(src[i]) ? "NaN" : "infinite") +
                                                       ", which cannot be quantized to " + tt.name + ".");
    const QuantFn fn = block_encoder(t);
    const int64_t nb = n / tt.block_size;
    for (int64_t b = 0; b < nb; ++b) fn(src + b * tt.block_size, out + b * tt.block_bytes);
    return {};
}

}  // namespace hearth
