#include "inference/vulkan/pipeline.h"

namespace hearth::vk {

Pipeline::~Pipeline() {
    if (!device_) return;
    if (pipeline_) vkDestroyPipeline(device_, pipeline_, nullptr);
    if (layout_) vkDestroyPipelineLayout(device_, layout_, nullptr);
    if (set_layout_) vkDestroyDescriptorSetLayout(device_, set_layout_, nullptr);
    if (module_) vkDestroyShaderModule(device_, module_, nullptr);
}

Result<std::unique_ptr<Pipeline>> create_pipeline(Device& device, const PipelineDesc& desc) {
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
    r = vkCreateComputePipelines(device.get(), VK_NULL_HANDLE, 1, &ci, nullptr, &p->pipeline_);
    if (r != VK_SUCCESS) return vk_error(&device, r, what);
    return p;
}

Result<const Pipeline*> PipelineCache::get(const PipelineDesc& desc) {
    Key key{desc.spirv.data(), desc.spirv.size(), desc.spec, desc.required_subgroup_size};
    auto it = pipelines_.find(key);
    if (it != pipelines_.end()) return static_cast<const Pipeline*>(it->second.get());
    auto p = create_pipeline(*device_, desc);
    if (!p) return p.error();
    const Pipeline* raw = p->get();
    pipelines_.emplace(std::move(key), std::move(*p));
    return raw;
}

}  // namespace hearth::vk
