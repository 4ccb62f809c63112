// Shared set-up for the matrix-product tests: one Vulkan device per test process, random
// quantized weights uploaded as WeightMatrix parts, and the double-precision CPU reference.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <random>
#include <vector>

#include "inference/arch/synthetic.h"
#include "inference/tensor/dequantize.h"
#include "inference/tensor/quantize.h"
#include "inference/tensor/tensor_type.h"
#include "inference/vulkan/buffer.h"
#include "inference/vulkan/device.h"
#include "inference/vulkan/matmul.h"
#include "inference/vulkan/pipeline.h"
#include "inference/vulkan/sequence.h"

namespace hearth::test {

// Quantized weights: the encoded bytes and what they decode to on the CPU.
struct HostWeights {
    TensorType type;
    uint32_t rows = 0, cols = 0;
    std::vector<uint8_t> bytes;      // rows * row_bytes
    std::vector<float> dequantized;  // rows * cols, via dequantize_row
};

inline std::vector<float> random_floats(size_t n, uint32_t seed, float scale = 1.0f) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> dist(0.0f, scale);
    std::vector<float> v(n);
    for (auto& f : v) f = dist(rng);
    return v;
}

inline HostWeights make_weights(TensorType t, uint32_t rows, uint32_t cols, uint32_t seed) {
    HostWeights w{t, rows, cols, {}, {}};
    const uint64_t rb = row_bytes(t, cols);
    w.bytes.resize(rb * rows);
    w.dequantized.resize(size_t{rows} * cols);
    const auto src = random_floats(size_t{rows} * cols, seed);
    for (uint32_t r = 0; r < rows; ++r) {
        if (is_writable(t)) {
            const Status st = quantize_row(t, src.data() + size_t{r} * cols, w.bytes.data() + r * rb, cols);
            EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.error().message);
        } else {  // types Hearth only reads (IQ): random valid blocks
            arch::fill_random_block_row(t, cols, 1.0f, seed, r, w.bytes.data() + r * rb);
        }
        dequantize_row(t, w.bytes.data() + r * rb, w.dequantized.data() + size_t{r} * cols, cols);
    }
    return w;
}

// ref[n][m] = sum_k W[m][k] * x[n][k] in double.
inline std::vector<double> reference(const HostWeights& w, const std::vector<float>& x, uint32_t n) {
    std::vector<double> y(size_t{n} * w.rows);
    for (uint32_t i = 0; i < n; ++i)
        for (uint32_t m = 0; m < w.rows; ++m) {
            double s = 0;
            const float* a = w.dequantized.data() + size_t{m} * w.cols;
            const float* b = x.data() + size_t{i} * w.cols;
            for (uint32_t k = 0; k < w.cols; ++k) s += double(a[k]) * b[k];
            y[size_t{i} * w.rows + m] = s;
        }
    return y;
}

// What quantize_q8.comp does to x: per 32 values d = max|x|/127, q = round-half-even(x/d).
inline std::vector<float> quantize_x_q8(const std::vector<float>& x) {
    std::vector<float> out(x.size());
    for (size_t b = 0; b + 32 <= x.size(); b += 32) {
        float amax = 0;
        for (size_t i = 0; i < 32; ++i) amax = std::max(amax, std::abs(x[b + i]));
        const float d = amax / 127.0f;
        const float id = d > 0 ? 1.0f / d : 0.0f;
        for (size_t i = 0; i < 32; ++i)
            out[b + i] = std::clamp(std::nearbyint(x[b + i] * id), -127.0f, 127.0f) * d;
    }
    return out;
}

// Normalized mean squared error of `got` against `want`.
inline double nmse(const std::vector<float>& got, const std::vector<double>& want) {
    double num = 0, den = 0;
    for (size_t i = 0; i < want.size(); ++i) {
        const double e = double(got[i]) - want[i];
        num += e * e;
        den += want[i] * want[i];
    }
    return den > 0 ? num / den : num;
}

// Per-type NMSE bound for the float kernels against the exact (double) product of the same
// dequantized weights. The GPU's own float arithmetic is the only error source: a sum of K
// float products has relative error ~sqrt(K) * 6e-8 (random rounding), i.e. NMSE ~1e-14 * K,
// at most ~1e-10 for our largest K; dequantizing in float in a different association order
// (d*sc*q vs (d*sc)*q) adds ~1e-14. The bounds sit two orders of magnitude above that and far
// below any layout mistake, which gives NMSE of order 1 (one wrong nibble plane: ~0.1).
inline double float_kernel_bound(TensorType t) { return is_quantized(t) ? 1e-8 : 1e-9; }

class MatmulGpu : public ::testing::Test {
public:
    static void SetUpTestSuite();

protected:
    void SetUp() override;

    // A device-local buffer with `data` uploaded, padded to a multiple of 4 bytes.
    vk::Buffer upload_bytes(const void* data, uint64_t bytes, uint64_t pad_front = 0);
    vk::Buffer zeros(uint64_t bytes);
    std::vector<float> download_floats(const vk::Buffer& b, size_t count, uint64_t offset = 0);
    // Weights in one buffer, one part (the common case).
    vk::WeightMatrix one_part(const HostWeights& w, vk::Buffer& holder);
    // Records `record` into a fresh sequence and runs it; fails the test on error.
    template <class F>
    void run(F&& record) {
        ASSERT_TRUE(seq_->begin().ok());
        const Status st = record(*seq_);
        ASSERT_TRUE(st.ok()) << st.error().code << ": " << st.error().message;
        ASSERT_TRUE(seq_->end().ok());
        const Status r = seq_->run();
        ASSERT_TRUE(r.ok()) << r.error().message;
    }

    static vk::Device* device() { return device_; }
    static vk::PipelineCache& cache() { return *cache_; }
    static vk::Sequence& seq() { return *seq_; }

    // One device for the whole process, never destroyed: destroying the last device unloads
    // the driver, and LeakSanitizer then cannot attribute (and suppress) the driver's own
    // process-lifetime allocations. Held by plain pointers so they stay reachable, not leaked.
    static vk::Device* device_;
    static vk::PipelineCache* cache_;
    static vk::Sequence* seq_;
    static std::string skip_reason_;   // set when the machine has no Vulkan driver at all
    static std::string setup_error_;   // set when there is a driver but the device or sequence failed
};

}  // namespace hearth::test
