#include "inference/vulkan/device.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace hearth::vk {

const char* to_string(MemoryUse u) {
    switch (u) {
    case MemoryUse::Weights: return "weights";
    case MemoryUse::KvCache: return "KV cache";
    case MemoryUse::Scratch: return "scratch";
    case MemoryUse::Staging: return "staging";
    case MemoryUse::Other: break;
    case MemoryUse::Count: break;
    }
    return "other";
}

uint64_t MemoryReport::total_allocated() const {
    uint64_t t = 0;
    for (auto a : allocated) t += a;
    return t;
}

const char* vk_result_name(VkResult r) {
    switch (r) {
    case VK_SUCCESS: return "VK_SUCCESS";
    case VK_NOT_READY: return "VK_NOT_READY";
    case VK_TIMEOUT: return "VK_TIMEOUT";
    case VK_ERROR_OUT_OF_HOST_MEMORY: return "VK_ERROR_OUT_OF_HOST_MEMORY";
    case VK_ERROR_OUT_OF_DEVICE_MEMORY: return "VK_ERROR_OUT_OF_DEVICE_MEMORY";
    case VK_ERROR_INITIALIZATION_FAILED: return "VK_ERROR_INITIALIZATION_FAILED";
    case VK_ERROR_DEVICE_LOST: return "VK_ERROR_DEVICE_LOST";
    case VK_ERROR_MEMORY_MAP_FAILED: return "VK_ERROR_MEMORY_MAP_FAILED";
    case VK_ERROR_EXTENSION_NOT_PRESENT: return "VK_ERROR_EXTENSION_NOT_PRESENT";
    case VK_ERROR_FEATURE_NOT_PRESENT: return "VK_ERROR_FEATURE_NOT_PRESENT";
    case VK_ERROR_TOO_MANY_OBJECTS: return "VK_ERROR_TOO_MANY_OBJECTS";
    case VK_ERROR_FRAGMENTED_POOL: return "VK_ERROR_FRAGMENTED_POOL";
    case VK_ERROR_OUT_OF_POOL_MEMORY: return "VK_ERROR_OUT_OF_POOL_MEMORY";
    default: return "VK_ERROR_UNKNOWN";
    }
}

Error vk_error(Device* device, VkResult r, const std::string& what) {
    if (r == VK_ERROR_DEVICE_LOST) {
        if (device) device->mark_lost();
        return make_error("vulkan.device_lost",
                          "The GPU stopped responding while " + what +
                              " (VK_ERROR_DEVICE_LOST). The driver may have reset it; reload the model, "
                              "and if it happens again update the GPU driver or use a smaller context.");
    }
    if (r == VK_ERROR_OUT_OF_DEVICE_MEMORY || r == VK_ERROR_OUT_OF_HOST_MEMORY)
        return make_error("vulkan.out_of_memory",
                          std::string("The GPU ran out of memory while ") + what + " (" + vk_result_name(r) +
                              "). Close other GPU programs, choose a smaller context or a smaller model.");
    return make_error("vulkan.call_failed", "Vulkan failed while " + what + " (" + vk_result_name(r) + " = " +
                                                std::to_string(static_cast<int>(r)) + ").");
}

Device::~Device() {
    if (device_) {
        vkDeviceWaitIdle(device_);
        vkDestroyDevice(device_, nullptr);
    }
}

std::optional<uint32_t> Device::find_memory_type(uint32_t type_bits, VkMemoryPropertyFlags required,
                                                 VkMemoryPropertyFlags preferred) const {
    std::optional<uint32_t> fallback;
    for (uint32_t i = 0; i < memory_.memoryTypeCount; ++i) {
        if (!(type_bits & (1u << i))) continue;
        const auto flags = memory_.memoryTypes[i].propertyFlags;
        if ((flags & required) != required) continue;
        if ((flags & preferred) == preferred) return i;
        if (!fallback) fallback = i;
    }
    return fallback;
}

void Device::count_allocation(MemoryUse use, int64_t bytes) {
    allocated_[static_cast<size_t>(use)].fetch_add(bytes, std::memory_order_relaxed);
}

MemoryReport Device::memory_report() const {
    MemoryReport r;
    for (size_t i = 0; i < r.allocated.size(); ++i) r.allocated[i] = static_cast<uint64_t>(std::max<int64_t>(0, allocated_[i].load(std::memory_order_relaxed)));
    r.heap_size = memory_.memoryHeaps[main_heap_].size;
    if (features_.memory_budget) {
        VkPhysicalDeviceMemoryBudgetPropertiesEXT budget{};
        budget.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_BUDGET_PROPERTIES_EXT;
        VkPhysicalDeviceMemoryProperties2 mem{};
        mem.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_PROPERTIES_2;
        mem.pNext = &budget;
        vkGetPhysicalDeviceMemoryProperties2(physical_, &mem);
        r.heap_budget = budget.heapBudget[main_heap_];
        r.heap_usage = budget.heapUsage[main_heap_];
    }
    return r;
}

