// What a Vulkan physical device is and can do, as plain data: what `hearth-cli devices` and
// the app's device list show, and what the engine uses to pick kernels and respect limits.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "inference/vulkan/instance.h"

namespace hearth::vk {

enum class DeviceType { Discrete, Integrated, Virtual, Cpu, Other };

struct MemoryHeap {
    uint64_t size = 0;          // bytes
    uint64_t budget = 0;        // bytes this process may use now (VK_EXT_memory_budget), 0 if unknown
    uint64_t usage = 0;         // bytes in use by this process, 0 if unknown
    bool device_local = false;
};

// The element type of a cooperative matrix operand (VkComponentTypeNV).
enum class CoopMatType : uint8_t { F16, F32, F64, S8, S16, S32, S64, U8, U16, U32, U64, Other };

// One matrix-multiply shape a device runs with cooperative matrices (VK_NV_cooperative_matrix):
// D (m x n, type d) = A (m x k, type a) * B (k x n, type b) + C (m x n, type c).
struct CoopMatShape {
    uint32_t m = 0, n = 0, k = 0;
    CoopMatType a = CoopMatType::Other, b = CoopMatType::Other, c = CoopMatType::Other, d = CoopMatType::Other;
    bool subgroup_scope = false;  // the matrices are spread over one subgroup
};

struct DeviceInfo {
    uint32_t index = 0;         // position in vkEnumeratePhysicalDevices order
    std::string name;
    DeviceType type = DeviceType::Other;
    std::string driver_name;    // e.g. "llvmpipe", "NVIDIA"
    std::string driver_info;    // e.g. "Mesa 22.3.6 (LLVM 15.0.6)"
    uint32_t api_version = 0;
    uint32_t vendor_id = 0;
    uint32_t device_id = 0;
    std::vector<MemoryHeap> heaps;
    bool unified_memory = false;          // every heap is device-local (integrated GPUs, CPUs)

    uint32_t subgroup_size = 0;
    uint32_t subgroup_size_min = 0;       // subgroup size control range, 0 when unsupported
    uint32_t subgroup_size_max = 0;
    uint64_t max_storage_buffer_range = 0;
    uint64_t max_memory_allocation_size = 0;
    uint32_t max_compute_shared_memory = 0;
    uint32_t max_workgroup_invocations = 0;

    bool fp16 = false;                    // shaderFloat16 arithmetic
    bool int8 = false;                    // shaderInt8 arithmetic
    bool storage_16bit = false;           // 16-bit values in storage buffers
    bool storage_8bit = false;            // 8-bit values in storage buffers
    bool integer_dot_product = false;     // VK_KHR_shader_integer_dot_product present
    bool integer_dot_accelerated = false; // ...and the 4x8-bit packed form runs in hardware
    bool cooperative_matrix = false;      // VK_KHR_ or VK_NV_cooperative_matrix
    // VK_NV_cooperative_matrix with its feature, usable in compute shaders, and the Vulkan memory
    // model its SPIR-V needs; coopmat_shapes lists what it multiplies, the driver's preferred first.
    bool cooperative_matrix_nv = false;
    std::vector<CoopMatShape> coopmat_shapes;
    bool memory_budget = false;           // VK_EXT_memory_budget
    bool timestamps = false;              // compute queue supports timestamp queries
};

const char* to_string(DeviceType t);
std::string api_version_string(uint32_t v);
uint64_t device_local_bytes(const DeviceInfo& d);
const char* to_string(CoopMatType t);                // "f16", "f32", "s8", ...
std::string to_string(const CoopMatShape& s);        // "16x8x16 f16*f16+f32->f32"
// One line for device listings: "no", "yes (VK_KHR_cooperative_matrix, not used)", or
// "yes (NV: 16x8x16 f16*f16+f32->f32, ...)" with the subgroup-scope shapes.
std::string coopmat_summary(const DeviceInfo& d);

// Every physical device the loader reports, with capabilities queried fresh.
Result<std::vector<DeviceInfo>> list_devices(const Instance& instance);

// Convenience for front ends: creates an instance and lists devices. Fails with
// "vulkan.no_driver" when there is no driver or no device.
Result<std::vector<DeviceInfo>> list_devices();

}  // namespace hearth::vk
