// Reading a vocabulary from GGUF metadata, and refusing damaged ones with clear errors.
#include <gtest/gtest.h>

#include "inference/gguf/gguf_reader.h"
#include "inference/gguf/gguf_writer.h"
#include "synthetic_vocab.h"

namespace hearth {
namespace {

// A GGUF held in memory for the test; the GgufFile points into `bytes`.
struct MemGguf {
    std::vector<uint8_t> bytes;
    Result<GgufFile> file = make_error("unset", "unset");
};

std::unique_ptr<MemGguf> build(const GgufWriter& w) {
    auto m = std::make_unique<MemGguf>();
    auto bytes = w.to_bytes();
    EXPECT_TRUE(bytes.ok());
    m->bytes = std::move(*bytes);
    m->file = GgufFile::from_memory(m->bytes, "test.gguf");
    EXPECT_TRUE(m->file.ok()) << m->file.error().message;
    return m;
}

GgufWriter spm_writer() {
    GgufWriter w;
    w.set_string("tokenizer.ggml.model", "llama");
    w.set_string_array("tokenizer.ggml.tokens", std::vector<std::string>{"<unk>", "<s>", "</s>", "▁a", "a"});
    const float scores[] = {0, 0, 0, -1, -2};
    w.set_f32_array("tokenizer.ggml.scores", scores);
    const int32_t types[] = {2, 3, 3, 1, 1};
    w.set_i32_array("tokenizer.ggml.token_type", types);
    return w;
}

TEST(TokenizerVocab, ReadsSpmWithDefaults) {
    auto m = build(spm_writer());
    auto v = vocab_from_gguf(*m->file);
    ASSERT_TRUE(v.ok()) << v.error().message;
    EXPECT_EQ(v->model, VocabModel::Spm);
    EXPECT_EQ(v->size(), 5);
    EXPECT_EQ(v->bos, 1);
    EXPECT_EQ(v->eos, 2);
    EXPECT_EQ(v->unk, 0);
    EXPECT_TRUE(v->add_bos);
    EXPECT_FALSE(v->add_eos);
    EXPECT_TRUE(v->add_space_prefix);
    EXPECT_EQ(v->type(0), TokenType::Unknown);
    EXPECT_FLOAT_EQ(v->score(4), -2.0f);
}

TEST(TokenizerVocab, FlagsAndIdsFromMetadata) {
    auto w = spm_writer();
    w.set_u32("tokenizer.ggml.bos_token_id", 3);
    w.set_u32("tokenizer.ggml.padding_token_id", 0xFFFFFFFFu);  // "none", as llama2.c writes it
    w.set_bool("tokenizer.ggml.add_bos_token", false);
    w.set_bool("tokenizer.ggml.add_space_prefix", false);
    auto m = build(w);
    auto v = vocab_from_gguf(*m->file);
    ASSERT_TRUE(v.ok()) << v.error().message;
    EXPECT_EQ(v->bos, 3);
    EXPECT_EQ(v->pad, -1);
    EXPECT_FALSE(v->add_bos);
    EXPECT_FALSE(v->add_space_prefix);
}

TEST(TokenizerVocab, MissingTokenizerIsAnError) {
    GgufWriter w;
    w.set_string("general.architecture", "llama");
    auto m = build(w);
    auto v = vocab_from_gguf(*m->file);
    ASSERT_FALSE(v.ok());
    EXPECT_EQ(v.error().code, "tokenizer.missing");
    EXPECT_NE(v.error().message.find("test.gguf"), std::string::npos);
}

TEST(TokenizerVocab, UnknownModelIsAnError) {
    auto w = spm_writer();
    w.set_string("tokenizer.ggml.model", "rwkv");
    auto m = build(w);
    auto v = vocab_from_gguf(*m->file);
    ASSERT_FALSE(v.ok());
    EXPECT_EQ(v.error().code, "tokenizer.unknown_model");
    EXPECT_NE(v.error().message.find("rwkv"), std::string::npos);
}

TEST(TokenizerVocab, ScoreCountMismatchIsAnError) {
    auto w = spm_writer();
    const float scores[] = {0, 0, 0};
    w.set_f32_array("tokenizer.ggml.scores", scores);
    auto m = build(w);
    auto v = vocab_from_gguf(*m->file);
    ASSERT_FALSE(v.ok());
    EXPECT_EQ(v.error().code, "tokenizer.size_mismatch");
}

TEST(TokenizerVocab, SpecialIdOutOfRangeIsAnError) {
    auto w = spm_writer();
    w.set_u32("tokenizer.ggml.eos_token_id", 99);
    auto m = build(w);
    auto v = vocab_from_gguf(*m->file);
    ASSERT_FALSE(v.ok());
    EXPECT_EQ(v.error().code, "tokenizer.bad_special_id");
    EXPECT_NE(v.error().message.find("99"), std::string::npos);
}

TEST(TokenizerVocab, TokensOfTheWrongTypeAreAnError) {
    auto w = spm_writer();
    const int32_t not_strings[] = {1, 2, 3};
    w.set_i32_array("tokenizer.ggml.tokens", not_strings);
    auto m = build(w);
    auto v = vocab_from_gguf(*m->file);
    ASSERT_FALSE(v.ok());
    EXPECT_EQ(v.error().code, "tokenizer.missing");
}

TEST(TokenizerVocab, BadTokenTypeIsAnError) {
    auto v = test::spm_vocab({{"a", -1}});
    v.token_types[5] = 42;
    auto t = make_tokenizer(v);
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().code, "tokenizer.bad_token_type");
}

TEST(TokenizerVocab, BpeNeedsWellFormedMerges) {
    auto v = test::bpe_vocab({"a b"});
    v.merges = {};
    auto t = make_tokenizer(v);
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().code, "tokenizer.bad_merge");
    v.merges = {"ab"};
    t = make_tokenizer(v);
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().code, "tokenizer.bad_merge");
}

