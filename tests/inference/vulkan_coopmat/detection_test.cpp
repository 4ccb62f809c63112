// Feature detection, and what happens on a device without cooperative matrices: a clear error,
// nothing created and nothing recorded.
#include "coopmat_fixture.h"

namespace hearth::test {
namespace {

TEST_F(CoopmatGpu, DetectionIsConsistentWithWhatWasEnabled) {
    const vk::DeviceInfo& info = device()->info();
    const bool enabled = device()->features().coopmat_nv;
    // Enabled only where detected, and detected only with the extension present.
    if (enabled) {
        EXPECT_TRUE(info.cooperative_matrix_nv);
    }
    if (info.cooperative_matrix_nv) {
        EXPECT_TRUE(info.cooperative_matrix);
    }
    const auto shape = vk::coopmat_shape(*device());
    if (!enabled) {
        EXPECT_FALSE(shape.has_value());
    }
    if (shape) {
        bool listed = false;
        for (const auto& s : info.coopmat_shapes)
            listed = listed || (s.m == shape->m && s.n == shape->n && s.k == shape->k &&
                                s.a == vk::CoopMatType::F16 && s.c == vk::CoopMatType::F32 && s.subgroup_scope);
        EXPECT_TRUE(listed) << "the chosen fragment shape is not one the driver listed";
    }
    for (TensorType t : coopmat_types())
        EXPECT_EQ(vk::coopmat_supported(*device(), t), shape.has_value()) << type_name(t);
    EXPECT_FALSE(vk::coopmat_supported(*device(), TensorType::IQ2_XXS));
    // What `hearth-cli devices` can print.
    const std::string summary = vk::coopmat_summary(info);
    if (!info.cooperative_matrix) {
        EXPECT_EQ(summary, "no");
    }
    if (info.cooperative_matrix_nv) {
        EXPECT_NE(summary.find("NV:"), std::string::npos) << summary;
    }
}

TEST_F(CoopmatGpu, LavapipeHasNoCooperativeMatrix) {
    if (device()->info().driver_name.find("llvmpipe") == std::string::npos)
        GTEST_SKIP() << "not lavapipe (driver " << device()->info().driver_name << ")";
    EXPECT_FALSE(device()->info().cooperative_matrix_nv);
    EXPECT_FALSE(device()->features().coopmat_nv);
    EXPECT_TRUE(device()->info().coopmat_shapes.empty());
    EXPECT_FALSE(vk::coopmat_shape(*device()).has_value());
}

TEST_F(CoopmatGpu, ShapeStringsNameSizesAndTypes) {
    vk::CoopMatShape s{16, 8, 16, vk::CoopMatType::F16, vk::CoopMatType::F16, vk::CoopMatType::F32,
                       vk::CoopMatType::F32, true};
    EXPECT_EQ(vk::to_string(s), "16x8x16 f16*f16+f32->f32");
    vk::DeviceInfo d;
    d.cooperative_matrix = true;
    d.cooperative_matrix_nv = true;
    d.coopmat_shapes = {s, vk::CoopMatShape{8, 8, 32, vk::CoopMatType::S8, vk::CoopMatType::S8,
                                            vk::CoopMatType::S32, vk::CoopMatType::S32, true}};
    EXPECT_EQ(vk::coopmat_summary(d), "yes (NV: 16x8x16 f16*f16+f32->f32, 8x8x32 s8*s8+s32->s32)");
    d.cooperative_matrix_nv = false;
    EXPECT_NE(vk::coopmat_summary(d).find("not used"), std::string::npos);
}

TEST_F(CoopmatGpu, WithoutCooperativeMatrixRecordingFailsClearlyAndCreatesNothing) {
    if (vk::coopmat_shape(*device()))
        GTEST_SKIP() << "device has VK_NV_cooperative_matrix; this test covers devices without it";
    const HostWeights w = make_weights(TensorType::Q4_K, 64, 256, 1);
    const auto x = random_floats(size_t{40} * 256, 2);
    vk::Buffer wb, xb = upload_bytes(x.data(), x.size() * 4), yb = zeros(size_t{40} * 64 * 4);
    const vk::WeightMatrix wm = one_part(w, wb);
    const vk::MatmulConfig cfg = vk::default_matmul_config(*device());

    const size_t pipelines = cache().size();
    ASSERT_TRUE(seq().begin().ok());
    const Status st = vk::record_matmul_coopmat(cache(), seq(), cfg, wm, vk::view_of(xb), vk::view_of(yb), 40);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, "matmul.coopmat_unsupported");
    EXPECT_NE(st.error().message.find("VK_NV_cooperative_matrix"), std::string::npos) << st.error().message;
    EXPECT_NE(st.error().message.find(device()->info().name), std::string::npos) << st.error().message;
    EXPECT_EQ(seq().dispatch_count(), 0u);
    EXPECT_EQ(cache().size(), pipelines);

    // Bad arguments are still reported as bad arguments.
    const Status bad = vk::record_matmul_coopmat(cache(), seq(), cfg, wm, vk::view_of(xb), vk::view_of(yb), 0);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, "matmul.bad_shape");
    ASSERT_TRUE(seq().end().ok());

    const Status self = vk::coopmat_self_test(cache(), *device());
    ASSERT_FALSE(self.ok());
    EXPECT_EQ(self.error().code, "matmul.coopmat_unsupported");
    EXPECT_EQ(cache().size(), pipelines);
}

TEST_F(CoopmatGpu, ArgumentErrorsMatchTheTiledKernel) {
    const HostWeights w = make_weights(TensorType::F16, 8, 64, 3);
    vk::Buffer wb, xb = zeros(64 * 4), yb = zeros(8 * 4);
    const vk::WeightMatrix wm = one_part(w, wb);
    const vk::MatmulConfig cfg = vk::default_matmul_config(*device());
    ASSERT_TRUE(seq().begin().ok());
    // Two vectors do not fit buffers sized for one.
    const Status small = vk::record_matmul_coopmat_emulated(cache(), seq(), cfg, wm, vk::view_of(xb), vk::view_of(yb),
                                                            2, vk::CoopmatShape{});
    ASSERT_FALSE(small.ok());
    EXPECT_EQ(small.error().code, "matmul.too_small");
    const Status tiled = vk::record_matmul(cache(), seq(), cfg, wm, vk::view_of(xb), vk::view_of(yb), 2);
    ASSERT_FALSE(tiled.ok());
    EXPECT_EQ(tiled.error().code, small.error().code);
    // A fragment shape the kernel does not handle.
    const Status odd = vk::record_matmul_coopmat_emulated(cache(), seq(), cfg, wm, vk::view_of(xb), vk::view_of(yb), 1,
                                                          vk::CoopmatShape{16, 12, 16});
    ASSERT_FALSE(odd.ok());
    EXPECT_EQ(odd.error().code, "matmul.coopmat_unsupported");
    EXPECT_EQ(seq().dispatch_count(), 0u);
    ASSERT_TRUE(seq().end().ok());
}

}  // namespace
}  // namespace hearth::test
