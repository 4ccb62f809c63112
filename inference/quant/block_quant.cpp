// The weighted encoders. Each block goes through the same three steps:
//   1. per (sub-)block, the scale (and minimum) that minimise the weighted squared error, found by
//      trying candidate scales around the one that maps the block's extreme onto the last code and
//      then re-rounding against the least-squares solution until it stops improving;
//   2. the (sub-)block scales quantized to their stored precision against a super-block scale that
//      is itself a weighted least-squares fit, then each stored scale code and its neighbours tried
//      against the block's real error;
//   3. the super-block scales re-fitted by least squares with every code fixed, and kept when the
//      error drops. Codes are always rounded against the scales the decoder will read back.
#include "inference/quant/block_quant.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "inference/quant/iq1_encode.h"
#include "inference/quant/iq2_encode.h"
#include "inference/quant/iq3_encode.h"
#include "inference/quant/iq4_encode.h"
#include "inference/tensor/blocks.h"
#include "inference/tensor/half.h"
#include "inference/tensor/k_scales.h"
#include "inference/tensor/pack_codes.h"
#include "inference/tensor/quantize.h"

namespace hearth::quant {
namespace {

constexpr int kSearch = 10;        // candidate scales on each side of the extreme's
constexpr float kSearchStep = 0.1f;  // in units of one code step
constexpr int kRefine = 4;         // re-round / re-fit rounds

int round_clamp(float v, int lo, int hi) {
    if (!(v >= static_cast<float>(lo))) return lo;
    if (v >= static_cast<float>(hi)) return hi;
    return static_cast<int>(std::nearbyint(v));
}

float half_round(float f, uint16_t& bits) {
    bits = f32_to_fp16(f);
    return fp16_to_f32(bits);
}

float inv(float d) { return d != 0 ? 1.0f / d : 0.0f; }

// --- step 1: one block ----------------------------------------------------------------------

// Rounds x / d into [qmin, qmax]; returns sum w (x - d q)^2.
double sym_round(const float* x, const float* w, int n, float d, int qmin, int qmax, int* q) {
    const float id = inv(d);
    double err = 0;
    for (int i = 0; i < n; ++i) {
        q[i] = round_clamp(x[i] * id, qmin, qmax);
        const double r = static_cast<double>(d) * q[i] - x[i];
        err += w[i] * r * r;
    }
    return err;
}

// The scale d minimising sum w (x - d q)^2 over integer q in [qmin, qmax] (d may be negative, which
// maps the extreme onto the longer, negative side). Fills q.
float fit_symmetric(const float* x, const float* w, int n, int qmin, int qmax, int* q) {
    float ext = 0;
    for (int i = 0; i < n; ++i)
        if (std::fabs(x[i]) > std::fabs(ext)) ext = x[i];
    if (ext == 0) {
        std::fill(q, q + n, 0);
        return 0;
    }
    std::vector<int> cand(static_cast<size_t>(n));
    float best_d = 0;
    double best_gain = -1;
    auto consider = [&](float iscale) {
        double a = 0, b = 0;
        for (int i = 0; i < n; ++i) {
            const int v = round_clamp(x[i] * iscale, qmin, qmax);
            cand[i] = v;
            a += static_cast<double>(w[i]) * x[i] * v;
            b += static_cast<double>(w[i]) * v * v;
        }
        if (b <= 0) return false;
        const double gain = a * a / b;  // error = sum w x^2 - gain at the optimal d = a / b
        if (gain <= best_gain) return false;
        best_gain = gain;
        best_d = static_cast<float>(a / b);
        std::copy(cand.begin(), cand.end(), q);
        return true;
    };
    for (int side : {qmin, qmax}) {
        if (side == 0) continue;
        for (int k = -kSearch; k <= kSearch; ++k) consider((static_cast<float>(side) + kSearchStep * k) / ext);
    }
    for (int r = 0; r < kRefine && best_d != 0; ++r)
        if (!consider(1.0f / best_d)) break;
    return best_d;
}

// Rounds (x - m) / d into [0, nmax]; returns sum w (x - (d q + m))^2.
double affine_round(const float* x, const float* w, int n, float d, float m, int nmax, int* q) {
    const float id = inv(d);
    double err = 0;
    for (int i = 0; i < n; ++i) {
        q[i] = round_clamp((x[i] - m) * id, 0, nmax);
        const double r = static_cast<double>(d) * q[i] + m - x[i];
        err += w[i] * r * r;
    }
    return err;
}

// The d >= 0 and m minimising sum w (x - (d q + m))^2 over q in [0, nmax]; with nonpositive_min,
// m <= 0 (the K-quants store -m as an unsigned code). Fills q.
void fit_affine(const float* x, const float* w, int n, int nmax, bool nonpositive_min, float& d_out, float& m_out,
                int* q) {
    float lo = *std::min_element(x, x + n), hi = *std::max_element(x, x + n);
    if (nonpositive_min) lo = std::min(lo, 0.0f);
    d_out = 0;
    m_out = lo;
    if (hi <= lo) {
        std::fill(q, q + n, 0);
        return;
    }
    std::vector<int> cand(static_cast<size_t>(n));
    double best_err = -1;
    auto solve = [&](float d0, float m0) {
        // Codes for (d0, m0), then the least-squares (d, m) for those codes.
        double sw = 0, sq = 0, sqq = 0, sx = 0, sqx = 0;
        const float id = inv(d0);
        for (int i = 0; i < n; ++i) {
            const int v = round_clamp((x[i] - m0) * id, 0, nmax);
            cand[i] = v;
            sw += w[i];
            sq += static_cast<double>(w[i]) * v;
            sqq += static_cast<double>(w[i]) * v * v;
            sx += static_cast<double>(w[i]) * x[i];
            sqx += static_cast<double>(w[i]) * v * x[i];
        }
        const double det = sw * sqq - sq * sq;
        if (det <= 0 || sw <= 0) return false;
        double d = (sw * sqx - sq * sx) / det, m = (sqq * sx - sq * sqx) / det;
        if (nonpositive_min && m > 0) {
            m = 0;
            d = sqx / sqq;
        }
        if (d <= 0) return false;
        double err = 0;
        for (int i = 0; i < n; ++i) {
            const double r = d * cand[i] + m - x[i];
            err += w[i] * r * r;
        }
        if (best_err >= 0 && err >= best_err) return false;
        best_err = err;
        d_out = static_cast<float>(d);
        m_out = static_cast<float>(m);
        std::copy(cand.begin(), cand.end(), q);
        return true;
    };
    for (int k = -kSearch; k <= kSearch; ++k) {
        const float levels = static_cast<float>(nmax) + kSearchStep * k;
        if (levels > 0) solve((hi - lo) / levels, lo);
    }
    for (int r = 0; r < kRefine && best_err >= 0; ++r)
        if (!solve(d_out, m_out)) break;
    if (best_err < 0) {  // degenerate weights: fall back to plain min/max
        d_out = (hi - lo) / static_cast<float>(nmax);
        m_out = lo;
        const std::vector<float> ones(static_cast<size_t>(n), 1.0f);
        affine_round(x, ones.data(), n, d_out, m_out, nmax, q);
    }
}

// --- the legacy 32-element formats ------------------------------------------------------------

void encode_sym32(const float* x, const float* w, int qmin, int qmax, uint16_t& d_bits, int* q) {
    const float d = half_round(fit_symmetric(x, w, 32, qmin, qmax, q), d_bits);
    sym_round(x, w, 32, d, qmin, qmax, q);
    for (int j = 0; j < 32; ++j) q[j] -= qmin;
}

void encode_affine32(const float* x, const float* w, int nmax, uint16_t& d_bits, uint16_t& m_bits, int* q) {
    float d, m;
    fit_affine(x, w, 32, nmax, false, d, m, q);
    const float dh = half_round(d, d_bits), mh = half_round(m, m_bits);
    affine_round(x, w, 32, dh, mh, nmax, q);
}

void enc_q4_0(const float* x, const float* w, uint8_t* out) {
    BlockQ4_0 b{};
    int q[32];
    encode_sym32(x, w, -8, 7, b.d, q);
    pack_nibbles(q, b.qs);
    std::memcpy(out, &b, sizeof b);
}
void enc_q5_0(const float* x, const float* w, uint8_t* out) {
    BlockQ5_0 b{};
    int q[32];
    encode_sym32(x, w, -16, 15, b.d, q);
    pack_5bit(q, b.qh, b.qs);
    std::memcpy(out, &b, sizeof b);
}
void enc_q8_0(const float* x, const float* w, uint8_t* out) {
    BlockQ8_0 b{};
    int q[32];
    encode_sym32(x, w, -127, 127, b.d, q);
    for (int j = 0; j < 32; ++j) b.qs[j] = static_cast<int8_t>(q[j] - 127);
    std::memcpy(out, &b, sizeof b);
}
void enc_q4_1(const float* x, const float* w, uint8_t* out) {
    BlockQ4_1 b{};
    int q[32];
    encode_affine32(x, w, 15, b.d, b.m, q);
    pack_nibbles(q, b.qs);
    std::memcpy(out, &b, sizeof b);
}
void enc_q5_1(const float* x, const float* w, uint8_t* out) {
    BlockQ5_1 b{};
    int q[32];
    encode_affine32(x, w, 31, b.d, b.m, q);
    pack_5bit(q, b.qh, b.qs);
    std::memcpy(out, &b, sizeof b);
}

// --- K-quants with scale and minimum per sub-block (Q2_K, Q4_K, Q5_K) ----------------------------

struct AffineSpec {
    int n_sub, sub_len, nmax, code_max;  // sub-blocks, their length, top code, top scale/min code
};

// Chooses d, dmin (fp16) and per sub-block codes sc, mn in [0, code_max] and element codes q for a
// 256-element super-block. Returns the weighted error.
double encode_affine_k(const float* x, const float* w, const AffineSpec& sp, uint16_t& d_bits, uint16_t& dmin_bits,
                       uint8_t* sc, uint8_t* mn, int* q) {
    float sub_d[16], sub_negmin[16], sub_w[16];
    for (int s = 0; s < sp.n_sub; ++s) {
        const float* xs = x + s * sp.sub_len;
        const float* ws = w + s * sp.sub_len;
        float m;
        fit_affine(xs, ws, sp.sub_len, sp.nmax, true, sub_d[s], m, q + s * sp.sub_len);
        sub_negmin[s] = -m;
        sub_w[s] = 0;
        for (int j = 0; j < sp.sub_len; ++j) sub_w[s] += ws[j];
    }
    // Super-block scales: weighted fits of the sub-block scales and minimums onto 0..code_max.
    int codes[16];
    float d = half_round(fit_symmetric(sub_d, sub_w, sp.n_sub, 0, sp.code_max, codes), d_bits);
    float dmin = half_round(fit_symmetric(sub_negmin, sub_w, sp.n_sub, 0, sp.code_max, codes), dmin_bits);
    if (d < 0) d = half_round(-d, d_bits);  // all scales are >= 0; a negative fit only flips the sign
    if (dmin < 0) dmin = half_round(-dmin, dmin_bits);

    // Sub-block codes: the nearest and its neighbours, judged by the sub-block's real error.
    auto choose_codes = [&](float dd, float dm, uint8_t* sc_o, uint8_t* mn_o, int* q_o) {
        double total = 0;
        int tmp[32];
        for (int s = 0; s < sp.n_sub; ++s) {
            const float* xs = x + s * sp.sub_len;
            const float* ws = w + s * sp.sub_len;
            const int c0 = round_clamp(sub_d[s] * inv(dd), 0, sp.code_max);
            const int m0 = round_clamp(sub_negmin[s] * inv(dm), 0, sp.code_max);
            double best = -1;
            for (int c = std::max(0, c0 - 1); c <= std::min(sp.code_max, c0 + 1); ++c) {
                for (int mc = std::max(0, m0 - 1); mc <= std::min(sp.code_max, m0 + 1); ++mc) {
                    const double e = affine_round(xs, ws, sp.sub_len, dd * c, -dm * mc, sp.nmax, tmp);
                    if (best >= 0 && e >= best) continue;
                    best = e;
                    sc_o[s] = static_cast<uint8_t>(c);
                    mn_o[s] = static_cast<uint8_t>(mc);
                    std::copy(tmp, tmp + sp.sub_len, q_o + s * sp.sub_len);
                }
            }
            total += best;
        }
        return total;
    };
    double err = choose_codes(d, dmin, sc, mn, q);

    // Re-fit d and dmin with every code fixed: x ~ d (sc q) - dmin mn is linear in (d, dmin).
    for (int round = 0; round < 2; ++round) {
        double a11 = 0, a12 = 0, a22 = 0, b1 = 0, b2 = 0;
        for (int s = 0; s < sp.n_sub; ++s) {
            for (int j = 0; j < sp.sub_len; ++j) {
                const int i = s * sp.sub_len + j;
                const double u = static_cast<double>(sc[s]) * q[i], v = -static_cast<double>(mn[s]);
                a11 += w[i] * u * u;
                a12 += w[i] * u * v;
                a22 += w[i] * v * v;
                b1 += w[i] * u * x[i];
                b2 += w[i] * v * x[i];
            }
        }
        const double det = a11 * a22 - a12 * a12;
        if (!(det > 0)) break;
        const double nd = (b1 * a22 - a12 * b2) / det, nm = (a11 * b2 - a12 * b1) / det;
        if (!(nd > 0) || nm < 0) break;
        uint16_t nd_bits, nm_bits;
        const float ndh = half_round(static_cast<float>(nd), nd_bits), nmh = half_round(static_cast<float>(nm), nm_bits);
        uint8_t sc2[16], mn2[16];
        int q2[256];
        const double e2 = choose_codes(ndh, nmh, sc2, mn2, q2);
        if (e2 >= err) break;
        err = e2;
        d_bits = nd_bits;
        dmin_bits = nm_bits;
        std::copy(sc2, sc2 + sp.n_sub, sc);
        std::copy(mn2, mn2 + sp.n_sub, mn);
        std::copy(q2, q2 + 256, q);
    }
    return err;
}

void enc_q2_k(const float* x, const float* w, uint8_t* out) {
    BlockQ2_K b{};
    uint8_t sc[16], mn[16];
    int q[256];
    encode_affine_k(x, w, AffineSpec{16, 16, 3, 15}, b.d, b.dmin, sc, mn, q);
    for (int s = 0; s < 16; ++s) b.scales[s] = static_cast<uint8_t>(sc[s] | mn[s] << 4);
    pack_q2_k_codes(q, b.qs);
    std::memcpy(out, &b, sizeof b);
}
void enc_q4_k(const float* x, const float* w, uint8_t* out) {
    BlockQ4_K b{};
    uint8_t sc[16], mn[16];
    int q[256];
    encode_affine_k(x, w, AffineSpec{8, 32, 15, 63}, b.d, b.dmin, sc, mn, q);
    pack_k_scale_min(sc, mn, b.scales);
    pack_q4_k_codes(q, b.qs);
    std::memcpy(out, &b, sizeof b);
}
void enc_q5_k(const float* x, const float* w, uint8_t* out) {
    BlockQ5_K b{};
    uint8_t sc[16], mn[16];
    int q[256];
    encode_affine_k(x, w, AffineSpec{8, 32, 31, 63}, b.d, b.dmin, sc, mn, q);
    pack_k_scale_min(sc, mn, b.scales);
    pack_q5_k_codes(q, b.qh, b.qs);
    std::memcpy(out, &b, sizeof b);
}

// --- K-quants with a signed scale per 16 elements (Q3_K, Q6_K) ----------------------------------

struct SymSpec {
    int qmin, qmax, code_min, code_max;
};

// Chooses d (fp16), the 16 signed sub-block scale codes sc and the element codes q (unshifted).
void encode_sym_k(const float* x, const float* w, const SymSpec& sp, uint16_t& d_bits, int* sc, int* q) {
    float sub_d[16], sub_w[16];
    for (int s = 0; s < 16; ++s) {
        sub_d[s] = fit_symmetric(x + 16 * s, w + 16 * s, 16, sp.qmin, sp.qmax, q + 16 * s);
        sub_w[s] = 0;
        for (int j = 0; j < 16; ++j) sub_w[s] += w[16 * s + j];
    }
    int codes[16];
    float d = half_round(fit_symmetric(sub_d, sub_w, 16, sp.code_min, sp.code_max, codes), d_bits);

    auto choose_codes = [&](float dd, int* sc_o, int* q_o) {
        double total = 0;
        int tmp[16];
        for (int s = 0; s < 16; ++s) {
            const float* xs = x + 16 * s;
            const float* ws = w + 16 * s;
            const int c0 = round_clamp(sub_d[s] * inv(dd), sp.code_min, sp.code_max);
            double best = -1;
            for (int c = std::max(sp.code_min, c0 - 1); c <= std::min(sp.code_max, c0 + 1); ++c) {
                const double e = sym_round(xs, ws, 16, dd * c, sp.qmin, sp.qmax, tmp);
                if (best >= 0 && e >= best) continue;
                best = e;
                sc_o[s] = c;
                std::copy(tmp, tmp + 16, q_o + 16 * s);
            }
            total += best;
        }
        return total;
    };
    double err = choose_codes(d, sc, q);
    for (int round = 0; round < 2; ++round) {
        double a = 0, b = 0;  // x ~ d (sc q): one unknown
        for (int i = 0; i < 256; ++i) {
            const double u = static_cast<double>(sc[i / 16]) * q[i];
            a += w[i] * u * x[i];
            b += w[i] * u * u;
        }
        if (!(b > 0)) break;
        uint16_t nd_bits;
        const float nd = half_round(static_cast<float>(a / b), nd_bits);
        int sc2[16], q2[256];
        const double e2 = choose_codes(nd, sc2, q2);
        if (e2 >= err) break;
        err = e2;
        d_bits = nd_bits;
        std::copy(sc2, sc2 + 16, sc);
        std::copy(q2, q2 + 256, q);
    }
}

void enc_q3_k(const float* x, const float* w, uint8_t* out) {
    BlockQ3_K b{};
    int sc[16], q[256];
    encode_sym_k(x, w, SymSpec{-4, 3, -32, 31}, b.d, sc, q);
    int usc[16];
    for (int s = 0; s < 16; ++s) usc[s] = sc[s] + 32;
    pack_q3k_scales(usc, b.scales);
    for (int& v : q) v += 4;
    pack_q3_k_codes(q, b.hmask, b.qs);
    std::memcpy(out, &b, sizeof b);
}
void enc_q6_k(const float* x, const float* w, uint8_t* out) {
    BlockQ6_K b{};
    int sc[16], q[256];
    encode_sym_k(x, w, SymSpec{-32, 31, -128, 127}, b.d, sc, q);
    for (int s = 0; s < 16; ++s) b.scales[s] = static_cast<int8_t>(sc[s]);
    for (int& v : q) v += 32;
    pack_q6_k_codes(q, b.ql, b.qh);
    std::memcpy(out, &b, sizeof b);
}

using Encoder = void (*)(const float*, const float*, uint8_t*);

Encoder encoder_for(TensorType t) {
    switch (t) {
        case TensorType::Q4_0: return enc_q4_0;
        case TensorType::Q4_1: return enc_q4_1;
        case TensorType::Q5_0: return enc_q5_0;
        case TensorType::Q5_1: return enc_q5_1;
        case TensorType::Q8_0: return enc_q8_0;
        case TensorType::Q2_K: return enc_q2_k;
        case TensorType::Q3_K: return enc_q3_k;
        case TensorType::Q4_K: return enc_q4_k;
        case TensorType::Q5_K: return enc_q5_k;
        case TensorType::Q6_K: return enc_q6_k;
        case TensorType::IQ4_NL: return encode_iq4_nl;
        case TensorType::IQ4_XS: return encode_iq4_xs;
        case TensorType::IQ1_S: return encode_iq1_s;
        case TensorType::IQ1_M: return encode_iq1_m;
        case TensorType::IQ2_XXS: return encode_iq2_xxs;
        case TensorType::IQ2_XS: return encode_iq2_xs;
        case TensorType::IQ2_S: return encode_iq2_s;
        case TensorType::IQ3_XXS: return encode_iq3_xxs;
        case TensorType::IQ3_S: return encode_iq3_s;
        default: return nullptr;
    }
}

// The per-element weights of a row (see block_quant.h).
void element_weights(TensorType t, const float* x, const float* importance, int64_t n, float* w) {
    // IQ1_S/IQ1_M: the x-dependent factor enters as its square root. With three levels per value
    // and one scale per 16-32 values, weighting the large values by x^2 sacrifices the many small
    // ones; on the held-out split (docs/ACCURACY.md) the mean KLD of IQ1_S fell from 0.1186 to
    // 0.1079 with an imatrix and from 0.1170 to 0.1081 without, IQ1_M from 0.0901 to 0.0850.
    const bool iq1 = t == TensorType::IQ1_S || t == TensorType::IQ1_M;
    // The IQ2/IQ3 grid types take the importance itself, like the 32-element formats: with the
    // block made unbiased (iq_grid_fit.cpp), imp * sqrt(sigma2 + x^2) beat sqrt(imp) * (sigma2 +
    // x^2) on a held-out split of brown-calib.txt by 3-7% in KL divergence (IQ2_XXS, IQ2_XS,
    // IQ2_S and IQ3_S levels).
    const bool iq_grid = t == TensorType::IQ2_XXS || t == TensorType::IQ2_XS || t == TensorType::IQ2_S ||
                         t == TensorType::IQ3_XXS || t == TensorType::IQ3_S;
    const bool k_quant = traits(t).block_size == 256 && !iq_grid;
    double s2 = 0;
    for (int64_t i = 0; i < n; ++i) s2 += static_cast<double>(x[i]) * x[i];
    const float sigma2 = n > 0 ? static_cast<float>(s2 / static_cast<double>(n)) : 0.0f;
    // A floor keeps an all-zero block (or a column never activated) from having no weight at all.
    const float floor = sigma2 > 0 ? 1e-6f * sigma2 : 1e-12f;
    for (int64_t i = 0; i < n; ++i) {
        const float base = iq1 ? std::sqrt(sigma2 + x[i] * x[i]) : sigma2 + x[i] * x[i];
        const float wi = !importance ? base
                         : k_quant   ? std::sqrt(importance[i]) * base
                                     : importance[i] * std::sqrt(base);
        w[i] = std::max(wi, floor);
    }
}

}  // namespace

bool has_weighted_encoder(TensorType t) { return encoder_for(t) != nullptr; }

Status quantize_row_weighted(TensorType t, const float* x, const float* importance, void* dst, int64_t n) {
    const Encoder enc = encoder_for(t);
    if (!enc) return quantize_row(t, x, dst, n);  // conversions, and its errors
    // quantize_row's messages (it writes no IQ type, so they are spelt out here).
    if (!row_size_ok(t, n))
        return make_error("tensor.row_size", "A row of " + std::to_string(n) + " elements cannot be stored as " +
                                                 type_name(t) + ": rows must be a multiple of " +
                                                 std::to_string(traits(t).block_size) + " elements.");
    for (int64_t i = 0; i < n; ++i)
        if (!std::isfinite(x[i]))
            return make_error("tensor.non_finite", "Element " + std::to_string(i) + " of the row is " +
                                                       (std::isnan(x[i]) ? "NaN" : "infinite") +
                                                       ", which cannot be quantized to " + type_name(t) + ".");
    std::vector<float> w(static_cast<size_t>(n));
    element_weights(t, x, importance, n, w.data());
    const TypeTraits& tt = traits(t);
    auto* out = static_cast<uint8_t*>(dst);
    for (int64_t b = 0; b < n / tt.block_size; ++b)
        enc(x + b * tt.block_size, w.data() + b * tt.block_size, out + b * tt.block_bytes);
    return {};
}

double weighted_error(const float* x, const float* y, const float* importance, int64_t n, TensorType t) {
    std::vector<float> w(static_cast<size_t>(n));
    element_weights(t, x, importance, n, w.data());
    double num = 0, den = 0;
    for (int64_t i = 0; i < n; ++i) {
        const double r = static_cast<double>(x[i]) - y[i];
        num += w[i] * r * r;
        den += w[i];
    }
    return den > 0 ? num / den : 0;
}

}  // namespace hearth::quant
