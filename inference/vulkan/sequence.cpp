#include "inference/vulkan/sequence.h"

#include <cassert>

namespace hearth::vk {

static constexpr uint32_t kSetsPerPool = 512;
static constexpr uint32_t kBuffersPerPool = kSetsPerPool * 8;

Result<std::unique_ptr<Sequence>> create_sequence(Device& device, uint32_t max_timestamps) {
    std::unique_ptr<Sequence> s(new Sequence(device));
    VkCommandPoolCreateInfo pi{};
    pi.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
    pi.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
    pi.queueFamilyIndex = device.queue_family();
    VkResult r = vkCreateCommandPool(device.get(), &pi, nullptr, &s->pool_);
    if (r != VK_SUCCESS) return vk_error(&device, r, "creating a command pool");
    VkCommandBufferAllocateInfo ci{};
    ci.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
    ci.commandPool = s->pool_;
    ci.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    ci.commandBufferCount = 1;
    r = vkAllocateCommandBuffers(device.get(), &ci, &s->cmd_);
    if (r != VK_SUCCESS) return vk_error(&device, r, "allocating a command buffer");
    VkFenceCreateInfo fi{};
    fi.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
    r = vkCreateFence(device.get(), &fi, nullptr, &s->fence_);
    if (r != VK_SUCCESS) return vk_error(&device, r, "creating a fence");
    if (max_timestamps && device.info().timestamps) {
        VkQueryPoolCreateInfo qi{};
        qi.sType = VK_STRUCTURE_TYPE_QUERY_POOL_CREATE_INFO;
        qi.queryType = VK_QUERY_TYPE_TIMESTAMP;
        qi.queryCount = max_timestamps + 1;
        r = vkCreateQueryPool(device.get(), &qi, nullptr, &s->queries_);
        if (r != VK_SUCCESS) return vk_error(&device, r, "creating timestamp queries");
        s->max_queries_ = max_timestamps + 1;
    }
    return s;
}

Sequence::~Sequence() {
    VkDevice d = device_->get();
    if (in_flight_) vkWaitForFences(d, 1, &fence_, VK_TRUE, UINT64_MAX);
    for (auto p : desc_pools_) vkDestroyDescriptorPool(d, p, nullptr);
    if (queries_) vkDestroyQueryPool(d, queries_, nullptr);
    if (fence_) vkDestroyFence(d, fence_, nullptr);
    if (pool_) vkDestroyCommandPool(d, pool_, nullptr);
}

Status Sequence::begin() {
    if (in_flight_)
        if (auto st = wait(); !st) return st;
    vkResetCommandBuffer(cmd_, 0);
    for (auto p : desc_pools_) vkResetDescriptorPool(device_->get(), p, 0);
    desc_pool_in_use_ = 0;
    reads_.clear();
    writes_.clear();
    labels_.clear();
    dispatches_ = barriers_ = 0;
    VkCommandBufferBeginInfo bi{};
    bi.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
    VkResult r = vkBeginCommandBuffer(cmd_, &bi);
    if (r != VK_SUCCESS) return vk_error(device_, r, "recording GPU work");
    if (queries_) {
        vkCmdResetQueryPool(cmd_, queries_, 0, max_queries_);
        vkCmdWriteTimestamp(cmd_, VK_PIPELINE_STAGE_TOP_OF_PIPE_BIT, queries_, 0);
    }
    recording_ = true;
    recorded_ = false;
    return {};
}

Result<VkDescriptorSet> Sequence::allocate_set(VkDescriptorSetLayout layout) {
    for (;;) {
        if (desc_pool_in_use_ == desc_pools_.size()) {
            VkDescriptorPoolSize size{VK_DESCRIPTOR_TYPE_STORAGE_BUFFER, kBuffersPerPool};
            VkDescriptorPoolCreateInfo pi{};
            pi.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_POOL_CREATE_INFO;
            pi.maxSets = kSetsPerPool;
            pi.poolSizeCount = 1;
            pi.pPoolSizes = &size;
            VkDescriptorPool pool;
            VkResult r = vkCreateDescriptorPool(device_->get(), &pi, nullptr, &pool);
            if (r != VK_SUCCESS) return vk_error(device_, r, "creating a descriptor pool");
            desc_pools_.push_back(pool);
        }
        VkDescriptorSetAllocateInfo ai{};
        ai.sType = VK_STRUCTURE_TYPE_DESCRIPTOR_SET_ALLOCATE_INFO;
        ai.descriptorPool = desc_pools_[desc_pool_in_use_];
        ai.descriptorSetCount = 1;
        ai.pSetLayouts = &layout;
        VkDescriptorSet set;
        VkResult r = vkAllocateDescriptorSets(device_->get(), &ai, &set);
        if (r == VK_SUCCESS) return set;
        if (r != VK_ERROR_OUT_OF_POOL_MEMORY && r != VK_ERROR_FRAGMENTED_POOL)
            return vk_error(device_, r, "allocating a descriptor set");
        ++desc_pool_in_use_;  // this pool is full: the next one
    }
}


bool Sequence::hazard(const Binding& bd) const {
    const uint64_t b = bd.view.offset, e = bd.view.offset + bd.view.size;
    auto hit = [&](const std::vector<Range>& rs) {
        for (const auto& r : rs)
            if (r.buffer == bd.view.buffer && b < r.end && r.begin < e) return true;
        return false;
    };
    return hit(writes_) || (bd.write && hit(reads_));
}

void Sequence::track(const Binding& bd) {
    (bd.write ? writes_ : reads_).push_back(Range{bd.view.buffer, bd.view.offset, bd.view.offset + bd.view.size});
}

void Sequence::barrier() {
    VkMemoryBarrier mb{};
    mb.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER;
    mb.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
    mb.dstAccessMask = VK_ACCESS_SHADER_READ_BIT | VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_READ_BIT |
                       VK_ACCESS_TRANSFER_WRITE_BIT;
    const VkPipelineStageFlags stages = VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT;
    vkCmdPipelineBarrier(cmd_, stages, stages, 0, 1, &mb, 0, nullptr, 0, nullptr);
    reads_.clear();
    writes_.clear();
    ++barriers_;
}

Status Sequence::dispatch(const Pipeline& p, std::initializer_list<Binding> bindings, const void* push, uint32_t gx,
                          uint32_t gy, uint32_t gz) {
    return dispatch(p, std::vector<Binding>(bindings), push, gx, gy, gz);
}

Status Sequence::dispatch(const Pipeline& p, const std::vector<Binding>& bindings, const void* push, uint32_t gx,
                          uint32_t gy, uint32_t gz) {
    assert(recording_);
    if (bindings.size() != p.bindings())
        return make_error("vulkan.bad_dispatch", "Internal error: kernel '" + p.name() + "' takes " +
                                                     std::to_string(p.bindings()) + " buffers, got " +
                                                     std::to_string(bindings.size()) + ".");
    for (const auto& b : bindings) {
        if (!b.view || b.view.size > device_->max_binding_range())
            return make_error("vulkan.bad_dispatch", "Internal error: kernel '" + p.name() +
                                                         "' was given a missing or oversized buffer.");
    }
    if (gx == 0 || gy == 0 || gz == 0) return {};
    auto set = allocate_set(p.set_layout());
    if (!set) return set.error();
    std::vector<VkDescriptorBufferInfo> infos(bindings.size());
    std::vector<VkWriteDescriptorSet> writes(bindings.size());
    for (size_t i = 0; i < bindings.size(); ++i) {
        infos[i] = {bindings[i].view.buffer, bindings[i].view.offset, bindings[i].view.size};
        writes[i].sType = VK_STRUCTURE_TYPE_WRITE_DESCRIPTOR_SET;
        writes[i].dstSet = *set;
        writes[i].dstBinding = static_cast<uint32_t>(i);
        writes[i].descriptorCount = 1;
        writes[i].descriptorType = VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
        writes[i].pBufferInfo = &infos[i];
    }
    vkUpdateDescriptorSets(device_->get(), static_cast<uint32_t>(writes.size()), writes.data(), 0, nullptr);

    bool need = false;
    for (const auto& b : bindings) need = need || hazard(b);
    if (need) barrier();
    for (const auto& b : bindings) track(b);

    vkCmdBindPipeline(cmd_, VK_PIPELINE_BIND_POINT_COMPUTE, p.handle());
    VkDescriptorSet s = *set;
    vkCmdBindDescriptorSets(cmd_, VK_PIPELINE_BIND_POINT_COMPUTE, p.layout(), 0, 1, &s, 0, nullptr);
    if (p.push_bytes()) vkCmdPushConstants(cmd_, p.layout(), VK_SHADER_STAGE_COMPUTE_BIT, 0, p.push_bytes(), push);
    vkCmdDispatch(cmd_, gx, gy, gz);
    ++dispatches_;
    return {};
}

void Sequence::copy(const BufferView& src, const BufferView& dst, uint64_t bytes) {
    assert(recording_);
    Binding a = in(src.sub(0, bytes)), b = out(dst.sub(0, bytes));
    if (hazard(a) || hazard(b)) barrier();
    track(a);
    track(b);
    VkBufferCopy region{src.offset, dst.offset, bytes};
    vkCmdCopyBuffer(cmd_, src.buffer, dst.buffer, 1, &region);
}

void Sequence::fill(const BufferView& dst, uint32_t value) {
    assert(recording_);
    Binding b = out(dst);
    if (hazard(b)) barrier();
    track(b);
    vkCmdFillBuffer(cmd_, dst.buffer, dst.offset, dst.size, value);
}

void Sequence::timestamp(const std::string& label) {
    if (!queries_ || labels_.size() + 1 >= max_queries_) return;
    labels_.push_back(label);
    vkCmdWriteTimestamp(cmd_, VK_PIPELINE_STAGE_BOTTOM_OF_PIPE_BIT, queries_, static_cast<uint32_t>(labels_.size()));
}

Status Sequence::end() {
    assert(recording_);
    // Results become visible to the host (mapped reads) and to later copies.
    VkMemoryBarrier mb{};
    mb.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER;
    mb.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
    mb.dstAccessMask = VK_ACCESS_HOST_READ_BIT | VK_ACCESS_TRANSFER_READ_BIT;
    vkCmdPipelineBarrier(cmd_, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
                         VK_PIPELINE_STAGE_HOST_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 1, &mb, 0, nullptr, 0,
                         nullptr);
    recording_ = false;
    VkResult r = vkEndCommandBuffer(cmd_);
    if (r != VK_SUCCESS) return vk_error(device_, r, "recording GPU work");
    recorded_ = true;
    return {};
}

Status Sequence::submit() {
    assert(recorded_);
    if (in_flight_)  // a cancelled wait left it running: the command buffer is still in use
        if (auto st = wait(); !st) return st;
    if (device_->lost()) return vk_error(device_, VK_ERROR_DEVICE_LOST, "starting GPU work");
    VkSubmitInfo si{};
    si.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
    si.commandBufferCount = 1;
    si.pCommandBuffers = &cmd_;
    VkResult r = vkQueueSubmit(device_->queue(), 1, &si, fence_);
    if (r != VK_SUCCESS) return vk_error(device_, r, "starting GPU work");
    in_flight_ = true;
    return {};
}

Status Sequence::wait(const std::atomic<bool>* cancel) {
    if (!in_flight_) return {};
    VkResult r;
    for (;;) {
        r = vkWaitForFences(device_->get(), 1, &fence_, VK_TRUE, cancel ? kWaitSliceMs * 1'000'000 : UINT64_MAX);
        if (r != VK_TIMEOUT) break;
        if (cancel && cancel->load(std::memory_order_relaxed))
            return make_error("engine.cancelled", "Stopped; the GPU finishes the step it was running.");
    }
    in_flight_ = false;
    vkResetFences(device_->get(), 1, &fence_);
    if (r != VK_SUCCESS) return vk_error(device_, r, "waiting for the GPU");
    return {};
}

std::vector<OpTime> Sequence::timings() const {
    std::vector<OpTime> out;
    if (!queries_ || labels_.empty()) return out;
    std::vector<uint64_t> ts(labels_.size() + 1);
    VkResult r = vkGetQueryPoolResults(device_->get(), queries_, 0, static_cast<uint32_t>(ts.size()),
                                       ts.size() * sizeof(uint64_t), ts.data(), sizeof(uint64_t),
                                       VK_QUERY_RESULT_64_BIT | VK_QUERY_RESULT_WAIT_BIT);
    if (r != VK_SUCCESS) return out;
    const double ns = device_->timestamp_period_ns();
    for (size_t i = 0; i < labels_.size(); ++i)
        out.push_back(OpTime{labels_[i], static_cast<double>(ts[i + 1] - ts[i]) * ns * 1e-6});
    return out;
}

}  // namespace hearth::vk
