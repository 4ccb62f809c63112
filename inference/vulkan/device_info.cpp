#include "inference/vulkan/device_info.h"

#include <cstring>

namespace hearth::vk {

const char* to_string(DeviceType t) {
    switch (t) {
    case DeviceType::Discrete: return "discrete GPU";
    case DeviceType::Integrated: return "integrated GPU";
    case DeviceType::Virtual: return "virtual GPU";
    case DeviceType::Cpu: return "CPU";
    case DeviceType::Other: break;
    }
    return "other";
}

std::string api_version_string(uint32_t v) {
    return std::to_string(VK_API_VERSION_MAJOR(v)) + "." + std::to_string(VK_API_VERSION_MINOR(v)) +
           "." + std::to_string(VK_API_VERSION_PATCH(v));
}

uint64_t device_local_bytes(const DeviceInfo& d) {
    uint64_t total = 0;
    for (const auto& h : d.heaps)
        if (h.device_local) total += h.size;
    return total;
}

// A Vulkan query struct, zeroed, with its sType set: the form every pNext chain member needs.
template <class T>
static T chained(VkStructureType type) {
    T s{};
    s.sType = type;
    return s;
}

static DeviceType map_type(VkPhysicalDeviceType t) {
    switch (t) {
    case VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU: return DeviceType::Discrete;
    case VK_PHYSICAL_DEVICE_TYPE_INTEGRATED_GPU: return DeviceType::Integrated;
    case VK_PHYSICAL_DEVICE_TYPE_VIRTUAL_GPU: return DeviceType::Virtual;
    case VK_PHYSICAL_DEVICE_TYPE_CPU: return DeviceType::Cpu;
    default: return DeviceType::Other;
    }
}

static std::vector<std::string> device_extensions(VkPhysicalDevice pd) {
    uint32_t n = 0;
    vkEnumerateDeviceExtensionProperties(pd, nullptr, &n, nullptr);
    std::vector<VkExtensionProperties> props(n);
    vkEnumerateDeviceExtensionProperties(pd, nullptr, &n, props.data());
    std::vector<std::string> names;
    names.reserve(n);
    for (const auto& p : props) names.emplace_back(p.extensionName);
    return names;
}

static DeviceInfo query_device(VkPhysicalDevice pd, uint32_t index) {
    const auto exts = device_extensions(pd);
    auto has = [&](const char* name) {
        for (const auto& e : exts)
            if (e == name) return true;
        return false;
    };

    DeviceInfo d;
    d.index = index;
    d.integer_dot_product = has("VK_KHR_shader_integer_dot_product");
    // Matched by name: the KHR extension is newer than Debian 12's Vulkan headers.
    d.cooperative_matrix = has("VK_KHR_cooperative_matrix") || has("VK_NV_cooperative_matrix");
    d.memory_budget = has("VK_EXT_memory_budget");

    auto props = chained<VkPhysicalDeviceProperties2>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2);
    auto subgroup = chained<VkPhysicalDeviceSubgroupProperties>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_PROPERTIES);
    auto driver = chained<VkPhysicalDeviceDriverProperties>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_DRIVER_PROPERTIES);
    auto maint3 = chained<VkPhysicalDeviceMaintenance3Properties>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MAINTENANCE_3_PROPERTIES);
    auto sgsc = chained<VkPhysicalDeviceSubgroupSizeControlProperties>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_SIZE_CONTROL_PROPERTIES);
    auto idot = chained<VkPhysicalDeviceShaderIntegerDotProductProperties>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_INTEGER_DOT_PRODUCT_PROPERTIES);
    props.pNext = &subgroup;
    subgroup.pNext = &driver;
    driver.pNext = &maint3;
    void** tail = &maint3.pNext;
    if (has("VK_EXT_subgroup_size_control")) { *tail = &sgsc; tail = &sgsc.pNext; }
    if (d.integer_dot_product) { *tail = &idot; tail = &idot.pNext; }
    vkGetPhysicalDeviceProperties2(pd, &props);

    const auto& p = props.properties;
    d.name = p.deviceName;
    d.type = map_type(p.deviceType);
    d.api_version = p.apiVersion;
    d.vendor_id = p.vendorID;
    d.device_id = p.deviceID;
    d.driver_name = driver.driverName;
    d.driver_info = driver.driverInfo;
    d.subgroup_size = subgroup.subgroupSize;
    if (has("VK_EXT_subgroup_size_control")) {
        d.subgroup_size_min = sgsc.minSubgroupSize;
        d.subgroup_size_max = sgsc.maxSubgroupSize;
    }
    d.max_storage_buffer_range = p.limits.maxStorageBufferRange;
    d.max_memory_allocation_size = maint3.maxMemoryAllocationSize;
    d.max_compute_shared_memory = p.limits.maxComputeSharedMemorySize;
    d.max_workgroup_invocations = p.limits.maxComputeWorkGroupInvocations;
    d.timestamps = p.limits.timestampComputeAndGraphics == VK_TRUE;
    d.integer_dot_accelerated =
        d.integer_dot_product && idot.integerDotProduct4x8BitPackedSignedAccelerated == VK_TRUE;

    auto feats = chained<VkPhysicalDeviceFeatures2>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2);
    auto f16i8 = chained<VkPhysicalDeviceShaderFloat16Int8Features>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SHADER_FLOAT16_INT8_FEATURES);
    auto s16 = chained<VkPhysicalDevice16BitStorageFeatures>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_16BIT_STORAGE_FEATURES);
    auto s8 = chained<VkPhysicalDevice8BitStorageFeatures>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_8BIT_STORAGE_FEATURES);
    feats.pNext = &f16i8;
    f16i8.pNext = &s16;
    s16.pNext = &s8;
    vkGetPhysicalDeviceFeatures2(pd, &feats);
    d.fp16 = f16i8.shaderFloat16 == VK_TRUE;
    d.int8 = f16i8.shaderInt8 == VK_TRUE;
    d.storage_16bit = s16.storageBuffer16BitAccess == VK_TRUE;
    d.storage_8bit = s8.storageBuffer8BitAccess == VK_TRUE;

    auto mem = chained<VkPhysicalDeviceMemoryProperties2>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_PROPERTIES_2);
    auto budget = chained<VkPhysicalDeviceMemoryBudgetPropertiesEXT>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_MEMORY_BUDGET_PROPERTIES_EXT);
    if (d.memory_budget) mem.pNext = &budget;
    vkGetPhysicalDeviceMemoryProperties2(pd, &mem);
    bool all_local = mem.memoryProperties.memoryHeapCount > 0;
    for (uint32_t i = 0; i < mem.memoryProperties.memoryHeapCount; ++i) {
        const auto& h = mem.memoryProperties.memoryHeaps[i];
        MemoryHeap heap;
        heap.size = h.size;
        heap.device_local = (h.flags & VK_MEMORY_HEAP_DEVICE_LOCAL_BIT) != 0;
        if (d.memory_budget) {
            heap.budget = budget.heapBudget[i];
            heap.usage = budget.heapUsage[i];
        }
        all_local = all_local && heap.device_local;
        d.heaps.push_back(heap);
    }
    d.unified_memory = all_local || d.type == DeviceType::Integrated || d.type == DeviceType::Cpu;
    return d;
}

Result<std::vector<DeviceInfo>> list_devices(const Instance& instance) {
    uint32_t n = 0;
    VkResult r = vkEnumeratePhysicalDevices(instance.get(), &n, nullptr);
    if (r != VK_SUCCESS)
        return make_error("vulkan.enumerate",
                          "Vulkan could not list GPUs (error " + std::to_string(r) + ").");
    std::vector<VkPhysicalDevice> pds(n);
    vkEnumeratePhysicalDevices(instance.get(), &n, pds.data());
    std::vector<DeviceInfo> out;
    out.reserve(n);
    for (uint32_t i = 0; i < n; ++i) out.push_back(query_device(pds[i], i));
    return out;
}

Result<std::vector<DeviceInfo>> list_devices() {
    auto inst = create_instance();
    if (!inst) return inst.error();
    auto devs = list_devices(*inst);
    if (devs && devs->empty())
        return make_error("vulkan.no_driver",
                          "Vulkan is installed but reports no GPU. Install your GPU vendor's driver, "
                          "or on Debian/Ubuntu the package mesa-vulkan-drivers.");
    return devs;
}

}  // namespace hearth::vk
