// The runtime layer on the real driver: device choice, buffers and limits, pipelines,
// sequences with replay and automatic barriers, out-of-memory as an error.
#include <gtest/gtest.h>

#include <cstring>
#include <numeric>
#include <vector>

#include "inference/vulkan/buffer.h"
#include "inference/vulkan/device.h"
#include "inference/vulkan/pipeline.h"
#include "inference/vulkan/sequence.h"
#include "shaders/spirv.h"
#include "vulkan_fixture.h"

namespace hearth::vk {
namespace {

TEST(PickDevice, PrefersDiscreteThenIntegratedThenCpu) {
    std::vector<DeviceInfo> d(3);
    d[0].index = 0; d[0].type = DeviceType::Cpu; d[0].name = "llvmpipe";
    d[1].index = 1; d[1].type = DeviceType::Integrated; d[1].name = "Intel Iris";
    d[2].index = 2; d[2].type = DeviceType::Discrete; d[2].name = "Radeon RX";
    EXPECT_EQ(*pick_device(d, {}), 2u);
    d[2].type = DeviceType::Cpu;
    EXPECT_EQ(*pick_device(d, {}), 1u);
}

TEST(PickDevice, OverrideByIndexOrNameSubstring) {
    std::vector<DeviceInfo> d(2);
    d[0].index = 0; d[0].type = DeviceType::Discrete; d[0].name = "GeForce RTX";
    d[1].index = 1; d[1].type = DeviceType::Cpu; d[1].name = "llvmpipe (LLVM 15)";
    EXPECT_EQ(*pick_device(d, {1, ""}), 1u);
    EXPECT_EQ(*pick_device(d, {std::nullopt, "LLVMPIPE"}), 1u);
    auto bad = pick_device(d, {7, ""});
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, "vulkan.device_not_found");
    EXPECT_FALSE(pick_device(d, {std::nullopt, "quadro"}));
    EXPECT_EQ(pick_device({}, {}).error().code, "vulkan.no_device");
}

TEST_F(VulkanTest, DeviceReportsLimitsAndFeatures) {
    EXPECT_GT(dev().max_binding_range(), 0u);
    EXPECT_GT(dev().max_allocation(), 0u);
    EXPECT_NE(dev().queue(), VK_NULL_HANDLE);
    auto rep = dev().memory_report();
    EXPECT_GT(rep.heap_size, 0u);
    if (dev().info().memory_budget) {
        EXPECT_TRUE(dev().features().memory_budget);
    }
}

TEST_F(VulkanTest, UploadDownloadRoundTripAndAllocationCounts) {
    const uint64_t before = dev().memory_report().allocated[size_t(MemoryUse::Scratch)];
    {
        auto buf = create_buffer(dev(), 1000 * 4, MemoryKind::DeviceLocal, MemoryUse::Scratch, "a test buffer");
        ASSERT_TRUE(buf) << buf.error().message;
        EXPECT_EQ(dev().memory_report().allocated[size_t(MemoryUse::Scratch)], before + 4000);
        std::vector<uint32_t> a(1000), b(1000, 0);
        std::iota(a.begin(), a.end(), 7u);
        ASSERT_TRUE(upload(dev(), view_of(*buf), a.data(), 4000));
        ASSERT_TRUE(download(dev(), view_of(*buf), b.data(), 4000));
        EXPECT_EQ(a, b);
    }
    EXPECT_EQ(dev().memory_report().allocated[size_t(MemoryUse::Scratch)], before);
}

TEST_F(VulkanTest, StagedTransfersLargerThanTheStagingBuffer) {
    auto buf = create_buffer(dev(), 3 * 1000 * 4, MemoryKind::DeviceLocal, MemoryUse::Scratch, "a test buffer");
    ASSERT_TRUE(buf);
    std::vector<uint32_t> a(3000), b(3000, 0);
    std::iota(a.begin(), a.end(), 1u);
    // A view without the host pointer forces the staged path even on unified memory.
    BufferView v = view_of(*buf);
    v.mapped = nullptr;
    Uploader up(dev(), 1024);  // 1 KiB staging: 12 chunks each way
    ASSERT_TRUE(up.upload(v, a.data(), a.size() * 4));
    ASSERT_TRUE(up.download(v, b.data(), b.size() * 4));
    EXPECT_EQ(a, b);
}

TEST_F(VulkanTest, ArenaSubAllocatesAlignedViewsAndSplitsRows) {
    Arena arena(dev(), MemoryKind::DeviceLocal, MemoryUse::Scratch, 1 << 20);
    auto a = arena.alloc(100, "a");
    auto b = arena.alloc(100, "b");
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->buffer, b->buffer);
    EXPECT_EQ(b->offset % dev().limits().minStorageBufferOffsetAlignment, 0u);
    EXPECT_GE(b->offset, a->offset + 100);
    EXPECT_EQ(arena.allocated_bytes(), 1u << 20);
    auto big = arena.alloc(2 << 20, "big");  // larger than a block: a block of its own
    ASSERT_TRUE(big);
    EXPECT_NE(big->buffer, a->buffer);
    auto too_big = arena.alloc(dev().max_binding_range() + 4, "too big");
    ASSERT_FALSE(too_big);
    EXPECT_EQ(too_big.error().code, "vulkan.too_large");
}

