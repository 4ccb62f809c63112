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

const char* to_string(CoopMatType t) {
    switch (t) {
    case CoopMatType::F16: return "f16";
    case CoopMatType::F32: return "f32";
    case CoopMatType::F64: return "f64";
    case CoopMatType::S8: return "s8";
    case CoopMatType::S16: return "s16";
    case CoopMatType::S32: return "s32";
    case CoopMatType::S64: return "s64";
    case CoopMatType::U8: return "u8";
    case CoopMatType::U16: return "u16";
    case CoopMatType::U32: return "u32";
    case CoopMatType::U64: return "u64";
    case CoopMatType::Other: break;
    }
    return "?";
}

std::string to_string(const CoopMatShape& s) {
    return std::to_string(s.m) + "x" + std::to_string(s.n) + "x" + std::to_string(s.k) + " " + to_string(s.a) +
           "*" + to_string(s.b) + "+" + to_string(s.c) + "->" + to_string(s.d) + (s.subgroup_scope ? "" : " (not subgroup)");
}

std::string coopmat_summary(const DeviceInfo& d) {
    if (!d.cooperative_matrix) return "no";
    if (!d.cooperative_matrix_nv) return "yes (not VK_NV_cooperative_matrix in compute shaders: not used)";
    std::string out = "yes (NV:";
    bool first = true;
    for (const auto& s : d.coopmat_shapes) {
        if (!s.subgroup_scope) continue;
        out += first ? " " : ", ";
        out += to_string(s);
        first = false;
    }
    return out + ")";
}

static CoopMatType map_component(VkComponentTypeNV t) {
    switch (t) {
    case VK_COMPONENT_TYPE_FLOAT16_NV: return CoopMatType::F16;
    case VK_COMPONENT_TYPE_FLOAT32_NV: return CoopMatType::F32;
    case VK_COMPONENT_TYPE_FLOAT64_NV: return CoopMatType::F64;
    case VK_COMPONENT_TYPE_SINT8_NV: return CoopMatType::S8;
    case VK_COMPONENT_TYPE_SINT16_NV: return CoopMatType::S16;
    case VK_COMPONENT_TYPE_SINT32_NV: return CoopMatType::S32;
    case VK_COMPONENT_TYPE_SINT64_NV: return CoopMatType::S64;
    case VK_COMPONENT_TYPE_UINT8_NV: return CoopMatType::U8;
    case VK_COMPONENT_TYPE_UINT16_NV: return CoopMatType::U16;
    case VK_COMPONENT_TYPE_UINT32_NV: return CoopMatType::U32;
    case VK_COMPONENT_TYPE_UINT64_NV: return CoopMatType::U64;
    default: return CoopMatType::Other;
    }
}

// What vkGetPhysicalDeviceCooperativeMatrixPropertiesNV lists (an instance-level entry point the
// loader only hands out by name).
static std::vector<CoopMatShape> coopmat_shapes_nv(VkInstance instance, VkPhysicalDevice pd) {
    auto fn = reinterpret_cast<PFN_vkGetPhysicalDeviceCooperativeMatrixPropertiesNV>(
        vkGetInstanceProcAddr(instance, "vkGetPhysicalDeviceCooperativeMatrixPropertiesNV"));
    std::vector<CoopMatShape> out;
    if (!fn) return out;
    uint32_t n = 0;
    if (fn(pd, &n, nullptr) != VK_SUCCESS || n == 0) return out;
    std::vector<VkCooperativeMatrixPropertiesNV> props(n);
    for (auto& p : props) p.sType = VK_STRUCTURE_TYPE_COOPERATIVE_MATRIX_PROPERTIES_NV;
    const VkResult r = fn(pd, &n, props.data());
    if (r != VK_SUCCESS && r != VK_INCOMPLETE) return out;
    for (uint32_t i = 0; i < n; ++i) {
        const auto& p = props[i];
        out.push_back(CoopMatShape{p.MSize, p.NSize, p.KSize, map_component(p.AType), map_component(p.BType),
                                   map_component(p.CType), map_component(p.DType), p.scope == VK_SCOPE_SUBGROUP_NV});
    }
    return out;
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

static DeviceInfo query_device(VkInstance instance, VkPhysicalDevice pd, uint32_t index) {
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
    auto cmp = chained<VkPhysicalDeviceCooperativeMatrixPropertiesNV>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_COOPERATIVE_MATRIX_PROPERTIES_NV);
    const bool coopmat_nv_ext = has(VK_NV_COOPERATIVE_MATRIX_EXTENSION_NAME);
    props.pNext = &subgroup;
    subgroup.pNext = &driver;
    driver.pNext = &maint3;
    void** tail = &maint3.pNext;
    if (has("VK_EXT_subgroup_size_control")) { *tail = &sgsc; tail = &sgsc.pNext; }
    if (d.integer_dot_product) { *tail = &idot; tail = &idot.pNext; }
    if (coopmat_nv_ext) { *tail = &cmp; tail = &cmp.pNext; }
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
    auto cmf = chained<VkPhysicalDeviceCooperativeMatrixFeaturesNV>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_COOPERATIVE_MATRIX_FEATURES_NV);
    feats.pNext = &f16i8;
    f16i8.pNext = &s16;
    s16.pNext = &s8;
    if (coopmat_nv_ext) s8.pNext = &cmf;
    vkGetPhysicalDeviceFeatures2(pd, &feats);
    // The cooperative-matrix SPIR-V declares the Vulkan memory model (a 1.2 feature), asked for
    // in a query of its own: the 1.2 struct overlaps the older ones chained above.
    bool memory_model = false;
    if (coopmat_nv_ext && p.apiVersion >= VK_API_VERSION_1_2) {
        auto v12 = chained<VkPhysicalDeviceVulkan12Features>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_VULKAN_1_2_FEATURES);
        auto f2 = chained<VkPhysicalDeviceFeatures2>(VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_FEATURES_2);
        f2.pNext = &v12;
        vkGetPhysicalDeviceFeatures2(pd, &f2);
        memory_model = v12.vulkanMemoryModel == VK_TRUE;
    }
    d.fp16 = f16i8.shaderFloat16 == VK_TRUE;
    d.int8 = f16i8.shaderInt8 == VK_TRUE;
    d.storage_16bit = s16.storageBuffer16BitAccess == VK_TRUE;
    d.storage_8bit = s8.storageBuffer8BitAccess == VK_TRUE;
    d.cooperative_matrix_nv = coopmat_nv_ext && cmf.cooperativeMatrix == VK_TRUE && memory_model && d.fp16 &&
                              (cmp.cooperativeMatrixSupportedStages & VK_SHADER_STAGE_COMPUTE_BIT) != 0;
    if (d.cooperative_matrix_nv) d.coopmat_shapes = coopmat_shapes_nv(instance, pd);

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
    for (uint32_t i = 0; i < n; ++i) out.push_back(query_device(instance.get(), pds[i], i));
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
