// The codebook index against a search of every point: on-grid targets return themselves, and for
// random off-grid targets with uneven weights the neighbour lists find the weighted optimum
// almost always and are never far from it.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "inference/quant/iq_grid.h"

namespace hearth::quant {
namespace {

struct Codebook {
    const char* name;
    const GridIndex& (*index)();
};
const Codebook kCodebooks[] = {{"iq2xxs", iq2xxs_index}, {"iq2xs", iq2xs_index}, {"iq2s", iq2s_index},
                               {"iq3xxs", iq3xxs_index}, {"iq3s", iq3s_index},   {"iq1s", iq1s_index}};

float cost(const GridIndex& g, int i, const float* x, const float* w) {
    const float* p = grid_point(g, i);
    float s = 0;
    for (int j = 0; j < g.dim; ++j) s += w[j] * (x[j] - p[j]) * (x[j] - p[j]);
    return s;
}

float brute_force(const GridIndex& g, const float* x, const float* w) {
    float best = std::numeric_limits<float>::max();
    for (int i = 0; i < g.n_points; ++i) best = std::min(best, cost(g, i, x, w));
    return best;
}

TEST(IqGrid, CodebookShapes) {
    EXPECT_EQ(iq2xxs_index().n_points, 256);
    EXPECT_EQ(iq2xs_index().n_points, 512);
    EXPECT_EQ(iq2s_index().n_points, 1024);
    EXPECT_EQ(iq3xxs_index().n_points, 256);
    EXPECT_EQ(iq3s_index().n_points, 512);
    EXPECT_EQ(iq1s_index().n_points, 2048);
    EXPECT_EQ(iq2s_index().levels, (std::vector<float>{8, 25, 43}));
    EXPECT_EQ(iq3xxs_index().levels, (std::vector<float>{4, 12, 20, 28, 36, 44, 52, 62}));
    EXPECT_EQ(iq3s_index().levels, (std::vector<float>{1, 3, 5, 7, 9, 11, 13, 15}));
    EXPECT_EQ(iq1s_index().levels, (std::vector<float>{-1, 0, 1}));
    EXPECT_EQ(iq3s_index().dim, 4);
    EXPECT_EQ(iq1s_index().dim, 8);
}

TEST(IqGrid, OnGridKeysReturnThemselves) {
    std::mt19937 rng(3);
    std::uniform_real_distribution<float> uw(0.1f, 1.0f), jitter(-0.2f, 0.2f);
    for (const auto& c : kCodebooks) {
        const GridIndex& g = c.index();
        for (int i = 0; i < g.n_points; ++i) {
            float x[8], w[8];
            for (int j = 0; j < g.dim; ++j) {
                x[j] = grid_point(g, i)[j] + jitter(rng);  // still rounds to the same levels
                w[j] = uw(rng);
            }
            ASSERT_EQ(grid_nearest(g, x, w), i) << c.name << " point " << i;
            ASSERT_EQ(grid_nearest_exact(g, x, w), i) << c.name << " point " << i;
        }
    }
}

// Targets spread over the levels' range, and a bit beyond it (a sub-block's extreme element sits
// past the top level for scales below max / top level).
void check_off_grid(bool realistic_weights) {
    for (const auto& c : kCodebooks) {
        const GridIndex& g = c.index();
        std::mt19937 rng(7);
        const float lo = g.levels.front(), hi = g.levels.back(), margin = 0.1f * (hi - lo);
        std::uniform_real_distribution<float> ux(lo - margin, hi + margin), uw(0.1f, 1.0f);
        std::normal_distribution<float> gauss(0.0f, 1.0f);
        const int n = 2500;
        int exact = 0;
        double sum_found = 0, sum_best = 0;
        for (int t = 0; t < n; ++t) {
            float x[8], w[8];
            for (int j = 0; j < g.dim; ++j) {
                x[j] = ux(rng);
                // realistic: element_weights' sigma2 + x^2 times a log-normal importance
                const float a = (x[j] - lo) / (hi - lo);
                w[j] = realistic_weights ? (0.3f + a * a) * std::exp(0.5f * gauss(rng)) : uw(rng);
            }
            float found = 0;
            const int i = grid_nearest(g, x, w, &found);
            ASSERT_NEAR(found, cost(g, i, x, w), 1e-3f * (1 + found)) << c.name;
            const float best = brute_force(g, x, w);
            ASSERT_GE(found, best * (1 - 1e-5f)) << c.name;
            if (found <= best * (1 + 1e-5f)) ++exact;
            sum_found += found;
            sum_best += best;
            float exhaustive = 0;
            grid_nearest_exact(g, x, w, &exhaustive);
            ASSERT_NEAR(exhaustive, best, 1e-4f * (1 + best)) << c.name;
        }
        EXPECT_GE(exact, n * 99 / 100) << c.name;
        EXPECT_LE(sum_found, sum_best * 1.002) << c.name;
    }
}

TEST(IqGrid, OffGridTargetsFindTheWeightedBestPoint) { check_off_grid(false); }
TEST(IqGrid, OffGridTargetsWithRealisticWeights) { check_off_grid(true); }

// The weights, not only the distance, pick the point: a two-point codebook whose answer flips
// with the weights.
TEST(IqGrid, WeightsDecide) {
    const float pts[] = {0, 0, 2, 2};
    for (bool exhaustive : {false, true}) {
        const GridIndex g = make_grid_index(pts, 2, 2, 1, exhaustive);
        const float x[] = {1.8f, 0.2f};  // rounds to the key (2, 0), which has no point
        const float w_first[] = {1.0f, 0.01f}, w_second[] = {0.01f, 1.0f};
        EXPECT_EQ(grid_nearest(g, x, w_first), 1);
        EXPECT_EQ(grid_nearest(g, x, w_second), 0);
    }
}

}  // namespace
}  // namespace hearth::quant
