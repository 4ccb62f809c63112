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

    // n = 1 and 3 take the matrix-vector kernel, n = 11 the tiled one; with `integer_dot` their
    // integer-dot variants (bounds as in matvec_test.cpp / matmul_q8_test.cpp).
    void check(TensorType t, uint32_t k, const std::vector<uint32_t>& rows_per, uint64_t front,
               bool integer_dot = false) {
        if (integer_dot && !device()->features().integer_dot_product)
            GTEST_SKIP() << "the device has no integer dot product";
        uint32_t rows = 0;
        for (uint32_t r : rows_per) rows += r;
        const HostWeights w = make_weights(t, rows, k, 77 + rows);
        for (uint32_t n : {1u, 3u, 11u}) {
            const auto x = random_floats(size_t{n} * k, 88 + n);
            const auto want = reference(w, integer_dot ? quantize_x_q8(x) : x, n);
            vk::Buffer wb, xb = upload_bytes(x.data(), x.size() * 4), yb = zeros(size_t{n} * rows * 4);
            vk::Buffer sb = zeros(integer_dot ? vk::matvec_scratch_bytes(t, k, n) : 4);
            const vk::WeightMatrix wm = packed_parts(w, rows_per, front, wb);
            vk::MatmulConfig cfg = vk::default_matmul_config(*device());
            cfg.integer_dot_matvec = cfg.integer_dot_matmul = integer_dot;
            run([&](vk::Sequence& q) {
                return vk::record_linear(cache(), q, cfg, wm, vk::view_of(xb), vk::view_of(yb), n, vk::view_of(sb));
            });
            // One dispatch per part, plus quantize_q8.
            EXPECT_EQ(seq_->dispatch_count(), rows_per.size() + (integer_dot ? 1 : 0));
            EXPECT_LT(nmse(download_floats(yb, want.size()), want), integer_dot ? 5e-6 : float_kernel_bound(t))
                << type_name(t) << " n=" << n << " front=" << front;
        }
    }

    void check_larger_than_binding(bool integer_dot);
};

TEST_F(SplitWeights, PartsAtUnalignedOffsetsQ4_0) { check(TensorType::Q4_0, 32, {5, 1, 9}, 2); }
TEST_F(SplitWeights, PartsAtUnalignedOffsetsQ6_K) { check(TensorType::Q6_K, 256, {3, 4}, 6); }
TEST_F(SplitWeights, PartsAtUnalignedOffsetsF16OddK) { check(TensorType::F16, 37, {2, 7, 1}, 10); }
TEST_F(SplitWeights, PartsAtUnalignedOffsetsIntegerDotQ5_0) { check(TensorType::Q5_0, 64, {5, 1, 9}, 2, true); }
TEST_F(SplitWeights, PartsAtUnalignedOffsetsIntegerDotQ2_K) { check(TensorType::Q2_K, 256, {3, 4}, 6, true); }