TEST_F(VulkanTest, OutOfMemoryIsAnErrorNamingWhatDidNotFitAndLeaksNothing) {
    const auto before = dev().memory_report().total_allocated();
    const uint64_t heap = dev().memory_report().heap_size;
    auto buf = create_buffer(dev(), heap + (64ull << 20), MemoryKind::DeviceLocal, MemoryUse::Weights,
                             "the token embedding");
    ASSERT_FALSE(buf);
    EXPECT_EQ(buf.error().code, "vulkan.out_of_memory");
    EXPECT_NE(buf.error().message.find("the token embedding"), std::string::npos);
    EXPECT_EQ(dev().memory_report().total_allocated(), before);
}

TEST_F(VulkanTest, PipelineCacheReturnsTheSamePipelineForTheSameDesc) {
    PipelineCache cache(dev());
    PipelineDesc d{"fill_u32", shaders::fill_u32, {64}, 8, 1};
    auto a = cache.get(d);
    auto b = cache.get(d);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(*a, *b);
    d.spec = {32};
    auto c = cache.get(d);
    ASSERT_TRUE(c);
    EXPECT_NE(*a, *c);
    EXPECT_EQ(cache.size(), 2u);
}

TEST_F(VulkanTest, SequenceRecordsOnceAndReplaysWithTimestamps) {
    PipelineCache cache(dev());
    auto pipe = cache.get({"fill_u32", shaders::fill_u32, {64}, 8, 1});
    ASSERT_TRUE(pipe);
    auto buf = create_buffer(dev(), 1001 * 4, MemoryKind::Host, MemoryUse::Scratch, "output");
    ASSERT_TRUE(buf);
    auto seq = create_sequence(dev(), 8);
    ASSERT_TRUE(seq);
    Sequence& s = **seq;
    struct { uint32_t n, value; } push{1001, 5};
    ASSERT_TRUE(s.begin());
    ASSERT_TRUE(s.dispatch(**pipe, {out(view_of(*buf))}, &push, (1001 + 63) / 64));
    s.timestamp("fill");
    ASSERT_TRUE(s.end());
    for (int rep = 0; rep < 3; ++rep) {
        std::memset(buf->mapped(), 0, 1001 * 4);
        ASSERT_TRUE(s.run());
        const auto* p = static_cast<const uint32_t*>(buf->mapped());
        for (uint32_t i = 0; i < 1001; ++i) ASSERT_EQ(p[i], 5 + i) << "replay " << rep;
    }
    if (dev().info().timestamps) {
        auto t = s.timings();
        ASSERT_EQ(t.size(), 1u);
        EXPECT_EQ(t[0].label, "fill");
        EXPECT_GE(t[0].ms, 0.0);
    }
}

TEST_F(VulkanTest, BarriersOnlyBetweenDependentDispatches) {
    PipelineCache cache(dev());
    auto pipe = cache.get({"fill_u32", shaders::fill_u32, {64}, 8, 1});
    ASSERT_TRUE(pipe);
    Arena arena(dev(), MemoryKind::Host, MemoryUse::Scratch, 1 << 16);
    auto a = arena.alloc(256, "a");
    auto b = arena.alloc(256, "b");
    ASSERT_TRUE(a && b);
    auto seq = create_sequence(dev());
    ASSERT_TRUE(seq);
    Sequence& s = **seq;
    struct { uint32_t n, value; } push{64, 1};
    ASSERT_TRUE(s.begin());
    ASSERT_TRUE(s.dispatch(**pipe, {out(*a)}, &push, 1));
    ASSERT_TRUE(s.dispatch(**pipe, {out(*b)}, &push, 1));  // independent range of the same buffer
    EXPECT_EQ(s.barrier_count(), 0u);
    ASSERT_TRUE(s.dispatch(**pipe, {out(*a)}, &push, 1));  // write after write
    EXPECT_EQ(s.barrier_count(), 1u);
    ASSERT_TRUE(s.end());
    ASSERT_TRUE(s.run());
    EXPECT_EQ(s.dispatch_count(), 3u);
}

TEST_F(VulkanTest, DispatchWithWrongBindingCountIsAnError) {
    PipelineCache cache(dev());
    auto pipe = cache.get({"fill_u32", shaders::fill_u32, {64}, 8, 1});
    ASSERT_TRUE(pipe);
    auto seq = create_sequence(dev());
    ASSERT_TRUE(seq);
    ASSERT_TRUE((*seq)->begin());
    struct { uint32_t n, value; } push{1, 1};
    auto st = (*seq)->dispatch(**pipe, {}, &push, 1);
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().code, "vulkan.bad_dispatch");
    ASSERT_TRUE((*seq)->end());
}

}  // namespace
}  // namespace hearth::vk
