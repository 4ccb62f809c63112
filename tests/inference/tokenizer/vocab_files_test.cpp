// Acceptance: every line of every llama.cpp vocab test (vocab/*.gguf.inp -> *.gguf.out) is
// reproduced: ids without BOS, special tokens in the text not parsed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "inference/gguf/gguf_reader.h"
#include "inference/tokenizer/tokenizer.h"
#include "tests/support/testdata.h"

namespace hearth {
namespace {

std::string read_all(const std::filesystem::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// The .inp format: strings separated by a line "__ggml_vocab_test__"; the file ends with one.
std::vector<std::string> read_inputs(const std::filesystem::path& p) {
    const std::string all = read_all(p);
    const std::string sep = "\n__ggml_vocab_test__\n";
    std::vector<std::string> out;
    size_t from = 0;
    for (size_t at; (at = all.find(sep, from)) != std::string::npos; from = at + sep.size())
        out.push_back(all.substr(from, at - from));
    return out;
}

std::vector<std::string> read_lines(const std::filesystem::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::vector<std::string> out;
    for (std::string line; std::getline(f, line);) out.push_back(line);
    return out;
}

std::string join(const std::vector<int32_t>& ids) {
    std::string s;
    for (int32_t id : ids) s += " " + std::to_string(id);
    return s;
}

TEST(TokenizerVocabFiles, ReproduceEveryLine) {
    HEARTH_REQUIRE_TESTDATA("vocab");
    const auto dir = test::testdata_dir() / "vocab";
    std::vector<std::filesystem::path> vocabs;
    for (const auto& e : std::filesystem::directory_iterator(dir))
        if (e.path().extension() == ".gguf") vocabs.push_back(e.path());
    std::sort(vocabs.begin(), vocabs.end());
    ASSERT_FALSE(vocabs.empty()) << "no .gguf files in " << dir;
    size_t checked = 0;
    for (const auto& path : vocabs) {
        SCOPED_TRACE(path.filename().string());
        const auto inp = path.string() + ".inp", outp = path.string() + ".out";
        if (!std::filesystem::exists(inp) || !std::filesystem::exists(outp)) continue;
        auto file = GgufFile::open(path);
        ASSERT_TRUE(file.ok()) << file.error().message;
        auto vocab = vocab_from_gguf(*file);
        ASSERT_TRUE(vocab.ok()) << vocab.error().message;
        auto tok = make_tokenizer(std::move(*vocab));
        ASSERT_TRUE(tok.ok()) << tok.error().message;
        const auto inputs = read_inputs(inp);
        const auto expected = read_lines(outp);
        ASSERT_EQ(inputs.size(), expected.size()) << "the .inp and .out files disagree in length";
        for (size_t i = 0; i < inputs.size(); ++i) {
            const auto ids = tokenize(*tok, inputs[i], {.add_special = false, .parse_special = false});
            EXPECT_EQ(join(ids), expected[i]) << "input #" << i << ": '" << inputs[i] << "'";
            ++checked;
        }
    }
    EXPECT_GT(checked, 0u);
    std::printf("checked %zu strings in %zu vocabularies\n", checked, vocabs.size());
}

TEST(TokenizerVocabFiles, Phi3EndsTurnsAtEndAndEndOfText) {
    HEARTH_REQUIRE_TESTDATA("vocab/ggml-vocab-phi-3.gguf");
    auto file = GgufFile::open(test::testdata_dir() / "vocab/ggml-vocab-phi-3.gguf");
    ASSERT_TRUE(file.ok()) << file.error().message;
    auto vocab = vocab_from_gguf(*file);
    ASSERT_TRUE(vocab.ok()) << vocab.error().message;
    auto tok = make_tokenizer(std::move(*vocab));
    ASSERT_TRUE(tok.ok()) << tok.error().message;
    EXPECT_EQ(tok->end_of_generation, (std::vector<int32_t>{32000, 32007}));  // <|endoftext|>, <|end|>
    // With special parsing the chat markers are single tokens.
    EXPECT_EQ(tokenize(*tok, "<|user|>\nHi<|end|>", {.add_special = true, .parse_special = true}),
              (std::vector<int32_t>{1, 32010, 29871, 13, 18567, 32007}));
}

}  // namespace
}  // namespace hearth
