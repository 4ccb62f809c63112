// The real cooperative-matrix kernel against the CPU reference, for every type and odd shapes.
// Runs where the device has VK_NV_cooperative_matrix (NVIDIA); skipped elsewhere.
#include <string>

#include "coopmat_fixture.h"

namespace hearth::test {
namespace {

constexpr const char* kNoCoopmat = "device has no VK_NV_cooperative_matrix";

class CoopmatHardware : public CoopmatGpu, public ::testing::WithParamInterface<TensorType> {};

TEST_P(CoopmatHardware, MatchesReferenceForEveryShape) {
    const TensorType t = GetParam();
    if (!vk::coopmat_supported(*device(), t)) GTEST_SKIP() << kNoCoopmat;
    const vk::MatmulConfig cfg = vk::default_matmul_config(*device());
    expect_every_shape_matches(t, 900, "",
                               [&](vk::Sequence& q, const vk::WeightMatrix& wm, vk::BufferView x, vk::BufferView y,
                                   uint32_t n) { return vk::record_matmul_coopmat(cache(), q, cfg, wm, x, y, n); });
}

INSTANTIATE_TEST_SUITE_P(AllTypes, CoopmatHardware, ::testing::ValuesIn(coopmat_types()),
                         [](const ::testing::TestParamInfo<TensorType>& info) { return std::string(type_name(info.param)); });

TEST_F(CoopmatGpu, HardwareSelfTestPasses) {
    if (!vk::coopmat_shape(*device())) GTEST_SKIP() << kNoCoopmat;
    const Status st = vk::coopmat_self_test(cache(), *device());
    EXPECT_TRUE(st.ok()) << st.error().code << ": " << st.error().message;
}

// A prefill-sized product, to exercise many workgroups in both directions and the direct stores.
TEST_F(CoopmatGpu, HardwareLargeProductMatchesReference) {
    if (!vk::coopmat_supported(*device(), TensorType::Q4_K)) GTEST_SKIP() << kNoCoopmat;
    const uint32_t rows = 1024, cols = 2048, n = 300;
    const HostWeights w = make_weights(TensorType::Q4_K, rows, cols, 77);
    const auto x = random_floats(size_t{n} * cols, 78);
    const auto want = reference(w, x, n);
    vk::Buffer wb, xb = upload_bytes(x.data(), x.size() * 4), yb = zeros(size_t{n} * rows * 4);
    const vk::WeightMatrix wm = one_part(w, wb);
    const vk::MatmulConfig cfg = vk::default_matmul_config(*device());
    run([&](vk::Sequence& q) {
        return vk::record_matmul_coopmat(cache(), q, cfg, wm, vk::view_of(xb), vk::view_of(yb), n);
    });
    EXPECT_LT(nmse(download_floats(yb, want.size()), want), kCoopmatBound);
}

}  // namespace
}  // namespace hearth::test
