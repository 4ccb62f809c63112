// The prefill matrix product with cooperative matrices (VK_NV_cooperative_matrix): the same
// contract as record_matmul (matmul.h), on the tensor cores of GPUs that have them.
//
//   y[n][m] = sum_k W[m][k] * x[n][k]      W: M x K in any matmul type, x/y: float32
//
// The weight tile is dequantized and the activation tile converted to float16 in shared memory
// (activations beyond the float16 range are clamped to +-65504); products accumulate in float32.
// That is less exact than record_matmul, which computes in float32 throughout, so the engine
// should use it only after coopmat_self_test() passed on the device: a driver bug or a bug of
// ours then falls back to the plain kernel instead of producing wrong answers.
//
// Kernel: inference/shaders/matmul/matmul_coopmat.comp. A workgroup is 4 subgroups computing a
// 64 x 64 tile of Y; the fragment shape (e.g. 16x16x16 or 16x8x16) comes from the device's list.
#pragma once

#include <cstdint>
#include <optional>

#include "base/result.h"
#include "inference/tensor/tensor_type.h"
#include "inference/vulkan/buffer.h"
#include "inference/vulkan/device.h"
#include "inference/vulkan/matmul.h"
#include "inference/vulkan/pipeline.h"
#include "inference/vulkan/sequence.h"

namespace hearth::vk {

// A cooperative-matrix fragment shape: C (m x n) += A (m x k) * B (k x n). In the kernel m runs
// over vectors of X, n over weight rows. Each of m, n, k must be 8, 16 or 32.
struct CoopmatShape {
    uint32_t m = 16, n = 16, k = 16;
};

// The fragment shape this device would run: a float16 x float16 + float32 -> float32,
// subgroup-scope shape with sizes the kernel handles (16x16x16 preferred, then 16x8x16, then the
// driver's order). nullopt when the device has no enabled VK_NV_cooperative_matrix or no such shape.
std::optional<CoopmatShape> coopmat_shape(const Device& device);

// Whether record_matmul_coopmat can run `type` on this device: a shape exists, the kernel
// variant was built, and the workgroup fits the device's limits.
bool coopmat_supported(const Device& device, TensorType type);

// Records Y = X * W^T for any n >= 1, like record_matmul: the same argument checks and errors
// (check_matmul_args), weight views split into dispatches within maxStorageBufferRange, plus
// "matmul.coopmat_unsupported" where coopmat_supported() is false (then nothing is created or
// recorded). The tile fields of `config` do not apply (the tile is fixed).
Status record_matmul_coopmat(PipelineCache& cache, Sequence& seq, const MatmulConfig& config, const WeightMatrix& w,
                             const BufferView& x, const BufferView& y, uint32_t n);

// Runs small products (64 x 256 Q4_K, 70 x 100 F16 with edge tiles, 40 vectors) through both
// record_matmul and record_matmul_coopmat on this device and compares them. Errors:
// "matmul.coopmat_unsupported" (nothing run), "matmul.coopmat_mismatch" (the results differ:
// do not use cooperative matrices here), or whatever failed while allocating or running.
Status coopmat_self_test(PipelineCache& cache, Device& device);

// For tests on devices without cooperative matrices: the same kernel built with the fragment
// operations written out in plain shader code (same shared-memory layout, offsets, float16
// rounding and edge handling), with the fragment shape given. Needs subgroup operations and a
// subgroup size that divides shape.m * shape.n; errors as record_matmul_coopmat otherwise.
Status record_matmul_coopmat_emulated(PipelineCache& cache, Sequence& seq, const MatmulConfig& config,
                                      const WeightMatrix& w, const BufferView& x, const BufferView& y, uint32_t n,
                                      CoopmatShape shape);
// coopmat_self_test() with the emulated kernel.
Status coopmat_self_test_emulated(PipelineCache& cache, Device& device, CoopmatShape shape);

}  // namespace hearth::vk
