// The query-tiled prefill attention kernel (attention_prefill.comp) against a plain CPU
// reference, over many shapes: batch sizes, cache offsets, GQA ratios, head sizes, sliding
// windows, soft-capping, F16 and F32 caches, chosen and forced tiles.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <sstream>

#include "inference/tensor/half.h"
#include "inference/vulkan/attention_reference.h"
#include "inference/vulkan/kernel_harness.h"

namespace hearth::vk {
namespace {

struct Case {
    uint32_t tokens, pos0, heads, kv_heads, hd_k, hd_v, window;
    float softcap;
    uint32_t tile_rows = 0, tile_keys = 0;  // 0: the kernel's own choice
    uint32_t pad = 0;                       // extra floats per token row of q and o
};

std::string describe(const Case& c, bool f32) {
    std::ostringstream s;
    s << "tokens " << c.tokens << " pos0 " << c.pos0 << " heads " << c.heads << "/" << c.kv_heads << " hd "
      << c.hd_k << "/" << c.hd_v << " window " << c.window << " cap " << c.softcap << " tiles " << c.tile_rows
      << "x" << c.tile_keys << " pad " << c.pad << (f32 ? " f32 cache" : " f16 cache");
    return s.str();
}

AttentionShape shape(const Case& c) {
    return {c.tokens, c.pos0, c.heads, c.kv_heads, c.hd_k, c.hd_v, c.window, c.softcap, c.pad};
}

class AttentionPrefillTest : public KernelTest {
protected:
    // A cache of n_ctx rows holding `x`, with every row outside [first, last] set to NaN: a
    // kernel that reads a key or value outside the rows its queries may see turns its output NaN.
    BufferView cache_rows(const std::vector<float>& x, uint32_t width, uint32_t n_ctx, uint32_t first, uint32_t last,
                          bool f32) {
        const auto nan = std::numeric_limits<float>::quiet_NaN();
        if (f32) {
            std::vector<float> rows(x);
            for (uint32_t j = 0; j < n_ctx; ++j)
                if (j < first || j > last) std::fill_n(rows.begin() + size_t(j) * width, width, nan);
            return buffer(rows);
        }
        std::vector<uint16_t> rows(x.size());
        for (size_t i = 0; i < x.size(); ++i) rows[i] = f32_to_fp16(x[i]);
        for (uint32_t j = 0; j < n_ctx; ++j)
            if (j < first || j > last) std::fill_n(rows.begin() + size_t(j) * width, width, f32_to_fp16(nan));
        return buffer(rows);
    }

    AttentionArgs args(const Case& c, bool f32) {
        AttentionArgs a;
        a.n_tokens = c.tokens;
        a.n_heads = c.heads;
        a.n_kv_heads = c.kv_heads;
        a.hd_k = c.hd_k;
        a.hd_v = c.hd_v;
        a.q_stride = c.pad ? c.heads * c.hd_k + c.pad : 0;
        a.o_stride = c.pad ? c.heads * c.hd_v + c.pad : 0;
        a.window = c.window;
        a.scale = 1.0f / std::sqrt(float(c.hd_k));
        a.softcap = c.softcap;
        a.kv_f32 = f32;
        a.tile_rows = c.tile_rows;
        a.tile_keys = c.tile_keys;
        return a;
    }

