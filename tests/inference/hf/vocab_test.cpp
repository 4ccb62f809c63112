// Tokenizer files to GGUF keys: tokenizer.json's byte-level BPE with its pre-tokenizer named,
// tokenizer.model's SentencePiece pieces, tokenizer_config.json's template and special tokens.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "base/json.h"
#include "inference/gguf/gguf_writer.h"
#include "inference/hf/vocab.h"
#include "inference/tokenizer/tokenizer.h"
#include "tests/support/testdata.h"

using namespace hearth;

namespace {

const char* kLlama3 =
    R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";
const char* kQwen2 =
    R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";

json::Value split(const std::string& regex) {
    json::Value s = json::Value::object_value();
    s.set("type", json::Value::string_value("Split"));
    json::Value p = json::Value::object_value();
    p.set("Regex", json::Value::string_value(regex));
    s.set("pattern", p);
    s.set("behavior", json::Value::string_value("Isolated"));
    s.set("invert", json::Value::boolean_value(false));
    return s;
}

json::Value byte_level(bool use_regex) {
    json::Value b = json::Value::object_value();
    b.set("type", json::Value::string_value("ByteLevel"));
    b.set("add_prefix_space", json::Value::boolean_value(false));
    b.set("use_regex", json::Value::boolean_value(use_regex));
    return b;
}

// A small byte-level BPE tokenizer.json: tokens a, b, ab, "Ġ" and a special <|end|>.
std::string tokenizer_json(const json::Value& pre, bool ignore_merges = false, bool pair_merges = false) {
    json::Value root = json::Value::object_value();
    json::Value model = json::Value::object_value();
    model.set("type", json::Value::string_value("BPE"));
    model.set("ignore_merges", json::Value::boolean_value(ignore_merges));
    json::Value vocab = json::Value::object_value();
    int id = 0;
    for (const char* t : {"a", "b", "ab", "\xc4\xa0"}) vocab.set(t, json::Value::integer_value(id++));
    model.set("vocab", vocab);
    json::Value merges = json::Value::array_value();
    if (pair_merges) {
        json::Value m = json::Value::array_value();
        m.push(json::Value::string_value("a"));
        m.push(json::Value::string_value("b"));
        merges.push(m);
    } else {
        merges.push(json::Value::string_value("a b"));
    }
    model.set("merges", merges);
    root.set("model", model);
    json::Value added = json::Value::array_value();
    json::Value end = json::Value::object_value();
    end.set("id", json::Value::integer_value(5));
    end.set("content", json::Value::string_value("<|end|>"));
    end.set("special", json::Value::boolean_value(true));
    added.push(end);
    root.set("added_tokens", added);
    root.set("pre_tokenizer", pre);
    root.set("decoder", byte_level(true));
    return json::serialize(root);
}

json::Value sequence(std::vector<json::Value> steps) {
    json::Value s = json::Value::object_value();
    s.set("type", json::Value::string_value("Sequence"));
    json::Value list = json::Value::array_value();
    for (auto& x : steps) list.push(std::move(x));
    s.set("pretokenizers", list);
    return s;
}

std::string read(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

TEST(HfVocab, NamesTheByteLevelPreTokenizer) {
    struct Case {
        json::Value pre;
        bool ignore_merges;
        const char* want;
    };
    const std::vector<Case> cases = {
        {byte_level(true), false, "gpt-2"},
        {sequence({split(kLlama3), byte_level(false)}), true, "llama-bpe"},
        {sequence({split(kLlama3), byte_level(false)}), false, "dbrx"},
        {sequence({split(kQwen2), byte_level(false)}), false, "qwen2"},
    };
    for (const auto& c : cases) {
        auto v = hf::read_tokenizer_json(tokenizer_json(c.pre, c.ignore_merges), "tokenizer.json");
        ASSERT_TRUE(v) << c.want << ": " << v.error().message;
        EXPECT_EQ(v->pre, c.want);
        EXPECT_EQ(v->model, "gpt2");
    }
}

TEST(HfVocab, RefusesAPreTokenizerItDoesNotKnow) {
    auto v = hf::read_tokenizer_json(tokenizer_json(sequence({split("[a-z]+"), byte_level(false)})), "t/tokenizer.json");
    ASSERT_FALSE(v);
    EXPECT_EQ(v.error().code, "hf.unknown_pretokenizer");
    EXPECT_NE(v.error().message.find("[a-z]+"), std::string::npos) << v.error().message;
    EXPECT_NE(v.error().message.find("t/tokenizer.json"), std::string::npos);
    // The Qwen2 split with whole-word merging skipped is no tokenizer Hearth knows either.
    auto w = hf::read_tokenizer_json(tokenizer_json(sequence({split(kQwen2), byte_level(false)}), true), "tokenizer.json");
    ASSERT_FALSE(w);
    EXPECT_EQ(w.error().code, "hf.unknown_pretokenizer");
    // A SentencePiece-style BPE (Metaspace, no byte-level) needs tokenizer.model.
    json::Value meta = json::Value::object_value();
    meta.set("type", json::Value::string_value("Metaspace"));
    std::string text = tokenizer_json(meta);
    auto root = json::parse(text);
    ASSERT_TRUE(root);
    root->set("decoder", meta);
    auto x = hf::read_tokenizer_json(json::serialize(*root), "tokenizer.json");
    ASSERT_FALSE(x);
    EXPECT_EQ(x.error().code, "hf.unknown_pretokenizer");
}

TEST(HfVocab, ReadsTokensMergesInBothFormsAndSpecialTokens) {
    for (bool pairs : {false, true}) {
        auto v = hf::read_tokenizer_json(tokenizer_json(byte_level(true), false, pairs), "tokenizer.json");
        ASSERT_TRUE(v) << v.error().message;
        ASSERT_EQ(v->tokens.size(), 6u);
        EXPECT_EQ(v->tokens[2], "ab");
        EXPECT_EQ(v->tokens[4], "[PAD4]");  // the gap before the added token
        EXPECT_EQ(v->types[4], hf::kUnused);
        EXPECT_EQ(v->tokens[5], "<|end|>");
        EXPECT_EQ(v->types[5], hf::kControl);
        EXPECT_EQ(v->types[0], hf::kNormal);
        EXPECT_EQ(v->merges, std::vector<std::string>{"a b"});
    }
}

TEST(HfVocab, TokenizerConfigGivesTemplateAndSpecialIds) {
    auto v = hf::read_tokenizer_json(tokenizer_json(byte_level(true)), "tokenizer.json");
    ASSERT_TRUE(v);
    ASSERT_TRUE(hf::apply_tokenizer_config(
        R"({"chat_template":[{"name":"tool_use","template":"T"},{"name":"default","template":"D"}],
            "eos_token":{"content":"<|end|>"},"bos_token":"ab","add_bos_token":false})",
        "tokenizer_config.json", *v));
    EXPECT_EQ(v->chat_template, "D");
    EXPECT_EQ(v->eos, 5);
    EXPECT_EQ(v->bos, 2);
    EXPECT_EQ(v->add_bos, false);
    GgufWriter w;
    hf::write_vocab(*v, 8, w);  // padded to the embedding's 8 rows
    auto bytes = w.to_bytes();
    ASSERT_TRUE(bytes);
    auto f = GgufFile::from_memory(*bytes, "vocab");
    ASSERT_TRUE(f);
    EXPECT_EQ(f->get_array_count("tokenizer.ggml.tokens"), 8u);
    EXPECT_EQ(f->get_string("tokenizer.chat_template"), "D");
    EXPECT_EQ(f->get_uint("tokenizer.ggml.eos_token_id"), 5u);
    auto tok = tokenizer_from_gguf(*f);
    ASSERT_TRUE(tok) << tok.error().message;
    EXPECT_EQ(tokenize(*tok, "ab<|end|>"), (std::vector<int32_t>{2, 5}));
}

