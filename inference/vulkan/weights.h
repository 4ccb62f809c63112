// A model's weights on the device: every matrix as a matmul WeightMatrix (fused q|k|v and
// gate|up tensors are uploaded as separate matrices, so the graph never slices activations),
// norms and biases as float32 vectors, the embedding table for lookups, and the RoPE frequency
// table of each layer. Uploaded straight from the mapped GGUF through one staging buffer.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "base/result.h"
#include "inference/arch/model.h"
#include "inference/vulkan/buffer.h"
#include "inference/vulkan/kernels.h"
#include "inference/vulkan/matmul.h"

namespace hearth::vk {

struct GpuLayer {
    WeightMatrix wq, wk, wv, wo, gate, up, down;
    BufferView attn_norm, ffn_norm, q_norm, k_norm, post_attn_norm, post_ffn_norm;  // float32
    BufferView bq, bk, bv;                                                           // float32
    BufferView rope_freqs;  // n_rot / 2 floats
};

struct GpuWeights {
    Arena arena;                // owns every byte below
    std::vector<GpuLayer> layers;
    EmbeddingTable embedding;   // as the file stores it (a tied output shares its buffers)
    WeightMatrix output;
    BufferView output_norm;
    uint64_t bytes = 0;         // weight bytes uploaded (what one token reads, about)
    uint64_t matrix_bytes = 0;  // of which matrices (read once per decoded token)
};

// Called with the fraction done (0..1); return false to cancel the load.
using LoadProgress = std::function<bool(float)>;

// Uploads `model`. Errors: "vulkan.unsupported_type" (a matrix type the kernels lack),
// "vulkan.out_of_memory" (names the tensor), "vulkan.cancelled".
Result<GpuWeights> upload_weights(Device& device, const arch::Model& model, const LoadProgress& progress = {});

}  // namespace hearth::vk
