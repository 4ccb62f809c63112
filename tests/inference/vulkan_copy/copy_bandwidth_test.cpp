// Copy bandwidth on whatever driver CI has (lavapipe). The figures depend on the machine, so what
// is checked is that the copies happened: measure_copy_bandwidth reads every size's destination
// back and compares it with the source's pattern, failing with vulkan.copy_mismatch otherwise,
// so a measurement that succeeds has moved every byte it timed. Then the error paths.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "inference/vulkan/copy_bandwidth.h"
#include "tests/inference/vulkan/vulkan_fixture.h"

using namespace hearth;
using namespace hearth::vk;

namespace {

// The Vulkan tests' shared device fixture.
class CopyBandwidthTest : public VulkanTest {};

}  // namespace

TEST_F(CopyBandwidthTest, MeasuresEachSizeConsistently) {
    CopyBandwidthOptions o;
    o.sizes = {64 << 10, 1 << 20, (3 << 20) + 4};  // the last not a power of two
    o.repeats = 3;
    auto r = measure_copy_bandwidth(dev(), o);
    ASSERT_TRUE(r) << r.error().message;
    ASSERT_EQ(r->samples.size(), 3u);
    double best = 0;
    for (size_t i = 0; i < 3; ++i) {
        const auto& c = r->samples[i];
        EXPECT_EQ(c.bytes, o.sizes[i]);
        EXPECT_GE(c.copies, 1u);
        EXPECT_GT(c.best_ms, 0);
        EXPECT_LE(c.best_ms, c.median_ms);
        EXPECT_GE(c.best_rw_gbps, c.median_rw_gbps);
        EXPECT_TRUE(std::isfinite(c.best_rw_gbps));
        best = std::max(best, c.best_rw_gbps);
    }
    EXPECT_EQ(r->best_rw_gbps, best);
    EXPECT_DOUBLE_EQ(r->copy_gbps(), best / 2);
    // Small copies are batched (about 64 MiB per submission), large ones are not.
    EXPECT_EQ(r->samples[0].copies, 64u);
    EXPECT_EQ(r->samples[2].copies, 21u);
}

TEST_F(CopyBandwidthTest, DefaultSizesArePowersOfFourUpToTheCap) {
    CopyBandwidthOptions o;
    o.max_bytes = 5 << 20;
    o.repeats = 1;
    auto r = measure_copy_bandwidth(dev(), o);
    ASSERT_TRUE(r) << r.error().message;
    ASSERT_EQ(r->samples.size(), 3u);
    EXPECT_EQ(r->samples[0].bytes, 1u << 20);
    EXPECT_EQ(r->samples[1].bytes, 4u << 20);
    EXPECT_EQ(r->samples[2].bytes, 5u << 20);
    EXPECT_GT(r->best_rw_gbps, 0);
}

TEST_F(CopyBandwidthTest, BadSizesAndRepeatsAreRefused) {
    CopyBandwidthOptions zero;
    zero.sizes = {1 << 20, 0};
    auto r = measure_copy_bandwidth(dev(), zero);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "vulkan.bad_size");

    CopyBandwidthOptions huge;
    huge.sizes = {dev().max_allocation() + 1};
    r = measure_copy_bandwidth(dev(), huge);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "vulkan.bad_size");
    EXPECT_NE(r.error().message.find("per allocation"), std::string::npos) << r.error().message;

    CopyBandwidthOptions none;
    none.sizes = {4096};
    none.repeats = 0;
    r = measure_copy_bandwidth(dev(), none);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "vulkan.bad_size");
}
