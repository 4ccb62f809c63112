// Byte-level BPE: the GPT-2 byte alphabet, merges by rank, and the regex pre-tokenizers.
#include <gtest/gtest.h>

#include <set>

#include "inference/tokenizer/byte_level.h"
#include "inference/tokenizer/pretokenizer.h"
#include "synthetic_vocab.h"

namespace hearth {
namespace {

using test::make;
using test::texts;
using Strings = std::vector<std::string>;

const TokenizeOptions kPlain{.add_special = false, .parse_special = false};

TEST(TokenizerByteLevel, AlphabetIsAPermutation) {
    std::set<uint32_t> seen;
    for (int b = 0; b < 256; ++b) {
        const uint32_t cp = byte_level::byte_to_codepoint(static_cast<uint8_t>(b));
        EXPECT_TRUE(seen.insert(cp).second) << "byte " << b;
        EXPECT_EQ(byte_level::codepoint_to_byte(cp), b);
    }
    EXPECT_EQ(byte_level::byte_to_codepoint(' '), 0x120u);   // Ġ
    EXPECT_EQ(byte_level::byte_to_codepoint('\n'), 0x10Au);  // Ċ
    EXPECT_EQ(byte_level::byte_to_codepoint('A'), static_cast<uint32_t>('A'));
    EXPECT_EQ(byte_level::byte_to_codepoint(0xAD), 0x143u);  // soft hyphen: the last remapped byte
    EXPECT_EQ(byte_level::codepoint_to_byte(0x2581), -1);
}

TEST(TokenizerByteLevel, EncodeDecodeRoundTripsEveryByte) {
    std::string all;
    for (int b = 0; b < 256; ++b) all += static_cast<char>(b);
    EXPECT_EQ(byte_level::decode(byte_level::encode(all)), all);
    EXPECT_EQ(byte_level::encode(" hi\n"), "Ġhi" "Ċ");
}

TEST(TokenizerBpe, MergesFollowRank) {
    // "Ġl o" ranks before "l o", so " lo" does not become Ġ + lo.
    auto tok = make(test::bpe_vocab({"h e", "l l", "Ġ l", "Ġl o", "l o", "he ll", "hell o"}));
    EXPECT_EQ(texts(tok, tokenize(tok, "hello", kPlain)), (Strings{"hello"}));
    EXPECT_EQ(texts(tok, tokenize(tok, " lo", kPlain)), (Strings{"Ġlo"}));
    EXPECT_EQ(texts(tok, tokenize(tok, "lo", kPlain)), (Strings{"lo"}));
    EXPECT_EQ(texts(tok, tokenize(tok, "hellx", kPlain)), (Strings{"hell", "x"}));
}

TEST(TokenizerBpe, EqualRankMergesLeftmostFirst) {
    auto tok = make(test::bpe_vocab({"a a"}));
    EXPECT_EQ(texts(tok, tokenize(tok, "aaa", kPlain)), (Strings{"aa", "a"}));
}

TEST(TokenizerBpe, MergesNeverCrossPreTokenizerWords) {
    // "o Ġ" would glue words together; the GPT-2 split puts the space with the next word.
    auto tok = make(test::bpe_vocab({"o Ġ", "Ġ w"}));
    EXPECT_EQ(texts(tok, tokenize(tok, "o w", kPlain)), (Strings{"o", "Ġw"}));
}

TEST(TokenizerBpe, EveryByteIsRepresentedAndRoundTrips) {
    auto tok = make(test::bpe_vocab({"Ã ©"}));
    using namespace std::string_literals;
    const std::string with_nul = "é \xF0\x9F\xA6\x99 \xFF\x00z"s;  // é, a llama emoji, invalid byte, NUL
    ASSERT_EQ(with_nul.size(), 11u);
    const auto ids = tokenize(tok, with_nul, kPlain);
    EXPECT_EQ(texts(tok, {ids.front()}), (Strings{"Ã©"}));
    EXPECT_EQ(detokenize(tok, ids), with_nul);
}

TEST(TokenizerBpe, IgnoreMergesTakesWholeWordTokens) {
    // Llama 3: a word that is itself a token is not merged, even if merges would split it.
    auto v = test::bpe_vocab({"a b", "ab c"}, "llama-bpe");
    v.tokens.insert(v.tokens.end() - 1, "bc");
    v.token_types.insert(v.token_types.end() - 1, static_cast<int32_t>(TokenType::Normal));
    v.bos = v.eos = v.size() - 1;
    auto tok = make(v);
    EXPECT_TRUE(tok.ignore_merges);
    EXPECT_EQ(texts(tok, tokenize(tok, "abc bc", kPlain)), (Strings{"abc", "Ġ", "b", "c"}));
    EXPECT_EQ(texts(tok, tokenize(tok, "bc", kPlain)), (Strings{"bc"}));
}

TEST(TokenizerBpe, UnknownPreTokenizerIsAnError) {
    auto t = make_tokenizer(test::bpe_vocab({"a b"}, "no-such-pre"));
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.error().code, "tokenizer.unknown_pre");
    EXPECT_NE(t.error().message.find("no-such-pre"), std::string::npos);
}

std::vector<std::string> words(std::string_view pre, std::string_view text) {
    auto spec = pretokenizer_spec(pre);
    EXPECT_TRUE(spec.ok());
    auto p = compile_pretokenizer(spec->patterns);
    EXPECT_TRUE(p.ok()) << p.error().message;
    std::vector<std::string> out;
    for (auto w : pretokenize(**p, text)) out.emplace_back(w);
    return out;
}

TEST(TokenizerPreTokenizer, Gpt2) {
    EXPECT_EQ(words("gpt-2", "Hello world's  end 123!!"),
              (Strings{"Hello", " world", "'s", " ", " end", " 123", "!!"}));
    EXPECT_EQ(words("gpt-2", "a\n\n b"), (Strings{"a", "\n\n", " b"}));
}

TEST(TokenizerPreTokenizer, Llama3GroupsDigitsInThrees) {
    EXPECT_EQ(words("llama-bpe", "1234567 I'M here\n\n"),
              (Strings{"123", "456", "7", " I", "'M", " here", "\n\n"}));
}

TEST(TokenizerPreTokenizer, Qwen2SplitsEveryDigit) {
    EXPECT_EQ(words("qwen2", "x=123"), (Strings{"x", "=", "1", "2", "3"}));
}

TEST(TokenizerPreTokenizer, Gpt4oSplitsAtCaseChanges) {
    EXPECT_EQ(words("gpt-4o", "HelloWorld's 12345"), (Strings{"Hello", "World's", " ", "123", "45"}));
}

TEST(TokenizerPreTokenizer, BloomSplitsAtSentencePunctuation) {
    EXPECT_EQ(words("bloom", "Hi there, you."), (Strings{"Hi", " there", ",", " you", "."}));
}

TEST(TokenizerPreTokenizer, DeepseekCoder) {
    EXPECT_EQ(words("deepseek-coder", "ab12 c\nd."), (Strings{"ab", "1", "2", " c", "\n", "d", "."}));
}

TEST(TokenizerPreTokenizer, DeepseekLlm) {
    EXPECT_EQ(words("deepseek-llm", "Hello, \xE4\xB8\x96\xE7\x95\x8C 123"),
              (Strings{"Hello", ",", " ", "\xE4\xB8\x96\xE7\x95\x8C", " ", "123"}));
    // Every split applies to every piece: the "punctuation" class [!-/:-~] spans the ASCII
    // letters, so it cuts "pfel" out of "Äpfel" after the letter split kept the word whole.
    EXPECT_EQ(words("deepseek-llm", "\xC3\x84pfel  \n"), (Strings{"\xC3\x84", "pfel", "  ", "\n"}));
}

TEST(TokenizerPreTokenizer, StarcoderSplitsDigitsFirst) {
    EXPECT_EQ(words("starcoder", "ab 12"), (Strings{"ab", " ", "1", "2"}));
}

TEST(TokenizerPreTokenizer, EveryKnownNameCompilesAndCoversTheText) {
    const std::string text = "Hello, y'all! 1234 \xE6\x88\x91\xE6\x83\xB3 \xF0\x9F\x98\x81 \n\n\t x\xFFy";
    for (const char* pre : {"default", "gpt-2", "llama-bpe", "qwen2", "deepseek-coder", "deepseek-llm", "falcon",
                            "starcoder", "refact", "mpt", "smollm", "dbrx", "command-r", "gpt-4o", "tekken", "bloom",
                            "viking"}) {
        std::string joined;
        for (const auto& w : words(pre, text)) {
            EXPECT_FALSE(w.empty()) << pre;
            joined += w;
        }
        EXPECT_EQ(joined, text) << pre;
    }
}

}  // namespace
}  // namespace hearth
