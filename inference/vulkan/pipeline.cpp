#include "inference/vulkan/pipeline.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>

#include "shaders/spirv.h"

namespace hearth::vk {

namespace {

uint64_t fnv1a(const void* data, size_t n, uint64_t h = 0xcbf29ce484222325ull) {
    const auto* p = static_cast<const uint8_t*>(data);
    for (size_t i = 0; i < n; ++i) h = (h ^ p[i]) * 0x100000001b3ull;
    return h;
}

// The cache file: this header, then the driver's data. All integers little-endian as the host.
struct CacheHeader {
    char magic[8];
    uint32_t version;
    uint32_t driver_version;
    uint8_t device_uuid[VK_UUID_SIZE];
    uint64_t shader_hash;
    uint64_t data_size;
    uint64_t data_hash;
};
constexpr char kMagic[8] = {'H', 'R', 'T', 'H', 'P', 'S', 'O', '1'};

CacheHeader header_for(const Device& device) {
    CacheHeader h{};
    std::memcpy(h.magic, kMagic, sizeof kMagic);
    h.version = 1;
    VkPhysicalDeviceIDProperties id{};
    id.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_ID_PROPERTIES;
    VkPhysicalDeviceProperties2 props{};
    props.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2;
    props.pNext = &id;
    vkGetPhysicalDeviceProperties2(device.physical(), &props);
    h.driver_version = props.properties.driverVersion;
    std::memcpy(h.device_uuid, id.deviceUUID, VK_UUID_SIZE);
    h.shader_hash = shader_set_hash();
    return h;
}

// The file's data when its header matches this device, driver and build; empty otherwise.
std::vector<char> read_cache_file(const std::filesystem::path& file, const CacheHeader& want) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return {};
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CacheHeader got;
    if (bytes.size() < sizeof got) return {};
    std::memcpy(&got, bytes.data(), sizeof got);
    if (std::memcmp(got.magic, want.magic, sizeof got.magic) || got.version != want.version ||
        got.driver_version != want.driver_version || std::memcmp(got.device_uuid, want.device_uuid, VK_UUID_SIZE) ||
        got.shader_hash != want.shader_hash || got.data_size != bytes.size() - sizeof got ||
        got.data_hash != fnv1a(bytes.data() + sizeof got, got.data_size))
        return {};
    return std::vector<char>(bytes.begin() + sizeof got, bytes.end());
}

}  // namespace

uint64_t shader_set_hash() {
    uint64_t h = 0xcbf29ce484222325ull;
    for (const auto& s : shaders::all) h = fnv1a(s.data(), s.size_bytes(), h);
    return h;
}

PipelineCache::PipelineCache(Device& device, const std::filesystem::path& folder) : device_(&device) {
    std::vector<char> data;
    if (!folder.empty()) {
        const CacheHeader h = header_for(device);
        char name[40];
        std::snprintf(name, sizeof name, "pipelines-%02x%02x%02x%02x%02x%02x.cache", h.device_uuid[0],
                      h.device_uuid[1], h.device_uuid[2], h.device_uuid[3], h.device_uuid[4], h.device_uuid[5]);
        file_ = folder / name;
        data = read_cache_file(file_, h);
    }
    VkPipelineCacheCreateInfo ci{};
    ci.sType = VK_STRUCTURE_TYPE_PIPELINE_CACHE_CREATE_INFO;
    ci.initialDataSize = data.size();
    ci.pInitialData = data.empty() ? nullptr : data.data();
    // The driver checks the data again (its own header); a refusal falls back to an empty cache.
    if (vkCreatePipelineCache(device.get(), &ci, nullptr, &driver_cache_) == VK_SUCCESS) {
        loaded_ = !data.empty();
    } else {
        ci.initialDataSize = 0;
        ci.pInitialData = nullptr;
        if (vkCreatePipelineCache(device.get(), &ci, nullptr, &driver_cache_) != VK_SUCCESS)
            driver_cache_ = VK_NULL_HANDLE;
    }
    dirty_ = !file_.empty() && !loaded_;  // replace a missing or rejected file
}

PipelineCache::~PipelineCache() {
    if (dirty_) (void)save();
    pipelines_.clear();
    if (driver_cache_) vkDestroyPipelineCache(device_->get(), driver_cache_, nullptr);
}

Status PipelineCache::save() {
    if (file_.empty() || !driver_cache_) return {};
    size_t n = 0;
    if (vkGetPipelineCacheData(device_->get(), driver_cache_, &n, nullptr) != VK_SUCCESS) return {};
    std::vector<char> data(n);
    if (n && vkGetPipelineCacheData(device_->get(), driver_cache_, &n, data.data()) != VK_SUCCESS) return {};
    data.resize(n);
    CacheHeader h = header_for(*device_);
    h.data_size = n;
    h.data_hash = fnv1a(data.data(), n);
    std::error_code ec;
    std::filesystem::create_directories(file_.parent_path(), ec);
    const auto tmp = file_.string() + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(&h), sizeof h);
        out.write(data.data(), static_cast<std::streamsize>(n));
        if (!out.flush())
            return make_error("vulkan.cache_write", "Could not write the shader cache '" + tmp + "': " +
                                                        std::strerror(errno) + ".");
    }
    std::filesystem::rename(tmp, file_, ec);
    if (ec)
        return make_error("vulkan.cache_write", "Could not replace the shader cache '" + file_.string() + "': " +
                                                    ec.message() + ".");
    dirty_ = false;
    return {};
}