TEST(HfVocab, SentencePieceRefusesDamagedAndUnigramModels) {
    // A piece field whose length runs past the end.
    const std::vector<uint8_t> truncated = {0x0a, 0x10, 0x0a, 0x01, 'a'};
    auto a = hf::read_sentencepiece(truncated, "tokenizer.model");
    ASSERT_FALSE(a);
    EXPECT_EQ(a.error().code, "hf.bad_tokenizer");
    // A varint that never ends.
    const std::vector<uint8_t> endless(12, 0xff);
    EXPECT_FALSE(hf::read_sentencepiece(endless, "tokenizer.model"));
    // One piece "a", trainer spec model_type = UNIGRAM (1).
    const std::vector<uint8_t> unigram = {0x0a, 0x03, 0x0a, 0x01, 'a', 0x12, 0x02, 0x18, 0x01};
    auto u = hf::read_sentencepiece(unigram, "tokenizer.model");
    ASSERT_FALSE(u);
    EXPECT_EQ(u.error().code, "hf.unknown_pretokenizer");
    // The same as BPE (2) is read: one piece, default ids beyond the vocabulary dropped.
    const std::vector<uint8_t> bpe = {0x0a, 0x03, 0x0a, 0x01, 'a', 0x12, 0x02, 0x18, 0x02};
    auto b = hf::read_sentencepiece(bpe, "tokenizer.model");
    ASSERT_TRUE(b) << b.error().message;
    EXPECT_EQ(b->tokens, std::vector<std::string>{"a"});
    EXPECT_EQ(b->unk, 0);
    EXPECT_FALSE(b->bos);
}

