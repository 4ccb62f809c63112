// hearth-cli synth and bench --copy as a user (and scripts/gpu-check.sh) drive them.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <string>

#include "tests/support/run_process.h"

using namespace hearth;

namespace {

// The number in "label: <number>" style output, or -1.
double number_after(const std::string& text, const std::string& pattern) {
    std::smatch m;
    if (!std::regex_search(text, m, std::regex(pattern + "([0-9.]+)"))) return -1;
    return std::stod(m[1].str());
}

}  // namespace

TEST(SynthCli, WritesATinyModelThatInfoReads) {
    auto dir = test::scratch_dir("cli_synth");
    const auto path = (dir / "tiny.gguf").string();
    auto r = test::run_command(test::cli_path() + " synth -o '" + path + "' --shape tiny --type q4_k --fill random --threads 2");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("wrote "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Q4_K weights"), std::string::npos) << r.out;
    ASSERT_TRUE(std::filesystem::exists(path));
    EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
    const double mib = number_after(r.out, "size: ");
    EXPECT_NEAR(mib, double(std::filesystem::file_size(path)) / (1024.0 * 1024.0), 0.06) << r.out;

    auto info = test::run_command(test::cli_path() + " info '" + path + "'");
    ASSERT_EQ(info.exit_code, 0) << info.err;
    EXPECT_NE(info.out.find("llama"), std::string::npos) << info.out;

    // Overrides apply on top of the shape.
    const auto custom = (dir / "custom.gguf").string();
    r = test::run_command(test::cli_path() + " synth -o '" + custom +
                          "' --shape custom --n-embd 512 --n-layer 1 --n-vocab 600 --type q8_0 --seed 9");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("n_embd 512, 1 layers"), std::string::npos) << r.out;
}

TEST(SynthCli, BadOptionsAreRefusedWithAReason) {
    auto dir = test::scratch_dir("cli_synth_bad");
    const auto path = (dir / "x.gguf").string();
    auto r = test::run_command(test::cli_path() + " synth --shape tiny");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("needs an output file"), std::string::npos) << r.err;
    r = test::run_command(test::cli_path() + " synth -o '" + path + "' --shape 13b");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Unknown shape '13b'"), std::string::npos) << r.err;
    r = test::run_command(test::cli_path() + " synth -o '" + path + "' --type q9_z");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Unknown tensor type"), std::string::npos) << r.err;
    r = test::run_command(test::cli_path() + " synth -o '" + path + "' --fill zeros");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("Unknown fill"), std::string::npos) << r.err;
    // A spec the loader would refuse is refused before anything is written.
    r = test::run_command(test::cli_path() + " synth -o '" + path + "' --n-head 5");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("invalid"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(path));
    EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
}

TEST(BenchCli, CopyPrintsATableAndTheBestFigure) {
    auto r = test::run_command(test::cli_path() + " bench --copy --copy-max-mib 4 --copy-repeats 2");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("read + bytes written"), std::string::npos) << r.out;  // the convention is stated
    EXPECT_NE(r.out.find("1 MiB"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("4 MiB"), std::string::npos) << r.out;
    EXPECT_GT(number_after(r.out, "copy bandwidth: "), 0) << r.out;

    r = test::run_command(test::cli_path() + " bench --copy-max-mib 4");
    EXPECT_NE(r.exit_code, 0);
    EXPECT_NE(r.err.find("go with --copy"), std::string::npos) << r.err;
    r = test::run_command(test::cli_path() + " bench --copy --copy-repeats 0");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--copy-repeats must be a whole number between 1 and 1000, not '0'"), std::string::npos) << r.err;
}

TEST(BenchCli, ModelAndCopyTogetherReportTheShareOfCopyBandwidth) {
    auto dir = test::scratch_dir("cli_bench_copy");
    const auto path = (dir / "tiny.gguf").string();
    auto r = test::run_command(test::cli_path() + " synth -o '" + path + "' --shape tiny --n-layer 2 --fill random");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = test::run_command(test::cli_path() + " bench -m '" + path + "' -p 8 -n 4 --copy --copy-max-mib 2 --copy-repeats 2");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_GT(number_after(r.out, "prefill: .* = "), 0) << r.out;
    EXPECT_GT(number_after(r.out, "decode: .* = "), 0) << r.out;
    const double share = number_after(r.out, "decode reads weights at ");
    const double bandwidth = number_after(r.out, "\nbandwidth: "), copy = number_after(r.out, "copy bandwidth: ");
    ASSERT_GT(share, 0) << r.out;
    ASSERT_GT(bandwidth, 0) << r.out;
    ASSERT_GT(copy, 0) << r.out;
    // 100 * decode / copy to three significant digits; decode is printed to 0.01 and copy to 0.1.
    const double slack = 100.0 * 0.005 / copy + 100.0 * bandwidth * 0.05 / (copy * copy) + 0.005 * share;
    EXPECT_NEAR(share, 100.0 * bandwidth / copy, slack * 1.01) << r.out;
}

TEST(BenchCli, BatchSetsThePrefillChunkAndIsChecked) {
    auto dir = test::scratch_dir("cli_bench_batch");
    const auto path = (dir / "tiny.gguf").string();
    auto r = test::run_command(test::cli_path() + " synth -o '" + path + "' --shape tiny --n-layer 1 --fill random");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    r = test::run_command(test::cli_path() + " bench -m '" + path + "' -p 24 -n 2 --batch 24");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("(batches of up to 24)"), std::string::npos) << r.out;
    r = test::run_command(test::cli_path() + " bench -m '" + path + "' -p 24 -n 2 --batch 8");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("(batches of up to 8)"), std::string::npos) << r.out;
    r = test::run_command(test::cli_path() + " bench -m '" + path + "' --batch 0");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--batch must be a whole number between 1 and 8192, not '0'"), std::string::npos) << r.err;
}
