#include "inference/cpu/ops.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "inference/tensor/dequantize.h"

namespace hearth::cpu {

void rmsnorm(float* o, const float* x, const float* w, int64_t n, float eps) {
    double ss = 0.0;
    for (int64_t i = 0; i < n; ++i) ss += static_cast<double>(x[i]) * x[i];
    const double scale = 1.0 / std::sqrt(ss / static_cast<double>(n) + eps);
    for (int64_t i = 0; i < n; ++i) o[i] = static_cast<float>(x[i] * scale) * w[i];
}

namespace {

// Four weight rows dotted with one input vector. A single double chain ran the whole forward pass
// at the speed of one add's latency; here the products go into float vectors (GCC/Clang vector
// extensions, so no instruction set is assumed), and each 64-column stretch is added into double:
// the rounding error is that of a 64-term float sum, about 1e-7 of the result, far under every
// tolerance built on this reference.
using Float4 = float __attribute__((vector_size(16)));

inline Float4 load4(const float* p) {
    Float4 v;
    std::memcpy(&v, p, sizeof v);
    return v;
}

}  // namespace

double dot(const float* a, const float* b, int64_t n) {
    constexpr int64_t kStretch = 64;
    double total = 0.0;
    int64_t c = 0;
    for (; c + kStretch <= n; c += kStretch) {
        Float4 acc[2] = {};
        for (int64_t s = c; s < c + kStretch; s += 8) {
            acc[0] += load4(a + s) * load4(b + s);
            acc[1] += load4(a + s + 4) * load4(b + s + 4);
        }
        const Float4 v = acc[0] + acc[1];
        total += static_cast<double>(v[0]) + v[1] + v[2] + v[3];
    }
    for (; c + 4 <= n; c += 4) {
        const Float4 v = load4(a + c) * load4(b + c);
        total += static_cast<double>(v[0]) + v[1] + v[2] + v[3];
    }
    for (; c < n; ++c) total += static_cast<double>(a[c]) * b[c];
    return total;
}

namespace {

void dot4(const float* const w[4], const float* x, int64_t cols, double out[4]) {
    constexpr int64_t kStretch = 64;
    // Named accumulators and row pointers: with arrays indexed in a loop, GCC at -O2 kept them in
    // memory and the loop ran at store-forwarding speed.
    const float *w0 = w[0], *w1 = w[1], *w2 = w[2], *w3 = w[3];
    double t0 = 0, t1 = 0, t2 = 0, t3 = 0;
    auto hsum = [](Float4 v) { return static_cast<double>(v[0]) + v[1] + v[2] + v[3]; };
    int64_t c = 0;
    for (; c + kStretch <= cols; c += kStretch) {
        Float4 a0 = {}, a1 = {}, a2 = {}, a3 = {}, b0 = {}, b1 = {}, b2 = {}, b3 = {};
        for (int64_t s = c; s < c + kStretch; s += 8) {
            const Float4 x0 = load4(x + s), x1 = load4(x + s + 4);
            a0 += load4(w0 + s) * x0;
            b0 += load4(w0 + s + 4) * x1;
            a1 += load4(w1 + s) * x0;
            b1 += load4(w1 + s + 4) * x1;
            a2 += load4(w2 + s) * x0;
            b2 += load4(w2 + s + 4) * x1;
            a3 += load4(w3 + s) * x0;
            b3 += load4(w3 + s + 4) * x1;
        }
        t0 += hsum(a0 + b0);
        t1 += hsum(a1 + b1);
        t2 += hsum(a2 + b2);
        t3 += hsum(a3 + b3);
    }
    for (; c < cols; ++c) {
        const double xc = x[c];
        t0 += w0[c] * xc;
        t1 += w1[c] * xc;
        t2 += w2[c] * xc;
        t3 += w3[c] * xc;
    }
    out[0] = t0;
    out[1] = t1;
    out[2] = t2;
    out[3] = t3;
}

}  // namespace

void matmul(float* out, const float* in, int64_t n, const arch::TensorView& w, std::vector<float>& row_buf) {
    constexpr int64_t kTile = 4;
    const int64_t cols = w.ne[0];
    const int64_t rows = w.rows();
    row_buf.resize(static_cast<size_t>(kTile * cols));
    for (int64_t r0 = 0; r0 < rows; r0 += kTile) {
        // Decode up to four rows once; a short last tile repeats its last row (results dropped).
        const float* wr[kTile];
        for (int64_t i = 0; i < kTile; ++i) {
            const int64_t r = std::min(r0 + i, rows - 1);
            if (w.type == TensorType::F32) {
                wr[i] = reinterpret_cast<const float*>(w.row(r));
            } else {
                dequantize_row(w.type, w.row(r), row_buf.data() + i * cols, cols);
                wr[i] = row_buf.data() + i * cols;
            }
        }
        for (int64_t t = 0; t < n; ++t) {
            double sum[kTile];
            dot4(wr, in + t * cols, cols, sum);
            for (int64_t i = 0; i < kTile && r0 + i < rows; ++i) out[t * rows + r0 + i] = static_cast<float>(sum[i]);
        }
    }
}

namespace {

// Rotates pair i of the first n_rot dimensions by pos * theta_i, with cos and sin scaled by `mag`.
void rotate_pairs(float* head, int32_t n_rot, int32_t pos, arch::RopeStyle style, const arch::LayerRecipe& layer,
                  std::span<const float> freq_factors, double mag) {
    const int32_t half = n_rot / 2;
    for (int32_t i = 0; i < half; ++i) {
        // theta_i = pos * scale * base^(-2i / n_rot) / factor_i
        double freq = std::pow(static_cast<double>(layer.rope_base), -2.0 * i / n_rot);
        if (layer.use_freq_factors && static_cast<size_t>(i) < freq_factors.size())
            freq /= freq_factors[static_cast<size_t>(i)];
        const double theta = static_cast<double>(pos) * layer.rope_freq_scale * freq;
        const double c = std::cos(theta) * mag, s = std::sin(theta) * mag;
        // Normal: adjacent pairs (2i, 2i+1); NeoX: (i, i + n_rot/2).
        float* a = style == arch::RopeStyle::Normal ? head + 2 * i : head + i;
        float* b = style == arch::RopeStyle::Normal ? head + 2 * i + 1 : head + i + half;
        const double x0 = *a, x1 = *b;
        *a = static_cast<float>(x0 * c - x1 * s);
        *b = static_cast<float>(x0 * s + x1 * c);
    }
}

}  // namespace

void rope(float* head, int32_t n_rot, int32_t pos, arch::RopeStyle style, const arch::LayerRecipe& layer,
          std::span<const float> freq_factors) {
    rotate_pairs(head, n_rot, pos, style, layer, freq_factors, layer.rope_attn_factor);
}

void rope_shift(float* head, int32_t n_rot, int32_t delta, arch::RopeStyle style, const arch::LayerRecipe& layer,
                std::span<const float> freq_factors) {
    rotate_pairs(head, n_rot, delta, style, layer, freq_factors, 1.0);
}

float silu(float x) { return static_cast<float>(x / (1.0 + std::exp(-static_cast<double>(x)))); }

float gelu_tanh(float x) {
    const double k = 0.7978845608028654;  // sqrt(2 / pi)
    const double xd = x;
    return static_cast<float>(0.5 * xd * (1.0 + std::tanh(k * (xd + 0.044715 * xd * xd * xd))));
}

std::vector<float> dequantize_all(const arch::TensorView& t) {
    if (!t.present()) return {};
    const int64_t cols = t.ne[0];
    std::vector<float> out(static_cast<size_t>(cols * t.rows()));
    for (int64_t r = 0; r < t.rows(); ++r) dequantize_row(t.type, t.row(r), out.data() + r * cols, cols);
    return out;
}

}  // namespace hearth::cpu
