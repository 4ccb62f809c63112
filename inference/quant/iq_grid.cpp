// The codebook index of iq_grid.h. Neighbour lists: for a key that is not in the codebook, the
// points nearest to the key's own coordinates (unweighted), enough of them that the weighted
// optimum of a target rounding to that key is almost always among them (iq_grid_test measures
// how often it is, against a search of every point).
#include "inference/quant/iq_grid.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <utility>

#include "inference/quant/iq_grid_costs.h"
#include "inference/tensor/iq_tables.h"

namespace hearth::quant {
namespace {

int key_count(int n_levels, int dim) {
    int k = 1;
    for (int j = 0; j < dim; ++j) k *= n_levels;
    return k;
}

template <typename Entry>
GridIndex index_of(const Entry* table, int n, int dim, bool is_signed, bool exhaustive) {
    std::vector<float> pts(static_cast<size_t>(n) * dim);
    for (int i = 0; i < n; ++i) {
        const uint64_t e = table[i];
        for (int j = 0; j < dim; ++j) {
            const auto byte = static_cast<uint8_t>((e >> (8 * j)) & 0xFF);
            pts[static_cast<size_t>(i) * dim + j] =
                is_signed ? static_cast<float>(static_cast<int8_t>(byte)) : static_cast<float>(byte);
        }
    }
    return make_grid_index(pts.data(), n, dim, exhaustive ? 8 : 32, exhaustive);  // a list only seeds the full search
}

// The half tables' layout (iq_grid.h).
void add_half_slots(GridIndex& g) {
    const int nl = static_cast<int>(g.levels.size());
    g.padded_halves = nl == 3 && g.dim == 8;
    g.half_slot.resize(static_cast<size_t>(g.n_half));
    for (int k = 0; k < g.n_half; ++k) {
        int slot = k;
        if (g.padded_halves) slot = k % 3 + 4 * (k / 3 % 3) + 16 * (k / 9 % 3) + 64 * (k / 27);
        g.half_slot[static_cast<size_t>(k)] = static_cast<uint16_t>(slot);
    }
    g.half_table = (g.padded_halves ? 4 * 4 * 4 * 3 : g.n_half) + 4;
}

// The search's per-point codes (iq_grid.h): cost-table offsets and low-half slots.
void add_search_codes(GridIndex& g, const int* level_of) {
    const int nl = static_cast<int>(g.levels.size()), dim = g.dim;
    g.cost_at.resize(static_cast<size_t>(g.n_points) * dim);
    g.low_slot.resize(static_cast<size_t>(g.n_points));
    for (int i = 0; i < g.n_points; ++i) {
        const int* l = level_of + static_cast<size_t>(i) * dim;
        for (int j = 0; j < dim; ++j) g.cost_at[static_cast<size_t>(i) * dim + j] = static_cast<uint8_t>(l[j] * dim + j);
        int low = 0;
        for (int j = dim / 2 - 1; j >= 0; --j) low = low * nl + l[j];
        g.low_slot[static_cast<size_t>(i)] = g.half_slot[static_cast<size_t>(low)];
    }
    g.by_low_high_slot.resize(g.by_low_high.size());
    for (size_t i = 0; i < g.by_low_high.size(); ++i) g.by_low_high_slot[i] = g.half_slot[g.by_low_high[i]];
    g.low_table = dim == 8 && g.n_half <= 256;
}

}  // namespace

GridIndex make_grid_index(const float* points, int n_points, int dim, int min_neighbours, bool exhaustive) {
    GridIndex g;
    g.dim = dim;
    g.n_points = n_points;
    g.exhaustive = exhaustive;
    g.points.assign(points, points + static_cast<size_t>(n_points) * dim);
    std::set<float> lv(points, points + static_cast<size_t>(n_points) * dim);
    g.levels.assign(lv.begin(), lv.end());
    for (size_t i = 1; i < g.levels.size(); ++i) g.cuts.push_back(0.5f * (g.levels[i - 1] + g.levels[i]));
    const int nl = static_cast<int>(g.levels.size());
    const int n_keys = key_count(nl, dim);
    for (int j = 0, p = 1; j < dim && p <= 32767; ++j, p *= nl) g.key_weight[j] = static_cast<int16_t>(p);

    // Key of every point; -1 marks a key with no point.
    std::vector<int> owner(static_cast<size_t>(n_keys), -1);
    std::vector<int> level_of(static_cast<size_t>(n_points) * dim);
    for (int i = 0; i < n_points; ++i) {
        int key = 0;
        for (int j = dim - 1; j >= 0; --j) {
            const int l = grid_level(g, points[static_cast<size_t>(i) * dim + j]);
            level_of[static_cast<size_t>(i) * dim + j] = l;
            key = key * nl + l;
        }
        owner[static_cast<size_t>(key)] = i;
    }
    g.n_half = key_count(nl, dim / 2);
    add_half_slots(g);
    g.low_first.assign(static_cast<size_t>(g.n_half) + 1, 0);
    for (int key = 0; key < n_keys; ++key)
        if (owner[static_cast<size_t>(key)] >= 0) ++g.low_first[static_cast<size_t>(key % g.n_half) + 1];
    for (int h = 0; h < g.n_half; ++h) g.low_first[static_cast<size_t>(h) + 1] += g.low_first[static_cast<size_t>(h)];
    g.by_low_point.resize(static_cast<size_t>(n_points));
    g.by_low_high.resize(static_cast<size_t>(n_points));
    {
        std::vector<uint32_t> next(g.low_first.begin(), g.low_first.end() - 1);
        for (int key = 0; key < n_keys; ++key) {
            const int i = owner[static_cast<size_t>(key)];
            if (i < 0) continue;
            const uint32_t at = next[static_cast<size_t>(key % g.n_half)]++;
            g.by_low_point[at] = static_cast<uint16_t>(i);
            g.by_low_high[at] = static_cast<uint16_t>(key / g.n_half);
        }
    }

    g.first.resize(static_cast<size_t>(n_keys) + 1);
    std::vector<float> dist(static_cast<size_t>(n_points)), sorted;
    std::vector<uint16_t> low_of(static_cast<size_t>(n_points)), high_of(static_cast<size_t>(n_points));
    for (size_t i = 0; i < g.by_low_point.size(); ++i) {
        low_of[g.by_low_point[i]] = static_cast<uint16_t>(std::upper_bound(g.low_first.begin(), g.low_first.end(),
                                                                           static_cast<uint32_t>(i)) -
                                                          g.low_first.begin() - 1);
        high_of[g.by_low_point[i]] = g.by_low_high[i];
    }
    const float ones[8] = {1, 1, 1, 1, 1, 1, 1, 1};
    std::vector<float> lo(static_cast<size_t>(g.half_table)), hi(lo.size());
    float c[8], cc[kMaxCoordinateCosts];
    for (int key = 0; key < n_keys; ++key) {
        g.first[static_cast<size_t>(key)] = static_cast<uint32_t>(g.cand.size());
        if (owner[static_cast<size_t>(key)] >= 0) {
            g.cand.push_back(static_cast<uint16_t>(owner[static_cast<size_t>(key)]));
            continue;
        }
        for (int j = 0, k = key; j < dim; ++j, k /= nl) c[j] = g.levels[static_cast<size_t>(k % nl)];
        coordinate_costs(g, c, ones, cc);  // squared distances, half by half
        half_costs(g, cc, 0, lo.data());
        half_costs(g, cc, 1, hi.data());
        for (int i = 0; i < n_points; ++i)
            dist[static_cast<size_t>(i)] = lo[g.half_slot[low_of[static_cast<size_t>(i)]]] +
                                           hi[g.half_slot[high_of[static_cast<size_t>(i)]]];
        const int m = std::min(min_neighbours, n_points);
        sorted = dist;
        std::nth_element(sorted.begin(), sorted.begin() + (m - 1), sorted.end());
        const float cutoff = sorted[static_cast<size_t>(m - 1)];
        for (int i = 0; i < n_points; ++i)
            if (dist[static_cast<size_t>(i)] <= cutoff) g.cand.push_back(static_cast<uint16_t>(i));
    }
    g.first[static_cast<size_t>(n_keys)] = static_cast<uint32_t>(g.cand.size());
    add_search_codes(g, level_of.data());
    return g;
}

const GridIndex& iq2xxs_index() {
    static const GridIndex g = index_of(iq::iq2xxs_grid, 256, 8, false, true);
    return g;
}
const GridIndex& iq2xs_index() {
    static const GridIndex g = index_of(iq::iq2xs_grid, 512, 8, false, true);
    return g;
}
const GridIndex& iq2s_index() {
    static const GridIndex g = index_of(iq::iq2s_grid, 1024, 8, false, true);
    return g;
}
const GridIndex& iq3xxs_index() {
    static const GridIndex g = index_of(iq::iq3xxs_grid, 256, 4, false, false);
    return g;
}
const GridIndex& iq3s_index() {
    static const GridIndex g = index_of(iq::iq3s_grid, 512, 4, false, false);
    return g;
}
const GridIndex& iq1s_index() {
    static const GridIndex g = index_of(iq::iq1s_grid, 2048, 8, true, false);
    return g;
}

}  // namespace hearth::quant
