// Nearest-point search in the IQ formats' codebooks ("grids"). An IQ2/IQ3/IQ1 block stores each
// group of 4 or 8 values as one codebook point times a sub-block scale, so an encoder asks, many
// times per block and per candidate scale: which codebook point p minimises
//   sum_j w[j] * (x[j] - p[j])^2      (x already divided by the scale)?
// The error is separable per coordinate, so rounding every coordinate to its nearest grid level
// gives the unconstrained optimum; when that rounded point (its "key") is in the codebook it is the
// answer. Otherwise the answer is searched in a short list of codebook points near that key,
// computed once per codebook, instead of over all 256..2048 points.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace hearth::quant {

struct GridIndex {
    int dim = 0;                  // coordinates per point: 4 or 8
    int n_points = 0;
    std::vector<float> levels;    // the distinct coordinate values, ascending (at most 8)
    std::vector<float> cuts;      // midpoints between consecutive levels: the rounding thresholds
    int16_t key_weight[8] = {};   // |levels|^j for coordinate j (0 past dim, or when it overflows)
    std::vector<float> points;    // n_points * dim coordinates
    // The candidates of key k (its level indices as base-|levels| digits, coordinate 0 least
    // significant) are cand[first[k] .. first[k + 1]): the key's own point alone when it is in the
    // codebook, else its neighbour list.
    std::vector<uint32_t> first;
    std::vector<uint16_t> cand;
    // For the exhaustive search, the points grouped by the key of their first dim / 2 coordinates
    // (the "low half"): group h holds low_first[h] .. low_first[h + 1] in by_low_point, and
    // by_low_high holds each one's key of its other half.
    int n_half = 0;  // keys of one half: levels^(dim / 2)
    std::vector<uint32_t> low_first;
    std::vector<uint16_t> by_low_point, by_low_high;
    // Whether grid_nearest searches every point for an off-grid key (starting from its neighbour
    // list's best). The 3-level 8-coordinate IQ2 codebooks are so sparse (256..1024 of 6561 keys)
    // that a list short enough to be fast misses the weighted optimum for a few percent of targets.
    bool exhaustive = false;
    // For the search (iq_grid_search.cpp): each point's coordinates as indices into a target's
    // table of coordinate costs (coordinate j at level l is entry l * dim + j), and its
    // low-half slot. With low_table (8 coordinates, at most 256 half keys) a target's cost of
    // every low half is tabulated once, so a candidate point costs 1 + dim / 2 table reads.
    std::vector<uint8_t> cost_at;  // n_points * dim
    std::vector<uint16_t> low_slot;  // n_points: half_slot of the low-half key
    bool low_table = false;
    // A half table (iq_grid_costs.h) holds half key k at half_slot[k]: k itself, except with
    // padded_halves (3 levels, 4 coordinates per half) where each base-3 digit of k becomes a
    // base-4 digit, so the table is built and searched in whole vectors of 4 (slots with a digit
    // 3 are unused). half_table: the floats a half table needs.
    bool padded_halves = false;
    int half_table = 0;
    std::vector<uint16_t> half_slot;         // n_half
    std::vector<uint16_t> by_low_high_slot;  // half_slot of each by_low_high
};

// Builds the index of a codebook whose points have `dim` (even, <= 8) coordinates, each one of a
// few (<= 8) distinct values; an off-grid key's list holds its `min_neighbours` nearest points
// (plus those tied with the last).
GridIndex make_grid_index(const float* points, int n_points, int dim, int min_neighbours = 32,
                          bool exhaustive = false);

// The index of the point p minimising sum_j w[j] * (x[j] - p[j])^2 (x already divided by the
// scale; w[j] >= 0). When `err` is not null it receives that minimum.
int grid_nearest(const GridIndex& g, const float* x, const float* w, float* err = nullptr);

// The same minimum found among all points: the cost of each half of the coordinates is tabulated
// for every half key, so a point costs one add, and a group of points sharing a low half is
// skipped when its low half alone already costs more than the best so far.
int grid_nearest_exact(const GridIndex& g, const float* x, const float* w, float* err = nullptr);

// The level index nearest to v (the rounding grid_nearest starts from).
int grid_level(const GridIndex& g, float v);

inline const float* grid_point(const GridIndex& g, int i) { return g.points.data() + static_cast<std::size_t>(i) * g.dim; }

// One immutable index per codebook of inference/tensor/iq_tables.h, built on first use. The
// coordinates are the table's bytes: unsigned for the IQ2/IQ3 grids, signed (-1, 0, 1) for iq1s.
const GridIndex& iq2xxs_index();
const GridIndex& iq2xs_index();
const GridIndex& iq2s_index();
const GridIndex& iq3xxs_index();
const GridIndex& iq3s_index();
const GridIndex& iq1s_index();

}  // namespace hearth::quant
