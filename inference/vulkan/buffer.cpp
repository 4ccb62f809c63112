#include "inference/vulkan/buffer.h"

#include <algorithm>
#include <cassert>
#include <cstring>

#include "base/align.h"

namespace hearth::vk {

static std::string mib(uint64_t bytes) {
    return std::to_string((bytes + (1u << 20) - 1) >> 20) + " MiB";
}

Buffer& Buffer::operator=(Buffer&& o) noexcept {
    if (this != &o) {
        reset();
        device_ = o.device_;
        buffer_ = o.buffer_;
        memory_ = o.memory_;
        size_ = o.size_;
        mapped_ = o.mapped_;
        use_ = o.use_;
        o.device_ = nullptr;
        o.buffer_ = VK_NULL_HANDLE;
        o.memory_ = VK_NULL_HANDLE;
        o.size_ = 0;
        o.mapped_ = nullptr;
    }
    return *this;
}

void Buffer::reset() {
    if (!device_) return;
    if (buffer_) vkDestroyBuffer(device_->get(), buffer_, nullptr);
    if (memory_) {
        if (mapped_) vkUnmapMemory(device_->get(), memory_);
        vkFreeMemory(device_->get(), memory_, nullptr);
        device_->count_allocation(use_, -static_cast<int64_t>(size_));
    }
    device_ = nullptr;
    buffer_ = VK_NULL_HANDLE;
    memory_ = VK_NULL_HANDLE;
    mapped_ = nullptr;
    size_ = 0;
}

Result<Buffer> create_buffer(Device& device, uint64_t size, MemoryKind kind, MemoryUse use, const std::string& what) {
    if (size == 0) return make_error("vulkan.bad_size", "Internal error: " + what + " asked for an empty buffer.");
    const uint64_t heap = device.memory_properties().memoryHeaps[device.main_heap()].size;
    if (size > heap || size > device.max_allocation()) {
        const bool heap_short = size > heap;
        return make_error("vulkan.out_of_memory",
                          what + " needs " + mib(size) + " in one piece, but the GPU '" + device.info().name + "' " +
                              (heap_short ? "has only " + mib(heap) + " of memory"
                                          : "allocates at most " + mib(device.max_allocation()) + " at once") +
                              ". Choose a smaller model or context.");
    }
    // Never beyond the heap by our own count: drivers that overcommit (lavapipe) would otherwise
    // succeed here and fail later, or swap.
    const uint64_t held = device.memory_report().total_allocated();
    if (held + size > heap)
        return make_error("vulkan.out_of_memory",
                          "The GPU '" + device.info().name + "' has no room for " + what + " (" + mib(size) +
                              "; " + mib(held) + " of its " + mib(heap) +
                              " are in use by Hearth already). Choose a smaller model or context.");
    VkBufferCreateInfo bi{};
    bi.sType = VK_STRUCTURE_TYPE_BUFFER_CREATE_INFO;
    bi.size = size;
    bi.usage = VK_BUFFER_USAGE_STORAGE_BUFFER_BIT | VK_BUFFER_USAGE_TRANSFER_SRC_BIT | VK_BUFFER_USAGE_TRANSFER_DST_BIT;
    bi.sharingMode = VK_SHARING_MODE_EXCLUSIVE;

    Buffer b;
    b.device_ = &device;
    b.use_ = use;
    VkResult r = vkCreateBuffer(device.get(), &bi, nullptr, &b.buffer_);
    if (r != VK_SUCCESS) return vk_error(&device, r, "creating a buffer for " + what);

    VkMemoryRequirements req;
    vkGetBufferMemoryRequirements(device.get(), b.buffer_, &req);
    const VkMemoryPropertyFlags host = VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT | VK_MEMORY_PROPERTY_HOST_COHERENT_BIT;
    std::optional<uint32_t> type;
    if (kind == MemoryKind::DeviceLocal) {
        // On unified memory the device-local memory is also mappable: uploads become memcpy.
        type = device.find_memory_type(req.memoryTypeBits, VK_MEMORY_PROPERTY_DEVICE_LOCAL_BIT,
                                       device.info().unified_memory ? host : 0);
        if (!type) type = device.find_memory_type(req.memoryTypeBits, 0, 0);
    } else {
        type = device.find_memory_type(req.memoryTypeBits, host, VK_MEMORY_PROPERTY_HOST_CACHED_BIT);
    }
    if (!type)
        return make_error("vulkan.no_memory_type", "The GPU '" + device.info().name +
                                                        "' offers no suitable memory for " + what + ".");

    VkMemoryAllocateInfo ai{};
    ai.sType = VK_STRUCTURE_TYPE_MEMORY_ALLOCATE_INFO;
    ai.allocationSize = req.size;
    ai.memoryTypeIndex = *type;
    r = vkAllocateMemory(device.get(), &ai, nullptr, &b.memory_);
    if (r != VK_SUCCESS) {
        b.memory_ = VK_NULL_HANDLE;
        if (r == VK_ERROR_OUT_OF_DEVICE_MEMORY || r == VK_ERROR_OUT_OF_HOST_MEMORY)
            return make_error("vulkan.out_of_memory",
                              "The GPU '" + device.info().name + "' has no room for " + what + " (" + mib(size) +
                                  "; the engine holds " + mib(device.memory_report().total_allocated()) +
                                  " already). Close other GPU programs, or choose a smaller model or context.");
        return vk_error(&device, r, "allocating " + mib(size) + " for " + what);
    }
    b.size_ = size;
    device.count_allocation(use, static_cast<int64_t>(size));
    r = vkBindBufferMemory(device.get(), b.buffer_, b.memory_, 0);
    if (r != VK_SUCCESS) return vk_error(&device, r, "binding memory for " + what);
    if (device.memory_properties().memoryTypes[*type].propertyFlags & VK_MEMORY_PROPERTY_HOST_VISIBLE_BIT) {
        r = vkMapMemory(device.get(), b.memory_, 0, VK_WHOLE_SIZE, 0, &b.mapped_);
        if (r != VK_SUCCESS) b.mapped_ = nullptr;  // still usable through staging
    }
    return b;
}

BufferView BufferView::sub(uint64_t off, uint64_t n) const {
    assert(off + n <= size);
    BufferView v{buffer, offset + off, n, mapped ? static_cast<char*>(mapped) + off : nullptr};
    return v;
}

BufferView view_of(const Buffer& b) { return BufferView{b.handle(), 0, b.size(), b.mapped()}; }

Arena::Arena(Device& device, MemoryKind kind, MemoryUse use, uint64_t block_size)
    : device_(&device), kind_(kind), use_(use), packer_(std::min(block_size, device.max_allocation())) {}

Result<BufferView> Arena::alloc(uint64_t size, const std::string& what, uint64_t align) {
    assert(device_);
    const uint64_t a = std::max<uint64_t>(align, device_->limits().minStorageBufferOffsetAlignment);
    size = std::max<uint64_t>(size, 4);
    if (size > device_->max_binding_range())
        return make_error("vulkan.too_large", what + " is " + mib(size) + ", more than the " +
                                                  mib(device_->max_binding_range()) + " one GPU buffer may hold.");
    const auto at = packer_.place(size, a);
    if (at.new_block) {
        auto buf = create_buffer(*device_, at.new_block, kind_, use_, what);
        if (!buf) {
            packer_.drop_last_block();
            return buf.error();
        }
        blocks_.push_back(std::move(*buf));
    }
    return view_of(blocks_[at.block]).sub(at.offset, size);
}

Result<std::vector<BufferView>> Arena::alloc_rows(uint64_t rows, uint64_t row_bytes, const std::string& what) {
    const uint64_t limit = std::min(device_->max_binding_range(), device_->max_allocation());
    if (row_bytes > limit)
        return make_error("vulkan.too_large", what + " has rows of " + mib(row_bytes) +
                                                  ", more than one GPU buffer may hold.");
    const uint64_t rows_per = std::max<uint64_t>(1, limit / row_bytes);
    std::vector<BufferView> out;
    for (uint64_t r = 0; r < rows; r += rows_per) {
        const uint64_t n = std::min(rows_per, rows - r);
        auto v = alloc(n * row_bytes, what);
        if (!v) return v.error();
        out.push_back(*v);
    }
    return out;
}

void Arena::reset() {
    blocks_.clear();
    packer_.reset();
}

// ---- transfers ----

Uploader::Uploader(Device& device, uint64_t staging_bytes) : device_(&device), staging_bytes_(staging_bytes) {}

Uploader::~Uploader() {
    VkDevice d = device_->get();
    if (fence_) vkDestroyFence(d, fence_, nullptr);
    if (pool_) vkDestroyCommandPool(d, pool_, nullptr);
}

Status Uploader::ensure() {
    if (staging_) return {};
    auto s = create_buffer(*device_, staging_bytes_, MemoryKind::Staging, MemoryUse::Staging, "the upload staging buffer");
    if (!s) return s.error();
    staging_ = std::move(*s);
    if (!staging_.mapped()) return make_error("vulkan.map_failed", "Could not map the upload staging buffer.");
    VkCommandPoolCreateInfo pi{};
    pi.sType = VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO;
    pi.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
    pi.queueFamilyIndex = device_->queue_family();
    VkResult r = vkCreateCommandPool(device_->get(), &pi, nullptr, &pool_);
    if (r != VK_SUCCESS) return vk_error(device_, r, "creating a command pool");
    VkCommandBufferAllocateInfo ci{};
    ci.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO;
    ci.commandPool = pool_;
    ci.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    ci.commandBufferCount = 1;
    r = vkAllocateCommandBuffers(device_->get(), &ci, &cmd_);
    if (r != VK_SUCCESS) return vk_error(device_, r, "allocating a command buffer");
    VkFenceCreateInfo fi{};
    fi.sType = VK_STRUCTURE_TYPE_FENCE_CREATE_INFO;
    r = vkCreateFence(device_->get(), &fi, nullptr, &fence_);
    if (r != VK_SUCCESS) return vk_error(device_, r, "creating a fence");
    return {};
}

Status Uploader::copy(VkBuffer src, uint64_t src_off, VkBuffer dst, uint64_t dst_off, uint64_t bytes) {
    if (device_->lost()) return vk_error(device_, VK_ERROR_DEVICE_LOST, "copying data");
    VkCommandBufferBeginInfo bi{};
    bi.sType = VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO;
    bi.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
    vkResetCommandBuffer(cmd_, 0);
    vkBeginCommandBuffer(cmd_, &bi);
    // Earlier compute writes must land before a readback copy; the copy before later compute reads.
    VkMemoryBarrier mb{};
    mb.sType = VK_STRUCTURE_TYPE_MEMORY_BARRIER;
    mb.srcAccessMask = VK_ACCESS_SHADER_WRITE_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
    mb.dstAccessMask = VK_ACCESS_TRANSFER_READ_BIT | VK_ACCESS_TRANSFER_WRITE_BIT;
    vkCmdPipelineBarrier(cmd_, VK_PIPELINE_STAGE_COMPUTE_SHADER_BIT | VK_PIPELINE_STAGE_TRANSFER_BIT,
                         VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 1, &mb, 0, nullptr, 0, nullptr);
    VkBufferCopy region{src_off, dst_off, bytes};
    vkCmdCopyBuffer(cmd_, src, dst, 1, &region);
    vkEndCommandBuffer(cmd_);
    VkSubmitInfo si{};
    si.sType = VK_STRUCTURE_TYPE_SUBMIT_INFO;
    si.commandBufferCount = 1;
    si.pCommandBuffers = &cmd_;
    VkResult r = vkQueueSubmit(device_->queue(), 1, &si, fence_);
    if (r != VK_SUCCESS) return vk_error(device_, r, "submitting a copy");
    r = vkWaitForFences(device_->get(), 1, &fence_, VK_TRUE, UINT64_MAX);
    vkResetFences(device_->get(), 1, &fence_);
    if (r != VK_SUCCESS) return vk_error(device_, r, "waiting for a copy");
    return {};
}

Status Uploader::upload(const BufferView& dst, const void* src, uint64_t bytes) {
    assert(bytes <= dst.size);
    if (dst.mapped) {
        std::memcpy(dst.mapped, src, bytes);
        return {};
    }
    if (auto st = ensure(); !st) return st;
    const auto* p = static_cast<const char*>(src);
    for (uint64_t done = 0; done < bytes;) {
        const uint64_t n = std::min(staging_bytes_, bytes - done);
        std::memcpy(staging_.mapped(), p + done, n);
        if (auto st = copy(staging_.handle(), 0, dst.buffer, dst.offset + done, n); !st) return st;
        done += n;
    }
    return {};
}

Status Uploader::download(const BufferView& src, void* dst, uint64_t bytes) {
    assert(bytes <= src.size);
    if (src.mapped) {
        std::memcpy(dst, src.mapped, bytes);
        return {};
    }
    if (auto st = ensure(); !st) return st;
    auto* p = static_cast<char*>(dst);
    for (uint64_t done = 0; done < bytes;) {
        const uint64_t n = std::min(staging_bytes_, bytes - done);
        if (auto st = copy(src.buffer, src.offset + done, staging_.handle(), 0, n); !st) return st;
        std::memcpy(p + done, staging_.mapped(), n);
        done += n;
    }
    return {};
}

Status upload(Device& device, const BufferView& dst, const void* src, uint64_t bytes) {
    Uploader u(device, std::min<uint64_t>(64ull << 20, std::max<uint64_t>(bytes, 256)));
    return u.upload(dst, src, bytes);
}

Status download(Device& device, const BufferView& src, void* dst, uint64_t bytes) {
    Uploader u(device, std::min<uint64_t>(64ull << 20, std::max<uint64_t>(bytes, 256)));
    return u.download(src, dst, bytes);
}

}  // namespace hearth::vk
