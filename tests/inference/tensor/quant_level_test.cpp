// Quant level names as files and catalogs spell them, mapped to the engine's tensor types; what
// runs is the type table's `supported`, never a list kept here.
#include <gtest/gtest.h>

#include "inference/tensor/quant_level.h"

using namespace hearth;

TEST(QuantLevel, NamesMapToTheTypeTheyMostlyStore) {
    EXPECT_EQ(level_main_type("Q4_K_M"), TensorType::Q4_K);
    EXPECT_EQ(level_main_type("q3_k_s"), TensorType::Q3_K);
    EXPECT_EQ(level_main_type("Q6_K_L"), TensorType::Q6_K);
    EXPECT_EQ(level_main_type("Q3_K_XL"), TensorType::Q3_K);
    EXPECT_EQ(level_main_type("Q8_0"), TensorType::Q8_0);
    EXPECT_EQ(level_main_type("IQ4_XS"), TensorType::IQ4_XS);
    EXPECT_EQ(level_main_type("IQ1_M"), TensorType::IQ1_M);  // a type, not a size suffix
    EXPECT_EQ(level_main_type("IQ3_S"), TensorType::IQ3_S);
    EXPECT_EQ(level_main_type("IQ3_M"), TensorType::IQ3_S);
    EXPECT_EQ(level_main_type("IQ3_XS"), TensorType::IQ3_S);
    EXPECT_EQ(level_main_type("IQ2_M"), TensorType::IQ2_S);
    EXPECT_EQ(level_main_type("FP16"), TensorType::F16);
    EXPECT_EQ(level_main_type("BF16"), TensorType::BF16);
    EXPECT_EQ(level_main_type("TQ1_0"), TensorType::TQ1_0);
    EXPECT_EQ(level_main_type("MXFP4"), TensorType::MXFP4);
    EXPECT_FALSE(level_main_type("Q4_0_4_4"));  // a repacked layout GGUF no longer defines
    EXPECT_FALSE(level_main_type("Q4_M"));      // a size suffix only on K-quants
    EXPECT_FALSE(level_main_type(""));
}

TEST(QuantLevel, WhatCannotRunSaysWhy) {
    for (const char* ok : {"Q4_K_M", "IQ4_XS", "IQ2_XXS", "IQ1_S", "Q8_0", "F16", "BF16", "F32", "Q2_K_S"})
        EXPECT_EQ(level_unsupported_reason(ok), "") << ok;
    EXPECT_NE(level_unsupported_reason("TQ1_0").find("TQ1_0 weights are not supported"), std::string::npos);
    EXPECT_NE(level_unsupported_reason("MXFP4").find("MXFP4"), std::string::npos);
    EXPECT_NE(level_unsupported_reason("Q4_0_4_4").find("not a quantization Hearth knows"), std::string::npos);
}
