// The tiled prefill kernel against the CPU reference, for every tensor type and odd shapes.
#include <string>

#include "matmul_fixture.h"

namespace hearth::test {
namespace {

struct Shape {
    uint32_t m, k, n;
};

class Matmul : public MatmulGpu, public ::testing::WithParamInterface<TensorType> {};

std::vector<Shape> matmul_shapes(TensorType t) {
    const uint32_t bs = traits(t).block_size;
    // Tiles are 64 x 64 (default) or 16 x 16 (small config): cover partial tiles in M and N,
    // N = 1 and N = 67, and K both below and above the K step.
    std::vector<Shape> s = {{1, 256, 1}, {67, 512, 67}, {130, 256, 9}, {5, 768, 64}, {100, 1024, 33}};
    if (bs == 32) s.push_back({19, 32, 7});
    if (bs == 1) {
        s.push_back({13, 7, 3});  // K < 4 and not a multiple of 4
        s.push_back({70, 99, 66});
    }
    return s;
}

TEST_P(Matmul, MatchesReferenceForEveryShapeAndTile) {
    const TensorType t = GetParam();
    vk::MatmulConfig big = vk::default_matmul_config(*device());
    vk::MatmulConfig small = big;
    small.tile_threads_m = 8;
    small.tile_threads_n = 8;
    small.tile_rm = 2;
    small.tile_rn = 2;
    small.tile_k = 64;
    uint32_t seed = 500;
    for (const Shape& s : matmul_shapes(t)) {
        const HostWeights w = make_weights(t, s.m, s.k, seed++);
        const auto x = random_floats(size_t{s.n} * s.k, seed++);
        const auto want = reference(w, x, s.n);
        vk::Buffer wb, xb = upload_bytes(x.data(), x.size() * 4), yb = zeros(size_t{s.n} * s.m * 4);
        const vk::WeightMatrix wm = one_part(w, wb);
        for (const vk::MatmulConfig* cfg : {&big, &small}) {
            run([&](vk::Sequence& q) {
                return vk::record_matmul(cache(), q, *cfg, wm, vk::view_of(xb), vk::view_of(yb), s.n);
            });
            EXPECT_LT(nmse(download_floats(yb, want.size()), want), float_kernel_bound(t))
                << type_name(t) << " M=" << s.m << " K=" << s.k << " N=" << s.n << " tile "
                << cfg->tile_threads_m * cfg->tile_rm << "x" << cfg->tile_threads_n * cfg->tile_rn;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(AllTypes, Matmul,
                         ::testing::Values(TensorType::F32, TensorType::F16, TensorType::BF16, TensorType::Q4_0,
                                           TensorType::Q4_1, TensorType::Q5_0, TensorType::Q5_1, TensorType::Q8_0,
                                           TensorType::Q2_K, TensorType::Q3_K, TensorType::Q4_K, TensorType::Q5_K,
                                           TensorType::Q6_K, TensorType::IQ4_NL, TensorType::IQ4_XS,
                                           TensorType::IQ2_XXS, TensorType::IQ2_XS, TensorType::IQ2_S,
                                           TensorType::IQ3_XXS, TensorType::IQ3_S, TensorType::IQ1_S,
                                           TensorType::IQ1_M),
                         [](const ::testing::TestParamInfo<TensorType>& info) { return std::string(type_name(info.param)); });

TEST_F(MatmulGpu, LinearPicksMatvecForFewVectorsAndTilesForMany) {
    const HostWeights w = make_weights(TensorType::Q4_K, 40, 512, 9);
    for (uint32_t n : {1u, 4u, 5u, 20u}) {
        const auto x = random_floats(size_t{n} * 512, 10 + n);
        const auto want = reference(w, x, n);
        vk::Buffer wb, xb = upload_bytes(x.data(), x.size() * 4), yb = zeros(size_t{n} * 40 * 4);
        const vk::WeightMatrix wm = one_part(w, wb);
        const vk::MatmulConfig cfg = vk::default_matmul_config(*device());
        run([&](vk::Sequence& q) { return vk::record_linear(cache(), q, cfg, wm, vk::view_of(xb), vk::view_of(yb), n); });
        EXPECT_LT(nmse(download_floats(yb, want.size()), want), float_kernel_bound(TensorType::Q4_K)) << "n=" << n;
    }
}

}  // namespace
}  // namespace hearth::test
