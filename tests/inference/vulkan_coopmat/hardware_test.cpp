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
    uint32_t seed = 900;
    for (const Shape& s : coopmat_shapes(t)) {
        const HostWeights w = make_weights(t, s.m, s.k, seed++);
        const auto x = random_floats(size_t{s.n} * s.k, seed++);
        const auto want = reference(w, x, s.n);
        vk::Buffer wb, xb = upload_bytes(x.data(), x.size() * 4), yb = zeros(size_t{s.n} * s.m * 4);
        const vk::WeightMatrix wm = one_part(w, wb);
        run([&](vk::Sequence& q) {
            return vk::record_matmul_coopmat(cache(), q, cfg, wm, vk::view_of(xb), vk::view_of(yb), s.n);
        });
        EXPECT_LT(nmse(download_floats(yb, want.size()), want), kCoopmatBound)
            << type_name(t) << " M=" << s.m << " K=" << s.k << " N=" << s.n;
    }
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