// GPT-2's real vocabulary written as tokenizer.json and read back tokenizes llama.cpp's test
// strings exactly as the GGUF does.
TEST(HfVocab, Gpt2VocabularyRoundTripsThroughTokenizerJson) {
    const auto dir = test::testdata_dir() / "vocab";
    if (test::testdata_dir().empty() || !std::filesystem::exists(dir / "ggml-vocab-gpt-2.gguf"))
        GTEST_SKIP() << "../shared/testdata/vocab/ggml-vocab-gpt-2.gguf is absent";
    auto g = GgufFile::open(dir / "ggml-vocab-gpt-2.gguf");
    ASSERT_TRUE(g);
    auto tokens = g->get_string_array("tokenizer.ggml.tokens");
    auto merges = g->get_string_array("tokenizer.ggml.merges");
    auto types = g->get_i32_array("tokenizer.ggml.token_type");
    ASSERT_TRUE(tokens && merges && types);
    // Written as text: json::Value::set looks for an existing key, quadratic for 50k tokens.
    auto str = [](std::string_view x) { return json::serialize(json::Value::string_value(std::string(x))); };
    std::string vocab = "{", added = "[", ms = "[";
    for (size_t i = 0; i < tokens->size(); ++i) {
        vocab += (i ? "," : "") + str((*tokens)[i]) + ":" + std::to_string(i);
        if ((*types)[i] == 3)
            added += (added.size() > 1 ? "," : "") + std::string("{\"id\":") + std::to_string(i) +
                     ",\"content\":" + str((*tokens)[i]) + ",\"special\":true}";
    }
    for (size_t i = 0; i < merges->size(); ++i) {
        const std::string_view m = (*merges)[i];
        const size_t sp = m.find(' ');
        ms += i ? "," : "";
        // Newer files write pairs; older ones "a b".
        ms += i % 2 ? "[" + str(m.substr(0, sp)) + "," + str(m.substr(sp + 1)) + "]" : str(m);
    }
    const std::string text = "{\"model\":{\"type\":\"BPE\",\"vocab\":" + vocab + "},\"merges\":" + ms + "]},\"added_tokens\":" +
                             added + "],\"pre_tokenizer\":" + json::serialize(byte_level(true)) + "}";
    auto v = hf::read_tokenizer_json(text, "tokenizer.json");
    ASSERT_TRUE(v) << v.error().message;
    EXPECT_EQ(v->pre, "gpt-2");
    for (const char* k : {"tokenizer.ggml.bos_token_id", "tokenizer.ggml.eos_token_id"})
        if (auto id = g->get_uint(k)) (std::string(k).find("bos") != std::string::npos ? v->bos : v->eos) = *id;
    GgufWriter w;
    hf::write_vocab(*v, 0, w);
    auto bytes = w.to_bytes();
    ASSERT_TRUE(bytes);
    auto f = GgufFile::from_memory(*bytes, "imported");
    ASSERT_TRUE(f);
    auto tok = tokenizer_from_gguf(*f);
    ASSERT_TRUE(tok) << tok.error().message;

    const std::string inp = read(dir / "ggml-vocab-gpt-2.gguf.inp"), out = read(dir / "ggml-vocab-gpt-2.gguf.out");
    const std::string sep = "\n__ggml_vocab_test__\n";
    std::vector<std::string> tests;
    for (size_t p = 0;;) {
        const size_t q = inp.find(sep, p);
        if (q == std::string::npos) break;
        tests.push_back(inp.substr(p, q - p));
        p = q + sep.size();
    }
    std::istringstream lines(out);
    std::string line;
    size_t n = 0;
    for (const auto& t : tests) {
        if (!std::getline(lines, line)) break;
        std::vector<int32_t> want;
        std::istringstream ids(line);
        for (int32_t id; ids >> id;) want.push_back(id);
        EXPECT_EQ(tokenize(*tok, t, {.add_special = false, .parse_special = false}), want) << "text: " << t;
        ++n;
    }
    EXPECT_GT(n, 10u);
}

TEST(HfVocab, PostProcessorThatAddsBos) {
    auto root = json::parse(tokenizer_json(sequence({split(kLlama3), byte_level(false)}), true));
    ASSERT_TRUE(root);
    auto post = json::parse(R"({"type":"Sequence","processors":[{"type":"ByteLevel"},
        {"type":"TemplateProcessing","single":[{"SpecialToken":{"id":"<|end|>","type_id":0}},
                                               {"Sequence":{"id":"A","type_id":0}}]}]})");
    ASSERT_TRUE(post);
    root->set("post_processor", *post);
    auto v = hf::read_tokenizer_json(json::serialize(*root), "tokenizer.json");
    ASSERT_TRUE(v) << v.error().message;
    EXPECT_EQ(v->pre, "llama-bpe");
    EXPECT_EQ(v->add_bos, true);
    EXPECT_EQ(v->bos, 5);
    EXPECT_FALSE(v->add_eos);
    // tokenizer_config.json's own switch wins.
    ASSERT_TRUE(hf::apply_tokenizer_config(R"({"add_bos_token":false})", "tokenizer_config.json", *v));
    EXPECT_EQ(v->add_bos, false);
}
