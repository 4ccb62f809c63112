// The embedded cooperative-matrix SPIR-V is valid for Vulkan 1.2 (spirv-val), and declares what
// device.cpp enables for it.
#include <gtest/gtest.h>

#include <fstream>
#include <span>
#include <string>

#include "shaders/spirv.h"
#include "tests/support/run_process.h"
#include "tests/support/testdata.h"

namespace hearth::test {
namespace {

// SPIR-V opcodes and capabilities (SPIR-V spec, section 3).
constexpr uint32_t kOpCapability = 17;
constexpr uint32_t kCapFloat16 = 9;
constexpr uint32_t kCapVulkanMemoryModel = 5345;
constexpr uint32_t kCapCooperativeMatrixNV = 5357;

bool has_capability(std::span<const uint32_t> spv, uint32_t cap) {
    for (size_t i = 5; i < spv.size();) {
        const uint32_t words = spv[i] >> 16, op = spv[i] & 0xFFFF;
        if (words == 0) return false;
        if (op == kOpCapability && i + 1 < spv.size() && spv[i + 1] == cap) return true;
        i += words;
    }
    return false;
}

TEST(CoopmatSpirv, DeclaresWhatTheDeviceEnables) {
    EXPECT_TRUE(has_capability(shaders::matmul_coopmat_q4_k, kCapCooperativeMatrixNV));
    EXPECT_TRUE(has_capability(shaders::matmul_coopmat_q4_k, kCapVulkanMemoryModel));
    EXPECT_TRUE(has_capability(shaders::matmul_coopmat_q4_k, kCapFloat16));
    // The emulated variant runs anywhere: none of them.
    EXPECT_FALSE(has_capability(shaders::matmul_coopmat_emu_q4_k, kCapCooperativeMatrixNV));
    EXPECT_FALSE(has_capability(shaders::matmul_coopmat_emu_q4_k, kCapVulkanMemoryModel));
    EXPECT_FALSE(has_capability(shaders::matmul_coopmat_emu_q4_k, kCapFloat16));
}

TEST(CoopmatSpirv, EveryVariantPassesSpirvVal) {
#if !defined(HEARTH_SPIRV_VAL)
    GTEST_SKIP() << "spirv-val was not found when the build was configured (Debian package spirv-tools)";
#else
    const std::pair<const char*, std::span<const uint32_t>> variants[] = {
        {"f32", shaders::matmul_coopmat_f32},     {"f16", shaders::matmul_coopmat_f16},
        {"bf16", shaders::matmul_coopmat_bf16},   {"q4_0", shaders::matmul_coopmat_q4_0},
        {"q4_1", shaders::matmul_coopmat_q4_1},   {"q5_0", shaders::matmul_coopmat_q5_0},
        {"q5_1", shaders::matmul_coopmat_q5_1},   {"q8_0", shaders::matmul_coopmat_q8_0},
        {"q2_k", shaders::matmul_coopmat_q2_k},   {"q3_k", shaders::matmul_coopmat_q3_k},
        {"q4_k", shaders::matmul_coopmat_q4_k},   {"q5_k", shaders::matmul_coopmat_q5_k},
        {"q6_k", shaders::matmul_coopmat_q6_k},   {"emu_f16", shaders::matmul_coopmat_emu_f16},
        {"emu_q4_k", shaders::matmul_coopmat_emu_q4_k}, {"emu_q8_0", shaders::matmul_coopmat_emu_q8_0},
    };
    const auto dir = scratch_dir("coopmat_spirv");
    for (const auto& [name, words] : variants) {
        const auto path = dir / (std::string(name) + ".spv");
        {
            std::ofstream f(path, std::ios::binary);
            f.write(reinterpret_cast<const char*>(words.data()), static_cast<std::streamsize>(words.size() * 4));
        }
        const auto r = run_command(std::string(HEARTH_SPIRV_VAL) + " --target-env vulkan1.2 '" + path.string() + "'");
        EXPECT_EQ(r.exit_code, 0) << name << ": " << r.out << r.err;
    }
#endif
}

}  // namespace
}  // namespace hearth::test
