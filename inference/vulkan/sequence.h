// A recorded list of GPU work: a command buffer, its descriptor sets, a fence and optional
// timestamp queries. Record once (begin, dispatch..., end), then submit and wait as many times
// as needed: a replay costs one vkQueueSubmit. Values that change between replays (positions,
// token ids) must therefore live in buffers, not push constants.
//
// Barriers are inserted automatically and only where needed: each dispatch says which
// bindings it reads and writes, and a barrier goes in when a read or write touches a range
// written (or a write touches a range read) since the previous barrier.
#pragma once

#include <vulkan/vulkan.h>

#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "inference/vulkan/buffer.h"
#include "inference/vulkan/device.h"
#include "inference/vulkan/pipeline.h"

namespace hearth::vk {

struct Binding {
    BufferView view;
    bool write = false;
};
inline Binding in(const BufferView& v) { return Binding{v, false}; }
inline Binding out(const BufferView& v) { return Binding{v, true}; }

struct OpTime {
    std::string label;
    double ms = 0;  // GPU time since the previous timestamp (or the start)
};

class Sequence {
public:
    Sequence(const Sequence&) = delete;
    Sequence& operator=(const Sequence&) = delete;
    ~Sequence();

    // Starts recording, dropping whatever was recorded before.
    Status begin();
    // Records a dispatch of `groups_*` workgroups. `push` must hold pipeline.push_bytes() bytes;
    // `bindings` must have pipeline.bindings() entries, in binding order.
    Status dispatch(const Pipeline& pipeline, std::initializer_list<Binding> bindings, const void* push,
                    uint32_t groups_x, uint32_t groups_y = 1, uint32_t groups_z = 1);
    Status dispatch(const Pipeline& pipeline, const std::vector<Binding>& bindings, const void* push,
                    uint32_t groups_x, uint32_t groups_y = 1, uint32_t groups_z = 1);
    void copy(const BufferView& src, const BufferView& dst, uint64_t bytes);
    void fill(const BufferView& dst, uint32_t value);  // size must be a multiple of 4
    void barrier();                                    // a full compute/transfer barrier, always
    // Marks the end of an op for --profile; ignored when created without timestamps.
    void timestamp(const std::string& label);
    Status end();

    // Starts the recorded work (after the previous submission finished, when one is pending).
    Status submit();
    // Waits for it; fails with vulkan.device_lost. With `cancel`, waits in slices of
    // kWaitSliceMs and returns "engine.cancelled" soon after the flag is set: the work is then
    // still running, and the next begin, submit or wait waits for it (uncancelled).
    Status wait(const std::atomic<bool>* cancel = nullptr);
    Status run(const std::atomic<bool>* cancel = nullptr) {
        if (auto st = submit(); !st) return st;
        return wait(cancel);
    }
    bool in_flight() const { return in_flight_; }
    static constexpr uint64_t kWaitSliceMs = 10;

    // After wait(): GPU time per timestamp label.
    std::vector<OpTime> timings() const;
    uint32_t dispatch_count() const { return dispatches_; }
    uint32_t barrier_count() const { return barriers_; }
    bool recorded() const { return recorded_; }

private:
    friend Result<std::unique_ptr<Sequence>> create_sequence(Device&, uint32_t);
    explicit Sequence(Device& d) : device_(&d) {}
    Result<VkDescriptorSet> allocate_set(VkDescriptorSetLayout layout);
    void track(const Binding& b);
    bool hazard(const Binding& b) const;

    struct Range {
        VkBuffer buffer;
        uint64_t begin, end;
    };
    Device* device_;
    VkCommandPool pool_ = VK_NULL_HANDLE;
    VkCommandBuffer cmd_ = VK_NULL_HANDLE;
    VkFence fence_ = VK_NULL_HANDLE;
    VkQueryPool queries_ = VK_NULL_HANDLE;
    uint32_t max_queries_ = 0;
    std::vector<std::string> labels_;
    std::vector<VkDescriptorPool> desc_pools_;
    size_t desc_pool_in_use_ = 0;
    std::vector<Range> reads_, writes_;
    uint32_t dispatches_ = 0, barriers_ = 0;
    bool recording_ = false, recorded_ = false, in_flight_ = false;
};

// A sequence on `device`'s compute queue; `max_timestamps` > 0 enables timestamp() when the
// queue supports it.
Result<std::unique_ptr<Sequence>> create_sequence(Device& device, uint32_t max_timestamps = 0);

}  // namespace hearth::vk
