// The nearest-point search of iq_grid.h. It runs hundreds of times per block and candidate scale,
// so a point's cost is read from per-target tables (iq_grid_costs.h) instead of being computed
// from its coordinates. The tables reproduce the direct sum exactly, and a point is only skipped
// when a part of its sum already reaches the best cost (the remaining terms are >= 0 and float
// addition is monotonic), so the answer and its cost are those of the plain scan.
#include <algorithm>
#include <bit>
#include <limits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "inference/quant/iq_grid.h"
#include "inference/quant/iq_grid_costs.h"
#include "inference/quant/iq_grid_scan.h"

namespace hearth::quant {
namespace {

int key_of_scalar(const GridIndex& g, const float* x) {
    const int nl = static_cast<int>(g.levels.size());
    int key = 0;
    for (int j = g.dim - 1; j >= 0; --j) key = key * nl + grid_level(g, x[j]);
    return key;
}

// The key of x: each coordinate's level (grid_level: the count of cuts it is above) times its
// digit's weight nl^j. SSE2: the levels of four coordinates per compare and the weighted sum by
// one 16-bit multiply-add, where the weights fit in 16 bits (every IQ codebook: 3^7 or 8^3).
int key_of(const GridIndex& g, const float* x) {
#if defined(__SSE2__)
    const int nl = static_cast<int>(g.levels.size());
    if ((g.dim == 4 && nl <= 8) || (g.dim == 8 && nl <= 3)) {
        __m128i l0 = _mm_setzero_si128(), l1 = _mm_setzero_si128();
        const __m128 x0 = _mm_loadu_ps(x), x1 = g.dim == 8 ? _mm_loadu_ps(x + 4) : _mm_setzero_ps();
        for (float cut : g.cuts) {  // a true compare is -1: subtracting it counts the cut
            const __m128 cv = _mm_set1_ps(cut);
            l0 = _mm_sub_epi32(l0, _mm_castps_si128(_mm_cmpgt_ps(x0, cv)));
            l1 = _mm_sub_epi32(l1, _mm_castps_si128(_mm_cmpgt_ps(x1, cv)));
        }
        // Weights from the index, not built here: a vector load of just-stored 16-bit values stalls.
        const __m128i weight = _mm_loadu_si128(reinterpret_cast<const __m128i*>(g.key_weight));
        __m128i s = _mm_madd_epi16(_mm_packs_epi32(l0, l1), weight);
        s = _mm_add_epi32(s, _mm_shuffle_epi32(s, _MM_SHUFFLE(1, 0, 3, 2)));
        s = _mm_add_epi32(s, _mm_shuffle_epi32(s, _MM_SHUFFLE(2, 3, 0, 1)));
        return _mm_cvtsi128_si32(s);
    }
#endif
    return key_of_scalar(g, x);
}

// The direct sum, for a key whose list is its own point alone (no table pays off for one point).
float point_cost(const GridIndex& g, int i, const float* x, const float* w) {
    const float* p = grid_point(g, i);
    float s = 0;
    for (int j = 0; j < g.dim; ++j) {
        const float r = x[j] - p[j];
        s += w[j] * r * r;
    }
    return s;
}

// The first point of cand[b..e) of least cost (best_err: that cost, or the largest float when no
// cost is below it), with every coordinate's cost from the table c.
int scan_direct(const GridIndex& g, const float* c, uint32_t b, uint32_t e, float& best_err) {
    const int dim = g.dim;
    int best = g.cand[b];
    for (uint32_t k = b; k < e; ++k) {
        const int i = g.cand[k];
        const uint8_t* at = g.cost_at.data() + static_cast<size_t>(i) * dim;
        float s = 0;
        for (int j = 0; j < dim; ++j) s += c[at[j]];
        if (s < best_err) {
            best_err = s;
            best = i;
        }
    }
    return best;
}

// A lower bound of every entry of half `part`'s table: each coordinate's least cost, summed in the
// tables' order from 0. Float addition is monotonic, so no entry is below it, and it is as tight as
// the tables' least entry without reading them (the least per coordinate is one of the entries).
// Any lower bound skips only points that cannot win, so the answer does not depend on it. A NaN
// cost gives -inf: a least taken past a NaN could exceed an entry.
float half_floor(const GridIndex& g, const float* c, int part) {
    const int nl = static_cast<int>(g.levels.size()), dim = g.dim, h = dim / 2;
    float s = 0.0f;
    for (int j = part * h; j < part * h + h; ++j) {
        float m = c[j];
        bool nan = m != m;
        for (int l = 1; l < nl; ++l) {
            const float v = c[l * dim + j];
            nan = nan || v != v;
            m = v < m ? v : m;
        }
        if (nan) return -std::numeric_limits<float>::infinity();
        s += m;
    }
    return s;
}

// The points whose low half has key k (of cost base), each against the best so far.
inline void scan_group(const GridIndex& g, const float* hi, int k, float base, int& best, float& best_err) {
    for (uint32_t i = g.low_first[static_cast<size_t>(k)]; i < g.low_first[static_cast<size_t>(k) + 1]; ++i) {
        const float s = base + hi[g.by_low_high_slot[i]];
        if (s < best_err) {
            best_err = s;
            best = g.by_low_point[i];
        }
    }
}

// The exhaustive search (iq_grid.h) over the half tables, starting from a known point `best` of
// cost `best_err` (or -1 and the largest float). Low keys are visited in order; one whose cost
// plus the high halves' floor reaches the best is skipped (SSE2 with padded tables: tested three
// at a time, each again before its group is scanned, since the best may have dropped meanwhile).
// The high table is only built once a low key survives: when the seed is already good, none does.
int exact_search(const GridIndex& g, const float* c, const float* lo, int best, float best_err, float* err) {
    const float hi_min = half_floor(g, c, 1);
    float hi[kMaxHalfTable];
    bool hi_built = false;
    auto visit = [&](int key, float base) {
        if (base + hi_min >= best_err) return;
        if (!hi_built) {
            half_costs(g, c, 1, hi);
            hi_built = true;
        }
        scan_group(g, hi, key, base, best, best_err);
    };
#if defined(__SSE2__)
    if (g.padded_halves) {
        // First every low key against the seed's cost, without a branch per key (the outcome is
        // data-dependent and mispredicts); then the survivors in key order, each tested again.
        const __m128 hm = _mm_set1_ps(hi_min), be = _mm_set1_ps(best_err);
        uint8_t keep[27];
        uint32_t any = 0;
        for (int t = 0; t < 27; ++t) {  // keys 3t .. 3t + 2 share a vector; its 4th lane is unused
            const int slot = g.half_slot[static_cast<size_t>(3 * t)];
            const __m128 reach = _mm_cmpge_ps(_mm_add_ps(_mm_loadu_ps(lo + slot), hm), be);
            keep[t] = static_cast<uint8_t>(~static_cast<unsigned>(_mm_movemask_ps(reach)) & 0x7u);
            any |= static_cast<uint32_t>(keep[t] != 0) << t;
        }
        for (; any != 0; any &= any - 1) {
            const int t = std::countr_zero(any);
            const int slot = g.half_slot[static_cast<size_t>(3 * t)];
            for (unsigned k = keep[t]; k != 0; k &= k - 1) {
                const int d = std::countr_zero(k);
                visit(3 * t + d, lo[slot + d]);
            }
        }
        if (err) *err = best_err;
        return best;
    }
#endif
    for (int k = 0; k < g.n_half; ++k) visit(k, lo[g.half_slot[static_cast<size_t>(k)]]);
    if (err) *err = best_err;
    return best;
}

}  // namespace

int grid_level(const GridIndex& g, float v) {
    int l = 0;
    for (float cut : g.cuts) l += v > cut;
    return l;
}

int grid_nearest(const GridIndex& g, const float* x, const float* w, float* err) {
    const int key = key_of(g, x);
    const uint32_t b = g.first[static_cast<size_t>(key)], e = g.first[static_cast<size_t>(key) + 1];
    float best_err = std::numeric_limits<float>::max();
    if (e - b == 1) {
        const int only = g.cand[b];
        const float s = point_cost(g, only, x, w);
        if (s < best_err) best_err = s;
        if (err) *err = best_err;
        return only;
    }
    float c[kMaxCoordinateCosts];
    coordinate_costs(g, x, w, c);
    if (!g.low_table && !g.exhaustive) {
        const int best = g.dim == 4 ? scan::first_least<4>(g, c, nullptr, b, e, best_err) : scan_direct(g, c, b, e, best_err);
        if (err) *err = best_err;
        return best;
    }
    float lo[kMaxHalfTable];
    half_costs(g, c, 0, lo);
    const int best = g.low_table ? scan::first_least<8>(g, c, lo, b, e, best_err) : scan_direct(g, c, b, e, best_err);
    if (!g.exhaustive) {
        if (err) *err = best_err;
        return best;
    }
    return exact_search(g, c, lo, best, best_err, err);
}

int grid_nearest_exact(const GridIndex& g, const float* x, const float* w, float* err) {
    float c[kMaxCoordinateCosts], lo[kMaxHalfTable];
    coordinate_costs(g, x, w, c);
    half_costs(g, c, 0, lo);
    return exact_search(g, c, lo, -1, std::numeric_limits<float>::max(), err);
}

void coordinate_costs(const GridIndex& g, const float* x, const float* w, float* c) {
    const int nl = static_cast<int>(g.levels.size()), dim = g.dim;
#if defined(__SSE2__)
    if (dim % 4 == 0) {  // four coordinates per operation, each lane the scalar formula
        for (int j = 0; j < dim; j += 4) {
            const __m128 xv = _mm_loadu_ps(x + j), wv = _mm_loadu_ps(w + j);
            for (int l = 0; l < nl; ++l) {
                const __m128 r = _mm_sub_ps(xv, _mm_set1_ps(g.levels[static_cast<size_t>(l)]));
                _mm_storeu_ps(c + l * dim + j, _mm_mul_ps(_mm_mul_ps(wv, r), r));
            }
        }
        return;
    }
#endif
    for (int j = 0; j < dim; ++j)
        for (int l = 0; l < nl; ++l) {
            const float r = x[j] - g.levels[static_cast<size_t>(l)];
            c[l * dim + j] = w[j] * r * r;
        }
}

namespace {

// dst[k] = src[k] + v for k < n (dst and src apart).
void add_each(float* __restrict dst, const float* __restrict src, int n, float v) {
    int k = 0;
#if defined(__SSE2__)
    const __m128 vv = _mm_set1_ps(v);
    for (; k + 4 <= n; k += 4) _mm_storeu_ps(dst + k, _mm_add_ps(_mm_loadu_ps(src + k), vv));
#endif
    for (; k < n; ++k) dst[k] = src[k] + v;
}

// half_costs in the padded layout (3 levels, 4 coordinates per half): slot k0 + 4 k1 + 16 k2 +
// 64 k3 gets ((0 + c0[k0]) + c1[k1]) + c2[k2]) + c3[k3]. The four slots of one (k1, k2, k3) are
// one vector, its unused lane (k0 = 3) +inf, so the table is built without reading back any
// partial sum from memory.
void half_costs_padded(const float* c, int dim, int first, float* out) {
    const float* c0 = c + first;
    const float* c1 = c0 + 1;
    const float* c2 = c0 + 2;
    const float* c3 = c0 + 3;
#if defined(__SSE2__)
    const __m128 t1 = _mm_add_ps(_mm_setzero_ps(),
                                 _mm_setr_ps(c0[0], c0[dim], c0[2 * dim], std::numeric_limits<float>::infinity()));
    // The last digit's three adds written out: loops of three trips are branches a predictor
    // often misses, and this runs twice per off-grid target.
    const __m128 d0 = _mm_set1_ps(c3[0]), d1 = _mm_set1_ps(c3[dim]), d2 = _mm_set1_ps(c3[2 * dim]);
    for (int m1 = 0; m1 < 3; ++m1) {
        const __m128 t2 = _mm_add_ps(t1, _mm_set1_ps(c1[m1 * dim]));
        for (int m2 = 0; m2 < 3; ++m2) {
            const __m128 t3 = _mm_add_ps(t2, _mm_set1_ps(c2[m2 * dim]));
            float* o = out + 4 * m1 + 16 * m2;
            _mm_storeu_ps(o, _mm_add_ps(t3, d0));
            _mm_storeu_ps(o + 64, _mm_add_ps(t3, d1));
            _mm_storeu_ps(o + 128, _mm_add_ps(t3, d2));
        }
    }
#else
    for (int m1 = 0; m1 < 3; ++m1)
        for (int m2 = 0; m2 < 3; ++m2)
            for (int m3 = 0; m3 < 3; ++m3)
                for (int k0 = 0; k0 < 4; ++k0) {
                    const float t1 = 0.0f + (k0 < 3 ? c0[k0 * dim] : std::numeric_limits<float>::infinity());
                    out[k0 + 4 * m1 + 16 * m2 + 64 * m3] = ((t1 + c1[m1 * dim]) + c2[m2 * dim]) + c3[m3 * dim];
                }
#endif
}

}  // namespace

void half_costs(const GridIndex& g, const float* c, int part, float* out) {
    const int nl = static_cast<int>(g.levels.size()), h = g.dim / 2, dim = g.dim;
    if (g.padded_halves) {
        half_costs_padded(c, dim, part * h, out);
        return;
    }
    const int j0 = part * h;
    for (int l = 0; l < nl; ++l) out[l] = 0.0f + c[l * dim + j0];
    int size = nl;
    for (int j = 1; j < h; ++j) {
        // Level l's keys are the previous coordinates' keys shifted by l * size; level 0 last, in place.
        for (int l = nl - 1; l >= 1; --l) add_each(out + l * size, out, size, c[l * dim + j0 + j]);
        for (int k = 0; k < size; ++k) out[k] += c[j0 + j];
        size *= nl;
    }
}

}  // namespace hearth::quant
