// stories260K and babyllama against llama2.c's reference runs: the prompt's ids with BOS, and the
// generated ids back to text (pieces joined, "▁" as space, byte tokens as bytes, <s> and </s>
// dropped, <unk> kept as written).
#include <gtest/gtest.h>

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

// The golden file is flat JSON; only an int array and one string are needed here.
std::vector<int32_t> json_int_array(const std::string& json, const std::string& key) {
    std::vector<int32_t> out;
    const size_t k = json.find("\"" + key + "\"");
    if (k == std::string::npos) return out;
    const size_t open = json.find('[', k), close = json.find(']', k);
    std::stringstream ss(json.substr(open + 1, close - open - 1));
    for (std::string item; std::getline(ss, item, ',');) out.push_back(std::stoi(item));
    return out;
}

// The text after "key": up to the next ',' or '}' (for numbers).
std::string json_string_or_number(const std::string& json, const std::string& key) {
    size_t i = json.find("\"" + key + "\"");
    if (i == std::string::npos) return "-1";
    i = json.find(':', i) + 1;
    return json.substr(i, json.find_first_of(",}", i) - i);
}

std::string json_string(const std::string& json, const std::string& key) {
    size_t i = json.find("\"" + key + "\"");
    if (i == std::string::npos) return {};
    i = json.find('"', json.find(':', i)) + 1;
    std::string out;
    for (; i < json.size() && json[i] != '"'; ++i) {
        if (json[i] != '\\') {
            out += json[i];
            continue;
        }
        const char e = json[++i];
        out += e == 'n' ? '\n' : e == 't' ? '\t' : e;  // enough for this file: \n \" \\ only
    }
    return out;
}

struct Golden {
    Tokenizer tok;
    std::string json;
};

Golden load(const std::string& model) {
    const auto td = test::testdata_dir();
    auto file = GgufFile::open(td / "models" / (model + ".gguf"));
    EXPECT_TRUE(file.ok()) << file.error().message;
    if (!file.ok()) return {};
    auto tok = tokenizer_from_gguf(*file);
    EXPECT_TRUE(tok.ok()) << tok.error().message;
    if (!tok.ok()) return {};
    return {std::move(*tok), read_all(td / "golden" / (model + ".greedy.json"))};
}

void check_prompt(const std::string& model) {
    auto g = load(model);
    const auto expected = json_int_array(g.json, "prompt_ids");
    ASSERT_FALSE(expected.empty());
    EXPECT_EQ(tokenize(g.tok, json_string(g.json, "prompt")), expected);
}

void check_generated_text(const std::string& model) {
    auto g = load(model);
    const auto ids = json_int_array(g.json, "generated_ids");
    ASSERT_EQ(ids.size(), static_cast<size_t>(std::stoi(json_string_or_number(g.json, "n_generated"))));
    const std::string expected = json_string(g.json, "generated_text");
    EXPECT_EQ(detokenize(g.tok, ids), expected);

    // Streaming gives the same text, whatever the token boundaries.
    StreamingDetokenizer stream{&g.tok, false, {}};
    std::string streamed;
    for (int32_t id : ids) streamed += push(stream, id);
    streamed += flush(stream);
    EXPECT_EQ(streamed, expected);
}

TEST(TokenizerGolden, Stories260KPromptIds) {
    HEARTH_REQUIRE_TESTDATA("models/stories260K.gguf");
    HEARTH_REQUIRE_TESTDATA("golden/stories260K.greedy.json");
    check_prompt("stories260K");
}

TEST(TokenizerGolden, Stories260KGeneratedText) {
    HEARTH_REQUIRE_TESTDATA("models/stories260K.gguf");
    HEARTH_REQUIRE_TESTDATA("golden/stories260K.greedy.json");
    check_generated_text("stories260K");
}

// 105 pieces and no byte tokens: the prompt still splits exactly as llama2.c splits it.
TEST(TokenizerGolden, BabyLlamaPromptIds) {
    HEARTH_REQUIRE_TESTDATA("models/babyllama-tok105.gguf");
    HEARTH_REQUIRE_TESTDATA("golden/babyllama-tok105.greedy.json");
    check_prompt("babyllama-tok105");
}

TEST(TokenizerGolden, BabyLlamaGeneratedText) {
    HEARTH_REQUIRE_TESTDATA("models/babyllama-tok105.gguf");
    HEARTH_REQUIRE_TESTDATA("golden/babyllama-tok105.greedy.json");
    check_generated_text("babyllama-tok105");
}

}  // namespace
}  // namespace hearth
