// The Q/K row order for GGUF's llama RoPE, checked against the two RoPE definitions: Hugging
// Face's rotate_half on the HF rows must give the same vectors as the engine's adjacent-pair RoPE
// (cpu::rope, RopeStyle::Normal) on the reordered rows, up to that same row order; and q·k, which
// attention uses, is the same number either way.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <vector>

#include "inference/cpu/ops.h"
#include "inference/hf/rope_permute.h"

using namespace hearth;

namespace {

constexpr int kHeads = 3, kDim = 8, kCols = 5;
constexpr float kBase = 10000.0f;

std::vector<float> matvec(const std::vector<float>& w, const std::vector<float>& x, int rows) {
    std::vector<float> y(static_cast<size_t>(rows));
    for (int r = 0; r < rows; ++r) {
        double s = 0;
        for (int c = 0; c < kCols; ++c) s += double(w[size_t(r * kCols + c)]) * x[size_t(c)];
        y[size_t(r)] = static_cast<float>(s);
    }
    return y;
}

// transformers' apply_rotary_pos_emb: q * cos + rotate_half(q) * sin, with rotate_half(q) =
// [-q[d/2:], q[:d/2]] and the frequencies repeated over both halves.
void rope_rotate_half(float* head, int pos) {
    const int half = kDim / 2;
    std::vector<float> out(kDim);
    for (int j = 0; j < kDim; ++j) {
        const int i = j % half;
        const double theta = pos * std::pow(double(kBase), -2.0 * i / kDim);
        const double rot = j < half ? -head[j + half] : head[j - half];
        out[size_t(j)] = static_cast<float>(head[j] * std::cos(theta) + rot * std::sin(theta));
    }
    std::memcpy(head, out.data(), sizeof(float) * kDim);
}

}  // namespace

TEST(RopePermute, RotateHalfOnHfRowsEqualsAdjacentPairsOnGgufRows) {
    std::mt19937 rng(7);
    std::normal_distribution<float> nd;
    const int rows = kHeads * kDim;
    std::vector<float> w_hf(size_t(rows * kCols)), x(kCols), x2(kCols);
    for (float& v : w_hf) v = nd(rng);
    for (float& v : x) v = nd(rng);
    for (float& v : x2) v = nd(rng);
    std::vector<float> w_gguf(w_hf.size());
    hf::permute_rope_rows({reinterpret_cast<const uint8_t*>(w_hf.data()), w_hf.size() * 4},
                          {reinterpret_cast<uint8_t*>(w_gguf.data()), w_gguf.size() * 4}, rows, kCols * 4, kHeads);
    arch::LayerRecipe layer;
    layer.rope_base = kBase;
    for (int pos : {0, 1, 5, 300}) {
        auto q_hf = matvec(w_hf, x, rows), q_g = matvec(w_gguf, x, rows);
        auto k_hf = matvec(w_hf, x2, rows), k_g = matvec(w_gguf, x2, rows);
        for (int h = 0; h < kHeads; ++h) {
            rope_rotate_half(&q_hf[size_t(h * kDim)], pos);
            rope_rotate_half(&k_hf[size_t(h * kDim)], 0);
            cpu::rope(&q_g[size_t(h * kDim)], kDim, pos, arch::RopeStyle::Normal, layer, {});
            cpu::rope(&k_g[size_t(h * kDim)], kDim, 0, arch::RopeStyle::Normal, layer, {});
        }
        for (int h = 0; h < kHeads; ++h) {
            double dot_hf = 0, dot_g = 0;
            for (int j = 0; j < kDim / 2; ++j)
                for (int k = 0; k < 2; ++k) {
                    const size_t g = size_t(h * kDim + 2 * j + k), hf = size_t(h * kDim + k * kDim / 2 + j);
                    EXPECT_NEAR(q_g[g], q_hf[hf], 1e-4) << "pos " << pos << " head " << h << " row " << g;
                }
            for (int d = 0; d < kDim; ++d) {
                dot_hf += double(q_hf[size_t(h * kDim + d)]) * k_hf[size_t(h * kDim + d)];
                dot_g += double(q_g[size_t(h * kDim + d)]) * k_g[size_t(h * kDim + d)];
            }
            EXPECT_NEAR(dot_g, dot_hf, 1e-3) << "pos " << pos << " head " << h;
        }
    }
}

TEST(RopePermute, WithoutTheReorderTheRotationsDiffer) {
    // The test above could pass vacuously if both RoPEs agreed on any row order; they do not.
    std::vector<float> head(kDim);
    for (int d = 0; d < kDim; ++d) head[size_t(d)] = float(d + 1);
    std::vector<float> a = head, b = head;
    rope_rotate_half(a.data(), 3);
    arch::LayerRecipe layer;
    layer.rope_base = kBase;
    cpu::rope(b.data(), kDim, 3, arch::RopeStyle::Normal, layer, {});
    double diff = 0;
    for (int d = 0; d < kDim; ++d) diff += std::abs(a[size_t(d)] - b[size_t(d)]);
    EXPECT_GT(diff, 0.1);
}
