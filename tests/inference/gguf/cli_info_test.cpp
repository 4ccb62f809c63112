// `hearth-cli info`, run as a separate process the way a user runs it.
#include <gtest/gtest.h>

#include <fstream>

#include "inference/gguf/gguf_writer.h"
#include "tests/support/run_process.h"

namespace hearth {
namespace {

std::string quoted(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

TEST(CliInfo, Stories260K) {
    HEARTH_REQUIRE_TESTDATA("models/stories260K.gguf");
    const auto model = test::testdata_dir() / "models/stories260K.gguf";
    auto r = test::run_command(test::cli_path() + " info " + quoted(model));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("version 3"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("arch:        llama"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("1185376 bytes"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("F32          48 tensors"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("block_count            5"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("embedding_length       64"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("head_count_kv          4"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("vocab_size             512"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("chat template: none"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("[string x 512]"), std::string::npos) << r.out;  // tokens array summarised
    EXPECT_EQ(r.out.find("blk.0.attn_q.weight"), std::string::npos);     // tensors only with --all
    auto all = test::run_command(test::cli_path() + " info " + quoted(model) + " --all");
    ASSERT_EQ(all.exit_code, 0) << all.err;
    EXPECT_NE(all.out.find("blk.0.attn_q.weight"), std::string::npos);
    EXPECT_NE(all.out.find("64 x 512"), std::string::npos);
}

TEST(CliInfo, SyntheticFile) {
    const auto dir = test::scratch_dir("cli_info");
    GgufWriter w;
    w.set_string("general.architecture", "qwen2");
    w.set_string("general.name", "Tiny Test");
    w.set_u32("qwen2.context_length", 4096);
    w.set_u32("qwen2.block_count", 1);
    w.set_f32("qwen2.rope.freq_base", 1000000.0f);
    w.set_string("tokenizer.ggml.model", "gpt2");
    w.set_string_array("tokenizer.ggml.tokens", std::vector<std::string>{"a", "b", "c"});
    w.set_string("tokenizer.chat_template", "{% for m in messages %}{{ m.content }}{% endfor %}");
    std::vector<float> v(512, 0.25f);
    const int64_t ne[] = {256, 2};
    ASSERT_TRUE(w.add_tensor_f32("blk.0.ffn_up.weight", TensorType::Q4_K, ne, v).ok());
    ASSERT_TRUE(w.add_tensor_f32("output_norm.weight", TensorType::F32, std::vector<int64_t>{256}, std::vector<float>(256, 1.0f)).ok());
    ASSERT_TRUE(w.write(dir / "tiny.gguf").ok());
    auto r = test::run_command(test::cli_path() + " info " + quoted(dir / "tiny.gguf") + " --all");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("arch:        qwen2"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("name:        Tiny Test"), std::string::npos);
    EXPECT_NE(r.out.find("parameters:  768"), std::string::npos);
    EXPECT_NE(r.out.find("Q4_K          1 tensors  288 B"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("context_length         4096"), std::string::npos);
    EXPECT_NE(r.out.find("rope.freq_base         1e+06"), std::string::npos);
    EXPECT_NE(r.out.find("head_count             -"), std::string::npos);  // absent keys shown as "-"
    EXPECT_NE(r.out.find("vocab_size             3"), std::string::npos);
    EXPECT_NE(r.out.find("chat template: {% for m in messages %}"), std::string::npos);
    EXPECT_NE(r.out.find("blk.0.ffn_up.weight"), std::string::npos);
}

TEST(CliInfo, MalformedAndMissingFiles) {
    const auto dir = test::scratch_dir("cli_info_bad");
    const char v1_header[16] = {'G', 'G', 'U', 'F', 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};  // version 1
    std::ofstream(dir / "bad.gguf", std::ios::binary).write(v1_header, sizeof v1_header);
    auto r = test::run_command(test::cli_path() + " info " + quoted(dir / "bad.gguf"));
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("GGUF version 1 is not supported"), std::string::npos) << r.err;
    r = test::run_command(test::cli_path() + " info " + quoted(dir / "missing.gguf"));
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("missing.gguf"), std::string::npos) << r.err;
    r = test::run_command(test::cli_path() + " info");
    EXPECT_EQ(r.exit_code, 2);
    r = test::run_command(test::cli_path() + " info x.gguf --bogus");
    EXPECT_EQ(r.exit_code, 2);
}

}  // namespace
}  // namespace hearth
