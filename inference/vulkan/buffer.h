// Device memory: owned buffers, non-owning views into them, an arena that sub-allocates views
// from large blocks within the device's limits, and upload/download through staging.
//
// Memory kinds:
//   DeviceLocal  fastest for the GPU; host-visible too on unified memory (then mapped directly)
//   Host         host-visible and coherent, mapped for the buffer's lifetime (readback, small uploads)
//   Staging      like Host, for transfers only (counted as staging)
#pragma once

#include <vulkan/vulkan.h>

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "inference/arch/memory_plan.h"
#include "inference/vulkan/device.h"

namespace hearth::vk {

enum class MemoryKind { DeviceLocal, Host, Staging };

// Move-only owner of one VkBuffer bound to its own VkDeviceMemory.
class Buffer {
public:
    Buffer() = default;
    Buffer(Buffer&& o) noexcept { *this = std::move(o); }
    Buffer& operator=(Buffer&& o) noexcept;
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;
    ~Buffer() { reset(); }

    VkBuffer handle() const { return buffer_; }
    uint64_t size() const { return size_; }
    // Host pointer to the whole buffer, or nullptr when the memory is not host-visible.
    void* mapped() const { return mapped_; }
    MemoryUse use() const { return use_; }
    explicit operator bool() const { return buffer_ != VK_NULL_HANDLE; }
    void reset();

private:
    friend Result<Buffer> create_buffer(Device&, uint64_t, MemoryKind, MemoryUse, const std::string&);
    Device* device_ = nullptr;
    VkBuffer buffer_ = VK_NULL_HANDLE;
    VkDeviceMemory memory_ = VK_NULL_HANDLE;
    uint64_t size_ = 0;
    void* mapped_ = nullptr;
    MemoryUse use_ = MemoryUse::Other;
};

// Creates a buffer of `size` bytes (> 0). `what` names its purpose in error messages
// ("the KV cache"). Fails with "vulkan.out_of_memory" when it does not fit (the heap, the
// device's largest allocation, or the driver says so); nothing is leaked.
Result<Buffer> create_buffer(Device& device, uint64_t size, MemoryKind kind, MemoryUse use,
                             const std::string& what);

// A byte range of a buffer: what a shader binding sees. Never owns anything.
struct BufferView {
    VkBuffer buffer = VK_NULL_HANDLE;
    uint64_t offset = 0;
    uint64_t size = 0;
    void* mapped = nullptr;  // host pointer to `offset`, when host-visible

    explicit operator bool() const { return buffer != VK_NULL_HANDLE; }
    // The sub-range [offset, offset+size) of this view (no checks beyond an assert).
    BufferView sub(uint64_t offset, uint64_t size) const;
};
BufferView view_of(const Buffer& b);

// Sub-allocates views from blocks of at most `block_size` bytes (smaller where the device
// requires), so many tensors share few VkDeviceMemory objects. Placement is arch::BlockPacker's,
// the same the memory plan uses, so a plan's byte counts are what the arena allocates: blocks
// start at the size given to expect() (less what is placed already), else small and doubling;
// a request larger than a block gets a block of its own. Every view starts on
// arch::kPlanAlign. Views stay valid until the arena is destroyed or reset.
class Arena {
public:
    Arena() = default;
    Arena(Device& device, MemoryKind kind, MemoryUse use, uint64_t block_size);
    Arena(Arena&&) noexcept = default;
    Arena& operator=(Arena&&) noexcept = default;

    // `size` bytes aligned to arch::kPlanAlign (and `align`).
    // Fails when size exceeds what one binding may address (use alloc_rows for that).
    Result<BufferView> alloc(uint64_t size, const std::string& what, uint64_t align = 0);
    // Splits `rows` rows of `row_bytes` each into views no larger than one binding may see, each
    // holding whole rows. One view when it fits.
    Result<std::vector<BufferView>> alloc_rows(uint64_t rows, uint64_t row_bytes, const std::string& what);

    // The total about to be allocated (arch::ArenaPlan::expected): blocks are sized for it.
    void expect(uint64_t total_bytes) { packer_.expect(total_bytes); }
    uint64_t allocated_bytes() const { return packer_.allocated(); }  // sum of block sizes
    uint64_t used_bytes() const { return packer_.used(); }
    void reset();  // frees every block

private:
    Device* device_ = nullptr;
    MemoryKind kind_ = MemoryKind::DeviceLocal;
    MemoryUse use_ = MemoryUse::Other;
    arch::BlockPacker packer_;
    std::vector<Buffer> blocks_;
};

// Host → device and device → host copies. Direct memcpy when the view is mapped, else through
// a temporary staging buffer and a one-off command buffer (in chunks of at most 64 MiB).
Status upload(Device& device, const BufferView& dst, const void* src, uint64_t bytes);
Status download(Device& device, const BufferView& src, void* dst, uint64_t bytes);

// Reusable uploader for many tensors: one staging buffer, one command pool. Use for model loads.
class Uploader {
public:
    explicit Uploader(Device& device, uint64_t staging_bytes = 64ull << 20);
    Uploader(const Uploader&) = delete;
    Uploader& operator=(const Uploader&) = delete;
    ~Uploader();
    Status upload(const BufferView& dst, const void* src, uint64_t bytes);
    Status download(const BufferView& src, void* dst, uint64_t bytes);

private:
    Status ensure();
    Status copy(VkBuffer src, uint64_t src_off, VkBuffer dst, uint64_t dst_off, uint64_t bytes);
    Device* device_;
    uint64_t staging_bytes_;
    Buffer staging_;
    VkCommandPool pool_ = VK_NULL_HANDLE;
    VkCommandBuffer cmd_ = VK_NULL_HANDLE;
    VkFence fence_ = VK_NULL_HANDLE;
};

}  // namespace hearth::vk
