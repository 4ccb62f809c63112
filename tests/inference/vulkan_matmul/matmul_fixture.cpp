#include "matmul_fixture.h"

#include <cstring>

namespace hearth::test {

vk::Device* MatmulGpu::device_ = nullptr;
vk::PipelineCache* MatmulGpu::cache_ = nullptr;
vk::Sequence* MatmulGpu::seq_ = nullptr;
std::string MatmulGpu::skip_reason_;
std::string MatmulGpu::setup_error_;

void MatmulGpu::SetUpTestSuite() {
    if (device_ || !skip_reason_.empty() || !setup_error_.empty()) return;
    auto d = vk::create_device();
    if (!d) {
        if (d.error().code == "vulkan.no_driver") skip_reason_ = "no Vulkan driver: " + d.error().message;
        else setup_error_ = "cannot create the Vulkan device: " + d.error().message;
        return;
    }
    auto s = vk::create_sequence(**d);
    if (!s) {
        setup_error_ = "cannot create a command sequence: " + s.error().message;
        return;
    }
    device_ = d->release();
    cache_ = new vk::PipelineCache(*device_);
    seq_ = s->release();
}

void MatmulGpu::SetUp() {
    // Only "the machine has no Vulkan driver at all" skips; a driver whose device or command
    // sequence cannot be made is a failure.
    if (!skip_reason_.empty()) GTEST_SKIP() << skip_reason_;
    ASSERT_TRUE(device_) << setup_error_;
}

vk::Buffer MatmulGpu::upload_bytes(const void* data, uint64_t bytes, uint64_t pad_front) {
    const uint64_t size = (pad_front + bytes + 3) / 4 * 4;
    auto b = vk::create_buffer(*device_, size, vk::MemoryKind::DeviceLocal, vk::MemoryUse::Weights, "test data");
    EXPECT_TRUE(b.ok());
    if (!b) return {};
    std::vector<uint8_t> staged(size, 0);
    std::memcpy(staged.data() + pad_front, data, bytes);
    const Status st = vk::upload(*device_, vk::view_of(*b), staged.data(), size);
    EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.error().message);
    return std::move(*b);
}

vk::Buffer MatmulGpu::zeros(uint64_t bytes) {
    std::vector<uint8_t> z(bytes, 0);
    return upload_bytes(z.data(), bytes);
}

std::vector<float> MatmulGpu::download_floats(const vk::Buffer& b, size_t count, uint64_t offset) {
    std::vector<float> out(count);
    const Status st = vk::download(*device_, vk::view_of(b).sub(offset, count * 4), out.data(), count * 4);
    EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.error().message);
    return out;
}

vk::WeightMatrix MatmulGpu::one_part(const HostWeights& w, vk::Buffer& holder) {
    holder = upload_bytes(w.bytes.data(), w.bytes.size());
    vk::WeightMatrix m;
    m.type = w.type;
    m.rows = w.rows;
    m.cols = w.cols;
    m.parts.push_back(vk::view_of(holder).sub(0, w.bytes.size()));
    return m;
}

}  // namespace hearth::test