// One view larger than maxStorageBufferRange: the dispatcher must split it into bindings of
// whole rows. Only run where that limit is small enough to exceed cheaply (lavapipe: 128 MiB).
// Float: matvec with one vector. Integer dot: matmul_q8 with two, on a 64 x 2 tile so that the
// 2 vectors do not cost a whole 64-wide tile of work each.
void SplitWeights::check_larger_than_binding(bool integer_dot) {
    const uint64_t limit = device()->max_binding_range();
    if (limit > (256ull << 20)) GTEST_SKIP() << "maxStorageBufferRange is " << limit << " bytes; too big to exceed in a test";
    if (integer_dot && !device()->features().integer_dot_product)
        GTEST_SKIP() << "the device has no integer dot product";
    const uint32_t k = 4096;
    const uint32_t n = integer_dot ? 2 : 1;
    const uint64_t rb = row_bytes(TensorType::Q8_0, k);
    const uint32_t rows = static_cast<uint32_t>(limit / rb + 37);
    // Rows are shifted, rescaled copies of one random row; the reference is computed row by row
    // so the test never holds the whole matrix in floats.
    const auto base = random_floats(k, 5);
    const auto x = random_floats(size_t{n} * k, 6);
    const auto xr = integer_dot ? quantize_x_q8(x) : x;
    HostWeights w{TensorType::Q8_0, rows, k, {}, {}};
    w.bytes.resize(rb * rows);
    std::vector<double> want(size_t{n} * rows);
    std::vector<float> scaled(k), deq(k);
    for (uint32_t r = 0; r < rows; ++r) {
        const float f = 1.0f + float(r % 97) / 16.0f * ((r & 1) ? -1.0f : 1.0f);
        for (uint32_t i = 0; i < k; ++i) scaled[i] = base[(i + r) % k] * f;
        ASSERT_TRUE(quantize_row(TensorType::Q8_0, scaled.data(), w.bytes.data() + r * rb, k).ok());
        dequantize_row(TensorType::Q8_0, w.bytes.data() + r * rb, deq.data(), k);
        for (uint32_t c = 0; c < n; ++c) {
            double s = 0;
            for (uint32_t i = 0; i < k; ++i) s += double(deq[i]) * xr[size_t{c} * k + i];
            want[size_t{c} * rows + r] = s;
        }
    }
    vk::Buffer wb = upload_bytes(w.bytes.data(), w.bytes.size());
    vk::WeightMatrix wm{TensorType::Q8_0, rows, k, {vk::view_of(wb).sub(0, w.bytes.size())}};
    vk::Buffer xb = upload_bytes(x.data(), x.size() * 4), yb = zeros(size_t{n} * rows * 4);
    vk::Buffer sb = zeros(vk::matvec_scratch_bytes(TensorType::Q8_0, k, n));
    vk::MatmulConfig cfg = vk::default_matmul_config(*device());
    cfg.integer_dot_matvec = cfg.integer_dot_matmul = integer_dot;
    if (integer_dot) {
        cfg.tile_threads_m = 64;
        cfg.tile_rm = 1;
        cfg.tile_threads_n = 1;
        cfg.tile_rn = 2;
        run([&](vk::Sequence& q) {
            return vk::record_matmul(cache(), q, cfg, wm, vk::view_of(xb), vk::view_of(yb), n, vk::view_of(sb));
        });
    } else {
        run([&](vk::Sequence& q) { return vk::record_matvec(cache(), q, cfg, wm, vk::view_of(xb), vk::view_of(yb), 1); });
    }
    EXPECT_GE(seq_->dispatch_count(), integer_dot ? 3u : 2u) << "expected the matrix to be split into two or more dispatches";
    const auto got = download_floats(yb, want.size());
    EXPECT_LT(nmse(got, want), integer_dot ? 5e-6 : float_kernel_bound(TensorType::Q8_0));
    // The rows on both sides of the split are right individually, not only on average.
    const uint32_t split = static_cast<uint32_t>(limit / rb) - 2;
    for (uint32_t c = 0; c < n; ++c)
        for (uint32_t r = split - 3; r < std::min(rows, split + 8); ++r)
            EXPECT_NEAR(got[size_t{c} * rows + r], want[size_t{c} * rows + r],
                        1e-3 * (1.0 + std::abs(want[size_t{c} * rows + r])))
                << "vector " << c << " row " << r;
}

TEST_F(SplitWeights, MatrixLargerThanOneBindingIsSplitByRows) { check_larger_than_binding(false); }
TEST_F(SplitWeights, MatrixLargerThanOneBindingIsSplitByRowsIntegerDot) { check_larger_than_binding(true); }

TEST_F(MatmulGpu, RejectsUnsupportedTypesBadShapesAndShortBuffers) {
    vk::Buffer b = zeros(4096);
    const vk::BufferView v = vk::view_of(b);
    vk::WeightMatrix w{TensorType::Q8_K, 4, 256, {v}};
    auto st = vk::check_matmul_args(*device(), w, v, v, 1);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, "matmul.unsupported_type");
    EXPECT_FALSE(vk::matmul_supports(TensorType::TQ1_0));
    EXPECT_TRUE(vk::matmul_supports(TensorType::IQ2_XXS));

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
