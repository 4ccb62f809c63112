// The per-group primitives of the grid fit (iq_grid_fit.cpp): points picked for a sub-block at a
// given scale, and the least-squares scale for picked points. Internal to the IQ encoders.
#pragma once

#include <cstdint>
#include "inference/quant/iq_grid.h"
#include "inference/quant/search_bounds.h"

namespace hearth::quant::grid_pick {

// The points of the n elements of a at scale sigma; returns sum w (a - sigma p)^2 (or, past
// `bound`, a partial sum that fails it).
double pick_points(const float* a, const float* w, int n, float sigma, const GridIndex& g, uint16_t* pts,
                   const PickBound& bound = {});

// Least-squares scale of a sub-block with its points fixed: sum w a p / sum w p^2. Sets gain to
// the error drop it achieves over sigma = 0, (sum w a p)^2 / sum w p^2.
float lsq_scale(const float* a, const float* w, int n, const GridIndex& g, const uint16_t* pts, double& gain);

}  // namespace hearth::quant::grid_pick
