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
// Most floats of a half table: 8 levels, 4 coordinates per half, and room for whole vectors.
inline constexpr int kMaxHalfTable = 4096 + 4;

// c[l * dim + j] = w[j] * (x[j] - level l)^2 for every coordinate j and level l.
void coordinate_costs(const GridIndex& g, const float* x, const float* w, float* c);

// out[g.half_slot[k]] = the cost of the coordinates of half `part` (0: the first dim / 2) at the
// levels of half key k, summed from 0 in coordinate order. out holds g.half_table floats.
void half_costs(const GridIndex& g, const float* c, int part, float* out);

}  // namespace hearth::quant
