// `hearth-cli tokenize` as a user runs it.
#include <gtest/gtest.h>

#include "inference/gguf/gguf_writer.h"
#include "tests/support/run_process.h"
#include "tests/support/testdata.h"

namespace hearth {
namespace {

// A six-token SentencePiece vocabulary written to a scratch GGUF file ("hi" is there so that
// "▁" + "h" + "i" can merge into "▁hi").
std::string tiny_model(const std::string& name) {
    GgufWriter w;
    w.set_string("general.architecture", "llama");
    w.set_string("tokenizer.ggml.model", "llama");
    w.set_string_array("tokenizer.ggml.tokens",
                       std::vector<std::string>{"<unk>", "<s>", "</s>", "\xE2\x96\x81hi", "\n", "hi"});
    const float scores[] = {0, 0, 0, -1, -1, -2};
    w.set_f32_array("tokenizer.ggml.scores", scores);
    const int32_t types[] = {2, 3, 3, 1, 1, 1};
    w.set_i32_array("tokenizer.ggml.token_type", types);
    const auto path = test::scratch_dir(name) / "tiny.gguf";
    EXPECT_TRUE(w.write(path).ok());
    return path.string();
}

TEST(TokenizerCli, PrintsIdsAndPieces) {
    const auto model = tiny_model("cli-tokenize-pieces");
    auto r = test::run_command(test::cli_path() + " tokenize -m '" + model + "' -p 'hi'");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "1 '<s>'\n3 ' hi'\n");
}

TEST(TokenizerCli, IdsOnlyAndNoBos) {
    const auto model = tiny_model("cli-tokenize-ids");
    auto r = test::run_command(test::cli_path() + " tokenize -m '" + model + "' -p 'hi hi' --ids --no-bos");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "3 3\n");
}

TEST(TokenizerCli, SpecialTokensInTheTextOnlyWhenAllowed) {
    const auto model = tiny_model("cli-tokenize-special");
    auto r = test::run_command(test::cli_path() + " tokenize -m '" + model + "' -p '<s>hi' --ids --no-bos");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "1 3\n");
    r = test::run_command(test::cli_path() + " tokenize -m '" + model + "' -p '<s>' --ids --no-bos --no-special");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "0 0 0 0\n");  // no byte tokens: ▁ < s > are each unknown
}

TEST(TokenizerCli, EscapesControlCharactersInPieces) {
    const auto model = tiny_model("cli-tokenize-escape");
    auto r = test::run_command(test::cli_path() + " tokenize -m '" + model + "' -p \"$(printf 'hi\\nx')\" --no-bos");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "3 ' hi'\n4 '\\n'\n0 '<unk>'\n");
}

TEST(TokenizerCli, MissingFileIsAnErrorWithExitCode1) {
    auto r = test::run_command(test::cli_path() + " tokenize -m /nonexistent/model.gguf -p hi");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("error:"), std::string::npos) << r.err;
}

TEST(TokenizerCli, MissingArgumentsIsUsageError) {
    auto r = test::run_command(test::cli_path() + " tokenize -p hi");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("tokenize"), std::string::npos);
}

TEST(TokenizerCli, Stories260KPrompt) {
    HEARTH_REQUIRE_TESTDATA("models/stories260K.gguf");
    const auto model = (test::testdata_dir() / "models/stories260K.gguf").string();
    auto r = test::run_command(test::cli_path() + " tokenize -m '" + model + "' -p 'Once upon a time' --ids");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "1 403 407 261 378\n");
}

}  // namespace
}  // namespace hearth
