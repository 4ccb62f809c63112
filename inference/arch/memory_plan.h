// The GPU memory the Vulkan engine allocates for a model, as plain data: every buffer of the
// weights, the KV cache and the scratch, in the order the engine allocates them, and the blocks
// they are packed into. The engine sizes its allocations from this plan and packs them with the
// same BlockPacker, so the prediction (`hearth-cli fit`, the app's "will it fit", a quantizer
// sizing a file it has not written yet) is what the engine then takes, to the byte.
//
// No Vulkan here: the downloader and the quantizer use this without linking a GPU library. What
// depends on the device (its largest allocation and binding) comes in MemoryPlanOptions; the
// defaults are the common values, and they only matter for tensors larger than one buffer.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "inference/arch/hparams.h"
#include "inference/arch/model.h"
#include "inference/gguf/gguf_reader.h"
#include "inference/tensor/tensor_type.h"

namespace hearth::arch {

// Every sub-allocation starts on this boundary: the largest minStorageBufferOffsetAlignment
// Vulkan allows, so the layout does not depend on the device.
inline constexpr uint64_t kPlanAlign = 256;

// First-fit sub-allocation of byte ranges from blocks (each block one driver allocation of at
// most `block_cap` bytes). Blocks start at the size given to expect(), less what was placed
// already; without expect() they start at 1 MiB and double. A range larger than a block gets a
// block of its own. The engine's Arena and the plan both place through this, so they agree.
class BlockPacker {
public:
    explicit BlockPacker(uint64_t block_cap = 256ull << 20, uint64_t align = kPlanAlign)
        : cap_(block_cap), align_(align) {}

    struct Placement {
        size_t block = 0;       // index of the block the range lies in
        uint64_t offset = 0;    // byte offset inside it
        uint64_t new_block = 0; // > 0: that block is new and must be allocated with this many bytes
    };
    // Places `size` bytes (at least 4) aligned to max(align, the packer's alignment).
    Placement place(uint64_t size, uint64_t align = 0);
    // Undoes the last place() that opened a new block (its allocation failed).
    void drop_last_block();
    void expect(uint64_t total) { expected_ = total; }
    void reset();

    uint64_t allocated() const;  // sum of the block sizes
    uint64_t used() const { return used_; }
    size_t blocks() const { return blocks_.size(); }
    uint64_t block_cap() const { return cap_; }

private:
    struct Block {
        uint64_t size = 0, top = 0;
    };
    uint64_t cap_, align_;
    uint64_t expected_ = 0, used_ = 0, next_ = 1ull << 20;
    std::vector<Block> blocks_;
};

// The bytes one arena ends up holding for these ranges, placed in order.
struct ArenaPlan {
    uint64_t block_cap = 0;
    std::vector<uint64_t> sizes;  // each sub-allocation, in the engine's order
    uint64_t expected() const;    // what the engine passes to Arena::expect: the aligned sum
    uint64_t allocated() const;   // the blocks a BlockPacker ends with
};

// One tensor as a file header (or a quantizer's plan) states it.
struct TensorShape {
    std::string name;
    TensorType type = TensorType::F32;
    std::array<int64_t, 4> ne = {1, 1, 1, 1};
};
// The tensor list of a loaded model, or of a file's header (no tensor data is read).
std::vector<TensorShape> tensor_shapes(const Model& m);
std::vector<TensorShape> tensor_shapes(const GgufFile& f);

struct MemoryPlanOptions {
    int32_t n_ctx = 0;          // <= 0: the training context
    uint32_t max_batch = 64;    // tokens per prefill graph (the engine's VulkanOptions::max_batch)
    uint32_t attn_split = 0;    // decode attention slices; 0: from the context (as the engine does)
    bool kv_f32 = false;
    uint64_t max_allocation = 1ull << 32;      // the device's largest allocation
    uint64_t max_binding = (1ull << 32) - 1;   // the device's maxStorageBufferRange
};

// The engine's candidate selection buffers (eval_candidates): chunk results in host memory.
inline constexpr uint32_t kCandidateMaxChunks = 32;
inline constexpr uint64_t kCandidateChunkStride = (2ull * 272 * 4 + 255) / 256 * 256;

// Bytes of each scratch buffer the engine allocates (see vulkan_backend.cpp).
struct ScratchPlan {
    uint32_t batch = 1;  // rows of every activation buffer
    // device-local, float32 activations for `batch` tokens: the residual stream and its copies,
    // q/k/v, the attention output, the FFN halves; split-K partials; int8 activations (matmul_q8).
    uint64_t x = 0, h = 0, q = 0, k = 0, v = 0, att = 0, proj = 0, gate = 0, up = 0;
    uint64_t part = 0, mm = 0;  // mm 0: no quantized matrix
    // host-visible: the logits rows, the argmax, the candidates' chunk results, the log-sum-exp,
    // the step parameters (positions and token ids).
    uint64_t logits = 0, argmax = 0, top_k = 0, lse = 0, params = 0;
};

struct MemoryPlan {
    int32_t n_ctx = 0;
    uint32_t attn_split = 1;
    uint64_t kv_k_layer = 0, kv_v_layer = 0;  // bytes of one layer's K and V cache
    ScratchPlan s;
    ArenaPlan weights, kv, scratch, host;
    uint64_t weight_bytes = 0;  // the tensors' bytes on the device (what a decoded token reads, about)
    bool output_tied = false;   // the output matrix is the embedding table, uploaded once

    // What the engine allocates from the driver, by purpose (scratch: device-local + host).
    uint64_t weights_bytes() const { return weights.allocated(); }
    uint64_t kv_bytes() const { return kv.allocated(); }
    uint64_t scratch_bytes() const { return scratch.allocated() + host.allocated(); }
    uint64_t total() const { return weights_bytes() + kv_bytes() + scratch_bytes(); }
};

// The plan for a model given as hyperparameters and its tensor list (names as in GGUF files).
// An empty list plans the KV cache and scratch only (weights 0; the scratch assumes quantized
// matrices), for estimates made before the file exists. Errors: "arch.missing_tensor" (a
// tensor the architecture needs is not in the list), "arch.bad_hparams" (a zero context).
Result<MemoryPlan> plan_memory(const Hparams& hp, std::span<const TensorShape> tensors,
                               const MemoryPlanOptions& options = {});
// The plan for a loaded model (cannot fail: load_model validated it).
MemoryPlan plan_memory(const Model& model, const MemoryPlanOptions& options = {});

// "1.23 GiB" / "456 MiB": sizes for messages.
std::string format_bytes(uint64_t bytes);

}  // namespace hearth::arch
