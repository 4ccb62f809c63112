// Shared set-up for the cooperative-matrix tests: the matrix-product tests' fixture (one Vulkan
// device per process, random weights, the double-precision CPU reference), the types and shapes.
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
#include "tests/inference/vulkan_matmul/matmul_fixture.h"

namespace hearth::test {

inline const std::vector<TensorType>& coopmat_types() {
    static const std::vector<TensorType> all = {
        TensorType::F32,  TensorType::F16,  TensorType::BF16, TensorType::Q4_0, TensorType::Q4_1,
        TensorType::Q5_0, TensorType::Q5_1, TensorType::Q8_0, TensorType::Q2_K, TensorType::Q3_K,
        TensorType::Q4_K, TensorType::Q5_K, TensorType::Q6_K};
    return all;
}

// The kernel rounds weights and activations to float16 (relative error up to 2^-11 each), so
// against the exact product of the same dequantized weights the NMSE is ~1e-7 for random data;
// the bound leaves a 100x margin and is far below any layout or edge mistake (NMSE ~1e-2..1).
constexpr double kCoopmatBound = 1e-5;

struct Shape {
    uint32_t m, k, n;
};
// Partial tiles in M and N, N = 1, K below, at and above the K step; odd K for the plain types.
std::vector<Shape> coopmat_shapes(TensorType t);

// The matrix-product tests' fixture: the same device, buffers and run() helper.
class CoopmatGpu : public MatmulGpu {
protected:
    // Runs `record` (a cooperative-matrix product of the weights into Y for N vectors) for every
    // shape of coopmat_shapes(t) and checks Y against the CPU reference.
    template <typename Record>
    void expect_every_shape_matches(TensorType t, uint32_t seed, const std::string& what, Record record) {
        for (const Shape& s : coopmat_shapes(t)) {
            const HostWeights w = make_weights(t, s.m, s.k, seed++);
            const auto x = random_floats(size_t{s.n} * s.k, seed++);
            const auto want = reference(w, x, s.n);
            vk::Buffer wb, xb = upload_bytes(x.data(), x.size() * 4), yb = zeros(size_t{s.n} * s.m * 4);
            const vk::WeightMatrix wm = one_part(w, wb);
            run([&](vk::Sequence& q) { return record(q, wm, vk::view_of(xb), vk::view_of(yb), s.n); });
            EXPECT_LT(nmse(download_floats(yb, want.size()), want), kCoopmatBound)
                << type_name(t) << " M=" << s.m << " K=" << s.k << " N=" << s.n << what;
        }
    }
};

}  // namespace hearth::test
