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

int key_of(const GridIndex& g, const float* x) {
    const int nl = static_cast<int>(g.levels.size());
    int key = 0;
    for (int j = g.dim - 1; j >= 0; --j) key = key * nl + grid_level(g, x[j]);
    return key;
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

// The least of hi[0..n): std::min_element's value. SSE2: four running minima, which give the
// same value unless a NaN is present (then min_element's answer depends on where it is, and the
// scalar search is rerun).
float least(const float* hi, int n) {
#if defined(__SSE2__)
    if (n >= 4) {
        __m128 m = _mm_loadu_ps(hi), nan = _mm_cmpunord_ps(m, m);
        int k = 4;
        for (; k + 4 <= n; k += 4) {
            const __m128 v = _mm_loadu_ps(hi + k);
            m = _mm_min_ps(v, m);
            nan = _mm_or_ps(nan, _mm_cmpunord_ps(v, v));
        }
        alignas(16) float l[4];
        _mm_store_ps(l, m);
        float r = std::min(std::min(l[0], l[1]), std::min(l[2], l[3]));
        for (; k < n; ++k) r = std::min(r, hi[k]);
        if (_mm_movemask_ps(nan) == 0 && r == r) return r;
    }
#endif
    return *std::min_element(hi, hi + n);
}

// The points whose low half has key k, each against the best so far.
inline void scan_group(const GridIndex& g, const float* hi, int k, float base, int& best, float& best_err) {
    for (uint32_t i = g.low_first[static_cast<size_t>(k)]; i < g.low_first[static_cast<size_t>(k) + 1]; ++i) {
        const float s = base + hi[g.by_low_high[i]];
        if (s < best_err) {
            best_err = s;
            best = g.by_low_point[i];
        }
    }
}

// The exhaustive search (iq_grid.h) over the half tables, starting from a known point `best` of
// cost `best_err` (or -1 and the largest float). Low keys are visited in order; one whose cost
// plus the least high-half cost reaches the best is skipped (SSE2: tested four at a time against
// the best when the four are reached, which skips no more than testing each in turn would).
int exact_search(const GridIndex& g, const float* lo, const float* hi, int best, float best_err, float* err) {
    const float hi_min = least(hi, g.n_half);
    int k = 0;
#if defined(__SSE2__)
    const __m128 hm = _mm_set1_ps(hi_min);
    for (; k + 4 <= g.n_half; k += 4) {
        const __m128 reach = _mm_cmpge_ps(_mm_add_ps(_mm_loadu_ps(lo + k), hm), _mm_set1_ps(best_err));
        for (unsigned keep = ~static_cast<unsigned>(_mm_movemask_ps(reach)) & 0xFu; keep != 0; keep &= keep - 1) {
            const int kk = k + std::countr_zero(keep);
            scan_group(g, hi, kk, lo[kk], best, best_err);
        }
    }
#endif
    for (; k < g.n_half; ++k)
        if (!(lo[k] + hi_min >= best_err)) scan_group(g, hi, k, lo[k], best, best_err);
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
    float lo[kMaxHalfKeys], hi[kMaxHalfKeys];
    half_costs(g, c, 0, lo);
    const int best = g.low_table ? scan::first_least<8>(g, c, lo, b, e, best_err) : scan_direct(g, c, b, e, best_err);
    if (!g.exhaustive) {
        if (err) *err = best_err;
        return best;
    }
    half_costs(g, c, 1, hi);
    return exact_search(g, lo, hi, best, best_err, err);
}

int grid_nearest_exact(const GridIndex& g, const float* x, const float* w, float* err) {
    float c[kMaxCoordinateCosts], lo[kMaxHalfKeys], hi[kMaxHalfKeys];
    coordinate_costs(g, x, w, c);
    half_costs(g, c, 0, lo);
    half_costs(g, c, 1, hi);
    return exact_search(g, lo, hi, -1, std::numeric_limits<float>::max(), err);
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

#if defined(__SSE2__)
// dst[i + m * n] = src[i] + v[m] for i < n, m < 3, in whole vectors of four: each m's last
// vector runs past its n entries into the next m's, which that m then overwrites, so src needs
// n rounded up to 4 readable entries and dst as many past its 3 n.
void add_each3(float* dst, const float* src, int n, const float* v) {
    for (int m = 0; m < 3; ++m) {
        const __m128 vm = _mm_set1_ps(v[m]);
        for (int i = 0; i < n; i += 4) _mm_storeu_ps(dst + m * n + i, _mm_add_ps(_mm_loadu_ps(src + i), vm));
    }
}

// half_costs for 3 levels and 4 coordinates per half (the IQ2 and IQ1 codebooks): the same sums,
// a table of 3, 9, 27 and 81 keys built from the last, whole vectors at a time.
void half_costs_3x4(const float* c, int dim, int first, float* out) {
    float v[4][3];
    for (int j = 0; j < 4; ++j)
        for (int l = 0; l < 3; ++l) v[j][l] = c[l * dim + first + j];
    alignas(16) float t1[4] = {0.0f + v[0][0], 0.0f + v[0][1], 0.0f + v[0][2], 0.0f};
    // Only t2[10..11] is read before being written (by the last vector of t3's 9 entries).
    alignas(16) float t2[12];
    alignas(16) float t3[28 + 4];
    t2[10] = t2[11] = 0.0f;
    add_each3(t2, t1, 3, v[1]);
    add_each3(t3, t2, 9, v[2]);
    add_each3(out, t3, 27, v[3]);
}
#endif

}  // namespace

void half_costs(const GridIndex& g, const float* c, int part, float* out) {
    const int nl = static_cast<int>(g.levels.size()), h = g.dim / 2, dim = g.dim;
#if defined(__SSE2__)
    if (nl == 3 && h == 4) {
        half_costs_3x4(c, dim, part * h, out);
        return;
    }
#endif
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
