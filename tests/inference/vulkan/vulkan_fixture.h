// One Vulkan device shared by the tests of one executable (created on first use), so each
// test does not pay for device creation. Tests fail, not skip, when there is no driver:
// CI runs on lavapipe.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "inference/vulkan/device.h"

namespace hearth::vk {

class VulkanTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        if (device_) return;
        auto d = create_device();
        if (d) device_ = std::move(*d);
        else error_ = d.error().message;
    }
    void SetUp() override { ASSERT_TRUE(device_) << "no Vulkan device: " << error_; }
    static Device& dev() { return *device_; }

    static inline std::unique_ptr<Device> device_;
    static inline std::string error_;
};

}  // namespace hearth::vk
