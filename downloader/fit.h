// Will this model run on this GPU? Weights + KV cache + scratch against the memory budget,
// with the numbers, and the largest context that fits.
//
// Budget rules: a discrete GPU offers its free device-local memory (or 90 % of the heap when
// the driver reports no budget) less a 5 % / 256 MiB safety margin. An integrated GPU shares
// system RAM: it may use at most 60 % of it, and never the last 2 GiB of what is available,
// so the OS and the other programs keep breathing room.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "inference/arch/memory_plan.h"

namespace hearth::dl {

struct GpuBudget {
    int64_t device_local_total = 0;  // bytes of the device-local heap(s)
    int64_t device_local_free = -1;  // VK_EXT_memory_budget's budget - usage; -1 when unknown
    bool unified = false;            // integrated GPU sharing system memory
    int64_t system_ram_total = 0;
    int64_t system_ram_available = -1;  // MemAvailable; -1 when unknown
};

struct ModelShape {
    int64_t weight_bytes = 0;  // the file's tensor bytes, or predicted (the weights when `tensors` is empty)
    int layers = 0, kv_heads = 0, head_dim = 0;
    int heads = 0, embedding = 0, vocab = 0;  // 0: unknown
    int feed_forward = 0;                     // 0: unknown, 4 x embedding assumed for the scratch
    int64_t trained_context = 0;              // upper bound for the largest-context search
    // From a file's header: the hyperparameters and tensor table, so the prediction is the
    // engine's own memory plan (weights as it uploads them), not an estimate.
    std::optional<arch::Hparams> hparams;
    std::vector<arch::TensorShape> tensors;
};

enum class FitVerdict { fits, tight, wont_fit };
const char* to_string(FitVerdict v);

struct FitReport {
    FitVerdict verdict = FitVerdict::wont_fit;
    int64_t context = 0;
    int64_t weights = 0, kv_cache = 0, scratch = 0;
    int64_t needed = 0;    // weights + kv_cache + scratch
    int64_t usable = 0;    // what the budget rules allow Hearth to take
    int64_t free_now = 0;  // what the device (or system) reports free
    int64_t max_context = 0;  // largest context (multiple of 256, <= trained) that fits; 0 if none
    std::string summary;   // one sentence with the numbers
};

// The Vulkan engine's memory plan for this model at `context` tokens (arch/memory_plan.h): what
// the engine will allocate, buffer by buffer. Without a tensor table it plans the KV cache and
// scratch from the shape's numbers and leaves the weights at 0.
arch::MemoryPlan memory_plan(const ModelShape& m, int64_t context);
// The engine's bytes by purpose, from memory_plan: the weights (weight_bytes without a tensor
// table), K and V of every layer at F16, and the scratch for its real batch.
int64_t weights_bytes(const ModelShape& m);
int64_t kv_cache_bytes(const ModelShape& m, int64_t context);
int64_t scratch_bytes(const ModelShape& m, int64_t context);
int64_t usable_bytes(const GpuBudget& b);
FitReport predict_fit(const GpuBudget& b, const ModelShape& m, int64_t context);

// Reads /proc/meminfo (MemTotal, MemAvailable) into the budget's system fields.
void fill_system_memory(GpuBudget& b);

}  // namespace hearth::dl
