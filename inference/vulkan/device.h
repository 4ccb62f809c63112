// The logical device the engine computes on: the chosen physical device, its compute queue,
// the optional features that were found and enabled, its limits, and live memory figures.
//
// A Device is created once per session and never moves (it is handed out as unique_ptr), so
// buffers, pipelines and sequences may keep a plain `Device*` to it; they must be destroyed first.
#pragma once

#include <vulkan/vulkan.h>

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "base/result.h"
#include "inference/vulkan/device_info.h"
#include "inference/vulkan/instance.h"

namespace hearth::vk {

// Which device to use. Empty: the best one (discrete > integrated > virtual > CPU).
struct DeviceChoice {
    std::optional<uint32_t> index;  // position in `hearth-cli devices`
    std::string name_contains;      // case-insensitive substring of the device name
};

// What the engine enabled on the logical device (a subset of what DeviceInfo says exists).
struct EnabledFeatures {
    bool fp16 = false;                   // shaderFloat16
    bool int8 = false;                   // shaderInt8
    bool storage_16bit = false;          // storageBuffer16BitAccess
    bool storage_8bit = false;           // storageBuffer8BitAccess
    bool subgroup_size_control = false;  // subgroupSizeControl + computeFullSubgroups
    bool integer_dot_product = false;    // shaderIntegerDotProduct
    bool memory_budget = false;          // VK_EXT_memory_budget
    bool coopmat_nv = false;             // VK_NV_cooperative_matrix + vulkanMemoryModel (+ shaderFloat16)
};

// Where device memory goes, for the VRAM indicator: counted by the engine as it allocates.
enum class MemoryUse : uint8_t { Weights, KvCache, Scratch, Staging, Other, Count };
const char* to_string(MemoryUse u);

struct MemoryReport {
    std::array<uint64_t, static_cast<size_t>(MemoryUse::Count)> allocated{};  // our own counts
    uint64_t heap_size = 0;     // the largest device-local heap
    uint64_t heap_budget = 0;   // VK_EXT_memory_budget: what this process may use now (0: unknown)
    uint64_t heap_usage = 0;    // VK_EXT_memory_budget: what this process uses now (0: unknown)
    uint64_t total_allocated() const;
};

class Device {
public:
    Device(const Device&) = delete;
    Device& operator=(const Device&) = delete;
    ~Device();

    VkDevice get() const { return device_; }
    VkPhysicalDevice physical() const { return physical_; }
    VkQueue queue() const { return queue_; }
    uint32_t queue_family() const { return queue_family_; }
    const DeviceInfo& info() const { return info_; }
    const EnabledFeatures& features() const { return features_; }
    const VkPhysicalDeviceLimits& limits() const { return limits_; }
    const VkPhysicalDeviceMemoryProperties& memory_properties() const { return memory_; }
    double timestamp_period_ns() const { return limits_.timestampPeriod; }

    // The most bytes one descriptor may see, and one allocation may hold.
    uint64_t max_binding_range() const { return info_.max_storage_buffer_range; }
    uint64_t max_allocation() const { return max_allocation_; }
    // The device-local heap that weights go to, and its size.
    uint32_t main_heap() const { return main_heap_; }

    // Memory type for the given needs: `required` must all be present; among those the first with
    // all `preferred` flags wins. nullopt when none fits `type_bits`.
    std::optional<uint32_t> find_memory_type(uint32_t type_bits, VkMemoryPropertyFlags required,
                                             VkMemoryPropertyFlags preferred) const;

    // Allocation bookkeeping (called by buffer.cpp).
    void count_allocation(MemoryUse use, int64_t bytes);
    // Live figures: our counts plus VK_EXT_memory_budget queried now. Safe from any thread while
    // another allocates (the counts are atomic; the budget query needs no synchronisation).
    MemoryReport memory_report() const;

    // Set once the driver has reported VK_ERROR_DEVICE_LOST: every later submit fails fast.
    bool lost() const { return lost_; }
    void mark_lost() { lost_ = true; }

private:
    Device() = default;
    friend Result<std::unique_ptr<Device>> create_device(const DeviceChoice& choice);

    Instance instance_;
    VkPhysicalDevice physical_ = VK_NULL_HANDLE;
    VkDevice device_ = VK_NULL_HANDLE;
    VkQueue queue_ = VK_NULL_HANDLE;
    uint32_t queue_family_ = 0;
    uint32_t main_heap_ = 0;
    uint64_t max_allocation_ = 0;
    DeviceInfo info_;
    EnabledFeatures features_;
    VkPhysicalDeviceLimits limits_{};
    VkPhysicalDeviceMemoryProperties memory_{};
    std::array<std::atomic<int64_t>, static_cast<size_t>(MemoryUse::Count)> allocated_{};
    bool lost_ = false;
};

// Index into `devices` of the device `choice` names, or of the best one when it names none.
// Errors: "vulkan.no_device" (empty list), "vulkan.device_not_found" (nothing matches).
Result<size_t> pick_device(const std::vector<DeviceInfo>& devices, const DeviceChoice& choice);

// Creates the instance and the logical device with every useful optional feature enabled.
Result<std::unique_ptr<Device>> create_device(const DeviceChoice& choice = {});

// A VkResult as a readable name ("VK_ERROR_OUT_OF_DEVICE_MEMORY").
const char* vk_result_name(VkResult r);

// The Error for a failed Vulkan call made while doing `what` ("uploading weights"); marks the
// device lost when the driver says so.
Error vk_error(Device* device, VkResult r, const std::string& what);

}  // namespace hearth::vk
