// The nearest-point search of iq_grid.h. It runs hundreds of times per block and candidate scale,
// so a point's cost is read from per-target tables (iq_grid_costs.h) instead of being computed
// from its coordinates. The tables reproduce the direct sum exactly, and a point is only skipped
// when a part of its sum already reaches the best cost (the remaining terms are >= 0 and float
// addition is monotonic), so the answer and its cost are those of the plain scan.
#include <algorithm>
#include <limits>

#include "inference/quant/iq_grid.h"
#include "inference/quant/iq_grid_costs.h"

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

// The cost of the first half of point i's coordinates: from lo with a low table, else summed.
template <int kDim>
float first_half(const GridIndex& g, const float* c, const float* lo, int i) {
    if constexpr (kDim == 8) {
        return lo[g.low_key[static_cast<size_t>(i)]];
    } else {
        const uint8_t* at = g.cost_at.data() + static_cast<size_t>(i) * kDim;
        float s = 0;
        for (int j = 0; j < kDim / 2; ++j) s += c[at[j]];
        return s;
    }
}

// scan_direct's answer, found in the near order (iq_grid.h): the least (cost, list position).
// A point whose first half alone costs more than the best so far cannot win or tie.
template <int kDim>
int scan_near(const GridIndex& g, const float* c, const float* lo, uint32_t b, uint32_t e, float& best_err) {
    int best = g.cand[b], best_pos = -1;  // -1: nothing below the starting best_err yet
    for (uint32_t k = b; k < e; ++k) {
        const uint32_t entry = g.near[k];
        const int i = static_cast<int>(entry & 0xFFFF), pos = static_cast<int>(entry >> 16);
        float s = first_half<kDim>(g, c, lo, i);
        if (s > best_err) continue;
        const uint8_t* at = g.cost_at.data() + static_cast<size_t>(i) * kDim;
        for (int j = kDim / 2; j < kDim; ++j) s += c[at[j]];
        if (s < best_err || (s == best_err && pos < best_pos)) {
            best_err = s;
            best = i;
            best_pos = pos;
        }
    }
    return best;
}

// The exhaustive search (iq_grid.h) over the half tables, starting from a known point `best` of
// cost `best_err` (or -1 and the largest float).
int exact_search(const GridIndex& g, const float* lo, const float* hi, int best, float best_err, float* err) {
    const float hi_min = *std::min_element(hi, hi + g.n_half);
    for (int k = 0; k < g.n_half; ++k) {
        const float base = lo[k];
        if (base + hi_min >= best_err) continue;
        for (uint32_t i = g.low_first[static_cast<size_t>(k)]; i < g.low_first[static_cast<size_t>(k) + 1]; ++i) {
            const float s = base + hi[g.by_low_high[i]];
            if (s < best_err) {
                best_err = s;
                best = g.by_low_point[i];
            }
        }
    }
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
        const int best = g.dim == 4 ? scan_near<4>(g, c, nullptr, b, e, best_err) : scan_direct(g, c, b, e, best_err);
        if (err) *err = best_err;
        return best;
    }
    float lo[kMaxHalfKeys], hi[kMaxHalfKeys];
    half_costs(g, c, 0, lo);
    const int best = g.low_table ? scan_near<8>(g, c, lo, b, e, best_err) : scan_direct(g, c, b, e, best_err);
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
    const int nl = static_cast<int>(g.levels.size());
    for (int j = 0; j < g.dim; ++j)
        for (int l = 0; l < nl; ++l) {
            const float r = x[j] - g.levels[static_cast<size_t>(l)];
            c[j * nl + l] = w[j] * r * r;
        }
}

void half_costs(const GridIndex& g, const float* c, int part, float* out) {
    const int nl = static_cast<int>(g.levels.size()), h = g.dim / 2;
    const float* cj = c + part * h * nl;
    for (int l = 0; l < nl; ++l) out[l] = 0.0f + cj[l];
    int size = nl;
    for (int j = 1; j < h; ++j) {
        cj = c + (part * h + j) * nl;
        // Level l's keys are the previous coordinates' keys shifted by l * size; level 0 last, in place.
        for (int l = nl - 1; l >= 1; --l) {
            float* __restrict dst = out + l * size;
            const float* __restrict src = out;
            const float cl = cj[l];
            for (int k = 0; k < size; ++k) dst[k] = src[k] + cl;
        }
        for (int k = 0; k < size; ++k) out[k] += cj[0];
        size *= nl;
    }
}

}  // namespace hearth::quant
