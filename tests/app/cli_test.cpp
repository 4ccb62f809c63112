// hearth-cli's foundation commands: --version, devices (against vulkaninfo as an independent
// oracle where installed), and a clear message when no Vulkan driver is installed.
#include <gtest/gtest.h>

#include <regex>

#include "tests/support/run_process.h"

using hearth::test::cli_path;
using hearth::test::run_command;

// Making the loader see no driver: both the old and the new variable name, pointing nowhere.
static const char* kNoDriverEnv =
    "env VK_ICD_FILENAMES=/nonexistent/icd.json VK_DRIVER_FILES=/nonexistent/icd.json ";

TEST(Cli, VersionPrintsProjectVersion) {
    auto r = run_command(cli_path() + " --version");
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_TRUE(std::regex_search(r.out, std::regex(R"(^hearth-cli \d+\.\d+\.\d+\n$)"))) << r.out;
}

TEST(Cli, UnknownCommandIsUsageError) {
    auto r = run_command(cli_path() + " frobnicate");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("unknown command 'frobnicate'"), std::string::npos) << r.err;
}

TEST(Cli, UnknownOptionIsUsageError) {
    auto r = run_command(cli_path() + " devices --colour");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--colour"), std::string::npos) << r.err;
}

// Finds `"key": <number>` in the JSON object of the llvmpipe device.
static long long json_number(const std::string& object, const std::string& key) {
    std::smatch m;
    if (!std::regex_search(object, m, std::regex("\"" + key + "\": (\\d+)"))) return -1;
    return std::stoll(m[1]);
}

static std::string llvmpipe_object(const std::string& json) {
    std::smatch m;
    if (!std::regex_search(json, m, std::regex(R"(\{[^{}]*"name": "llvmpipe[^{}]*\})"))) return {};
    return m[0];
}

// The value vulkaninfo prints for `key` in the llvmpipe device's section, or -1.
static long long vulkaninfo_value(const std::string& key) {
    auto r = run_command("vulkaninfo 2>/dev/null");
    if (r.exit_code != 0) return -1;
    auto at = r.out.find("deviceName        = llvmpipe");
    if (at == std::string::npos) at = r.out.find("llvmpipe");
    if (at == std::string::npos) return -1;
    std::smatch m;
    std::string rest = r.out.substr(at);
    if (!std::regex_search(rest, m, std::regex(key + R"(\s*=\s*(0x[0-9a-fA-F]+|\d+))"))) return -1;
    return std::stoll(m[1], nullptr, 0);
}

TEST(Cli, DevicesFindsLavapipeWithItsRealLimits) {
    auto r = run_command(cli_path() + " devices --json");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string dev = llvmpipe_object(r.out);
    ASSERT_FALSE(dev.empty()) << "no llvmpipe device in:\n" << r.out;
    EXPECT_NE(dev.find("\"type\": \"CPU\""), std::string::npos) << dev;
    EXPECT_NE(dev.find("\"cooperative_matrix\": false"), std::string::npos) << dev;

    const long long range = json_number(dev, "max_storage_buffer_range");
    const long long subgroup = json_number(dev, "subgroup_size");
    long long want_range = vulkaninfo_value("maxStorageBufferRange");
    long long want_subgroup = vulkaninfo_value("subgroupSize");
    // Without vulkaninfo, the limits Mesa 22's lavapipe documents: 128 MiB, and 8 lanes (AVX2)
    // or 4 (SSE only).
    if (want_range < 0) want_range = 134217728;
    EXPECT_EQ(range, want_range);
    if (want_subgroup >= 0) EXPECT_EQ(subgroup, want_subgroup);
    else EXPECT_TRUE(subgroup == 8 || subgroup == 4) << subgroup;
}

TEST(Cli, DevicesTextListsEveryField) {
    auto r = run_command(cli_path() + " devices");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const char* field : {"llvmpipe", "type:", "driver:", "heap 0:", "subgroup size:", "fp16 arithmetic:",
                              "int8 arithmetic:", "maxStorageBufferRange:", "cooperative matrix:",
                              "integer dot product:"})
        EXPECT_NE(r.out.find(field), std::string::npos) << field << " missing from:\n" << r.out;
}

TEST(Cli, DevicesWithoutDriverSaysSoClearly) {
    auto r = run_command(std::string(kNoDriverEnv) + cli_path() + " devices");
    EXPECT_EQ(r.exit_code, 1) << "stdout: " << r.out << "\nstderr: " << r.err;
    EXPECT_NE(r.err.find("No Vulkan driver was found"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("mesa-vulkan-drivers"), std::string::npos) << r.err;
}

// The inputs that once crashed or slipped through: stoul threw on --device, -n wrapped to 0,
// --temp took NaN. Each must now be a usage error (exit 2) naming the option, before any model
// is opened.
TEST(Cli, OutOfRangeNumbersAreUsageErrors) {
    struct Case {
        const char* args;
        const char* message;
    };
    const Case cases[] = {
        {"bench -m none.gguf --device 99999999999999999999",
         "--device must be a whole number between 0 and 1023, not '99999999999999999999'."},
        {"bench -m none.gguf -n 4294967296", "-n must be a whole number between 1 and 16777216, not '4294967296'."},
        {"run -m none.gguf -p hi --temp nan", "--temp must be a number between 0 and 100, not 'nan'."},
        {"run -m none.gguf -p hi -n 4294967296", "-n must be a whole number between 0 and 2147483647"},
        {"run -m none.gguf -p hi --top-p 1.5", "--top-p must be a number between 0 and 1, not '1.5'."},
        {"run -m none.gguf -p hi --seed 12x", "--seed must be a whole number"},
        {"fit none.gguf --ctx -5", "--ctx must be a whole number between 1 and"},
        {"search llama --limit 0", "--limit must be a whole number between 1 and 1000, not '0'."},
        {"synth -o none.gguf --n-embd 9999999999", "--n-embd must be a whole number between 0 and 1073741824"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.args);
        auto r = run_command(cli_path() + " " + c.args);
        EXPECT_EQ(r.exit_code, 2) << "stdout: " << r.out << "\nstderr: " << r.err;
        EXPECT_NE(r.err.find(c.message), std::string::npos) << r.err;
    }
}
