// The decode kernels (matvec, matvec_q8) against the CPU reference, for every tensor type.
#include <algorithm>
#include <string>

#include "matmul_fixture.h"

namespace hearth::test {
namespace {

struct Shape {
    uint32_t m, k, n;
};

// K must be a multiple of the block size; M is anything.
std::vector<Shape> matvec_shapes(TensorType t) {
    const uint32_t bs = traits(t).block_size;
    std::vector<Shape> s = {{1, 256, 1}, {7, 512, 1}, {33, 256, 3}, {130, 1024, 1}, {67, 768, 8}, {3, 2048, 3}};
    if (bs == 32) s.push_back({45, 96, 4});  // K not a multiple of 256
    if (bs == 1) {
        s.push_back({9, 5, 1});      // K not a multiple of 4
        s.push_back({17, 1001, 3});
        s.push_back({4, 2, 2});
    }
    return s;
}

class Matvec : public MatmulGpu, public ::testing::WithParamInterface<TensorType> {};

TEST_P(Matvec, MatchesReferenceForEveryShapeAndReduction) {
    const TensorType t = GetParam();
    uint32_t seed = 1;
    for (const Shape& s : matvec_shapes(t)) {
        const HostWeights w = make_weights(t, s.m, s.k, seed++);
        const auto x = random_floats(size_t{s.n} * s.k, seed++);
        const auto want = reference(w, x, s.n);
        vk::Buffer wb, xb = upload_bytes(x.data(), x.size() * 4), yb = zeros(size_t{s.n} * s.m * 4);
        const vk::WeightMatrix wm = one_part(w, wb);
        for (bool sg : {true, false}) {
            vk::MatmulConfig cfg = vk::default_matmul_config(*device());
            cfg.integer_dot_matvec = cfg.integer_dot_matmul = false;
            cfg.subgroup_reduce = sg && cfg.subgroup_reduce;
            // Other kernel shapes too: 1 or 3 rows per workgroup; 64 threads (several subgroups
            // to combine through shared memory) or 16 for the tree.
            if (sg) {
                cfg.matvec_rows = (s.m % 2 == 0) ? 3 : 1;
                if (s.m % 2 == 0 || s.n == 8) cfg.matvec_threads = 64;
            } else {
                cfg.matvec_threads = 16;
            }
            run([&](vk::Sequence& q) {
                return vk::record_matvec(cache(), q, cfg, wm, vk::view_of(xb), vk::view_of(yb), s.n);
            });
            const double e = nmse(download_floats(yb, want.size()), want);
            EXPECT_LT(e, float_kernel_bound(t)) << type_name(t) << " M=" << s.m << " K=" << s.k << " N=" << s.n
                                                << (sg ? " subgroup" : " shared-memory") << " reduction";
        }
    }
}

TEST_P(Matvec, BatchedVectorsEqualOneAtATime) {
    // The n-vector kernel must give each vector exactly what the 1-vector kernel gives.
    const TensorType t = GetParam();
    const HostWeights w = make_weights(t, 21, 512, 7);
    const uint32_t n = 5;
    const auto x = random_floats(size_t{n} * 512, 8);
    vk::Buffer wb, xb = upload_bytes(x.data(), x.size() * 4), yb = zeros(size_t{n} * 21 * 4),
                   y1 = zeros(21 * 4);
    const vk::WeightMatrix wm = one_part(w, wb);
    vk::MatmulConfig cfg = vk::default_matmul_config(*device());
    cfg.integer_dot_matvec = cfg.integer_dot_matmul = false;
    run([&](vk::Sequence& q) { return vk::record_matvec(cache(), q, cfg, wm, vk::view_of(xb), vk::view_of(yb), n); });
    const auto batched = download_floats(yb, size_t{n} * 21);
    for (uint32_t i = 0; i < n; ++i) {
        run([&](vk::Sequence& q) {
            return vk::record_matvec(cache(), q, cfg, wm, vk::view_of(xb).sub(size_t{i} * 512 * 4, 512 * 4),
                                     vk::view_of(y1), 1);
        });
        const auto single = download_floats(y1, 21);
        for (uint32_t m = 0; m < 21; ++m)
            EXPECT_NEAR(batched[size_t{i} * 21 + m], single[m], 1e-4f * (1.0f + std::abs(single[m])))
                << "vector " << i << " row " << m;
    }
}

std::string type_param_name(const ::testing::TestParamInfo<TensorType>& info) { return type_name(info.param); }

INSTANTIATE_TEST_SUITE_P(AllTypes, Matvec,
                         ::testing::Values(TensorType::F32, TensorType::F16, TensorType::BF16, TensorType::Q4_0,
                                           TensorType::Q4_1, TensorType::Q5_0, TensorType::Q5_1, TensorType::Q8_0,
                                           TensorType::Q2_K, TensorType::Q3_K, TensorType::Q4_K, TensorType::Q5_K,
                                           TensorType::Q6_K, TensorType::IQ4_NL, TensorType::IQ4_XS,
                                           TensorType::IQ2_XXS, TensorType::IQ2_XS, TensorType::IQ2_S,
                                           TensorType::IQ3_XXS, TensorType::IQ3_S, TensorType::IQ1_S,
                                           TensorType::IQ1_M),
                         type_param_name);

// ---- integer dot product ----

class MatvecQ8 : public MatmulGpu, public ::testing::WithParamInterface<TensorType> {};

TEST_P(MatvecQ8, MatchesReferenceWithQuantizedActivations) {
    const TensorType t = GetParam();
    if (!device()->features().integer_dot_product) GTEST_SKIP() << "the device has no integer dot product";
    ASSERT_TRUE(vk::matvec_q8_supports(t));
    uint32_t seed = 100;
    std::vector<Shape> shapes = {{33, 256, 3}, {130, 1024, 1}, {67, 2048, 8}};
    if (traits(t).block_size == 32) shapes.insert(shapes.end(), {{1, 32, 1}, {7, 96, 1}});
    for (const Shape& s : shapes) {
        const HostWeights w = make_weights(t, s.m, s.k, seed++);
        const auto x = random_floats(size_t{s.n} * s.k, seed++);
        // Exact reference for what the kernel computes (x rounded to int8 blocks), and the plain
        // float product, which the int8 rounding of x may only perturb slightly.
        const auto want_q = reference(w, quantize_x_q8(x), s.n);
        const auto want = reference(w, x, s.n);
        vk::Buffer wb, xb = upload_bytes(x.data(), x.size() * 4), yb = zeros(size_t{s.n} * s.m * 4);
        const uint64_t scratch_bytes = vk::matvec_scratch_bytes(t, s.k, s.n);
        ASSERT_GT(scratch_bytes, 0u);
        vk::Buffer sb = zeros(scratch_bytes);
        const vk::WeightMatrix wm = one_part(w, wb);
        for (bool sg : {true, false}) {
            vk::MatmulConfig cfg = vk::default_matmul_config(*device());
            cfg.integer_dot_matvec = cfg.integer_dot_matmul = true;
            cfg.subgroup_reduce = sg && cfg.subgroup_reduce;
            run([&](vk::Sequence& q) {
                return vk::record_matvec(cache(), q, cfg, wm, vk::view_of(xb), vk::view_of(yb), s.n, vk::view_of(sb));
            });
            const auto got = download_floats(yb, want.size());
            // Float accumulation as above, plus rare half-way ties of x/d that the GPU's
            // division may round the other way: one flipped int8 step in K values costs
            // NMSE ~ 1/(K * 127^2), at most 2.5e-6 at K = 32.
            EXPECT_LT(nmse(got, want_q), 5e-6) << type_name(t) << " M=" << s.m << " K=" << s.k << " N=" << s.n;
            // int8 activations: x error uniform in +-d/2 with d ~ 2.5 sigma / 127 gives NMSE ~3e-5
            // on average; only meaningful as an average, so only for shapes with many outputs.
            if (s.m * s.n >= 64) {
                EXPECT_LT(nmse(got, want), 3e-4) << type_name(t) << " M=" << s.m << " K=" << s.k << " N=" << s.n;
            }
        }
    }
}

INSTANTIATE_TEST_SUITE_P(IntegerDotTypes, MatvecQ8,
                         ::testing::Values(TensorType::Q4_0, TensorType::Q4_1, TensorType::Q5_0, TensorType::Q5_1,
                                           TensorType::Q8_0, TensorType::Q2_K, TensorType::Q3_K, TensorType::Q4_K,
                                           TensorType::Q5_K, TensorType::Q6_K),
                         type_param_name);

TEST_F(MatmulGpu, IntegerDotNeedsScratchElseFallsBackToFloat) {
    // Without a scratch view the float kernel runs: same result as the reference at float accuracy.
    const HostWeights w = make_weights(TensorType::Q4_0, 10, 256, 3);
    const auto x = random_floats(256, 4);
    const auto want = reference(w, x, 1);
    vk::Buffer wb, xb = upload_bytes(x.data(), x.size() * 4), yb = zeros(10 * 4);
    const vk::WeightMatrix wm = one_part(w, wb);
    vk::MatmulConfig cfg = vk::default_matmul_config(*device());
    cfg.integer_dot_matvec = cfg.integer_dot_matmul = true;
    run([&](vk::Sequence& q) { return vk::record_matvec(cache(), q, cfg, wm, vk::view_of(xb), vk::view_of(yb), 1); });
    EXPECT_LT(nmse(download_floats(yb, 10), want), float_kernel_bound(TensorType::Q4_0));
    EXPECT_EQ(vk::matvec_scratch_bytes(TensorType::F16, 256, 1), 0u);
    EXPECT_EQ(vk::matvec_scratch_bytes(TensorType::Q3_K, 256, 1), 8u * 48u);
    EXPECT_EQ(vk::matvec_scratch_bytes(TensorType::Q8_0, 256, 3), 3u * 8u * 48u);
    EXPECT_FALSE(vk::matvec_q8_supports(TensorType::F32));
    EXPECT_TRUE(vk::matvec_q8_supports(TensorType::Q2_K));
}

}  // namespace
}  // namespace hearth::test
