#include "inference/quant/iq4_encode.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "inference/quant/search_bounds.h"
#include "inference/tensor/half.h"
#include "inference/tensor/iq_blocks.h"
#include "inference/tensor/iq_tables.h"
#include "inference/tensor/pack_codes.h"

namespace hearth::quant {
namespace {

constexpr int kSearch = 10;          // candidate scales on each side of an anchor
constexpr float kSearchStep = 2.4f;  // in codebook units (the outer levels are 22-24 apart)
constexpr int kRefine = 4;           // re-round / re-fit rounds

// The codebook as floats, and the midpoints between neighbouring levels (ascending).
struct Codebook {
    float v[16];
    float mid[15];
};
const Codebook& codebook() {
    static const Codebook b = [] {
        Codebook c{};
        for (int i = 0; i < 16; ++i) c.v[i] = iq::kvalues_iq4nl[i];
        for (int i = 0; i < 15; ++i) c.mid[i] = 0.5f * (c.v[i] + c.v[i + 1]);
        return c;
    }();
    return b;
}

// The index of the level nearest t: the count of midpoints below t (0 for NaN). Four fixed
// halvings without branches: a binary search's branches on random data mispredict half the time,
// which cost more than all the rest of the scale search.
int nearest(const Codebook& b, float t) {
    int i = t > b.mid[7] ? 8 : 0;
    i += t > b.mid[i + 3] ? 4 : 0;
    i += t > b.mid[i + 1] ? 2 : 0;
    i += t > b.mid[i] ? 1 : 0;
    return i;
}

// q[i] = nearest(b, x[i] * scale) for i < n.
void nearest_all(const Codebook& b, const float* x, float scale, int n, int* q) {
    int i = 0;
#if defined(__SSE2__)
    // Four elements at a time: the count of midpoints below each, one comparison per midpoint
    // (the products are the scalar ones, lane by lane).
    const __m128 sv = _mm_set1_ps(scale);
    for (; i + 4 <= n; i += 4) {
        const __m128 t = _mm_mul_ps(_mm_loadu_ps(x + i), sv);
        __m128i count = _mm_setzero_si128();
        for (int m = 0; m < 15; ++m)
            count = _mm_sub_epi32(count, _mm_castps_si128(_mm_cmpgt_ps(t, _mm_set1_ps(b.mid[m]))));
        _mm_storeu_si128(reinterpret_cast<__m128i*>(q + i), count);
    }
#endif
    for (; i < n; ++i) q[i] = nearest(b, x[i] * scale);
}

// Picks every element's level for scale d; returns sum w (x - d v[q])^2 (or, past `bound`, a
// partial sum that fails it).
double pick(const Codebook& b, const float* x, const float* w, int n, float d, int* q, const PickBound& bound = {}) {
    const float id = d != 0 ? 1.0f / d : 0.0f;
    if (d != 0) nearest_all(b, x, id, n, q);
    else std::fill(q, q + n, 8);  // level 8 is 1, the nearest to 0
    double err = 0;
    for (int i = 0; i < n; ++i) {
        const double r = static_cast<double>(d) * b.v[q[i]] - x[i];
        err += w[i] * r * r;
        if ((i & 7) == 7 && bound.fails(err)) break;
    }
    return err;
}

// The scale d (either sign) minimising sum w (x - d v[q])^2 over the levels q, unrounded; fills q.
float fit_scale(const Codebook& b, const float* x, const float* w, int n, int* q) {
    float ext = 0;
    for (int i = 0; i < n; ++i)
        if (std::fabs(x[i]) > std::fabs(ext)) ext = x[i];
    if (ext == 0) {
        std::fill(q, q + n, 8);
        return 0;
    }
    // The sums below in double, with each product formed as (double(w) * x) * v and
    // (double(w) * v) * v, the order the error formula fixes.
    double wd[256], wx[256], vd[16];
    for (int i = 0; i < n; ++i) {
        wd[i] = w[i];
        wx[i] = wd[i] * x[i];
    }
    for (int k = 0; k < 16; ++k) vd[k] = b.v[k];
    int cand[256], prev[256];
    bool have_prev = false;
    float best_d = 0;
    double best_gain = -1;
    auto consider = [&](float iscale) {
        nearest_all(b, x, iscale, n, cand);
        // The same levels as the previous candidate's give its gain again, which the best
        // already matches or beats.
        if (have_prev && std::equal(cand, cand + n, prev)) return false;
        std::copy(cand, cand + n, prev);
        have_prev = true;
        double a = 0, s = 0;
        for (int i = 0; i < n; ++i) {
            a += wx[i] * vd[cand[i]];
            s += wd[i] * vd[cand[i]] * vd[cand[i]];
        }
        if (s <= 0) return false;
        const double gain = a * a / s;  // error = sum w x^2 - gain at the least-squares d = a / s
        if (gain <= best_gain) return false;
        best_gain = gain;
        best_d = static_cast<float>(a / s);
        std::copy(cand, cand + n, q);
        return true;
    };
    for (const float anchor : {b.v[0], b.v[15]})
        for (int k = -kSearch; k <= kSearch; ++k) consider((anchor + kSearchStep * static_cast<float>(k)) / ext);
    for (int r = 0; r < kRefine && best_d != 0; ++r)
        if (!consider(1.0f / best_d)) break;
    return best_d;
}

float to_half(float f, uint16_t& bits) {
    bits = f32_to_fp16(f);
    return fp16_to_f32(bits);
}

}  // namespace

void encode_iq4_nl(const float* x, const float* w, uint8_t* out) {
    const Codebook& b = codebook();
    BlockIQ4_NL blk{};
    int q[32], q2[32];
    uint16_t bits;
    const float d = to_half(fit_scale(b, x, w, 32, q), bits);
    double err = pick(b, x, w, 32, d, q);
    blk.d = bits;
    // fp16 moved the scale: re-fit it to the chosen levels, keep it when the error drops.
    for (int round = 0; round < 2; ++round) {
        double a = 0, s = 0;
        for (int i = 0; i < 32; ++i) {
            a += static_cast<double>(w[i]) * x[i] * b.v[q[i]];
            s += static_cast<double>(w[i]) * b.v[q[i]] * b.v[q[i]];
        }
        if (!(s > 0)) break;
        uint16_t nb;
        const float nd = to_half(static_cast<float>(a / s), nb);
        if (nb == blk.d) break;
        const double e2 = pick(b, x, w, 32, nd, q2, PickBound{err});
        if (e2 >= err) break;
        err = e2;
        blk.d = nb;
        std::copy(q2, q2 + 32, q);
    }
    pack_nibbles(q, blk.qs);
    std::memcpy(out, &blk, sizeof blk);
}

void encode_iq4_xs(const float* x, const float* w, uint8_t* out) {
    const Codebook& b = codebook();
    constexpr int kNs = 8, kCodeMin = -32, kCodeMax = 31;
    float sub_d[kNs];  // each sub-block's own best scale
    int q[256];
    for (int s = 0; s < kNs; ++s) sub_d[s] = fit_scale(b, x + 32 * s, w + 32 * s, 32, q + 32 * s);

    // For a super-block scale d: each sub-block's code (nearest to its own scale, and the
    // neighbours) chosen by its real error, with the levels picked against d * code.
    // Past total_below it may stop and return a partial total, which the caller rejects as it
    // would the full one.
    auto choose = [&](float d, int* code, int* qo, double total_below) {
        double total = 0;
        int tmp[32];
        for (int s = 0; s < kNs; ++s) {
            if (total >= total_below) break;
            const float* xs = x + 32 * s;
            const float* ws = w + 32 * s;
            const float t = d != 0 ? sub_d[s] / d : 0.0f;
            const int c0 = std::clamp(static_cast<int>(std::nearbyint(std::clamp(t, -64.0f, 64.0f))), kCodeMin, kCodeMax);
            double best = -1;
            for (int c = std::max(kCodeMin, c0 - 1); c <= std::min(kCodeMax, c0 + 1); ++c) {
                const PickBound bound{best >= 0 ? best : std::numeric_limits<double>::infinity(), total, total_below};
                const double e = pick(b, xs, ws, 32, d * static_cast<float>(c), tmp, bound);
                if (best >= 0 && e >= best) continue;
                best = e;
                code[s] = c;
                std::copy(tmp, tmp + 32, qo + 32 * s);
            }
            total += best;
        }
        return total;
    };

    float ext = 0;
    for (int s = 0; s < kNs; ++s)
        if (std::fabs(sub_d[s]) > std::fabs(ext)) ext = sub_d[s];
    BlockIQ4_XS blk{};
    int code[kNs] = {}, code2[kNs], q2[256];
    double err = -1;
    if (ext == 0) {
        std::fill(q, q + 256, 8);
    } else {
        // Candidate super-block scales put the largest sub-block scale on a code near either end,
        // judged by the block's real error; the curvature-weighted least-squares fit of the
        // sub-block scales is one more candidate.
        TriedScales<24> tried;
        auto try_d = [&](float d) {
            uint16_t bits;
            const float dh = to_half(d, bits);
            if (dh == 0 || !std::isfinite(dh)) return;
            if (!tried.first_time(bits)) return;
            const double e = choose(dh, code2, q2, err >= 0 ? err : std::numeric_limits<double>::infinity());
            if (err >= 0 && e >= err) return;
            err = e;
            blk.d = bits;
            std::copy(code2, code2 + kNs, code);
            std::copy(q2, q2 + 256, q);
        };
        for (int m = 24; m <= 32; ++m) {
            try_d(ext / static_cast<float>(-m));
            if (m <= kCodeMax) try_d(ext / static_cast<float>(m));
        }
        // Re-fit d with every code and level fixed: x ~ d * (code * v[q]), one unknown.
        for (int round = 0; round < 3 && err >= 0; ++round) {
            double a = 0, s2 = 0;
            for (int i = 0; i < 256; ++i) {
                const double u = static_cast<double>(code[i / 32]) * b.v[q[i]];
                a += w[i] * u * x[i];
                s2 += w[i] * u * u;
            }
            if (!(s2 > 0)) break;
            const double before = err;
            try_d(static_cast<float>(a / s2));
            if (err >= before) break;
        }
    }
    for (int s = 0; s < kNs; ++s) {
        const int ls = code[s] - kCodeMin;  // 0..63
        blk.scales_l[s / 2] = static_cast<uint8_t>(blk.scales_l[s / 2] | (ls & 0xF) << (4 * (s % 2)));
        blk.scales_h = static_cast<uint16_t>(blk.scales_h | ((ls >> 4) & 3) << (2 * s));
        pack_nibbles(q + 32 * s, blk.qs + 16 * s);
    }
    std::memcpy(out, &blk, sizeof blk);
}

}  // namespace hearth::quant
