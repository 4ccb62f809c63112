// Compute pipelines: SPIR-V + specialization constants + push-constant size + number of
// storage-buffer bindings (all in set 0, bindings 0..n-1). Created on first use and cached
// for the device's lifetime; the driver's compiled code is kept across runs in a pipeline cache
// file, so a second start does not compile the shaders again.
#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <tuple>
#include <vector>

#include "base/result.h"
#include "inference/vulkan/buffer.h"
#include "inference/vulkan/device.h"

namespace hearth::vk {

struct PipelineDesc {
    const char* name = "";                  // for error messages and profiles
    std::span<const uint32_t> spirv;        // e.g. hearth::shaders::rms_norm
    std::vector<uint32_t> spec;             // constant_id i = spec[i] (all 32-bit)
    uint32_t push_bytes = 0;                // size of the push-constant block (<= 128)
    uint32_t bindings = 0;                  // storage buffers at set 0, binding 0..bindings-1
    uint32_t required_subgroup_size = 0;    // 0: the driver's choice; needs subgroup size control
};

// Move-only owner of a compute pipeline and its layouts.
class Pipeline {
public:
    Pipeline() = default;
    Pipeline(const Pipeline&) = delete;
    Pipeline& operator=(const Pipeline&) = delete;
    ~Pipeline();

    VkPipeline handle() const { return pipeline_; }
    VkPipelineLayout layout() const { return layout_; }
    VkDescriptorSetLayout set_layout() const { return set_layout_; }
    uint32_t bindings() const { return bindings_; }
    uint32_t push_bytes() const { return push_bytes_; }
    const std::string& name() const { return name_; }

private:
    friend Result<std::unique_ptr<Pipeline>> create_pipeline(Device&, const PipelineDesc&, VkPipelineCache);
    VkDevice device_ = VK_NULL_HANDLE;
    VkShaderModule module_ = VK_NULL_HANDLE;
    VkDescriptorSetLayout set_layout_ = VK_NULL_HANDLE;
    VkPipelineLayout layout_ = VK_NULL_HANDLE;
    VkPipeline pipeline_ = VK_NULL_HANDLE;
    uint32_t bindings_ = 0;
    uint32_t push_bytes_ = 0;
    std::string name_;
};

// `driver_cache` (may be VK_NULL_HANDLE) lets the driver reuse code it compiled before.
Result<std::unique_ptr<Pipeline>> create_pipeline(Device& device, const PipelineDesc& desc,
                                                  VkPipelineCache driver_cache = VK_NULL_HANDLE);

// A hash of every embedded shader: part of the pipeline cache file's key.
uint64_t shader_set_hash();

// Lazily created pipelines, one per distinct (SPIR-V, specialization, subgroup size).
// Pointers it returns stay valid for the cache's lifetime.
//
// With a folder, the driver's VkPipelineCache is read from and saved to a file in it, keyed by
// the device's UUID, the driver version and shader_set_hash(). A file that is damaged, truncated
// or made for another device, driver or build is ignored and replaced at the next save.
class PipelineCache {
public:
    explicit PipelineCache(Device& device, const std::filesystem::path& folder = {});
    PipelineCache(const PipelineCache&) = delete;
    PipelineCache& operator=(const PipelineCache&) = delete;
    ~PipelineCache();  // saves when pipelines were created since the last save

    Result<const Pipeline*> get(const PipelineDesc& desc);
    size_t size() const { return pipelines_.size(); }
    Device& device() const { return *device_; }
    // The IQ kernels' tables buffer (iq_tables_gpu.h), uploaded on first use.
    Result<BufferView> iq_tables();

    // Writes the driver's cache to the file (through a temporary file and a rename). Errors:
    // "vulkan.cache_write" with the OS reason; nothing when the cache has no folder.
    Status save();
    const std::filesystem::path& file() const { return file_; }
    bool loaded_from_file() const { return loaded_; }  // the file was valid and given to the driver

private:
    using Key = std::tuple<const uint32_t*, size_t, std::vector<uint32_t>, uint32_t>;
    Device* device_;
    VkPipelineCache driver_cache_ = VK_NULL_HANDLE;
    std::filesystem::path file_;
    bool loaded_ = false, dirty_ = false;
    std::map<Key, std::unique_ptr<Pipeline>> pipelines_;
    Buffer iq_tables_;
};

}  // namespace hearth::vk