Pipeline::~Pipeline() {
    if (!device_) return;
    if (pipeline_) vkDestroyPipeline(device_, pipeline_, nullptr);
    if (layout_) vkDestroyPipelineLayout(device_, layout_, nullptr);
    if (set_layout_) vkDestroyDescriptorSetLayout(device_, set_layout_, nullptr);
    if (module_) vkDestroyShaderModule(device_, module_, nullptr);
}

Result<std::unique_ptr<Pipeline>> create_pipeline(Device& device, const PipelineDesc& desc,
                                                  VkPipelineCache driver_cache) {
    const std::string what = std::string("building the compute kernel '") + desc.name + "'";
    if (desc.push_bytes > device.limits().maxPushConstantsSize)
        return make_error("vulkan.push_constants", "Internal error: kernel '" + std::string(desc.name) +
                                                       "' needs more push-constant bytes than the GPU allows.");
    auto p = std::make_unique<Pipeline>();
    p->device_ = device.get();
    p->bindings_ = desc.bindings;
    p->push_bytes_ = desc.push_bytes;
    p->name_ = desc.name;

    VkShaderModuleCreateInfo mi{};
    mi.sType = VK_STRUCTURE_TYPE_SHADER_MODULE_CREATE_INFO;
    mi.codeSize = desc.spirv.size_bytes();
    mi.pCode = desc.spirv.data();
    VkResult r = vkCreateShaderModule(device.get(), &mi, nullptr, &p->module_);
    if (r != VK_SUCCESS) return vk_error(&device, r, what);

    std::vector<VkDescriptorSetLayoutBinding> binds(desc.bindings);
    for (uint32_t i = 0; i < desc.bindings; ++i) {
        binds[i].binding = i;
        binds[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
        binds[i].descriptorCount = 1;
        binds[i].stageFlags = VK_SHADER_STAGE_COMPUTE_BIT;
    }
    VkDescriptorSetLayoutCreateInfo li{};
    li.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_LAYOUT_CREATE_INFO;
    li.bindingCount = desc.bindings;
    li.pBindings = binds.data();
    r = vkCreateDescriptorSetLayout(device.get(), &li, nullptr, &p->set_layout_);
    if (r != VK_SUCCESS) return vk_error(&device, r, what);

    VkPushConstantRange range{VK_SHADER_STAGE_COMPUTE_BIT, 0, desc.push_bytes};
    VkPipelineLayoutCreateInfo pli{};
    pli.sType = VK_STRUCTURE_TYPE_PIPELINE_LAYOUT_CREATE_INFO;
    pli.setLayoutCount = 1;
    pli.pSetLayouts = &p->set_layout_;
    pli.pushConstantRangeCount = desc.push_bytes ? 1 : 0;
    pli.pPushConstantRanges = &range;
    r = vkCreatePipelineLayout(device.get(), &pli, nullptr, &p->layout_);
    if (r != VK_SUCCESS) return vk_error(&device, r, what);

    std::vector<VkSpecializationMapEntry> entries(desc.spec.size());
    for (uint32_t i = 0; i < desc.spec.size(); ++i) entries[i] = {i, i * 4u, 4};
    VkSpecializationInfo si{};
    si.mapEntryCount = static_cast<uint32_t>(entries.size());
    si.pMapEntries = entries.data();
    si.dataSize = desc.spec.size() * 4;
    si.pData = desc.spec.data();

    VkPipelineShaderStageRequiredSubgroupSizeCreateInfo sg{};
    sg.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_REQUIRED_SUBGROUP_SIZE_CREATE_INFO;
    sg.requiredSubgroupSize = desc.required_subgroup_size;

    VkComputePipelineCreateInfo ci{};
    ci.sType = VK_STRUCTURE_TYPE_COMPUTE_PIPELINE_CREATE_INFO;
    ci.stage.sType = VK_STRUCTURE_TYPE_PIPELINE_SHADER_STAGE_CREATE_INFO;
    ci.stage.stage = VK_SHADER_STAGE_COMPUTE_BIT;
    ci.stage.module = p->module_;
    ci.stage.pName = "main";
    ci.stage.pSpecializationInfo = desc.spec.empty() ? nullptr : &si;
    if (desc.required_subgroup_size && device.features().subgroup_size_control) {
        ci.stage.pNext = &sg;
        ci.stage.flags = VK_PIPELINE_SHADER_STAGE_CREATE_REQUIRE_FULL_SUBGROUPS_BIT;
    }
    ci.layout = p->layout_;
    r = vkCreateComputePipelines(device.get(), driver_cache, 1, &ci, nullptr, &p->pipeline_);
    if (r != VK_SUCCESS) return vk_error(&device, r, what);
    return p;
}

Result<const Pipeline*> PipelineCache::get(const PipelineDesc& desc) {
    Key key{desc.spirv.data(), desc.spirv.size(), desc.spec, desc.required_subgroup_size};
    auto it = pipelines_.find(key);
    if (it != pipelines_.end()) return static_cast<const Pipeline*>(it->second.get());
    auto p = create_pipeline(*device_, desc, driver_cache_);
    if (!p) return p.error();
    dirty_ = true;
    const Pipeline* raw = p->get();
    pipelines_.emplace(std::move(key), std::move(*p));
    return raw;
}

}  // namespace hearth::vk