    // Runs the case with the batch cut to `n_valid` tokens by the params buffer and checks the
    // valid rows against the reference and the rest (and any padding) for being left alone.
    void check(const Case& c, bool f32, uint32_t seed, uint32_t n_valid) {
        SetUp();
        const uint32_t n_ctx = c.pos0 + c.tokens + 3;
        const uint32_t qs = c.heads * c.hd_k + c.pad, os = c.heads * c.hd_v + c.pad;
        auto q = random_floats(size_t(c.tokens) * qs, seed, -2, 2);
        auto k = random_floats(size_t(n_ctx) * c.kv_heads * c.hd_k, seed + 1, -2, 2);
        auto v = random_floats(size_t(n_ctx) * c.kv_heads * c.hd_v, seed + 2, -2, 2);
        const uint32_t first = window_begin(c.pos0, c.window), last = c.pos0 + n_valid - 1;
        auto kc = cache_rows(k, c.kv_heads * c.hd_k, n_ctx, first, last, f32);
        auto vc = cache_rows(v, c.kv_heads * c.hd_v, n_ctx, first, last, f32);
        const float sentinel = 7.0f;
        auto ob = buffer(std::vector<float>(size_t(c.tokens) * os, sentinel));
        const AttentionArgs a = args(c, f32);
        ASSERT_TRUE(record_attention(cache(), seq(), a, buffer(q), kc, vc, ob,
                                     params(c.pos0, std::vector<int32_t>(n_valid, 0))))
            << describe(c, f32);
        run();
        const auto got = read(ob, size_t(c.tokens) * os);
        auto want = attention_reference(shape(c), f32, q, k, v, a.scale, n_valid);
        // Judge only the outputs the kernel is meant to write; the rest must keep the sentinel.
        std::vector<float> got_live;
        std::vector<double> want_live;
        size_t touched = 0;
        for (size_t i = 0; i < got.size(); ++i) {
            const bool live = i / os < n_valid && i % os < size_t(c.heads) * c.hd_v;
            if (live) {
                got_live.push_back(got[i]);
                want_live.push_back(want[i]);
            } else {
                touched += got[i] != sentinel;
            }
        }
        EXPECT_EQ(touched, 0u) << "wrote outside the live outputs: " << describe(c, f32);
        // Float32 dot products and sums over at most a few hundred terms carry relative errors of
        // order 1e-6, so the NMSE of a right kernel is around 1e-12 (the F16 cache is rounded in
        // the reference too). One key dropped or misweighted out of ~100, a value read in F16
        // instead of F32 (2^-11 relative) or a wrong mask gives 1e-7 or more; NaN fails as well.
        const double e = nmse(got_live, want_live);
        EXPECT_TRUE(e < 1e-10) << "nmse " << e << ": " << describe(c, f32);
    }
};

const Case kCases[] = {
    // tokens pos0 heads kv  hd_k hd_v window cap
    {2, 0, 1, 1, 64, 64, 0, 0},           // smallest batch, one head
    {3, 0, 4, 4, 64, 64, 0, 0},           // GQA 1
    {17, 0, 8, 4, 64, 64, 0, 0},          // GQA 2
    {33, 5, 8, 2, 80, 80, 0, 0},          // GQA 4, hd 80, earlier cache rows
    {70, 0, 8, 1, 96, 96, 0, 0},          // GQA 8, hd 96, more rows than any tile
    {9, 100, 6, 3, 128, 128, 0, 0},       // a long cache before a short batch
    {64, 37, 12, 4, 128, 128, 0, 30.0f},  // GQA 3: a tile of rows splits a token's heads
    {31, 20, 4, 1, 256, 256, 0, 0},       // hd 256
    {45, 60, 16, 2, 256, 256, 32, 50.0f}, // hd 256, window and soft-capping, GQA 8
    {70, 90, 8, 8, 64, 64, 16, 0},        // window shorter than the batch
    {23, 3, 10, 5, 96, 64, 0, 20.0f},     // hd_k != hd_v
    {5, 0, 3, 1, 128, 80, 7, 0},          // GQA 3 with a window
    {2, 300, 2, 1, 64, 64, 0, 0},         // two tokens after 300 cached
    {11, 0, 4, 2, 8, 8, 0, 0},            // the tiny heads of the test models
    {40, 10, 8, 4, 16, 16, 9, 0},         //   with a window
    {6, 10, 2, 1, 512, 512, 0, 0},        // hd 512
    {13, 4, 6, 2, 64, 64, 0, 0, 0, 0, 6}, // q and o rows with padding between tokens
    // Forced tiles: many row blocks and key tiles on small shapes.
    {37, 13, 6, 2, 64, 64, 5, 0, 4, 8},
    {19, 40, 8, 2, 128, 96, 0, 10.0f, 8, 4},
    {50, 0, 4, 4, 32, 32, 0, 0, 64, 4},
    {7, 7, 1, 1, 2, 2, 0, 0, 4, 4},
    {29, 3, 5, 5, 48, 48, 11, 0, 32, 32},
};

TEST_F(AttentionPrefillTest, MatchesReferenceOnF16Cache) {
    uint32_t seed = 100;
    for (const auto& c : kCases) check(c, false, seed += 3, c.tokens);
}

TEST_F(AttentionPrefillTest, MatchesReferenceOnF32Cache) {
    uint32_t seed = 500;
    for (const auto& c : kCases) check(c, true, seed += 3, c.tokens);
}

TEST_F(AttentionPrefillTest, WritesOnlyTheTokensOfTheParamsCount) {
    // A graph recorded for 9 tokens replayed with 5 (and 1): rows past the count stay untouched.
    check({9, 12, 8, 2, 64, 64, 0, 0}, false, 900, 5);
    check({9, 12, 8, 2, 64, 64, 0, 0}, true, 910, 1);
    check({33, 0, 6, 3, 32, 32, 4, 0, 8, 8}, false, 920, 17);
}

TEST_F(AttentionPrefillTest, TheTiledKernelServesPrefillOnThisDevice) {
    // Without this the reference tests could pass on the per-query kernel alone.
    const uint64_t shared = dev().limits().maxComputeSharedMemorySize;
    for (const auto& c : kCases) {
        if (c.tile_rows) continue;
        const auto t = attention_prefill_tiles(args(c, false), shared);
        EXPECT_GT(t.rows, 0u) << describe(c, false);
        EXPECT_LE(attention_prefill_shared_bytes(t.keys, c.hd_k, c.hd_v), shared);
    }
}

AttentionArgs prefill_shape(uint32_t tokens, uint32_t hd) {
    AttentionArgs a;
    a.n_tokens = tokens;
    a.n_heads = 32;
    a.n_kv_heads = 8;
    a.hd_k = a.hd_v = hd;
    return a;
}

TEST(AttentionPrefillTiles, FitTheSharedMemoryAndGrowWithIt) {
    for (uint32_t hd : {8u, 64u, 80u, 96u, 128u, 256u}) {
        uint32_t last_area = 0;
        for (uint64_t shared : {16384u, 32768u, 49152u, 65536u}) {
            const auto t = attention_prefill_tiles(prefill_shape(512, hd), shared);
            if (!t.rows) {
                EXPECT_LT(shared, 32768u) << "hd " << hd << ": no tiles in " << shared << " bytes";
                continue;
            }
            EXPECT_LE(attention_prefill_shared_bytes(t.keys, hd, hd), shared) << hd;
            EXPECT_GE(t.rows * t.keys, last_area) << "hd " << hd << " shared " << shared;
            last_area = t.rows * t.keys;
        }
    }
}

TEST(AttentionPrefillTiles, DecodeSplitKAndOptOutKeepThePerQueryKernel) {
    EXPECT_EQ(attention_prefill_tiles(prefill_shape(1, 64), 32768).rows, 0u);
    auto split = prefill_shape(8, 64);
    split.n_split = 4;
    EXPECT_EQ(attention_prefill_tiles(split, 32768).rows, 0u);
    auto off = prefill_shape(8, 64);
    off.prefill_tiled = false;
    EXPECT_EQ(attention_prefill_tiles(off, 32768).rows, 0u);
    EXPECT_GT(attention_prefill_tiles(prefill_shape(8, 64), 32768).rows, 0u);
}

TEST(AttentionPrefillTiles, SmallBatchesGetFewRowsPerWorkgroup) {
    // 2 tokens of one head: 2 rows, so no 64-row workgroup of mostly idle threads (8 at least).
    auto a = prefill_shape(2, 64);
    a.n_heads = a.n_kv_heads = 1;
    EXPECT_EQ(attention_prefill_tiles(a, 32768).rows, 8u);
    a.n_tokens = 5;
    a.n_heads = 4;  // 20 rows
    EXPECT_EQ(attention_prefill_tiles(a, 32768).rows, 32u);
    EXPECT_EQ(attention_prefill_tiles(prefill_shape(512, 64), 32768).rows, 64u);
}

TEST_F(AttentionPrefillTest, ForcedTilesThatDoNotFitAreErrors) {
    auto small = zeros(1 << 16);
    AttentionArgs a = args({4, 0, 2, 2, 256, 256, 0, 0, 64, 64}, false);
    auto st = record_attention(cache(), seq(), a, small, small, small, small, small);
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().code, "vulkan.bad_kernel_args");
    a = args({4, 0, 2, 2, 8, 8, 0, 0, 3, 8}, false);  // rows not a power of two
    EXPECT_FALSE(record_attention(cache(), seq(), a, small, small, small, small, small));
    a = args({4, 0, 2, 2, 8, 8, 0, 0, 4, 8}, false);
    a.n_split = 2;
    EXPECT_FALSE(record_attention(cache(), seq(), a, small, small, small, small, small, small));
    ASSERT_TRUE(seq().end());
}

}  // namespace
}  // namespace hearth::vk
