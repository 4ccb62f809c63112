// Quantized matrix products on Vulkan: the kernels decode and prefill spend their time in.
//
//   y[n][m] = sum_k W[m][k] * x[n][k]      W: M x K in any supported tensor type, x/y: float32
//
// Four kernels, each one SPIR-V variant per tensor type (inference/shaders/matmul/):
//   matvec     decode, n <= 8 vectors: one workgroup per few rows, each weight byte read once
//   matvec_q8  decode with integer dot products: x quantized to int8 blocks on the GPU first
//              (every quantized type: Q4_0..Q8_0, Q2_K..Q6_K)
//   matmul     prefill: shared-memory tiles, the weight tile dequantized into shared memory
//   matmul_q8  prefill with integer dot products: x quantized once, int8 tiles of weights and
//              activations in shared memory, scales applied in float per run of 32
// record_linear picks one; record_matvec / record_matmul force one (tests and benchmarks).
//
// Layouts: X is n rows of K floats, Y is n rows of M floats (row-major, contiguous). A weight
// matrix may be split over several views of whole rows (Arena::alloc_rows does this for tensors
// larger than one binding may address); each view is further split into dispatches whose binding
// stays within the device's maxStorageBufferRange. Weight views are read in 32-bit words, so the
// bytes up to the next multiple of 4 after a view's end must exist in its buffer.
#pragma once

#include <cstdint>
#include <vector>

#include "base/result.h"
#include "inference/tensor/tensor_type.h"
#include "inference/vulkan/buffer.h"
#include "inference/vulkan/device.h"
#include "inference/vulkan/pipeline.h"
#include "inference/vulkan/sequence.h"

namespace hearth::vk {

// A weight matrix on the device: `rows` x `cols` elements of `type`, row-major, stored in
// `parts` (in order), each holding a whole number of rows, row_bytes(type, cols) bytes each.
struct WeightMatrix {
    TensorType type = TensorType::F32;
    uint32_t rows = 0;  // M: output features
    uint32_t cols = 0;  // K: input features (a multiple of the type's block size)
    std::vector<BufferView> parts;
};

// Which kernels and shapes to use. default_matmul_config() fills it from the device.
struct MatmulConfig {
    bool subgroup_reduce = true;   // subgroupAdd in matvec; false: shared-memory tree only
    // Integer-dot kernels where the type has them (both need a scratch view): matvec_q8 for
    // decode, matmul_q8 for prefill. Separate because emulated dot products (lavapipe) make
    // matmul_q8 faster than the float tiles but matvec_q8 slower than the float matvec.
    bool integer_dot_matvec = false;
    bool integer_dot_matmul = false;
    // Tiled matmul through matmul_coopmat (VK_NV_cooperative_matrix) where the device has it.
    bool cooperative_matrix = false;
    uint32_t matvec_threads = 64;  // workgroup size (a power of two)
    uint32_t matvec_rows = 2;      // rows per workgroup
    uint32_t matvec_max_cols = 4;  // record_linear uses matvec for batches up to this (<= 8)
    // matmul tile: (tile_threads_m * tile_rm) rows of W x (tile_threads_n * tile_rn) rows of X,
    // K in steps of tile_k (a multiple of 4).
    uint32_t tile_threads_m = 16;
    uint32_t tile_threads_n = 16;
    uint32_t tile_rm = 4;
    uint32_t tile_rn = 4;
    uint32_t tile_k = 32;
    // matmul_q8 uses the same tile shape with K in steps of tile_k_q8 (a multiple of 32).
    uint32_t tile_k_q8 = 64;
};

// Subgroup reduction where the device supports subgroup arithmetic in compute shaders; integer
// dot products where they are enabled and run in hardware (emulated ones are slower than floats).
MatmulConfig default_matmul_config(const Device& device);

// The tensor types these kernels handle (F32, F16, BF16, Q4_0..Q8_0, Q2_K..Q6_K).
bool matmul_supports(TensorType type);
// Whether matvec_q8 and matmul_q8 exist for `type` (every quantized type).
bool matvec_q8_supports(TensorType type);

// Bytes of scratch the integer-dot kernels (matvec_q8 and matmul_q8 alike) need for n vectors of
// length k: x quantized to 48-byte blocks of 32. 0 when they cannot be used for this type.
uint64_t matvec_scratch_bytes(TensorType type, uint32_t k, uint32_t n);

// Validates shapes and view sizes without recording anything. Errors: "matmul.unsupported_type",
// "matmul.bad_shape" (zero sizes, K not a multiple of the block size, n too large), "matmul.too_small"
// (x, y or the weight parts hold fewer bytes than the shapes need), "matmul.row_too_large".
Status check_matmul_args(const Device& device, const WeightMatrix& w, const BufferView& x,
                         const BufferView& y, uint32_t n);

// Records Y = X * W^T for n (1..8) vectors with the matrix-vector kernel (errors as
// check_matmul_args, plus "matmul.bad_config" for a config the device cannot run). With
// config.integer_dot_matvec, a matvec_q8 type and `scratch` of matvec_scratch_bytes(), x is quantized into
// scratch first and the integer-dot kernel runs; otherwise the float kernel.
Status record_matvec(PipelineCache& cache, Sequence& seq, const MatmulConfig& config,
                     const WeightMatrix& w, const BufferView& x, const BufferView& y, uint32_t n,
                     const BufferView& scratch = {});

// Records Y = X * W^T for any n >= 1 with the tiled kernel. With config.integer_dot_matmul, a
// quantized type and `scratch` of matvec_scratch_bytes(type, K, n), x is quantized into scratch
// and matmul_q8 runs; otherwise the float kernel.
Status record_matmul(PipelineCache& cache, Sequence& seq, const MatmulConfig& config,
                     const WeightMatrix& w, const BufferView& x, const BufferView& y, uint32_t n,
                     const BufferView& scratch = {});

// What the graph calls: matvec for n <= config.matvec_max_cols, matmul above; both take the
// integer-dot kernels under the rules above (size scratch for the whole batch n). Above
// matvec_max_cols, config.cooperative_matrix on a device that supports it picks
// record_matmul_coopmat (matmul_coopmat.h) instead.
Status record_linear(PipelineCache& cache, Sequence& seq, const MatmulConfig& config,
                     const WeightMatrix& w, const BufferView& x, const BufferView& y, uint32_t n,
                     const BufferView& scratch = {});

}  // namespace hearth::vk
