// iq_grid_pick.h's primitives. pick_points runs once per group of a sub-block, per candidate scale.
#include "inference/quant/iq_grid_pick.h"

namespace hearth::quant::grid_pick {

double pick_points(const float* a, const float* w, int n, float sigma, const GridIndex& g, uint16_t* pts,
                   const PickBound& bound) {
    const int dim = g.dim;
    if (!(sigma > 0)) {
        double err = 0;
        for (int i = 0; i < n; ++i) err += static_cast<double>(w[i]) * a[i] * a[i];
        const float zero[8] = {};
        const int p0 = grid_nearest(g, zero, w);  // any point decodes to 0 at scale 0
        for (int k = 0; k < n / dim; ++k) pts[k] = static_cast<uint16_t>(p0);
        return err;
    }
    const float inv = 1.0f / sigma;
    double err = 0;
    float t[8];
    for (int k = 0; k < n / dim; ++k) {
        for (int j = 0; j < dim; ++j) t[j] = a[k * dim + j] * inv;
        float e = 0;
        pts[k] = static_cast<uint16_t>(grid_nearest(g, t, w + k * dim, &e));
        err += static_cast<double>(e);
        if (k + 1 < n / dim && bound.fails(err * sigma * sigma)) break;
    }
    return err * sigma * sigma;
}

float lsq_scale(const float* a, const float* w, int n, const GridIndex& g, const uint16_t* pts, double& gain) {
    double sap = 0, spp = 0;
    for (int k = 0; k < n / g.dim; ++k) {
        const float* p = grid_point(g, pts[k]);
        for (int j = 0; j < g.dim; ++j) {
            const int i = k * g.dim + j;
            sap += static_cast<double>(w[i]) * a[i] * p[j];
            spp += static_cast<double>(w[i]) * p[j] * p[j];
        }
    }
    gain = sap > 0 && spp > 0 ? sap * sap / spp : 0;
    return sap > 0 && spp > 0 ? static_cast<float>(sap / spp) : 0.0f;
}

}  // namespace hearth::quant::grid_pick
