// The embedding lookup reads every table type as stored, and gives what the CPU's
// dequantize_row gives, times the scale, for tokens spread over several table parts.
#include <gtest/gtest.h>

#include <cstring>
#include <vector>

#include "inference/tensor/dequantize.h"
#include "inference/tensor/quantize.h"
#include "inference/vulkan/kernel_harness.h"

namespace hearth::vk {

TEST_F(KernelTest, GetRowsMatchesTheCpuDequantizerForEveryTableType) {
    const TensorType types[] = {TensorType::F32,  TensorType::F16,  TensorType::BF16, TensorType::Q4_0,
                                TensorType::Q4_1, TensorType::Q5_0, TensorType::Q5_1, TensorType::Q8_0,
                                TensorType::Q2_K, TensorType::Q3_K, TensorType::Q4_K, TensorType::Q5_K,
                                TensorType::Q6_K};
    for (TensorType type : types) {
        SetUp();
        ASSERT_TRUE(get_rows_supports(type)) << type_name(type);
        // Block types: two blocks per row; plain types: a row length that is not a multiple of 4.
        const uint32_t cols = is_quantized(type) ? 2 * traits(type).block_size : 10, rows = 9;
        const uint64_t rb = row_bytes(type, cols);
        const auto src = random_floats(size_t{cols} * rows, 71, -2.0f, 2.0f);
        std::vector<uint8_t> bytes(rb * rows);
        for (uint32_t r = 0; r < rows; ++r)
            ASSERT_TRUE(quantize_row(type, src.data() + r * cols, bytes.data() + r * rb, cols));
        std::vector<float> want(size_t{cols} * rows);
        for (uint32_t r = 0; r < rows; ++r) dequantize_row(type, bytes.data() + r * rb, want.data() + r * cols, cols);

        // Two parts, rows 0..4 and 5..8, each in its own allocation, as a large table is split.
        EmbeddingTable t{type, cols, rows, {}};
        for (auto [r0, n] : {std::pair<uint32_t, uint32_t>{0, 5}, {5, 4}}) {
            t.parts.push_back(buffer(std::vector<uint8_t>(bytes.begin() + r0 * rb, bytes.begin() + (r0 + n) * rb)));
            t.parts.back().size = n * rb;
        }
        const std::vector<int32_t> toks = {8, 0, 4, 5, 8, 2};
        auto ob = zeros(toks.size() * cols * 4);
        ASSERT_TRUE(record_get_rows(cache(), seq(), t, ob, params(0, toks), static_cast<uint32_t>(toks.size()), 0.5f));
        run();
        const auto got = read(ob, toks.size() * cols);
        for (size_t i = 0; i < toks.size(); ++i)
            for (uint32_t c = 0; c < cols; ++c)
                ASSERT_NEAR(got[i * cols + c], 0.5f * want[toks[i] * cols + c], 1e-6f)
                    << type_name(type) << " token " << toks[i] << " column " << c;
    }
}

TEST_F(KernelTest, GetRowsRefusesATypeWithoutAKernel) {
    EmbeddingTable t{TensorType::Q8_K, 256, 1, {zeros(1024)}};
    auto ob = zeros(256 * 4);
    auto st = record_get_rows(cache(), seq(), t, ob, params(0, {0}), 1, 1.0f);
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().code, "vulkan.bad_kernel_args");
}

}  // namespace hearth::vk
