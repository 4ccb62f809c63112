// hearth-cli on the Vulkan engine, as a user runs it: `run` prints the golden story for
// stories260K with greedy sampling, and `bench` reports speeds. Skips without the shared data.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "tests/support/run_process.h"
#include "tests/support/testdata.h"

namespace hearth::vk {
namespace {

std::string golden_text(const std::string& model) {
    std::ifstream j(test::testdata_dir() / "golden" / (model + ".greedy.json"));
    std::stringstream ss;
    ss << j.rdbuf();
    const std::string s = ss.str();
    const auto k = s.find("\"generated_text\"");
    auto q = s.find('"', s.find(':', k) + 1) + 1;
    std::string out;
    for (; q < s.size() && s[q] != '"'; ++q) {
        if (s[q] != '\\') {
            out += s[q];
            continue;
        }
        const char c = s[++q];
        out += c == 'n' ? '\n' : c == 't' ? '\t' : c;  // the golden text has no \u escapes
    }
    return out;
}

TEST(VulkanCli, RunPrintsTheGoldenStoryOnVulkan) {
    HEARTH_REQUIRE_TESTDATA("models/stories260K.gguf");
    HEARTH_REQUIRE_TESTDATA("golden/stories260K.greedy.json");
    const auto model = (test::testdata_dir() / "models" / "stories260K.gguf").string();
    auto r = test::run_command(test::cli_path() + " run -m '" + model + "' -p 'Once upon a time' --temp 0 -n 200");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string want = "Once upon a time" + golden_text("stories260K");
    ASSERT_GE(r.out.size(), want.size()) << r.out;
    EXPECT_EQ(r.out.substr(0, want.size()), want);
    EXPECT_NE(r.err.find("[vulkan:"), std::string::npos) << r.err;
}

TEST(VulkanCli, BenchReportsPrefillDecodeAndBandwidth) {
    HEARTH_REQUIRE_TESTDATA("models/stories260K.gguf");
    const auto model = (test::testdata_dir() / "models" / "stories260K.gguf").string();
    auto r = test::run_command(test::cli_path() + " bench -m '" + model + "' -p 16 -n 8 --profile");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    for (const char* line : {"prefill:  16 tokens", "decode:   8 tokens", "bandwidth:", "vram:", "attention"})
        EXPECT_NE(r.out.find(line), std::string::npos) << line << "\n" << r.out;
    auto bad = test::run_command(test::cli_path() + " bench -m '" + model + "' --device no-such-gpu");
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_NE(bad.err.find("no-such-gpu"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace hearth::vk
