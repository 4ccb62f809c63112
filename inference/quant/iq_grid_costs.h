// The per-target cost tables behind the codebook index (iq_grid.cpp builds the neighbour lists
// with them, iq_grid_search.cpp searches with them). Every entry is computed with exactly the
// float operations, in the same order, as the direct sum
//   s = 0; for each coordinate j: s += w[j] * (x[j] - p[j]) * (x[j] - p[j])
// so a point's cost read through the tables is bit for bit the cost summed directly.
#pragma once

#include "inference/quant/iq_grid.h"

namespace hearth::quant {

// Most coordinate costs a table holds: 8 coordinates of at most 8 levels.
inline constexpr int kMaxCoordinateCosts = 64;
// Most half keys: 8 levels, 4 coordinates per half.
inline constexpr int kMaxHalfKeys = 4096 + 4;  // and kHalfCostsSlack

// c[l * dim + j] = w[j] * (x[j] - level l)^2 for every coordinate j and level l.
void coordinate_costs(const GridIndex& g, const float* x, const float* w, float* c);

// Entries past the last half key that half_costs may write (it works in whole vectors).
inline constexpr int kHalfCostsSlack = 4;

// out[k] = the cost of the coordinates of half `part` (0: the first dim / 2) at the levels of
// half key k, summed from 0 in coordinate order. out holds n_half + kHalfCostsSlack floats.
void half_costs(const GridIndex& g, const float* c, int part, float* out);

}  // namespace hearth::quant
