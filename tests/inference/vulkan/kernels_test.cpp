// Every non-matmul kernel against a plain double-precision CPU reference, on fresh random inputs
// and shapes that are not multiples of the workgroup or subgroup size.
#include <algorithm>
#include <cmath>

#include "inference/tensor/half.h"
#include "attention_reference.h"
#include "kernel_harness.h"

namespace hearth::vk {
namespace {

using Shape = std::pair<uint32_t, uint32_t>;  // (cols, rows)

// RMSNorm in double: each row scaled by 1/sqrt(mean(x^2) + eps), then by (w + off) when w is given.
std::vector<double> rms_norm_reference(const std::vector<float>& x, const std::vector<float>* w, uint32_t cols,
                                       uint32_t rows, double eps, double off) {
    std::vector<double> want(x.size());
    for (uint32_t r = 0; r < rows; ++r) {
        double ss = 0;
        for (uint32_t i = 0; i < cols; ++i) ss += double(x[r * cols + i]) * x[r * cols + i];
        const double s = 1.0 / std::sqrt(ss / cols + eps);
        for (uint32_t i = 0; i < cols; ++i) want[r * cols + i] = x[r * cols + i] * s * (w ? (*w)[i] + off : 1.0);
    }
    return want;
}

TEST_F(KernelTest, RmsNormMatchesReference) {
    const Shape shapes[] = {{1, 1}, {7, 3}, {64, 2}, {100, 5}, {4097, 2}};
    uint32_t seed = 1;
    for (auto [cols, rows] : shapes) {
        for (int variant = 0; variant < 3; ++variant) {  // weight, no weight, weight + 1
            SetUp();
            auto x = random_floats(size_t(cols) * rows, seed++, -3, 3);
            auto w = random_floats(cols, seed++);
            auto xb = buffer(x), wb = buffer(w), ob = zeros(x.size() * 4);
            const float off = variant == 2 ? 1.0f : 0.0f;
            ASSERT_TRUE(record_rms_norm(cache(), seq(), xb, variant == 1 ? BufferView{} : wb, ob, cols, rows, 1e-5f, off));
            run();
            const auto want = rms_norm_reference(x, variant == 1 ? nullptr : &w, cols, rows, 1e-5f, off);
            EXPECT_LT(nmse(read(ob, x.size()), want), 1e-10) << cols << "x" << rows << " variant " << variant;
        }
    }
}

TEST_F(KernelTest, RmsNormInPlace) {
    // Output over its own input: every row must still read all of its input before writing.
    auto x = random_floats(33 * 3, 9), w = random_floats(33, 10);
    auto xb = buffer(x), wb = buffer(w);
    ASSERT_TRUE(record_rms_norm(cache(), seq(), xb, wb, xb, 33, 3, 1e-6f));
    run();
    EXPECT_LT(nmse(read(xb, x.size()), rms_norm_reference(x, &w, 33, 3, 1e-6f, 0)), 1e-10);
}

TEST_F(KernelTest, SoftmaxMatchesReference) {
    const Shape shapes[] = {{1, 1}, {13, 3}, {1000, 2}, {65, 7}};
    uint32_t seed = 20;
    for (auto [cols, rows] : shapes) {
        SetUp();
        auto x = random_floats(size_t(cols) * rows, seed++, -10, 10);
        auto xb = buffer(x);
        ASSERT_TRUE(record_softmax(cache(), seq(), xb, cols, rows, 0.5f));
        run();
        std::vector<double> want(x.size());
        for (uint32_t r = 0; r < rows; ++r) {
            double m = -1e300, s = 0;
            for (uint32_t i = 0; i < cols; ++i) m = std::max(m, 0.5 * x[r * cols + i]);
            for (uint32_t i = 0; i < cols; ++i) s += std::exp(0.5 * x[r * cols + i] - m);
            for (uint32_t i = 0; i < cols; ++i) want[r * cols + i] = std::exp(0.5 * x[r * cols + i] - m) / s;
        }
        EXPECT_LT(nmse(read(xb, x.size()), want), 1e-10) << cols << "x" << rows;
    }
}

struct RopeCase {
    uint32_t tokens, heads, head_dim, n_rot;
    bool neox;
    uint32_t pos0;
    bool factors;
};

TEST_F(KernelTest, RopeMatchesReferenceInBothStylesWithPartialRotationAndFactors) {
    const RopeCase cases[] = {{1, 1, 2, 2, false, 0, false},    {3, 4, 10, 6, false, 5, false},
                              {5, 3, 16, 16, true, 100, false}, {2, 2, 12, 8, true, 7, true},
                              {4, 5, 64, 64, false, 300, true}, {7, 1, 6, 4, true, 1, false}};
    uint32_t seed = 40;
    for (const auto& c : cases) {
        SetUp();
        const float base = 10000.0f, scale = 0.5f;
        std::vector<float> factors;
        if (c.factors) factors = random_floats(c.n_rot / 2, seed++, 1.0f, 8.0f);
        auto freqs = rope_frequencies(c.n_rot, base, scale, factors);
        auto x = random_floats(size_t(c.tokens) * c.heads * c.head_dim, seed++);
        std::vector<int32_t> toks(c.tokens, 0);
        auto xb = buffer(x), fb = buffer(freqs), pb = params(c.pos0, toks);
        RopeArgs a{c.tokens, c.heads, c.head_dim, c.n_rot, c.neox, 0};
        ASSERT_TRUE(record_rope(cache(), seq(), xb, fb, pb, a));
        run();
        std::vector<double> want(x.begin(), x.end());
        for (uint32_t t = 0; t < c.tokens; ++t)
            for (uint32_t h = 0; h < c.heads; ++h)
                for (uint32_t i = 0; i < c.n_rot / 2; ++i) {
                    double f = std::pow(double(base), -2.0 * i / c.n_rot);
                    if (c.factors) f /= factors[i];
                    const double th = double(c.pos0 + t) * scale * f;
                    const size_t b = (size_t(t) * c.heads + h) * c.head_dim;
                    const size_t ia = c.neox ? b + i : b + 2 * i, ib = c.neox ? b + i + c.n_rot / 2 : b + 2 * i + 1;
                    want[ia] = x[ia] * std::cos(th) - x[ib] * std::sin(th);
                    want[ib] = x[ia] * std::sin(th) + x[ib] * std::cos(th);
                }
        EXPECT_LT(nmse(read(xb, x.size()), want), 1e-10) << c.tokens << " tokens, head_dim " << c.head_dim;
    }
}

TEST_F(KernelTest, KvWriteStoresHalfPrecisionRowsAtTheirPositions) {
    const uint32_t width = 10, n = 3, n_ctx = 8, pos0 = 4;
    auto src = random_floats(width * n, 50, -4, 4);
    auto sb = buffer(src), kv = zeros(width * n_ctx * 2);
    std::vector<int32_t> toks(n, 0);
    ASSERT_TRUE(record_kv_write(cache(), seq(), sb, kv, params(pos0, toks), width, n, n_ctx));
    run();
    auto got = read<uint16_t>(kv, width * n_ctx);
    for (uint32_t p = 0; p < n_ctx; ++p)
        for (uint32_t i = 0; i < width; ++i) {
            const uint16_t want = (p >= pos0 && p < pos0 + n) ? f32_to_fp16(src[(p - pos0) * width + i]) : 0;
            EXPECT_EQ(got[p * width + i], want) << "pos " << p << " col " << i;
        }
}

TEST_F(KernelTest, KvWriteFoldsDispatchesBeyondTheWorkgroupCountLimit) {
    // 512 pairs x 8300 rows / 64 = 66400 workgroups: more than the 65535 one dimension allows.
    const uint32_t width = 1024, n = 8300;
    auto src = random_floats(size_t(width) * n, 51, -4, 4);
    std::vector<int32_t> toks(n, 0);
    auto kv = zeros(size_t(width) * n * 2);
    ASSERT_TRUE(record_kv_write(cache(), seq(), buffer(src), kv, params(0, toks), width, n, n));
    run();
    auto got = read<uint16_t>(kv, size_t(width) * n);
    for (size_t i : {size_t(0), size_t(width) * 4000 + 17, size_t(width) * n - 1})
        EXPECT_EQ(got[i], f32_to_fp16(src[i])) << i;
    size_t wrong = 0;
    for (size_t i = 0; i < got.size(); ++i) wrong += got[i] != f32_to_fp16(src[i]);
    EXPECT_EQ(wrong, 0u);
}

struct AttnCase {
    uint32_t tokens, pos0, heads, kv_heads, hd_k, hd_v, window;
    float softcap;
    uint32_t split;
};

TEST_F(KernelTest, AttentionMatchesReferenceWithGqaWindowSoftcapAndSplitK) {
    const AttnCase cases[] = {
        {1, 0, 1, 1, 2, 2, 0, 0, 1},        // the first token sees only itself
        {5, 0, 4, 2, 8, 8, 0, 0, 1},        // prefill from empty, GQA 2:1
        {3, 70, 6, 3, 10, 6, 0, 0, 1},      // hd_k != hd_v, context longer than a tile
        {1, 200, 8, 2, 16, 16, 0, 0, 4},    // decode, split-K over 201 keys
        {1, 5, 2, 1, 4, 4, 0, 0, 8},        // more splits than tiles: empty splits
        {4, 100, 4, 4, 32, 32, 17, 0, 1},   // sliding window
        {2, 40, 4, 1, 6, 6, 0, 5.0f, 3},    // soft-capping, split-K with several tokens
        {2, 130, 2, 2, 130, 258, 0, 0, 1},  // large odd head sizes (pairs > workgroup)
    };
    uint32_t seed = 60;
    for (const auto& c : cases) {
        SetUp();
        const uint32_t n_ctx = c.pos0 + c.tokens + 3;
        auto q = random_floats(size_t(c.tokens) * c.heads * c.hd_k, seed++, -2, 2);
        auto k = random_floats(size_t(n_ctx) * c.kv_heads * c.hd_k, seed++, -2, 2);
        auto v = random_floats(size_t(n_ctx) * c.kv_heads * c.hd_v, seed++, -2, 2);
        // Fill the whole cache through kv_write (rows 0..n_ctx-1), then attend for the batch.
        std::vector<int32_t> all(n_ctx, 0), toks(c.tokens, 0);
        auto kc = zeros(k.size() * 2), vc = zeros(v.size() * 2);
        auto kb = buffer(k), vb = buffer(v);
        auto pall = params(0, all), pb = params(c.pos0, toks);
        ASSERT_TRUE(record_kv_write(cache(), seq(), kb, kc, pall, c.kv_heads * c.hd_k, n_ctx, n_ctx));
        ASSERT_TRUE(record_kv_write(cache(), seq(), vb, vc, pall, c.kv_heads * c.hd_v, n_ctx, n_ctx));
        AttentionArgs a;
        a.n_tokens = c.tokens;
        a.n_heads = c.heads;
        a.n_kv_heads = c.kv_heads;
        a.hd_k = c.hd_k;
        a.hd_v = c.hd_v;
        a.window = c.window;
        a.scale = 1.0f / std::sqrt(float(c.hd_k));
        a.softcap = c.softcap;
        a.n_split = c.split;
        auto qb = buffer(q), ob = zeros(size_t(c.tokens) * c.heads * c.hd_v * 4);
        auto part = zeros(std::max<uint64_t>(16, attention_partial_bytes(a)));
        ASSERT_TRUE(record_attention(cache(), seq(), a, qb, kc, vc, ob, pb, part));
        run();
        auto want = attention_reference({c.tokens, c.pos0, c.heads, c.kv_heads, c.hd_k, c.hd_v, c.window, c.softcap},
                                        false, q, k, v, a.scale, c.tokens);
        EXPECT_LT(nmse(read(ob, want.size()), want), 1e-10)
            << "tokens " << c.tokens << " pos0 " << c.pos0 << " split " << c.split;
    }
}

TEST_F(KernelTest, AttentionIgnoresBatchRowsBeyondTheParamsCount) {
    const uint32_t n_ctx = 8;
    auto q = random_floats(4 * 2 * 4, 1), k = random_floats(n_ctx * 2 * 4, 2), v = random_floats(n_ctx * 2 * 4, 3);
    std::vector<int32_t> all(n_ctx, 0), two(2, 0);
    auto kc = zeros(k.size() * 2), vc = zeros(v.size() * 2);
    ASSERT_TRUE(record_kv_write(cache(), seq(), buffer(k), kc, params(0, all), 8, n_ctx, n_ctx));
    ASSERT_TRUE(record_kv_write(cache(), seq(), buffer(v), vc, params(0, all), 8, n_ctx, n_ctx));
    AttentionArgs a;
    a.n_tokens = 4;
    a.n_heads = a.n_kv_heads = 2;
    a.hd_k = a.hd_v = 4;
    auto ob = buffer(std::vector<float>(32, 7.0f));
    ASSERT_TRUE(record_attention(cache(), seq(), a, buffer(q), kc, vc, ob, params(3, two)));
    run();
    auto got = read(ob, 32);
    for (size_t i = 16; i < 32; ++i) EXPECT_EQ(got[i], 7.0f) << "row " << i / 8 << " was written";
    for (size_t i = 0; i < 16; ++i) EXPECT_NE(got[i], 7.0f);
}

TEST_F(KernelTest, GetRowsLooksUpTokensAcrossTablePartsInF32AndF16) {
    for (TensorType type : {TensorType::F32, TensorType::F16}) {
        SetUp();
        const uint32_t cols = 6, rows = 11;
        auto table = random_floats(cols * rows, 70);
        const size_t esz = type == TensorType::F16 ? 2 : 4;
        std::vector<uint8_t> bytes(table.size() * esz);
        for (size_t i = 0; i < table.size(); ++i) {
            if (type == TensorType::F16) {
                uint16_t h = f32_to_fp16(table[i]);
                std::memcpy(&bytes[i * 2], &h, 2);
            } else {
                std::memcpy(&bytes[i * 4], &table[i], 4);
            }
        }
        // Two parts: rows 0..6 and 7..10, in separate allocations.
        EmbeddingTable t{type, cols, rows, {}};
        t.parts.push_back(buffer(std::vector<uint8_t>(bytes.begin(), bytes.begin() + 7 * cols * esz)));
        t.parts.back().size = 7 * cols * esz;
        t.parts.push_back(buffer(std::vector<uint8_t>(bytes.begin() + 7 * cols * esz, bytes.end())));
        t.parts.back().size = 4 * cols * esz;
        std::vector<int32_t> toks = {3, 10, 0, 7, 3};
        auto ob = zeros(toks.size() * cols * 4);
        ASSERT_TRUE(record_get_rows(cache(), seq(), t, ob, params(0, toks), static_cast<uint32_t>(toks.size()), 2.0f));
        run();
        auto got = read(ob, toks.size() * cols);
        for (size_t r = 0; r < toks.size(); ++r)
            for (uint32_t i = 0; i < cols; ++i) {
                const float e = type == TensorType::F16 ? fp16_to_f32(f32_to_fp16(table[toks[r] * cols + i]))
                                                        : table[toks[r] * cols + i];
                EXPECT_EQ(got[r * cols + i], 2.0f * e) << type_name(type) << " row " << r;
            }
    }
}

TEST_F(KernelTest, GluAddUnaryMatchReference) {
    for (uint32_t n : {1u, 255u, 1000u, 70001u}) {
        SetUp();
        auto g = random_floats(n, n, -6, 6), u = random_floats(n, n + 1), b = random_floats(7, n + 2);
        auto gb = buffer(g), ub = buffer(u), o1 = zeros(n * 4), o2 = zeros(n * 4), bb = buffer(b);
        ASSERT_TRUE(record_glu(cache(), seq(), gb, ub, o1, n, GluAct::Silu));
        ASSERT_TRUE(record_glu(cache(), seq(), gb, ub, o2, n, GluAct::GeluTanh));
        auto sum = zeros(n * 4);
        ASSERT_TRUE(record_add(cache(), seq(), gb, bb, sum, n, std::min<uint32_t>(n, 7)));
        auto capped = buffer(g);
        ASSERT_TRUE(record_unary(cache(), seq(), capped, n, 3.0f, 10.0f));
        run();
        std::vector<double> silu(n), gelu(n), add(n), cap(n);
        for (uint32_t i = 0; i < n; ++i) {
            const double x = g[i];
            silu[i] = x / (1 + std::exp(-x)) * u[i];
            gelu[i] = 0.5 * x * (1 + std::tanh(0.7978845608028654 * (x + 0.044715 * x * x * x))) * u[i];
            add[i] = x + b[i % std::min<uint32_t>(n, 7)];
            cap[i] = 10.0 * std::tanh(3.0 * x / 10.0);
        }
        EXPECT_LT(nmse(read(o1, n), silu), 1e-10) << n;
        EXPECT_LT(nmse(read(o2, n), gelu), 1e-10) << n;
        EXPECT_LT(nmse(read(sum, n), add), 1e-12) << n;
        EXPECT_LT(nmse(read(capped, n), cap), 1e-10) << n;
    }
}

TEST_F(KernelTest, ArgmaxFindsTheFirstLargestValue) {
    for (uint32_t n : {1u, 5u, 256u, 257u, 32000u, 151937u}) {
        SetUp();
        auto x = random_floats(n, n * 3, -5, 5);
        const uint32_t at = n / 3;
        x[at] = 9.0f;
        if (n > 2) x[n - 1] = 9.0f;  // a tie later on: the first index wins
        auto xb = buffer(x), rb = zeros(8);
        ASSERT_TRUE(record_argmax(cache(), seq(), xb, n, rb));
        run();
        auto r = read<uint32_t>(rb, 2);
        EXPECT_EQ(r[0], n > 2 ? at : uint32_t(std::max_element(x.begin(), x.end()) - x.begin())) << n;
        float v;
        std::memcpy(&v, &r[1], 4);
        EXPECT_EQ(v, x[r[0]]);
    }
}

TEST_F(KernelTest, TopKReturnsTheLargestValuesInRankOrder) {
    for (auto [n, k] : {std::pair{1u, 1u}, {3u, 5u}, {257u, 8u}, {32000u, 40u}, {1000u, 1000u}}) {
        SetUp();
        auto x = random_floats(n, n + k, -5, 5);
        if (n > 10) x[n - 1] = x[3] = 7.5f;  // a tie: index 3 ranks first
        auto xb = buffer(x), rb = zeros(size_t(k) * 8);
        ASSERT_TRUE(record_top_k(cache(), seq(), xb, n, k, rb));
        run();
        auto r = read<uint32_t>(rb, size_t(k) * 2);
        std::vector<uint32_t> order(n);
        for (uint32_t i = 0; i < n; ++i) order[i] = i;
        std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return x[a] > x[b]; });
        for (uint32_t q = 0; q < k; ++q) {
            if (q < n) {
                ASSERT_EQ(r[2 * q], order[q]) << "n " << n << " rank " << q;
                float v;
                std::memcpy(&v, &r[2 * q + 1], 4);
                EXPECT_EQ(v, x[order[q]]);
            } else {
                EXPECT_EQ(r[2 * q], 0xFFFFFFFFu) << "n " << n << " rank " << q;
            }
        }
    }
}

TEST_F(KernelTest, BadArgumentsAreErrorsNotCrashes) {
    auto small = zeros(16);
    auto st = record_rms_norm(cache(), seq(), small, {}, small, 100, 1, 1e-5f);
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().code, "vulkan.bad_kernel_args");
    AttentionArgs a;
    a.n_heads = 3;
    a.n_kv_heads = 2;
    a.hd_k = a.hd_v = 4;
    EXPECT_FALSE(record_attention(cache(), seq(), a, small, small, small, small, small));
    RopeArgs r{1, 1, 4, 3, false, 0};
    EXPECT_FALSE(record_rope(cache(), seq(), small, small, small, r));
    ASSERT_TRUE(seq().end());
}

}  // namespace
}  // namespace hearth::vk
