#include "inference/quant/iq1_encode.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "inference/quant/iq_grid.h"
#include "inference/quant/search_bounds.h"
#include "inference/tensor/half.h"
#include "inference/tensor/iq_blocks.h"
#include "inference/tensor/iq_tables.h"

namespace hearth::quant {
namespace {

constexpr float kDelta = iq::kIq1sDelta;  // IQ1_M's is the same value
constexpr int kCodeMax = 7;                // 3-bit scale codes: scale d * (2s + 1)

// The least-squares scales shrink the reconstruction: with most values coded as 0 or +-1, the fit
// pulls the scale below the values' own size, and (the likely reason) a model whose every matrix
// is shrunk that way loses more to the flattened logits than it gains from the smaller squared
// error. The final d is therefore stretched by a factor per type (points kept), chosen on the
// held-out split of brown-calib.txt (imatrix from its first half, mean KLD on its second,
// docs/ACCURACY.md) with the weighting of block_quant.cpp's element_weights:
//   IQ1_S: 0.1287 (1.0, earlier weighting), 0.1165 (1.05), 0.1079 (1.1), 0.1062 (1.15), 0.1101 (1.2)
//   IQ1_M: 0.0992 (1.0, earlier weighting), 0.0850 (1.1), 0.0857 (1.15)
constexpr float kInflateS = 1.15f, kInflateM = 1.1f;

// A group's largest value over its scale: about 2 for Gaussian weights at the best ternary scale,
// more for heavy tails. The search spans both sides of that.
constexpr float kRatios[] = {1.125f, 1.4f, 1.7f, 2.0f, 2.3f, 2.7f, 3.2f, 3.8f};

// One super-block's choices: a point per 8 values, a delta sign (1: -delta) per `dlen` values.
struct Picks {
    int idx[32];
    int neg[32];
};

// Picks the points of `len` values (len / 8 groups) at scale dl, one delta sign per `dlen` values
// (the sign giving the lower error). Returns sum w (x - dl (p + delta))^2 (or, past `bound`, a
// partial sum that fails it); fills idx, neg.
double pick(const GridIndex& g, const float* x, const float* w, int len, int dlen, float dl, int* idx, int* neg,
            const PickBound& bound = {}) {
    if (!(dl > 0)) {  // everything decodes to 0
        double e = 0;
        for (int i = 0; i < len; ++i) e += static_cast<double>(w[i]) * x[i] * x[i];
        std::fill(idx, idx + len / 8, 0);
        std::fill(neg, neg + len / dlen, 0);
        return e;
    }
    const float id = 1.0f / dl;
    double total = 0;
    for (int s = 0; s < len / dlen; ++s) {
        double best = -1;
        for (int sign = 0; sign < 2; ++sign) {
            const float delta = sign ? -kDelta : kDelta;
            double e = 0;
            int tmp[4];
            for (int k = 0; k < dlen / 8; ++k) {
                const int o = s * dlen + 8 * k;
                float t[8];
                for (int j = 0; j < 8; ++j) t[j] = x[o + j] * id - delta;
                float err = 0;
                tmp[k] = grid_nearest(g, t, w + o, &err);
                e += err;
                // This sign loses already, or the caller's test fails whichever sign wins.
                if ((best >= 0 && e >= best) || bound.fails(total + e * static_cast<double>(dl) * dl)) break;
            }
            if (best >= 0 && e >= best) continue;
            best = e;
            neg[s] = sign;
            std::copy(tmp, tmp + dlen / 8, idx + s * dlen / 8);
        }
        total += best * static_cast<double>(dl) * dl;
        if (s + 1 < len / dlen && bound.fails(total)) break;
    }
    return total;
}

// The scale minimising the error of `len` values with the points fixed: x ~ dl * u.
float refit(const GridIndex& g, const float* x, const float* w, int len, int dlen, const int* idx, const int* neg) {
    double a = 0, b = 0;
    for (int i = 0; i < len; ++i) {
        const float u = grid_point(g, idx[i / 8])[i % 8] + (neg[i / dlen] ? -kDelta : kDelta);
        a += static_cast<double>(w[i]) * x[i] * u;
        b += static_cast<double>(w[i]) * u * u;
    }
    return b > 0 ? static_cast<float>(a / b) : 0.0f;
}

// The best scale of `len` values (unquantized) and its points.
float fit_scale(const GridIndex& g, const float* x, const float* w, int len, int dlen, int* idx, int* neg) {
    float amax = 0;
    for (int i = 0; i < len; ++i) amax = std::max(amax, std::fabs(x[i]));
    if (amax == 0) {
        pick(g, x, w, len, dlen, 0, idx, neg);
        return 0;
    }
    double best = -1;
    float best_dl = 0;
    int ti[4], tn[4];
    // A candidate whose picks the next refit reads (can_stop false) is picked in full.
    auto consider = [&](float dl, bool can_stop) {
        if (!(dl > 0)) return;
        PickBound bound;
        if (can_stop && best >= 0) bound.below = best;
        const double e = pick(g, x, w, len, dlen, dl, ti, tn, bound);
        if (best >= 0 && e >= best) return;
        best = e;
        best_dl = dl;
        std::copy(ti, ti + len / 8, idx);
        std::copy(tn, tn + len / dlen, neg);
    };
    for (float r : kRatios) {
        consider(amax / r, false);
        consider(refit(g, x, w, len, dlen, ti, tn), true);
    }
    for (int round = 0; round < 2; ++round) {
        const float before = best_dl;
        consider(refit(g, x, w, len, dlen, idx, neg), true);
        if (best_dl == before) break;
    }
    return best_dl;
}

float to_half(float f, uint16_t& bits) {
    bits = f32_to_fp16(f);
    return fp16_to_f32(bits);
}

// A super-block of 256 values in sub-blocks of `len` with a 3-bit scale code each: fills the fp16
// bits of d (stretched by `inflate` after the points were picked), the codes and the picks.
void encode_super(const float* x, const float* w, int len, int dlen, float inflate, uint16_t& d_bits, int* code,
                  Picks& p) {
    const GridIndex& g = iq1s_index();
    const int n_sub = 256 / len, gpl = len / 8, dpl = len / dlen;  // groups and delta signs per sub-block
    float sub_dl[16];
    Picks own;
    float dmax = 0;
    for (int s = 0; s < n_sub; ++s) {
        sub_dl[s] = fit_scale(g, x + s * len, w + s * len, len, dlen, own.idx + s * gpl, own.neg + s * dpl);
        dmax = std::max(dmax, sub_dl[s]);
    }
    d_bits = 0;
    std::fill(code, code + n_sub, 0);
    if (dmax == 0) {
        pick(g, x, w, 256, dlen, 0, p.idx, p.neg);
        return;
    }
    // For a super-block scale d: each sub-block's code (nearest to its own scale, and the
    // neighbours) chosen by its real error.
    // Past total_below it may stop and return a partial total, rejected as the full one would be.
    auto choose = [&](float d, int* c_out, Picks& out, double total_below) {
        double total = 0;
        int ti[4], tn[4];
        for (int s = 0; s < n_sub; ++s) {
            if (total >= total_below) break;
            const int c0 = std::clamp(static_cast<int>(std::nearbyint((sub_dl[s] / d - 1.0f) * 0.5f)), 0, kCodeMax);
            double best = -1;
            for (int c = std::max(0, c0 - 1); c <= std::min(kCodeMax, c0 + 1); ++c) {
                const PickBound bound{best >= 0 ? best : std::numeric_limits<double>::infinity(), total, total_below};
                const double e =
                    pick(g, x + s * len, w + s * len, len, dlen, d * static_cast<float>(2 * c + 1), ti, tn, bound);
                if (best >= 0 && e >= best) continue;
                best = e;
                c_out[s] = c;
                std::copy(ti, ti + gpl, out.idx + s * gpl);
                std::copy(tn, tn + dpl, out.neg + s * dpl);
            }
            total += best;
        }
        return total;
    };
    double err = -1;
    int c2[16];
    Picks p2;
    TriedScales<8> tried;
    auto try_d = [&](float d) {
        uint16_t bits;
        const float dh = to_half(d, bits);
        if (!(dh > 0) || !std::isfinite(dh)) return false;
        if (!tried.first_time(bits)) return false;
        const double e = choose(dh, c2, p2, err >= 0 ? err : std::numeric_limits<double>::infinity());
        if (err >= 0 && e >= err) return false;
        err = e;
        d_bits = bits;
        std::copy(c2, c2 + n_sub, code);
        p = p2;
        return true;
    };
    for (int top = kCodeMax; top >= kCodeMax - 2; --top) try_d(dmax / static_cast<float>(2 * top + 1));
    // Re-fit d with every code and point fixed: x ~ d * (2s + 1) * (p + delta).
    for (int round = 0; round < 3 && err >= 0; ++round) {
        double a = 0, b = 0;
        for (int i = 0; i < 256; ++i) {
            const float u = static_cast<float>(2 * code[i / len] + 1) *
                            (grid_point(g, p.idx[i / 8])[i % 8] + (p.neg[i / dlen] ? -kDelta : kDelta));
            a += static_cast<double>(w[i]) * x[i] * u;
            b += static_cast<double>(w[i]) * u * u;
        }
        if (!(b > 0) || !try_d(static_cast<float>(a / b))) break;
    }
    d_bits = f32_to_fp16(fp16_to_f32(d_bits) * inflate);
}

}  // namespace

void encode_iq1_s(const float* x, const float* w, uint8_t* out) {
    BlockIQ1_S blk{};
    int code[8];
    Picks p;
    encode_super(x, w, 32, 32, kInflateS, blk.d, code, p);
    for (int gi = 0; gi < 8; ++gi) {
        uint32_t h = static_cast<uint32_t>(code[gi]) << 12 | static_cast<uint32_t>(p.neg[gi]) << 15;
        for (int l = 0; l < 4; ++l) {
            const int idx = p.idx[4 * gi + l];
            blk.qs[4 * gi + l] = static_cast<uint8_t>(idx & 0xFF);
            h |= static_cast<uint32_t>((idx >> 8) & 7) << (3 * l);
        }
        blk.qh[gi] = static_cast<uint16_t>(h);
    }
    std::memcpy(out, &blk, sizeof blk);
}

void encode_iq1_m(const float* x, const float* w, uint8_t* out) {
    BlockIQ1_M blk{};
    uint16_t d_bits;
    int code[16];
    Picks p;
    encode_super(x, w, 16, 8, kInflateM, d_bits, code, p);
    uint16_t sc[4] = {};
    for (int gi = 0; gi < 8; ++gi) {
        const int shift = 6 * (gi % 2);
        sc[gi / 2] = static_cast<uint16_t>(sc[gi / 2] | code[2 * gi] << shift | code[2 * gi + 1] << (shift + 3));
        for (int l = 0; l < 4; ++l) {
            const int k = 4 * gi + l, idx = p.idx[k];
            blk.qs[k] = static_cast<uint8_t>(idx & 0xFF);
            const int nibble = ((idx >> 8) & 7) | p.neg[k] << 3;
            blk.qh[2 * gi + l / 2] = static_cast<uint8_t>(blk.qh[2 * gi + l / 2] | nibble << (4 * (l % 2)));
        }
    }
    // d's 16 bits in the top nibbles of the four scale words, lowest nibble first.
    for (int k = 0; k < 4; ++k) sc[k] = static_cast<uint16_t>(sc[k] | ((d_bits >> (4 * k)) & 0xF) << 12);
    std::memcpy(blk.scales, sc, sizeof sc);
    std::memcpy(out, &blk, sizeof blk);
}

}  // namespace hearth::quant
