// The Vulkan instance: the one entry point to the driver. Owned, never global.
#pragma once

#include <vulkan/vulkan.h>

#include "base/result.h"

namespace hearth::vk {

// Move-only owner of a VkInstance.
class Instance {
public:
    Instance() = default;
    explicit Instance(VkInstance handle) : handle_(handle) {}
    Instance(Instance&& o) noexcept : handle_(o.handle_) { o.handle_ = VK_NULL_HANDLE; }
    Instance& operator=(Instance&& o) noexcept;
    Instance(const Instance&) = delete;
    Instance& operator=(const Instance&) = delete;
    ~Instance();

    VkInstance get() const { return handle_; }

private:
    VkInstance handle_ = VK_NULL_HANDLE;
};

// Creates an instance for compute (no surfaces). Fails with code "vulkan.no_driver" when
// the loader finds no driver, which is the common case on a machine without GPU drivers.
Result<Instance> create_instance();

}  // namespace hearth::vk
