// The integer-dot tiled prefill kernel (matmul_q8) against the CPU reference, for every
// quantized type, odd shapes and two tile configurations.
#include <string>

#include "matmul_fixture.h"

namespace hearth::test {
namespace {

struct Shape {
    uint32_t m, k, n;
};

// Tiles are 64 x 64 with K steps of 64 (default) or 16 x 16 with K steps of 96 (small config,
// so K = 256 ends inside a step): partial tiles in M and N, N from 1 to 70, K below and above
// one step.
std::vector<Shape> q8_shapes(TensorType t) {
    std::vector<Shape> s = {{1, 256, 1}, {67, 512, 67}, {130, 256, 9}, {5, 768, 64}, {100, 1024, 33}, {33, 256, 70}};
    if (traits(t).block_size == 32) {
        s.push_back({19, 32, 7});   // one run of 32
        s.push_back({45, 96, 70});  // K a multiple of 32, not of 64 or 256
    }
    return s;
}

class MatmulQ8 : public MatmulGpu, public ::testing::WithParamInterface<TensorType> {};

TEST_P(MatmulQ8, MatchesReferenceWithQuantizedActivations) {
    const TensorType t = GetParam();
    if (!device()->features().integer_dot_product) GTEST_SKIP() << "the device has no integer dot product";
    vk::MatmulConfig big = vk::default_matmul_config(*device());
    big.integer_dot_matvec = big.integer_dot_matmul = true;
    vk::MatmulConfig small = big;
    small.tile_threads_m = 8;
    small.tile_threads_n = 8;
    small.tile_rm = 2;
    small.tile_rn = 2;
    small.tile_k_q8 = 96;
    uint32_t seed = 900;
    for (const Shape& s : q8_shapes(t)) {
        const HostWeights w = make_weights(t, s.m, s.k, seed++);
        const auto x = random_floats(size_t{s.n} * s.k, seed++);
        // As for matvec_q8: the exact product with x rounded to int8 blocks (what the kernel
        // computes), and the plain float product.
        const auto want_q = reference(w, quantize_x_q8(x), s.n);
        const auto want = reference(w, x, s.n);
        vk::Buffer wb, xb = upload_bytes(x.data(), x.size() * 4), yb = zeros(size_t{s.n} * s.m * 4);
        vk::Buffer sb = zeros(vk::matvec_scratch_bytes(t, s.k, s.n));
        const vk::WeightMatrix wm = one_part(w, wb);
        for (const vk::MatmulConfig* cfg : {&big, &small}) {
            run([&](vk::Sequence& q) {
                return vk::record_matmul(cache(), q, *cfg, wm, vk::view_of(xb), vk::view_of(yb), s.n, vk::view_of(sb));
            });
            // quantize_q8 + matmul_q8: the integer-dot path ran, not the float fallback.
            EXPECT_EQ(seq_->dispatch_count(), 2u);
            const auto got = download_floats(yb, want.size());
            const std::string what = std::string(type_name(t)) + " M=" + std::to_string(s.m) + " K=" +
                                     std::to_string(s.k) + " N=" + std::to_string(s.n) + " tile " +
                                     std::to_string(cfg->tile_threads_m * cfg->tile_rm);
            // The integer sums are exact; what is left is float rounding of the per-run scales
            // (~1e-14) and, rarely, an x/d tie that the GPU rounds the other way: one int8 step
            // in K values, NMSE ~ 1/(K * 127^2) <= 2.5e-6 at K = 32.
            EXPECT_LT(nmse(got, want_q), 5e-6) << what;
            // The error budget against the float product is the int8 rounding of x: uniform in
            // +-d/2 with d ~ 2.5 sigma / 127 gives NMSE ~2e-5 on average (meaningful only as an
            // average over many outputs). Any layout mistake gives NMSE of order 0.1 to 1.
            if (s.m * s.n >= 64) {
                EXPECT_LT(nmse(got, want), 3e-4) << what;
            }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(IntegerDotTypes, MatmulQ8,
                         ::testing::Values(TensorType::Q4_0, TensorType::Q4_1, TensorType::Q5_0, TensorType::Q5_1,
                                           TensorType::Q8_0, TensorType::Q2_K, TensorType::Q3_K, TensorType::Q4_K,
                                           TensorType::Q5_K, TensorType::Q6_K),
                         [](const ::testing::TestParamInfo<TensorType>& info) { return std::string(type_name(info.param)); });

TEST_F(MatmulGpu, LinearTakesIntegerDotForBothKernelsWhenScratchFits) {
    if (!device()->features().integer_dot_product) GTEST_SKIP() << "the device has no integer dot product";
    const HostWeights w = make_weights(TensorType::Q2_K, 40, 512, 19);
    vk::MatmulConfig cfg = vk::default_matmul_config(*device());
    cfg.integer_dot_matvec = cfg.integer_dot_matmul = true;
    for (uint32_t n : {3u, 20u}) {  // matvec_q8, then matmul_q8
        const auto x = random_floats(size_t{n} * 512, 20 + n);
        const auto want_q = reference(w, quantize_x_q8(x), n);
        vk::Buffer wb, xb = upload_bytes(x.data(), x.size() * 4), yb = zeros(size_t{n} * 40 * 4);
        const vk::WeightMatrix wm = one_part(w, wb);
        const uint64_t need = vk::matvec_scratch_bytes(TensorType::Q2_K, 512, n);
        vk::Buffer sb = zeros(need);
        run([&](vk::Sequence& q) {
            return vk::record_linear(cache(), q, cfg, wm, vk::view_of(xb), vk::view_of(yb), n, vk::view_of(sb));
        });
        EXPECT_EQ(seq_->dispatch_count(), 2u) << "n=" << n;
        EXPECT_LT(nmse(download_floats(yb, want_q.size()), want_q), 5e-6) << "n=" << n;
        // Scratch one byte short: the float kernel runs alone, at float accuracy.
        const auto want = reference(w, x, n);
        run([&](vk::Sequence& q) {
            return vk::record_linear(cache(), q, cfg, wm, vk::view_of(xb), vk::view_of(yb), n,
                                     vk::view_of(sb).sub(0, need - 4));
        });
        EXPECT_EQ(seq_->dispatch_count(), 1u) << "n=" << n;
        EXPECT_LT(nmse(download_floats(yb, want.size()), want), float_kernel_bound(TensorType::Q2_K)) << "n=" << n;
    }
}

TEST_F(MatmulGpu, IntegerDotTileConfigMustBeWholeRunsOf32) {
    vk::Buffer b = zeros(64 * 1024);
    const vk::BufferView v = vk::view_of(b);
    const vk::WeightMatrix w{TensorType::Q4_0, 4, 256, {v}};
    vk::MatmulConfig cfg = vk::default_matmul_config(*device());
    cfg.integer_dot_matvec = cfg.integer_dot_matmul = true;
    cfg.tile_k_q8 = 48;
    ASSERT_TRUE(seq_->begin().ok());
    const Status st = vk::record_matmul(cache(), *seq_, cfg, w, v, v, 9, v);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, "matmul.bad_config");
    ASSERT_TRUE(seq_->end().ok());
}

}  // namespace
}  // namespace hearth::test
