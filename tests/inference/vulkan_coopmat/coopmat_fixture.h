// Shared set-up for the cooperative-matrix tests: one Vulkan device per test process, random
// weights in every type uploaded as WeightMatrix parts, and the double-precision CPU reference.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "inference/tensor/dequantize.h"
#include "inference/tensor/quantize.h"
#include "inference/tensor/tensor_type.h"
#include "inference/vulkan/buffer.h"
#include "inference/vulkan/device.h"
#include "inference/vulkan/matmul.h"
#include "inference/vulkan/matmul_coopmat.h"
#include "inference/vulkan/pipeline.h"
#include "inference/vulkan/sequence.h"

namespace hearth::test {

inline const std::vector<TensorType>& coopmat_types() {
    static const std::vector<TensorType> all = {
        TensorType::F32,  TensorType::F16,  TensorType::BF16, TensorType::Q4_0, TensorType::Q4_1,
        TensorType::Q5_0, TensorType::Q5_1, TensorType::Q8_0, TensorType::Q2_K, TensorType::Q3_K,
        TensorType::Q4_K, TensorType::Q5_K, TensorType::Q6_K};
    return all;
}

struct HostWeights {
    TensorType type;
    uint32_t rows = 0, cols = 0;
    std::vector<uint8_t> bytes;      // rows * row_bytes
    std::vector<float> dequantized;  // rows * cols
};

std::vector<float> random_floats(size_t n, uint32_t seed);
HostWeights make_weights(TensorType t, uint32_t rows, uint32_t cols, uint32_t seed);
// ref[n][m] = sum_k W[m][k] * x[n][k] in double.
std::vector<double> reference(const HostWeights& w, const std::vector<float>& x, uint32_t n);
double nmse(const std::vector<float>& got, const std::vector<double>& want);

// The kernel rounds weights and activations to float16 (relative error up to 2^-11 each), so
// against the exact product of the same dequantized weights the NMSE is ~1e-7 for random data;
// the bound leaves a 100x margin and is far below any layout or edge mistake (NMSE ~1e-2..1).
constexpr double kCoopmatBound = 1e-5;

struct Shape {
    uint32_t m, k, n;
};
// Partial tiles in M and N, N = 1, K below, at and above the K step; odd K for the plain types.
std::vector<Shape> coopmat_shapes(TensorType t);

class CoopmatGpu : public ::testing::Test {
public:
    static void SetUpTestSuite();

protected:
    void SetUp() override;

    vk::Buffer upload_bytes(const void* data, uint64_t bytes, uint64_t pad_front = 0);
    vk::Buffer zeros(uint64_t bytes);
    std::vector<float> download_floats(const vk::Buffer& b, size_t count, uint64_t offset = 0);
    vk::WeightMatrix one_part(const HostWeights& w, vk::Buffer& holder);
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

    // One device for the whole process, never destroyed (see tests/inference/vulkan_matmul:
    // LeakSanitizer must still see the driver's process-lifetime allocations as reachable).
    static vk::Device* device_;
    static vk::PipelineCache* cache_;
    static vk::Sequence* seq_;
    static std::string skip_reason_;
};

}  // namespace hearth::test