TEST(TokenizerVocab, ReadsBpeWithMergesAndPre) {
    GgufWriter w;
    w.set_string("tokenizer.ggml.model", "gpt2");
    w.set_string("tokenizer.ggml.pre", "qwen2");
    auto base = test::bpe_vocab({"a b"});
    w.set_string_array("tokenizer.ggml.tokens", base.tokens);
    w.set_i32_array("tokenizer.ggml.token_type", base.token_types);
    w.set_string_array("tokenizer.ggml.merges", base.merges);
    w.set_u32("tokenizer.ggml.eos_token_id", static_cast<uint32_t>(base.size() - 1));
    auto m = build(w);
    auto v = vocab_from_gguf(*m->file);
    ASSERT_TRUE(v.ok()) << v.error().message;
    EXPECT_EQ(v->model, VocabModel::Bpe);
    EXPECT_EQ(v->pre, "qwen2");
    EXPECT_FALSE(v->add_bos);
    auto tok = make_tokenizer(std::move(*v));
    ASSERT_TRUE(tok.ok()) << tok.error().message;
    EXPECT_EQ(tokenize(*tok, "ab1").size(), 2u);
}

TEST(TokenizerVocab, UnknownPreTokenizerNamesTheFile) {
    GgufWriter w;
    w.set_string("tokenizer.ggml.model", "gpt2");
    w.set_string("tokenizer.ggml.pre", "mystery-9000");
    auto base = test::bpe_vocab({"a b"});
    w.set_string_array("tokenizer.ggml.tokens", base.tokens);
    w.set_string_array("tokenizer.ggml.merges", base.merges);
    auto m = build(w);
    auto tok = tokenizer_from_gguf(*m->file);
    ASSERT_FALSE(tok.ok());
    EXPECT_EQ(tok.error().code, "tokenizer.unknown_pre");
    EXPECT_NE(tok.error().message.find("test.gguf"), std::string::npos) << tok.error().message;
    EXPECT_NE(tok.error().message.find("mystery-9000"), std::string::npos) << tok.error().message;
}

TEST(TokenizerVocab, EmptyVocabularyIsAnError) {
    Vocab v;
    auto t = make_tokenizer(v);
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().code, "tokenizer.empty");
}

}  // namespace
}  // namespace hearth
