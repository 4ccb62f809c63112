// The Vulkan engine behind the engine's Backend interface: owns the device, the weights on it,
// the F16 KV cache, scratch activations and the recorded graphs (one per batch shape, replayed).
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "inference/arch/memory_plan.h"
#include "inference/arch/model.h"
#include "inference/engine/backend.h"
#include "inference/vulkan/device.h"
#include "inference/vulkan/sequence.h"
#include "inference/vulkan/weights.h"

namespace hearth::vk {

// Where eval_candidates selects the sampler's candidates from the logits row (which lives in
// host-visible memory either way).
enum class CandidateSelect {
    Auto,  // Host on CPU drivers (lavapipe), Gpu elsewhere
    Gpu,   // top-k and log-sum-exp kernels; the host reads back a few KB
    Host,  // summarised on the host from the mapped row: on a CPU driver that memory is plain
           // RAM and the single-workgroup top-k kernel is slower than the host
};

// Whether the integer-dot matrix kernels (matvec_q8, matmul_q8) run: Auto as
// default_matmul_config decides (where the device has integer dot products in hardware, and for
// prefill on CPU drivers); On / Off force both (tests, benchmarks).
enum class IntegerDot { Auto, On, Off };

struct VulkanOptions {
    DeviceChoice device;
    int32_t n_ctx = 0;         // <= 0: the model's training context
    uint32_t max_batch = 64;   // tokens per recorded prefill graph (longer prompts run in chunks)
    uint32_t attn_split = 0;   // split-K slices for decode attention; 0: from n_ctx
    bool kv_f32 = false;       // float32 KV cache: twice the memory, for accuracy checks
    bool profile = false;      // per-op GPU timestamps (see profile())
    CandidateSelect candidates = CandidateSelect::Auto;
    IntegerDot integer_dot = IntegerDot::Auto;
    LoadProgress progress;     // weight upload progress; returning false cancels the load
    // The compute pipelines every prompt and reply will use are created during the load, so the
    // first message pays no compilation: called after each step (done of total); false cancels.
    std::function<bool(uint32_t done, uint32_t total)> pipeline_progress;
    bool prepare_pipelines = true;          // false: create them on first use (kernel tests)
    std::filesystem::path pipeline_cache_dir;  // where the driver's compiled code is kept; empty: not kept
    // The caller's Stop flag: checked while uploading, while creating pipelines and (see
    // set_cancel, which it initialises) while waiting for the GPU. nullptr: none.
    const std::atomic<bool>* cancel = nullptr;
};

// VRAM as the engine sees it: its own allocations by purpose, and the driver's budget figures.
struct VramStats {
    uint64_t weights = 0, kv_cache = 0, scratch = 0, other = 0;
    uint64_t heap_size = 0, heap_budget = 0, heap_usage = 0;  // 0 where unknown
};

class VulkanBackend final : public engine::Backend {
public:
    ~VulkanBackend() override;

    const char* name() const override { return name_.c_str(); }
    int32_t n_ctx() const override { return n_ctx_; }
    int32_t n_vocab() const override { return model_.hp.n_vocab; }
    int32_t n_cached() const override { return n_cached_; }
    Status eval(std::span<const int32_t> tokens, int32_t pos0, std::span<float> logits) override;
    // Top-k (per chunk of the row, merged on the host) and the log-sum-exp are computed on the
    // GPU and the requested ids are read singly, so a token reads back (2k per chunk + 2 + ids)
    // words instead of the vocabulary.
    Status eval_candidates(std::span<const int32_t> tokens, int32_t pos0, const sampling::CandidateRequest& req,
                           sampling::RowSummary& out) override;

    // Like eval, but returns the argmax of the last row computed on the GPU and reads back only
    // that (greedy decoding without copying the vocabulary's logits).
    Result<int32_t> eval_greedy(std::span<const int32_t> tokens, int32_t pos0);

