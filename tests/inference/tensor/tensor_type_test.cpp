#include <gtest/gtest.h>

#include "inference/tensor/tensor_type.h"

namespace hearth {
namespace {

TEST(TensorType, IdsMatchGgml) {
    EXPECT_EQ(static_cast<uint32_t>(TensorType::Q4_0), 2u);
    EXPECT_EQ(static_cast<uint32_t>(TensorType::Q8_0), 8u);
    EXPECT_EQ(static_cast<uint32_t>(TensorType::Q4_K), 12u);
    EXPECT_EQ(static_cast<uint32_t>(TensorType::Q6_K), 14u);
    EXPECT_EQ(static_cast<uint32_t>(TensorType::IQ1_M), 29u);
    EXPECT_EQ(static_cast<uint32_t>(TensorType::BF16), 30u);
    EXPECT_STREQ(type_traits(12)->name, "Q4_K");
    EXPECT_STREQ(type_traits(30)->name, "BF16");
}

TEST(TensorType, BlockGeometry) {
    struct Row {
        TensorType t;
        uint32_t block, bytes;
    };
    const Row rows[] = {
        {TensorType::F32, 1, 4},     {TensorType::F16, 1, 2},     {TensorType::BF16, 1, 2},
        {TensorType::Q4_0, 32, 18},  {TensorType::Q4_1, 32, 20},  {TensorType::Q5_0, 32, 22},
        {TensorType::Q5_1, 32, 24},  {TensorType::Q8_0, 32, 34},  {TensorType::Q8_1, 32, 36},
        {TensorType::Q2_K, 256, 84}, {TensorType::Q3_K, 256, 110}, {TensorType::Q4_K, 256, 144},
        {TensorType::Q5_K, 256, 176}, {TensorType::Q6_K, 256, 210}, {TensorType::Q8_K, 256, 292},
        {TensorType::IQ2_XXS, 256, 66}, {TensorType::IQ4_XS, 256, 136}, {TensorType::IQ4_NL, 32, 18},
    };
    for (const auto& r : rows) {
        SCOPED_TRACE(type_name(r.t));
        EXPECT_EQ(traits(r.t).block_size, r.block);
        EXPECT_EQ(traits(r.t).block_bytes, r.bytes);
    }
}

TEST(TensorType, SupportedSet) {
    for (TensorType t : {TensorType::F32, TensorType::F16, TensorType::BF16, TensorType::Q8_0, TensorType::Q4_0,
                         TensorType::Q4_1, TensorType::Q5_0, TensorType::Q5_1, TensorType::Q2_K, TensorType::Q3_K,
                         TensorType::Q4_K, TensorType::Q5_K, TensorType::Q6_K, TensorType::Q8_K})
        EXPECT_TRUE(is_supported(t)) << type_name(t);
    for (TensorType t : {TensorType::Q8_1, TensorType::I32, TensorType::TQ1_0, TensorType::MXFP4})
        EXPECT_FALSE(is_supported(t)) << type_name(t);
    EXPECT_TRUE(is_quantized(TensorType::Q4_K));
    EXPECT_FALSE(is_quantized(TensorType::BF16));
}

TEST(TensorType, UnknownIds) {
    for (uint32_t id : {4u, 5u, 31u, 32u, 33u, 36u, 37u, 38u, 40u, 1000u, 0xFFFFFFFFu})
        EXPECT_EQ(type_traits(id), nullptr) << id;
    const auto bogus = static_cast<TensorType>(5);
    EXPECT_FALSE(is_supported(bogus));
    EXPECT_EQ(traits(bogus).block_size, 0u);
    EXPECT_FALSE(row_size_ok(bogus, 32));
    EXPECT_EQ(row_bytes(bogus, 32), 0u);
}

TEST(TensorType, Names) {
    EXPECT_EQ(type_from_name("Q4_K"), TensorType::Q4_K);
    EXPECT_EQ(type_from_name("q6_k"), TensorType::Q6_K);
    EXPECT_EQ(type_from_name("bf16"), TensorType::BF16);
    EXPECT_EQ(type_from_name("F32"), TensorType::F32);
    EXPECT_FALSE(type_from_name("Q4_K_M").has_value());
    EXPECT_FALSE(type_from_name("").has_value());
    EXPECT_FALSE(type_from_name("Q4_").has_value());
}

TEST(TensorType, RowBytes) {
    EXPECT_EQ(row_bytes(TensorType::F32, 64), 256u);
    EXPECT_EQ(row_bytes(TensorType::F16, 3), 6u);
    EXPECT_EQ(row_bytes(TensorType::Q4_0, 64), 36u);
    EXPECT_EQ(row_bytes(TensorType::Q4_K, 4096), 16u * 144u);
    EXPECT_EQ(row_bytes(TensorType::Q6_K, 256), 210u);
    EXPECT_EQ(row_bytes(TensorType::Q8_0, 0), 0u);
    EXPECT_TRUE(row_size_ok(TensorType::Q8_0, 0));
    EXPECT_FALSE(row_size_ok(TensorType::Q4_0, 172));  // stories260K's FFN width
    EXPECT_FALSE(row_size_ok(TensorType::Q4_K, 32));
    EXPECT_FALSE(row_size_ok(TensorType::F32, -1));
    EXPECT_EQ(row_bytes(TensorType::Q4_0, 33), 0u);
    EXPECT_TRUE(row_size_ok(TensorType::F32, 172));
}

}  // namespace
}  // namespace hearth
