// The forward pass as GPU work: records the recipe's layer loop (inference/arch/recipe.h) for a
// batch of n tokens into one Sequence. The result replays for any position and any tokens
// (both come from the params buffer), so decode records once and then costs one submit per token.
#pragma once

#include <cstdint>
#include <vector>

#include "base/result.h"
#include "inference/arch/model.h"
#include "inference/vulkan/buffer.h"
#include "inference/vulkan/matmul.h"
#include "inference/vulkan/pipeline.h"
#include "inference/vulkan/sequence.h"
#include "inference/vulkan/weights.h"

namespace hearth::vk {

struct ActivationTaps;  // activation_taps.h

// Activations for up to max_batch tokens, [rows][width] float32 each.
struct Scratch {
    uint32_t max_batch = 0;
    BufferView x, h, q, k, v, att, proj, gate, up;
    BufferView logits;     // host-visible, [max_batch][n_vocab]
    BufferView argmax;     // host-visible, 2 words
    BufferView params;     // host-visible, params_bytes(max_batch)
    BufferView part;       // attention split-K partials (decode)
    BufferView mm_scratch; // matmul's, may be empty
};

struct KvCache {
    uint32_t n_ctx = 0;
    bool f32 = false;              // float32 instead of F16 (accuracy mode)
    std::vector<BufferView> k, v;  // per layer: [n_ctx][n_kv_heads * head_dim] F16
};

enum class Head {
    None,  // hidden states only (a prompt chunk before the last)
    Last,  // logits of the last row, and its argmax
    All,   // logits of every row
};

struct GraphShape {
    uint32_t n = 1;
    Head head = Head::Last;
    uint32_t attn_split = 1;  // split-K slices for attention (n == 1 only)
    bool profile = false;     // a timestamp after every op
    const ActivationTaps* taps = nullptr;  // importance-matrix taps after each product; null: none
};

Status record_forward(PipelineCache& cache, Sequence& seq, const MatmulConfig& mm, const arch::Model& model,
                      const GpuWeights& w, const KvCache& kv, const Scratch& s, const GraphShape& shape);

}  // namespace hearth::vk
