// SentencePiece BPE on small vocabularies: score-driven merges, the space prefix, byte fallback.
#include <gtest/gtest.h>

#include "synthetic_vocab.h"

namespace hearth {
namespace {

using test::make;
using test::texts;
using Strings = std::vector<std::string>;

const TokenizeOptions kPlain{.add_special = false, .parse_special = false};

TEST(TokenizerSpm, MergesIntoTheWholeWordWithSpacePrefix) {
    auto tok = make(test::spm_vocab({{"▁", -1}, {"h", -2}, {"e", -2}, {"l", -2}, {"o", -2}, {"he", -3},
                                     {"ll", -3}, {"llo", -4}, {"hello", -5}, {"▁hello", -6}}));
    EXPECT_EQ(texts(tok, tokenize(tok, "hello", kPlain)), (Strings{"▁hello"}));
    EXPECT_EQ(texts(tok, tokenize(tok, "hello hello", kPlain)), (Strings{"▁hello", "▁hello"}));
}

TEST(TokenizerSpm, HigherScoreMergesFirst) {
    // "abc": "bc" outscores "ab", so once b is inside bc the "ab" merge cannot happen.
    auto v = test::spm_vocab({{"a", -1}, {"b", -1}, {"c", -1}, {"ab", -3}, {"bc", -2}});
    v.add_space_prefix = false;
    auto tok = make(v);
    EXPECT_EQ(texts(tok, tokenize(tok, "abc", kPlain)), (Strings{"a", "bc"}));
    tok.vocab.scores[test::id_of(tok, "ab")] = -1.5f;  // now ab is preferred
    EXPECT_EQ(texts(tok, tokenize(tok, "abc", kPlain)), (Strings{"ab", "c"}));
}

TEST(TokenizerSpm, EqualScoresMergeLeftmostFirst) {
    auto v = test::spm_vocab({{"a", -1}, {"aa", -2}});
    v.add_space_prefix = false;
    auto tok = make(v);
    EXPECT_EQ(texts(tok, tokenize(tok, "aaa", kPlain)), (Strings{"aa", "a"}));
    EXPECT_EQ(texts(tok, tokenize(tok, "aaaa", kPlain)), (Strings{"aa", "aa"}));
}

TEST(TokenizerSpm, SpacesBecomeTheSpaceMark) {
    auto tok = make(test::spm_vocab({{"▁", -1}, {"a", -1}, {"b", -1}, {"▁a", -2}, {"▁b", -2}}));
    EXPECT_EQ(texts(tok, tokenize(tok, "a b", kPlain)), (Strings{"▁a", "▁b"}));
    EXPECT_EQ(texts(tok, tokenize(tok, "a  b", kPlain)), (Strings{"▁a", "▁", "▁b"}));
    tok.vocab.add_space_prefix = false;
    EXPECT_EQ(texts(tok, tokenize(tok, "a b", kPlain)), (Strings{"a", "▁b"}));
}

TEST(TokenizerSpm, UnknownCharactersFallBackToBytes) {
    auto tok = make(test::spm_vocab({{"▁", -1}, {"a", -1}}));
    // é is C3 A9 in UTF-8; the tab has no piece either.
    EXPECT_EQ(texts(tok, tokenize(tok, "aé\t", kPlain)),
              (Strings{"▁", "a", "<0xC3>", "<0xA9>", "<0x09>"}));
}

TEST(TokenizerSpm, WithoutByteTokensUnknownCharactersAreUnk) {
    auto tok = make(test::spm_vocab({{"▁", -1}, {"a", -1}}, /*byte_tokens=*/false));
    EXPECT_EQ(texts(tok, tokenize(tok, "aé\n", kPlain)), (Strings{"▁", "a", "<unk>", "<unk>"}));
}

TEST(TokenizerSpm, InvalidUtf8BecomesByteTokens) {
    auto tok = make(test::spm_vocab({{"▁", -1}, {"a", -1}}));
    const std::string text = std::string("a\xFF") + "\xC3";  // a stray byte and a truncated é
    EXPECT_EQ(texts(tok, tokenize(tok, text, kPlain)), (Strings{"▁", "a", "<0xFF>", "<0xC3>"}));
}

TEST(TokenizerSpm, BosAndEosFollowTheFlags) {
    auto tok = make(test::spm_vocab({{"▁", -1}, {"a", -1}, {"▁a", -2}}));
    EXPECT_EQ(texts(tok, tokenize(tok, "a")), (Strings{"<s>", "▁a"}));
    EXPECT_EQ(texts(tok, tokenize(tok, "")), (Strings{"<s>"}));
    EXPECT_TRUE(tokenize(tok, "", kPlain).empty());
    tok.vocab.add_eos = true;
    EXPECT_EQ(texts(tok, tokenize(tok, "a")), (Strings{"<s>", "▁a", "</s>"}));
    tok.vocab.add_bos = false;
    EXPECT_EQ(texts(tok, tokenize(tok, "a")), (Strings{"▁a", "</s>"}));
}

TEST(TokenizerSpm, LongTextKeepsEveryCharacter) {
    // 200 KB without a single space: one run for the merge loop. Detokenizing must give it back.
    auto tok = make(test::spm_vocab({{"▁", -1}, {"a", -1}, {"b", -1}, {"ab", -2}, {"abab", -3}, {"ba", -4}}));
    std::string text;
    for (int i = 0; i < 50000; ++i) text += i % 7 ? "abab" : "bbaa";
    const auto ids = tokenize(tok, text, kPlain);
    EXPECT_LT(ids.size(), text.size());
    EXPECT_EQ(detokenize(tok, ids, {.strip_space_prefix = true}), text);
}

TEST(TokenizerSpm, DefaultTokenizerGivesNothingAndDoesNotCrash) {
    Tokenizer empty;
    EXPECT_TRUE(tokenize(empty, "hello").empty());
    EXPECT_EQ(token_to_piece(empty, 0), "");
    empty.vocab.model = VocabModel::Bpe;
    EXPECT_TRUE(tokenize(empty, "hello").empty());
}

}  // namespace
}  // namespace hearth