static int type_rank(DeviceType t) {
    switch (t) {
    case DeviceType::Discrete: return 0;
    case DeviceType::Integrated: return 1;
    case DeviceType::Virtual: return 2;
    case DeviceType::Cpu: return 3;
    case DeviceType::Other: break;
    }
    return 4;
}

static std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

Result<size_t> pick_device(const std::vector<DeviceInfo>& devices, const DeviceChoice& choice) {
    if (devices.empty())
        return make_error("vulkan.no_device",
                          "Vulkan reports no GPU. Install your GPU vendor's driver, or on Debian/Ubuntu the "
                          "package mesa-vulkan-drivers.");
    if (choice.index) {
        for (size_t i = 0; i < devices.size(); ++i)
            if (devices[i].index == *choice.index) return i;
        return make_error("vulkan.device_not_found",
                          "There is no Vulkan device number " + std::to_string(*choice.index) + "; there are " +
                              std::to_string(devices.size()) + ". Run 'hearth-cli devices' to list them.");
    }
    if (!choice.name_contains.empty()) {
        const auto want = lower(choice.name_contains);
        for (size_t i = 0; i < devices.size(); ++i)
            if (lower(devices[i].name).find(want) != std::string::npos) return i;
        return make_error("vulkan.device_not_found",
                          "No Vulkan device's name contains '" + choice.name_contains +
                              "'. Run 'hearth-cli devices' to list them.");
    }
    size_t best = 0;
    for (size_t i = 1; i < devices.size(); ++i) {
        // Same type: the one with more device-local memory.
        const int a = type_rank(devices[i].type), b = type_rank(devices[best].type);
        if (a < b || (a == b && device_local_bytes(devices[i]) > device_local_bytes(devices[best]))) best = i;
    }
    return best;
}

static bool has_extension(VkPhysicalDevice pd, const char* name) {
    uint32_t n = 0;
    vkEnumerateDeviceExtensionProperties(pd, nullptr, &n, nullptr);
    std::vector<VkExtensionProperties> props(n);
    vkEnumerateDeviceExtensionProperties(pd, nullptr, &n, props.data());
    for (const auto& p : props)
        if (std::string(p.extensionName) == name) return true;
    return false;
}

template <class T>
static T chained(VkStructureType type) {
    T s{};
    s.sType = type;
    return s;
}

// Fills `dev` with the logical device: one compute queue, every optional feature we can use.
static Status create_logical(Device& dev, VkPhysicalDevice pd, const DeviceInfo& info, uint32_t queue_family,
                             EnabledFeatures& enabled, VkDevice& out) {
    auto f2 = chained<VkPhysicalDeviceFeatures2>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2);
    auto v11 = chained<VkPhysicalDeviceVulkan11Features>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES);
    auto v12 = chained<VkPhysicalDeviceVulkan12Features>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES);
    auto v13 = chained<VkPhysicalDeviceVulkan13Features>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES);
    const bool is13 = info.api_version >= VK_API_VERSION_1_3;
    f2.pNext = &v11;
    v11.pNext = &v12;
    if (is13) v12.pNext = &v13;
    vkGetPhysicalDeviceFeatures2(pd, &f2);

    // Keep only what we use; everything else off.
    auto want = chained<VkPhysicalDeviceFeatures2>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2);
    auto w11 = chained<VkPhysicalDeviceVulkan11Features>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_1_FEATURES);
    auto w12 = chained<VkPhysicalDeviceVulkan12Features>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES);
    auto w13 = chained<VkPhysicalDeviceVulkan13Features>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_3_FEATURES);
    want.pNext = &w11;
    w11.pNext = &w12;
    if (is13) w12.pNext = &w13;
    want.features.shaderInt16 = f2.features.shaderInt16;
    want.features.shaderInt64 = f2.features.shaderInt64;
    w11.storageBuffer16BitAccess = v11.storageBuffer16BitAccess;
    w12.shaderFloat16 = v12.shaderFloat16;
    w12.shaderInt8 = v12.shaderInt8;
    w12.storageBuffer8BitAccess = v12.storageBuffer8BitAccess;
    if (is13) {
        w13.subgroupSizeControl = v13.subgroupSizeControl;
        w13.computeFullSubgroups = v13.computeFullSubgroups;
        w13.shaderIntegerDotProduct = v13.shaderIntegerDotProduct;
    }
    enabled.storage_16bit = w11.storageBuffer16BitAccess;
    enabled.fp16 = w12.shaderFloat16;
    enabled.int8 = w12.shaderInt8;
    enabled.storage_8bit = w12.storageBuffer8BitAccess;
    enabled.subgroup_size_control = w13.subgroupSizeControl && w13.computeFullSubgroups;
    enabled.integer_dot_product = w13.shaderIntegerDotProduct;

    std::vector<const char*> exts;
    // Cooperative matrices: the extension, its feature, and the Vulkan memory model and float16
    // arithmetic the SPIR-V of matmul_coopmat.comp declares.
    auto coopmat = chained<VkPhysicalDeviceCooperativeMatrixFeaturesNV>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_COOPERATIVE_MATRIX_FEATURES_NV);
    if (info.cooperative_matrix_nv && v12.vulkanMemoryModel && v12.shaderFloat16) {
        exts.push_back(VK_NV_COOPERATIVE_MATRIX_EXTENSION_NAME);
        coopmat.cooperativeMatrix = VK_TRUE;
        coopmat.pNext = want.pNext;
        want.pNext = &coopmat;
        w12.vulkanMemoryModel = VK_TRUE;
        enabled.coopmat_nv = true;
    }
    if (has_extension(pd, VK_EXT_MEMORY_BUDGET_EXTENSION_NAME)) {
        exts.push_back(VK_EXT_MEMORY_BUDGET_EXTENSION_NAME);
        enabled.memory_budget = true;
    }
    if (has_extension(pd, "VK_KHR_portability_subset")) exts.push_back("VK_KHR_portability_subset");

    const float priority = 1.0f;
    VkDeviceQueueCreateInfo q{};
    q.sType = VK_STRUCTURE_TYPE_DEVICE_QUEUE_CREATE_INFO;
    q.queueFamilyIndex = queue_family;
    q.queueCount = 1;
    q.pQueuePriorities = &priority;

    VkDeviceCreateInfo ci{};
    ci.sType = VK_STRUCTURE_TYPE_DEVICE_CREATE_INFO;
    ci.pNext = &want;
    ci.queueCreateInfoCount = 1;
    ci.pQueueCreateInfos = &q;
    ci.enabledExtensionCount = static_cast<uint32_t>(exts.size());
    ci.ppEnabledExtensionNames = exts.data();
    VkResult r = vkCreateDevice(pd, &ci, nullptr, &out);
    if (r != VK_SUCCESS) return vk_error(&dev, r, "opening the GPU '" + info.name + "'");
    return {};
}

