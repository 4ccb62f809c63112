// A Vulkan layer that makes the real driver fail on demand, so the engine's handling of failures
// that lavapipe never produces (a lost device, a driver that refuses an allocation the budget
// allowed) is tested on the real code path, through the loader, without a test hook in the engine.
//
// Faults are read from the environment at each call, so a test can switch them on mid-run:
//   HEARTH_FAULT_LOSE_DEVICE=1       the next vkQueueSubmit reports VK_ERROR_DEVICE_LOST and the
//                                    device stays lost (later submits and fence waits fail too)
//   HEARTH_FAULT_MEMORY_LIMIT=bytes  vkAllocateMemory fails with VK_ERROR_OUT_OF_DEVICE_MEMORY once
//                                    a device's live allocations would exceed `bytes`
// The test reads back what the layer saw through the exported hearth_fault_* functions (it
// dlopens this library first, so the loader's copy is the same one and outlives the instance).
//
// Layer state is process-global by necessity: the loader calls these entry points with no
// context but the dispatchable handle.
#include <vulkan/vk_layer.h>
#include <vulkan/vulkan.h>

#include <cstdlib>
#include <cstring>
#include <mutex>
#include <unordered_map>

namespace {

void* dispatch_key(const void* handle) { return *static_cast<void* const*>(handle); }

struct InstanceData {
    PFN_vkGetInstanceProcAddr next_gipa = nullptr;
    PFN_vkDestroyInstance destroy = nullptr;
};

struct DeviceData {
    VkDevice device = VK_NULL_HANDLE;
    PFN_vkGetDeviceProcAddr next_gdpa = nullptr;
    PFN_vkDestroyDevice destroy = nullptr;
    PFN_vkQueueSubmit submit = nullptr;
    PFN_vkWaitForFences wait = nullptr;
    PFN_vkGetFenceStatus fence_status = nullptr;
    PFN_vkAllocateMemory allocate = nullptr;
    PFN_vkFreeMemory free = nullptr;
    bool lost = false;
    uint64_t live_bytes = 0;
    std::unordered_map<VkDeviceMemory, uint64_t> live;
};

struct LayerState {
    std::mutex mu;
    std::unordered_map<void*, InstanceData> instances;
    std::unordered_map<void*, DeviceData> devices;
    // What the tests ask about.
    uint64_t devices_lost = 0;
    uint64_t allocations_refused = 0;
    uint64_t leaked_at_destroy = 0;  // memory objects still alive when their device was destroyed
};

LayerState& state() {
    static LayerState s;
    return s;
}

bool env_flag(const char* name) {
    const char* v = std::getenv(name);
    return v && *v && std::strcmp(v, "0") != 0;
}

uint64_t env_u64(const char* name) {
    const char* v = std::getenv(name);
    return v && *v ? std::strtoull(v, nullptr, 10) : 0;
}

DeviceData* device_data(const void* handle) {
    auto& s = state();
    auto it = s.devices.find(dispatch_key(handle));
    return it == s.devices.end() ? nullptr : &it->second;
}

template <typename Chain>
Chain* find_link_info(const void* pnext, VkStructureType type) {
    auto* c = static_cast<Chain*>(const_cast<void*>(pnext));
    while (c && !(c->sType == type && c->function == VK_LAYER_LINK_INFO)) c = static_cast<Chain*>(const_cast<void*>(c->pNext));
    return c;
}

VKAPI_ATTR VkResult VKAPI_CALL CreateInstance(const VkInstanceCreateInfo* info, const VkAllocationCallbacks* alloc,
                                              VkInstance* instance) {
    auto* link = find_link_info<VkLayerInstanceCreateInfo>(info->pNext, VK_STRUCTURE_TYPE_LOADER_INSTANCE_CREATE_INFO);
    if (!link) return VK_ERROR_INITIALIZATION_FAILED;
    PFN_vkGetInstanceProcAddr next_gipa = link->u.pLayerInfo->pfnNextGetInstanceProcAddr;
    link->u.pLayerInfo = link->u.pLayerInfo->pNext;
    auto create = reinterpret_cast<PFN_vkCreateInstance>(next_gipa(VK_NULL_HANDLE, "vkCreateInstance"));
    VkResult r = create(info, alloc, instance);
    if (r != VK_SUCCESS) return r;
    InstanceData d;
    d.next_gipa = next_gipa;
    d.destroy = reinterpret_cast<PFN_vkDestroyInstance>(next_gipa(*instance, "vkDestroyInstance"));
    std::lock_guard lock(state().mu);
    state().instances[dispatch_key(*instance)] = d;
    return VK_SUCCESS;
}

VKAPI_ATTR void VKAPI_CALL DestroyInstance(VkInstance instance, const VkAllocationCallbacks* alloc) {
    PFN_vkDestroyInstance destroy = nullptr;
    {
        std::lock_guard lock(state().mu);
        auto it = state().instances.find(dispatch_key(instance));
        if (it == state().instances.end()) return;
        destroy = it->second.destroy;
        state().instances.erase(it);
    }
    destroy(instance, alloc);
}

VKAPI_ATTR VkResult VKAPI_CALL CreateDevice(VkPhysicalDevice gpu, const VkDeviceCreateInfo* info,
                                            const VkAllocationCallbacks* alloc, VkDevice* device) {
    auto* link = find_link_info<VkLayerDeviceCreateInfo>(info->pNext, VK_STRUCTURE_TYPE_LOADER_DEVICE_CREATE_INFO);
    if (!link) return VK_ERROR_INITIALIZATION_FAILED;
    PFN_vkGetInstanceProcAddr next_gipa = link->u.pLayerInfo->pfnNextGetInstanceProcAddr;
    PFN_vkGetDeviceProcAddr next_gdpa = link->u.pLayerInfo->pfnNextGetDeviceProcAddr;
    link->u.pLayerInfo = link->u.pLayerInfo->pNext;
    auto create = reinterpret_cast<PFN_vkCreateDevice>(next_gipa(VK_NULL_HANDLE, "vkCreateDevice"));
    VkResult r = create(gpu, info, alloc, device);
    if (r != VK_SUCCESS) return r;
    DeviceData d;
    d.device = *device;
    d.next_gdpa = next_gdpa;
    auto get = [&](const char* name) { return next_gdpa(*device, name); };
    d.destroy = reinterpret_cast<PFN_vkDestroyDevice>(get("vkDestroyDevice"));
    d.submit = reinterpret_cast<PFN_vkQueueSubmit>(get("vkQueueSubmit"));
    d.wait = reinterpret_cast<PFN_vkWaitForFences>(get("vkWaitForFences"));
    d.fence_status = reinterpret_cast<PFN_vkGetFenceStatus>(get("vkGetFenceStatus"));
    d.allocate = reinterpret_cast<PFN_vkAllocateMemory>(get("vkAllocateMemory"));
    d.free = reinterpret_cast<PFN_vkFreeMemory>(get("vkFreeMemory"));
    std::lock_guard lock(state().mu);
    state().devices[dispatch_key(*device)] = std::move(d);
    return VK_SUCCESS;
}

VKAPI_ATTR void VKAPI_CALL DestroyDevice(VkDevice device, const VkAllocationCallbacks* alloc) {
    PFN_vkDestroyDevice destroy = nullptr;
    {
        std::lock_guard lock(state().mu);
        auto it = state().devices.find(dispatch_key(device));
        if (it == state().devices.end()) return;
        state().leaked_at_destroy += it->second.live.size();
        destroy = it->second.destroy;
        state().devices.erase(it);
    }
    destroy(device, alloc);
}

VKAPI_ATTR VkResult VKAPI_CALL QueueSubmit(VkQueue queue, uint32_t count, const VkSubmitInfo* submits, VkFence fence) {
    PFN_vkQueueSubmit submit = nullptr;
    {
        std::lock_guard lock(state().mu);
        DeviceData* d = device_data(queue);  // a queue shares its device's dispatch table
        if (!d) return VK_ERROR_INITIALIZATION_FAILED;
        if (!d->lost && env_flag("HEARTH_FAULT_LOSE_DEVICE")) {
            d->lost = true;
            ++state().devices_lost;
        }
        if (d->lost) return VK_ERROR_DEVICE_LOST;
        submit = d->submit;
    }
    return submit(queue, count, submits, fence);
}

VKAPI_ATTR VkResult VKAPI_CALL WaitForFences(VkDevice device, uint32_t count, const VkFence* fences, VkBool32 all,
                                             uint64_t timeout) {
    PFN_vkWaitForFences wait = nullptr;
    {
        std::lock_guard lock(state().mu);
        DeviceData* d = device_data(device);
        if (!d) return VK_ERROR_INITIALIZATION_FAILED;
        // Work that was "lost" never reached the driver, so its fence would never signal.
        if (d->lost) return VK_ERROR_DEVICE_LOST;
        wait = d->wait;
    }
    return wait(device, count, fences, all, timeout);
}

VKAPI_ATTR VkResult VKAPI_CALL GetFenceStatus(VkDevice device, VkFence fence) {
    PFN_vkGetFenceStatus status = nullptr;
    {
        std::lock_guard lock(state().mu);
        DeviceData* d = device_data(device);
        if (!d) return VK_ERROR_INITIALIZATION_FAILED;
        if (d->lost) return VK_ERROR_DEVICE_LOST;
        status = d->fence_status;
    }
    return status(device, fence);
}

VKAPI_ATTR VkResult VKAPI_CALL AllocateMemory(VkDevice device, const VkMemoryAllocateInfo* info,
                                              const VkAllocationCallbacks* alloc, VkDeviceMemory* memory) {
    std::lock_guard lock(state().mu);
    DeviceData* d = device_data(device);
    if (!d) return VK_ERROR_INITIALIZATION_FAILED;
    const uint64_t limit = env_u64("HEARTH_FAULT_MEMORY_LIMIT");
    if (limit && d->live_bytes + info->allocationSize > limit) {
        ++state().allocations_refused;
        return VK_ERROR_OUT_OF_DEVICE_MEMORY;
    }
    VkResult r = d->allocate(device, info, alloc, memory);
    if (r == VK_SUCCESS) {
        d->live[*memory] = info->allocationSize;
        d->live_bytes += info->allocationSize;
    }
    return r;
}

VKAPI_ATTR void VKAPI_CALL FreeMemory(VkDevice device, VkDeviceMemory memory, const VkAllocationCallbacks* alloc) {
    std::lock_guard lock(state().mu);
    DeviceData* d = device_data(device);
    if (!d) return;
    if (auto it = d->live.find(memory); it != d->live.end()) {
        d->live_bytes -= it->second;
        d->live.erase(it);
    }
    d->free(device, memory, alloc);
}

PFN_vkVoidFunction device_intercept(const char* name) {
#define HEARTH_INTERCEPT(fn) \
    if (std::strcmp(name, "vk" #fn) == 0) return reinterpret_cast<PFN_vkVoidFunction>(&fn)
    HEARTH_INTERCEPT(DestroyDevice);
    HEARTH_INTERCEPT(QueueSubmit);
    HEARTH_INTERCEPT(WaitForFences);
    HEARTH_INTERCEPT(GetFenceStatus);
    HEARTH_INTERCEPT(AllocateMemory);
    HEARTH_INTERCEPT(FreeMemory);
#undef HEARTH_INTERCEPT
    return nullptr;
}

VKAPI_ATTR PFN_vkVoidFunction VKAPI_CALL GetDeviceProcAddr(VkDevice device, const char* name);

VKAPI_ATTR PFN_vkVoidFunction VKAPI_CALL GetInstanceProcAddr(VkInstance instance, const char* name) {
    if (std::strcmp(name, "vkGetInstanceProcAddr") == 0) return reinterpret_cast<PFN_vkVoidFunction>(&GetInstanceProcAddr);
    if (std::strcmp(name, "vkGetDeviceProcAddr") == 0) return reinterpret_cast<PFN_vkVoidFunction>(&GetDeviceProcAddr);
    if (std::strcmp(name, "vkCreateInstance") == 0) return reinterpret_cast<PFN_vkVoidFunction>(&CreateInstance);
    if (std::strcmp(name, "vkDestroyInstance") == 0) return reinterpret_cast<PFN_vkVoidFunction>(&DestroyInstance);
    if (std::strcmp(name, "vkCreateDevice") == 0) return reinterpret_cast<PFN_vkVoidFunction>(&CreateDevice);
    if (auto f = device_intercept(name)) return f;
    if (!instance) return nullptr;
    PFN_vkGetInstanceProcAddr next = nullptr;
    {
        std::lock_guard lock(state().mu);
        auto it = state().instances.find(dispatch_key(instance));
        if (it == state().instances.end()) return nullptr;
        next = it->second.next_gipa;
    }
    return next(instance, name);
}

VKAPI_ATTR PFN_vkVoidFunction VKAPI_CALL GetDeviceProcAddr(VkDevice device, const char* name) {
    if (std::strcmp(name, "vkGetDeviceProcAddr") == 0) return reinterpret_cast<PFN_vkVoidFunction>(&GetDeviceProcAddr);
    if (auto f = device_intercept(name)) return f;
    PFN_vkGetDeviceProcAddr next = nullptr;
    {
        std::lock_guard lock(state().mu);
        DeviceData* d = device_data(device);
        if (!d) return nullptr;
        next = d->next_gdpa;
    }
    return next(device, name);
}

}  // namespace

extern "C" {

__attribute__((visibility("default"))) VKAPI_ATTR VkResult VKAPI_CALL
vkNegotiateLoaderLayerInterfaceVersion(VkNegotiateLayerInterface* v) {
    if (!v || v->sType != LAYER_NEGOTIATE_INTERFACE_STRUCT) return VK_ERROR_INITIALIZATION_FAILED;
    if (v->loaderLayerInterfaceVersion > 2) v->loaderLayerInterfaceVersion = 2;
    v->pfnGetInstanceProcAddr = &GetInstanceProcAddr;
    v->pfnGetDeviceProcAddr = &GetDeviceProcAddr;
    v->pfnGetPhysicalDeviceProcAddr = nullptr;
    return VK_SUCCESS;
}

__attribute__((visibility("default"))) uint64_t hearth_fault_devices_lost() {
    std::lock_guard lock(state().mu);
    return state().devices_lost;
}
__attribute__((visibility("default"))) uint64_t hearth_fault_allocations_refused() {
    std::lock_guard lock(state().mu);
    return state().allocations_refused;
}
__attribute__((visibility("default"))) uint64_t hearth_fault_leaked_at_destroy() {
    std::lock_guard lock(state().mu);
    return state().leaked_at_destroy;
}
__attribute__((visibility("default"))) uint64_t hearth_fault_live_devices() {
    std::lock_guard lock(state().mu);
    return state().devices.size();
}

}  // extern "C"