    // Context shift, for when the cache is full and the caller prefers forgetting to stopping:
    // drops positions [keep, keep+discard), moves the later ones down and re-rotates their keys,
    // so n_cached() shrinks by `discard`. The caller drops the same tokens from its own record.
    Status shift(int32_t keep, int32_t discard) override;
    // Activation taps in the recorded graphs (activation_taps.h): the sums reach `obs` through
    // observe_sums when it is replaced or removed. Turning taps on or off re-records the graphs.
    Status set_activation_observer(engine::ActivationObserver* obs) override;
    // GPU waits return "engine.cancelled" within about 10 ms of the flag being set.
    void set_cancel(const std::atomic<bool>* cancel) override { cancel_ = cancel; }
    // The KV cache of one layer as floats ([n_ctx][width]), for tests.
    Result<std::vector<float>> read_kv(int32_t layer, bool values) const;

    // Safe to call from any thread while the engine works (the counters are atomic).
    VramStats vram() const;
    // What the engine allocated, buffer by buffer (the prediction `fit` makes).
    const arch::MemoryPlan& memory_plan() const { return plan_; }
    // GPU milliseconds per op label, summed over the layers, of the last eval (profile only).
    std::vector<OpTime> profile() const { return profile_; }
    // Dispatches in the graph for a batch of n tokens with the last row's logits (recorded now if
    // it is not yet), for tests of what the graph holds.
    Result<uint32_t> graph_dispatches(uint32_t n);
    uint64_t weight_bytes() const { return weights_.bytes; }
    uint64_t matrix_bytes() const { return weights_.matrix_bytes; }
    const Device& device() const { return *device_; }
    // Pipelines created so far, and whether they came with a valid cache file.
    size_t pipeline_count() const { return cache_->size(); }
    bool pipeline_cache_loaded() const { return cache_->loaded_from_file(); }

private:
    friend Result<std::unique_ptr<VulkanBackend>> make_vulkan_backend(const arch::Model&, const VulkanOptions&);
    explicit VulkanBackend(const arch::Model& m);
    Status init(const VulkanOptions& opt);
    Status check(std::span<const int32_t> tokens, int32_t pos0) const;
    Result<Sequence*> graph(uint32_t n, int head);
    Result<Sequence*> candidates_sequence(uint32_t k, bool lse);
    Status run_chunks(std::span<const int32_t> tokens, int32_t pos0, std::span<float> logits, bool all_rows);
    Status run(Sequence& seq);   // submits and waits, cancellably
    // Waits for work a cancelled wait left running (itself cancellable: the stopped work stays
    // pending, and the call that asked fails with "engine.cancelled" too).
    Status settle(const std::atomic<bool>* cancel = nullptr) const;
    Status prepare_pipelines(const VulkanOptions& opt);

    const arch::Model& model_;
    arch::MemoryPlan plan_;
    std::string name_;
    int32_t n_ctx_ = 0;
    int32_t n_cached_ = 0;
    uint32_t attn_split_ = 1;
    bool select_on_gpu_ = true;
    bool profiling_ = false;
    const std::atomic<bool>* cancel_ = nullptr;
    mutable Sequence* pending_ = nullptr;  // still running after a cancelled wait
    // Destruction order matters: graphs and buffers before the device (declared last = destroyed first).
    std::unique_ptr<Device> device_;
    std::unique_ptr<PipelineCache> cache_;
    GpuWeights weights_;
    Arena kv_arena_, scratch_arena_, host_arena_;
    struct State;
    std::unique_ptr<State> state_;
    std::vector<OpTime> profile_;
};

// Opens the device, checks the memory plan against the free budget, uploads the model (which
// must outlive the backend) and allocates the KV cache and scratch. Errors: those of
// create_device and upload_weights, "vulkan.wont_fit" (the plan exceeds the free memory: the
// message gives the numbers and the fixes), "vulkan.out_of_memory" for the cache,
// "vulkan.cancelled".
Result<std::unique_ptr<VulkanBackend>> make_vulkan_backend(const arch::Model& model, const VulkanOptions& options = {});

}  // namespace hearth::vk
