// Special tokens written in the text: control tokens only when parse_special is on, added
// (user-defined) tokens always, longest first, and the text around them tokenized on its own.
#include <gtest/gtest.h>

#include "synthetic_vocab.h"

namespace hearth {
namespace {

using test::make;
using test::texts;
using Strings = std::vector<std::string>;

Tokenizer chat_spm() {
    auto v = test::spm_vocab({{"▁", -1}, {"a", -1}, {"b", -1}, {"▁a", -2}, {"▁b", -2}, {"<", -1},
                              {"|", -1}, {">", -1}, {"s", -1}, {"/", -1}});
    auto add = [&](const char* t, TokenType type) {
        v.tokens.push_back(t);
        v.scores.push_back(0);
        v.token_types.push_back(static_cast<int32_t>(type));
    };
    add("<|im_start|>", TokenType::Control);
    add("<|im|>", TokenType::Control);
    add("<tool>", TokenType::UserDefined);
    add("<|im_end|>", TokenType::Control);
    return make(v);
}

TEST(TokenizerSpecial, ControlTokensParsedOnlyWhenAsked) {
    auto tok = chat_spm();
    EXPECT_EQ(texts(tok, tokenize(tok, "<s>a</s>", {.add_special = false, .parse_special = true})),
              (Strings{"<s>", "▁a", "</s>"}));
    const auto plain = texts(tok, tokenize(tok, "<s>a", {.add_special = false, .parse_special = false}));
    EXPECT_EQ(plain, (Strings{"▁", "<", "s", ">", "a"}));
}

TEST(TokenizerSpecial, UserDefinedTokensAlwaysMatch) {
    auto tok = chat_spm();
    EXPECT_EQ(texts(tok, tokenize(tok, "a<tool>b", {.add_special = false, .parse_special = false})),
              (Strings{"▁a", "<tool>", "▁b"}));
}

TEST(TokenizerSpecial, LongestTokenWins) {
    auto tok = chat_spm();
    EXPECT_EQ(texts(tok, tokenize(tok, "<|im_start|>a<|im|>", {.add_special = false})),
              (Strings{"<|im_start|>", "▁a", "<|im|>"}));
}

TEST(TokenizerSpecial, SpacePrefixAfterEachSpecialToken) {
    auto tok = chat_spm();
    // Each run of text after a special token is tokenized as if it began the text.
    EXPECT_EQ(texts(tok, tokenize(tok, "a<|im|>b")), (Strings{"<s>", "▁a", "<|im|>", "▁b"}));
    EXPECT_EQ(texts(tok, tokenize(tok, "<|im|><|im|>")), (Strings{"<s>", "<|im|>", "<|im|>"}));
}

TEST(TokenizerSpecial, BpeControlTokenSplitsWords) {
    auto tok = make(test::bpe_vocab({"a b"}));
    EXPECT_EQ(texts(tok, tokenize(tok, "ab<|endoftext|>ab", {.add_special = false})),
              (Strings{"ab", "<|endoftext|>", "ab"}));
    EXPECT_EQ(tokenize(tok, "ab<|endoftext|>", {.add_special = false, .parse_special = false}).size(), 14u);
}

TEST(TokenizerSpecial, EndOfGenerationTokens) {
    auto tok = chat_spm();
    EXPECT_TRUE(is_end_of_generation(tok, tok.vocab.eos));
    EXPECT_TRUE(is_end_of_generation(tok, test::id_of(tok, "<|im_end|>")));
    EXPECT_FALSE(is_end_of_generation(tok, tok.vocab.bos));
    EXPECT_FALSE(is_end_of_generation(tok, test::id_of(tok, "<|im|>")));
    EXPECT_FALSE(is_end_of_generation(tok, test::id_of(tok, "a")));
    EXPECT_FALSE(is_end_of_generation(tok, -1));
}

}  // namespace
}  // namespace hearth
