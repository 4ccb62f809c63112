// Steps, per 256-element super-block:
//   1. signs: each element's own, except that with parity a group of 8 with an odd number of
//      negatives stores one element with the wrong sign: the one whose error costs least
//      (smallest w x^2). From then on the encoder works on a = x * stored sign, which is >= 0
//      except for that element, whose target the grid search then sees as negative;
//   2. per sub-block, the scale sigma minimising sum w (a - sigma p)^2: candidate scales around
//      the one mapping the sub-block's largest magnitude onto the top grid level, the points picked
//      for each (iq_grid), sigma re-fitted by least squares on the picked points, re-picked until
//      the error stops dropping;
//   3. d and the 4-bit codes: a few candidate d, each sub-block trying its nearest code and the
//      two beside it with points re-picked at the quantized scale, then d re-fitted by least
//      squares with codes and points fixed. Points are always picked at the scales the decoder
//      will use;
//   4. d scaled so that the decoded block is not shrunk towards zero (see unbias).
#include "inference/quant/iq_grid_fit.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

#include "inference/quant/iq_grid_pick.h"
#include "inference/tensor/half.h"

namespace hearth::quant {
namespace {

using grid_pick::lsq_scale;
using grid_pick::pick_points;

constexpr int kN = 256;
constexpr int kMaxCode = 15;

// Step 1. a receives x times the stored sign.
void choose_signs(const float* x, const float* w, bool parity, float* a, uint8_t* neg) {
    for (int g = 0; g < kN / 8; ++g) {
        unsigned bits = 0;
        for (int j = 0; j < 8; ++j) {
            const int i = 8 * g + j;
            a[i] = std::fabs(x[i]);
            if (x[i] < 0) bits |= 1u << j;
        }
        if (parity && std::popcount(bits) % 2 != 0) {
            int k = 0;
            for (int j = 1; j < 8; ++j)
                if (w[8 * g + j] * x[8 * g + j] * x[8 * g + j] < w[8 * g + k] * x[8 * g + k] * x[8 * g + k]) k = j;
            bits ^= 1u << k;
            a[8 * g + k] = -a[8 * g + k];
        }
        neg[g] = static_cast<uint8_t>(bits);
    }
}

// Step 2: the unquantized scale of one sub-block.
float fit_sub_scale(const float* a, const float* w, int n, const GridIndex& g, const GridEffort& effort) {
    float amax = 0;
    for (int i = 0; i < n; ++i) amax = std::max(amax, a[i]);
    if (!(amax > 0)) return 0;
    const float top = g.levels.back();
    uint16_t pts[32];
    float best_sigma = 0;
    double best_gain = 0;
    auto consider = [&](float sigma) {
        pick_points(a, w, n, sigma, g, pts);
        double gain = 0;
        const float s = lsq_scale(a, w, n, g, pts, gain);
        if (gain <= best_gain) return false;
        best_gain = gain;
        best_sigma = s;
        return true;
    };
    // sigma = amax / top maps the largest magnitude onto the top level; smaller scales clip it.
    const int k_max = effort.scale_candidates;
    consider(amax / top);
    for (int k = -k_max; k <= k_max / 2; ++k)
        if (k != 0) consider(amax / top * (1.0f + 0.6f * static_cast<float>(k) / static_cast<float>(k_max)));
    if (effort.refine)
        for (int r = 0; r < 3 && best_sigma > 0; ++r)
            if (!consider(best_sigma)) break;
    return best_sigma;
}

// With parity, the element stored with the wrong sign was chosen before any scale was known. Now
// that the scales are final, tries every element of each such group of 8 in its place and keeps
// the one whose group error is least. Returns the change of the block's error (<= 0).
double polish_wrong_signs(const float* x, const float* w, const GridSpec& spec, GridBlock& out, float* a) {
    const GridIndex& g = *spec.grid;
    const float d = fp16_to_f32(out.d_bits);
    const int dim = g.dim, per8 = 8 / dim;
    double change = 0;
    for (int grp = 0; grp < kN / 8; ++grp) {
        unsigned own = 0;
        for (int j = 0; j < 8; ++j)
            if (x[8 * grp + j] < 0) own |= 1u << j;
        if (std::popcount(own) % 2 == 0) continue;
        const int s = 8 * grp / spec.sub_len;
        const float sigma = d * (spec.f0 + spec.f1 * out.code[s]);
        float* ag = a + 8 * grp;
        const float* wg = w + 8 * grp;
        uint16_t* pts = out.point + 8 * grp / dim;
        auto group_err = [&](const float* t, uint16_t* p, double below) {
            return pick_points(t, wg, 8, sigma, g, p, PickBound{below});
        };
        const double current = group_err(ag, pts, std::numeric_limits<double>::infinity());
        double best = current;
        float best_a[8];
        uint16_t best_p[8];
        unsigned best_bits = out.neg[grp];
        for (int k = 0; k < 8; ++k) {
            float t[8];
            for (int j = 0; j < 8; ++j) t[j] = std::fabs(x[8 * grp + j]);
            t[k] = -t[k];
            uint16_t p[8];
            const double e = group_err(t, p, best);
            if (e >= best) continue;
            best = e;
            std::copy(t, t + 8, best_a);
            std::copy(p, p + per8, best_p);
            best_bits = own ^ (1u << k);
        }
        if (best < current) {
            std::copy(best_a, best_a + 8, ag);
            std::copy(best_p, best_p + per8, pts);
            out.neg[grp] = static_cast<uint8_t>(best_bits);
            change += best - current;
        }
    }
    return change;
}

float half_round(float f, uint16_t& bits) {
    bits = f32_to_fp16(f);
    return fp16_to_f32(bits);
}

// Step 4. Every least-squares step above shrinks the decoded block towards zero by about the
// share of its error (the fit's residual is orthogonal to the decoded values, so sum w a y =
// sum w y^2 < sum w a^2). That shrinkage is the same in every block and every matrix, so it does
// not average out in a layer's output the way the rounding noise does: on brown-6L256 the
// decoded IQ2 matrices were 4% smaller than the originals along x (llama.cpp's files: under 1%).
// Scaling d so that sum w a y = sum w a a removes it; with codes and points kept, the weighted
// error rises a little but the KL divergence on held-out text dropped by 4-9% for the IQ2 types
// (imatrix from the first half of brown-calib.txt, KLD on the second) and did not move for IQ3.
// Returns the block's weighted error at the new d.
double unbias(const float* w, const GridSpec& spec, GridBlock& out, const float* a) {
    const GridIndex& g = *spec.grid;
    const int n_sub = kN / spec.sub_len, per_sub = spec.sub_len / g.dim;
    float y[kN];  // the decoded block at d = 1, in the stored-sign frame
    for (int s = 0; s < n_sub; ++s) {
        const float m = spec.f0 + spec.f1 * out.code[s];
        for (int k = 0; k < per_sub; ++k) {
            const float* p = grid_point(g, out.point[s * per_sub + k]);
            for (int j = 0; j < g.dim; ++j) y[s * spec.sub_len + k * g.dim + j] = m * p[j];
        }
    }
    double say = 0, saa = 0;
    for (int i = 0; i < kN; ++i) {
        say += static_cast<double>(w[i]) * a[i] * y[i];
        saa += static_cast<double>(w[i]) * a[i] * a[i];
    }
    float d = fp16_to_f32(out.d_bits);
    if (d > 0 && say > 0) d = half_round(static_cast<float>(std::min(saa / say, 65504.0)), out.d_bits);
    double err = 0;
    for (int i = 0; i < kN; ++i) {
        const double r = a[i] - static_cast<double>(d) * y[i];
        err += w[i] * r * r;
    }
    return err;
}

}  // namespace

double fit_grid_block(const float* x, const float* w, const GridSpec& spec, GridBlock& out, const GridEffort& effort) {
    const GridIndex& g = *spec.grid;
    const int n_sub = kN / spec.sub_len, per_sub = spec.sub_len / g.dim;
    float a[kN];
    choose_signs(x, w, spec.parity, a, out.neg);

    float sigma[16];
    float max_sigma = 0;
    for (int s = 0; s < n_sub; ++s) {
        sigma[s] = fit_sub_scale(a + s * spec.sub_len, w + s * spec.sub_len, spec.sub_len, g, effort);
        max_sigma = std::max(max_sigma, sigma[s]);
    }

    // Step 3. Codes and points for a given d; returns the block's error.
    // With total_below, it may stop early once the total reaches it and return the partial total:
    // a caller keeping only totals below it rejects that d all the same.
    auto evaluate = [&](float d, uint8_t* code, uint16_t* pts,
                        double total_below = std::numeric_limits<double>::infinity()) {
        double total = 0;
        uint16_t tmp[32];
        for (int s = 0; s < n_sub; ++s) {
            if (total >= total_below) break;
            const float* as = a + s * spec.sub_len;
            const float* ws = w + s * spec.sub_len;
            const int c0 = d > 0 ? static_cast<int>(std::lround((sigma[s] / d - spec.f0) / spec.f1)) : 0;
            double best = -1;
            for (int c = std::max(0, c0 - 1); c <= std::min(kMaxCode, c0 + 1); ++c) {
                PickBound bound{std::numeric_limits<double>::infinity(), total, total_below};
                if (best >= 0) bound.below = best;
                const double e =
                    pick_points(as, ws, spec.sub_len, d * (spec.f0 + spec.f1 * static_cast<float>(c)), g, tmp, bound);
                if (best >= 0 && e >= best) continue;
                best = e;
                code[s] = static_cast<uint8_t>(c);
                std::copy(tmp, tmp + per_sub, pts + s * per_sub);
            }
            if (best < 0) {  // c0 beyond 0..15 on both sides of the range: clamp
                const int c = std::clamp(c0, 0, kMaxCode);
                best = pick_points(as, ws, spec.sub_len, d * (spec.f0 + spec.f1 * static_cast<float>(c)), g, tmp);
                code[s] = static_cast<uint8_t>(c);
                std::copy(tmp, tmp + per_sub, pts + s * per_sub);
            }
            total += best;
        }
        return total;
    };

    if (!(max_sigma > 0)) {  // nothing but zeros (or only wrong-sign elements): decodes to 0
        out.d_bits = 0;
        return evaluate(0, out.code, out.point);
    }
    double best_err = -1;
    TriedScales<8> tried;
    auto try_d = [&](float d_raw) {
        uint16_t bits;
        const float d = half_round(std::min(d_raw, 65504.0f), bits);  // fp16's largest finite
        if (!(d > 0)) return false;
        if (!tried.first_time(bits)) return false;
        uint8_t code[16];
        uint16_t pts[64];
        const double e = evaluate(d, code, pts, best_err >= 0 ? best_err : std::numeric_limits<double>::infinity());
        if (best_err >= 0 && e >= best_err) return false;
        best_err = e;
        out.d_bits = bits;
        std::copy(code, code + n_sub, out.code);
        std::copy(pts, pts + n_sub * per_sub, out.point);
        return true;
    };
    // d mapping the largest sub-block scale onto the top code, and a little below it (finer steps
    // for the rest at the cost of clipping the largest).
    const float d_top = max_sigma / (spec.f0 + spec.f1 * kMaxCode);
    for (float f : {1.0f, 0.95f, 0.9f, 0.85f}) try_d(d_top * f);
    if (effort.refine) {
        // x ~ d * u with u = (f0 + f1 code) * point: one unknown, solved with all else fixed.
        for (int r = 0; r < 2; ++r) {
            double sau = 0, suu = 0;
            for (int s = 0; s < n_sub; ++s) {
                const float m = spec.f0 + spec.f1 * out.code[s];
                for (int k = 0; k < per_sub; ++k) {
                    const float* p = grid_point(g, out.point[s * per_sub + k]);
                    for (int j = 0; j < g.dim; ++j) {
                        const int i = s * spec.sub_len + k * g.dim + j;
                        const double u = static_cast<double>(m) * p[j];
                        sau += w[i] * a[i] * u;
                        suu += w[i] * u * u;
                    }
                }
            }
            if (!(sau > 0 && suu > 0) || !try_d(static_cast<float>(sau / suu))) break;
        }
    }
    if (best_err < 0) {  // every candidate d rounds to fp16 zero: a block of negligible values
        out.d_bits = 0;
        return evaluate(0, out.code, out.point);
    }
    if (spec.parity && effort.refine) best_err += polish_wrong_signs(x, w, spec, out, a);
    return unbias(w, spec, out, a);
}

}  // namespace hearth::quant