Result<std::unique_ptr<Device>> create_device(const DeviceChoice& choice) {
    auto instance = create_instance();
    if (!instance) return instance.error();
    auto infos = list_devices(*instance);
    if (!infos) return infos.error();
    auto picked = pick_device(*infos, choice);
    if (!picked) return picked.error();
    const DeviceInfo& info = (*infos)[*picked];
    if (info.api_version < VK_API_VERSION_1_2)
        return make_error("vulkan.too_old", "The GPU '" + info.name + "' supports Vulkan " +
                                                api_version_string(info.api_version) +
                                                " only; Hearth needs 1.2 or newer. Update the GPU driver.");

    uint32_t n = 0;
    vkEnumeratePhysicalDevices(instance->get(), &n, nullptr);
    std::vector<VkPhysicalDevice> pds(n);
    vkEnumeratePhysicalDevices(instance->get(), &n, pds.data());
    VkPhysicalDevice pd = pds.at(info.index);

    uint32_t nq = 0;
    vkGetPhysicalDeviceQueueFamilyProperties(pd, &nq, nullptr);
    std::vector<VkQueueFamilyProperties> qf(nq);
    vkGetPhysicalDeviceQueueFamilyProperties(pd, &nq, qf.data());
    std::optional<uint32_t> family;
    for (uint32_t i = 0; i < nq; ++i) {
        if (!(qf[i].queueFlags & VK_QUEUE_COMPUTE_BIT)) continue;
        // A compute-only family is usually the asynchronous one, free of graphics work.
        if (!family || !(qf[i].queueFlags & VK_QUEUE_GRAPHICS_BIT)) family = i;
    }
    if (!family)
        return make_error("vulkan.no_compute", "The GPU '" + info.name + "' has no compute queue, so Hearth cannot "
                                                "run models on it. Choose another device with --device.");

    std::unique_ptr<Device> dev(new Device());
    dev->instance_ = std::move(*instance);
    dev->physical_ = pd;
    dev->info_ = info;
    dev->queue_family_ = *family;
    VkPhysicalDeviceProperties props;
    vkGetPhysicalDeviceProperties(pd, &props);
    dev->limits_ = props.limits;
    vkGetPhysicalDeviceMemoryProperties(pd, &dev->memory_);
    dev->max_allocation_ = info.max_memory_allocation_size ? info.max_memory_allocation_size : (1ull << 30);
    uint64_t best = 0;
    for (uint32_t i = 0; i < dev->memory_.memoryHeapCount; ++i) {
        const auto& h = dev->memory_.memoryHeaps[i];
        if ((h.flags & VK_MEMORY_HEAP_DEVICE_LOCAL_BIT) && h.size > best) {
            best = h.size;
            dev->main_heap_ = i;
        }
    }
    if (auto st = create_logical(*dev, pd, info, *family, dev->features_, dev->device_); !st) return st.error();
    vkGetDeviceQueue(dev->device_, *family, 0, &dev->queue_);
    return dev;
}

}  // namespace hearth::vk
