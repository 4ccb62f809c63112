// Weight matrices split over several views (and over binding-range limits), and argument errors.
#include <string>

#include "matmul_fixture.h"

namespace hearth::test {
namespace {

class SplitWeights : public MatmulGpu {
protected:
    // Uploads `w` as several parts of `rows_per` rows each, packed into one buffer back to back
    // after `front` bytes, so parts (and rows) start at offsets that are not 4-byte aligned.
    vk::WeightMatrix packed_parts(const HostWeights& w, const std::vector<uint32_t>& rows_per, uint64_t front,
                                  vk::Buffer& holder) {
        holder = upload_bytes(w.bytes.data(), w.bytes.size(), front);
        const uint64_t rb = row_bytes(w.type, w.cols);
        vk::WeightMatrix m{w.type, w.rows, w.cols, {}};
        uint64_t at = front;
        for (uint32_t r : rows_per) {
            m.parts.push_back(vk::view_of(holder).sub(at, r * rb));
            at += r * rb;
        }
        return m;
    }

    void check(TensorType t, uint32_t k, const std::vector<uint32_t>& rows_per, uint64_t front) {
        uint32_t rows = 0;
        for (uint32_t r : rows_per) rows += r;
        const HostWeights w = make_weights(t, rows, k, 77 + rows);
        for (uint32_t n : {1u, 3u, 11u}) {
            const auto x = random_floats(size_t{n} * k, 88 + n);
            const auto want = reference(w, x, n);
            vk::Buffer wb, xb = upload_bytes(x.data(), x.size() * 4), yb = zeros(size_t{n} * rows * 4);
            const vk::WeightMatrix wm = packed_parts(w, rows_per, front, wb);
            vk::MatmulConfig cfg = vk::default_matmul_config(*device());
            run([&](vk::Sequence& q) { return vk::record_linear(cache(), q, cfg, wm, vk::view_of(xb), vk::view_of(yb), n); });
            EXPECT_LT(nmse(download_floats(yb, want.size()), want), float_kernel_bound(t))
                << type_name(t) << " n=" << n << " front=" << front;
        }
    }
};

TEST_F(SplitWeights, PartsAtUnalignedOffsetsQ4_0) { check(TensorType::Q4_0, 32, {5, 1, 9}, 2); }
TEST_F(SplitWeights, PartsAtUnalignedOffsetsQ6_K) { check(TensorType::Q6_K, 256, {3, 4}, 6); }
TEST_F(SplitWeights, PartsAtUnalignedOffsetsF16OddK) { check(TensorType::F16, 37, {2, 7, 1}, 10); }

TEST_F(SplitWeights, MatrixLargerThanOneBindingIsSplitByRows) {
    // One view larger than maxStorageBufferRange: the dispatcher must split it into bindings of
    // whole rows. Only run where that limit is small enough to exceed cheaply (lavapipe: 128 MiB).
    const uint64_t limit = device()->max_binding_range();
    if (limit > (256ull << 20)) GTEST_SKIP() << "maxStorageBufferRange is " << limit << " bytes; too big to exceed in a test";
    const uint32_t k = 4096;
    const uint64_t rb = row_bytes(TensorType::Q8_0, k);
    const uint32_t rows = static_cast<uint32_t>(limit / rb + 37);
    // Rows are shifted, rescaled copies of one random row; the reference is computed row by row
    // so the test never holds the whole matrix in floats.
    const auto base = random_floats(k, 5);
    const auto x = random_floats(k, 6);
    HostWeights w{TensorType::Q8_0, rows, k, {}, {}};
    w.bytes.resize(rb * rows);
    std::vector<double> want(rows);
    std::vector<float> scaled(k), deq(k);
    for (uint32_t r = 0; r < rows; ++r) {
        const float f = 1.0f + float(r % 97) / 16.0f * ((r & 1) ? -1.0f : 1.0f);
        for (uint32_t i = 0; i < k; ++i) scaled[i] = base[(i + r) % k] * f;
        ASSERT_TRUE(quantize_row(TensorType::Q8_0, scaled.data(), w.bytes.data() + r * rb, k).ok());
        dequantize_row(TensorType::Q8_0, w.bytes.data() + r * rb, deq.data(), k);
        double s = 0;
        for (uint32_t i = 0; i < k; ++i) s += double(deq[i]) * x[i];
        want[r] = s;
    }
    vk::Buffer wb = upload_bytes(w.bytes.data(), w.bytes.size());
    vk::WeightMatrix wm{TensorType::Q8_0, rows, k, {vk::view_of(wb).sub(0, w.bytes.size())}};
    vk::Buffer xb = upload_bytes(x.data(), x.size() * 4), yb = zeros(size_t{rows} * 4);
    vk::MatmulConfig cfg = vk::default_matmul_config(*device());
    cfg.integer_dot = false;
    run([&](vk::Sequence& q) { return vk::record_matvec(cache(), q, cfg, wm, vk::view_of(xb), vk::view_of(yb), 1); });
    EXPECT_GE(seq_->dispatch_count(), 2u) << "expected the matrix to be split into two or more dispatches";
    const auto got = download_floats(yb, rows);
    EXPECT_LT(nmse(got, want), float_kernel_bound(TensorType::Q8_0));
    // The rows on both sides of the split are right individually, not only on average.
    const uint32_t split = static_cast<uint32_t>(limit / rb) - 2;
    for (uint32_t r = split - 3; r < std::min(rows, split + 8); ++r)
        EXPECT_NEAR(got[r], want[r], 1e-3 * (1.0 + std::abs(want[r]))) << "row " << r;
}

TEST_F(MatmulGpu, RejectsUnsupportedTypesBadShapesAndShortBuffers) {
    vk::Buffer b = zeros(4096);
    const vk::BufferView v = vk::view_of(b);
    vk::WeightMatrix w{TensorType::Q8_K, 4, 256, {v}};
    auto st = vk::check_matmul_args(*device(), w, v, v, 1);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, "matmul.unsupported_type");
    EXPECT_FALSE(vk::matmul_supports(TensorType::IQ2_XXS));

    w = vk::WeightMatrix{TensorType::Q4_0, 4, 48, {v}};  // 48 is not a multiple of 32
    st = vk::check_matmul_args(*device(), w, v, v, 1);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, "matmul.bad_shape");

    w = vk::WeightMatrix{TensorType::F32, 100, 100, {v}};  // 40000 bytes of weights in a 4096-byte view
    st = vk::check_matmul_args(*device(), w, v, v, 1);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, "matmul.too_small");

    w = vk::WeightMatrix{TensorType::F32, 8, 8, {v}};
    EXPECT_TRUE(vk::check_matmul_args(*device(), w, v, v, 8).ok());
    ASSERT_TRUE(seq_->begin().ok());
    st = vk::record_matvec(cache(), *seq_, vk::default_matmul_config(*device()), w, v, v, 9);  // > 8 vectors
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, "matmul.bad_shape");
    vk::MatmulConfig odd = vk::default_matmul_config(*device());
    odd.matvec_threads = 48;  // the shared-memory reduction needs a power of two
    st = vk::record_matvec(cache(), *seq_, odd, w, v, v, 1);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, "matmul.bad_config");
    odd = vk::default_matmul_config(*device());
    odd.tile_rm = 64;  // a 1024 x 64 tile does not fit in shared memory
    st = vk::record_matmul(cache(), *seq_, odd, w, v, v, 1);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, "matmul.bad_config");
    ASSERT_TRUE(seq_->end().ok());
}

}  // namespace
}  // namespace hearth::test
