#include "inference/cpu/ops.h"

#include <cmath>

#include "inference/tensor/dequantize.h"

namespace hearth::cpu {

void rmsnorm(float* o, const float* x, const float* w, int64_t n, float eps) {
    double ss = 0.0;
    for (int64_t i = 0; i < n; ++i) ss += static_cast<double>(x[i]) * x[i];
    const double scale = 1.0 / std::sqrt(ss / static_cast<double>(n) + eps);
    for (int64_t i = 0; i < n; ++i) o[i] = static_cast<float>(x[i] * scale) * w[i];
}

void matmul(float* out, const float* in, int64_t n, const arch::TensorView& w, std::vector<float>& row_buf) {
    const int64_t cols = w.ne[0];
    const int64_t rows = w.rows();
    row_buf.resize(static_cast<size_t>(cols));
    for (int64_t r = 0; r < rows; ++r) {
        const float* wr;
        if (w.type == TensorType::F32) {
            wr = reinterpret_cast<const float*>(w.row(r));
        } else {
            dequantize_row(w.type, w.row(r), row_buf.data(), cols);
            wr = row_buf.data();
        }
        for (int64_t t = 0; t < n; ++t) {
            const float* x = in + t * cols;
            double sum = 0.0;
            for (int64_t c = 0; c < cols; ++c) sum += static_cast<double>(wr[c]) * x[c];
            out[t * rows + r] = static_cast<float>(sum);
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
