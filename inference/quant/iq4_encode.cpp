#include "inference/quant/iq4_encode.h"

#include <algorithm>
#include <cmath>
#include <cstring>

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

// The index of the level nearest t: the count of midpoints below t.
int nearest(const Codebook& b, float t) {
    int lo = 0, hi = 15;
    while (lo < hi) {
        const int m = (lo + hi) / 2;
        if (t > b.mid[m]) lo = m + 1;
        else hi = m;
    }
    return lo;
}

// Picks every element's level for scale d; returns sum w (x - d v[q])^2.
double pick(const Codebook& b, const float* x, const float* w, int n, float d, int* q) {
    const float id = d != 0 ? 1.0f / d : 0.0f;
    double err = 0;
    for (int i = 0; i < n; ++i) {
        q[i] = d != 0 ? nearest(b, x[i] * id) : 8;  // level 8 is 1, the nearest to 0
        const double r = static_cast<double>(d) * b.v[q[i]] - x[i];
        err += w[i] * r * r;
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
    int cand[256];
    float best_d = 0;
    double best_gain = -1;
    auto consider = [&](float iscale) {
        double a = 0, s = 0;
        for (int i = 0; i < n; ++i) {
            const int k = nearest(b, x[i] * iscale);
            cand[i] = k;
            a += static_cast<double>(w[i]) * x[i] * b.v[k];
            s += static_cast<double>(w[i]) * b.v[k] * b.v[k];
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
        const double e2 = pick(b, x, w, 32, nd, q2);
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
    auto choose = [&](float d, int* code, int* qo) {
        double total = 0;
        int tmp[32];
        for (int s = 0; s < kNs; ++s) {
            const float* xs = x + 32 * s;
            const float* ws = w + 32 * s;
            const float t = d != 0 ? sub_d[s] / d : 0.0f;
            const int c0 = std::clamp(static_cast<int>(std::nearbyint(std::clamp(t, -64.0f, 64.0f))), kCodeMin, kCodeMax);
            double best = -1;
            for (int c = std::max(kCodeMin, c0 - 1); c <= std::min(kCodeMax, c0 + 1); ++c) {
                const double e = pick(b, xs, ws, 32, d * static_cast<float>(c), tmp);
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
        auto try_d = [&](float d) {
            uint16_t bits;
            const float dh = to_half(d, bits);
            if (dh == 0 || !std::isfinite(dh)) return;
            const double e = choose(dh, code2, q2);
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
