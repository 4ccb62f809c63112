// WordPiece: BERT's normalization and splitting, and greedy longest match.
#include <gtest/gtest.h>

#include "synthetic_vocab.h"

namespace hearth {
namespace {

using test::make;
using test::texts;
using Strings = std::vector<std::string>;

const TokenizeOptions kPlain{.add_special = false, .parse_special = false};

Tokenizer english() {
    return make(test::wordpiece_vocab({"▁hello", "▁world", "▁,", "▁!", "▁un", "aff", "able", "▁a", "▁cafe",
                                       "▁我", "▁好", "▁the", "s"}));
}

TEST(TokenizerWordPiece, LowerCasesAndSplitsPunctuation) {
    auto tok = english();
    EXPECT_TRUE(tok.wordpiece_lowercase);
    EXPECT_EQ(texts(tok, tokenize(tok, "Hello, WORLD!", kPlain)), (Strings{"▁hello", "▁,", "▁world", "▁!"}));
    EXPECT_EQ(texts(tok, tokenize(tok, "  hello\t\n world  ", kPlain)), (Strings{"▁hello", "▁world"}));
}

TEST(TokenizerWordPiece, GreedyLongestMatchWithContinuations) {
    auto tok = english();
    EXPECT_EQ(texts(tok, tokenize(tok, "unaffable", kPlain)), (Strings{"▁un", "aff", "able"}));
    EXPECT_EQ(texts(tok, tokenize(tok, "thes", kPlain)), (Strings{"▁the", "s"}));
}

TEST(TokenizerWordPiece, AWordWithAnUnmatchedRestIsOneUnknown) {
    auto tok = english();
    EXPECT_EQ(texts(tok, tokenize(tok, "unaffablex hello", kPlain)), (Strings{"[UNK]", "▁hello"}));
    EXPECT_EQ(texts(tok, tokenize(tok, std::string(101, 'a'), kPlain)), (Strings{"[UNK]"}));
}

TEST(TokenizerWordPiece, StripsAccentsAndDropsControlCharacters) {
    auto tok = english();
    // "Café" with a precomposed é, then one with a combining accent, then a zero-width joiner.
    EXPECT_EQ(texts(tok, tokenize(tok, "Caf\xC3\xA9 cafe\xCC\x81 ca\xE2\x80\x8D" "fe", kPlain)),
              (Strings{"▁cafe", "▁cafe", "▁cafe"}));
}

TEST(TokenizerWordPiece, CjkCharactersAreWordsOfTheirOwn) {
    auto tok = english();
    EXPECT_EQ(texts(tok, tokenize(tok, "我好hello", kPlain)), (Strings{"▁我", "▁好", "▁hello"}));
}

TEST(TokenizerWordPiece, ClsAndSepWrapTheText) {
    auto tok = english();
    EXPECT_EQ(texts(tok, tokenize(tok, "hello")), (Strings{"[CLS]", "▁hello", "[SEP]"}));
}

TEST(TokenizerWordPiece, CasedVocabularyKeepsCase) {
    auto tok = make(test::wordpiece_vocab({"▁Hello", "▁hello", "▁é"}));
    EXPECT_FALSE(tok.wordpiece_lowercase);
    EXPECT_EQ(texts(tok, tokenize(tok, "Hello hello é", kPlain)), (Strings{"▁Hello", "▁hello", "▁é"}));
}

TEST(TokenizerWordPiece, HashContinuationVocabulary) {
    // Hugging Face's vocab.txt style: bare word starts, "##" continuations.
    auto tok = make(test::wordpiece_vocab({"un", "##aff", "##able", "hello"}));
    EXPECT_TRUE(tok.wordpiece_hash_continuation);
    const auto ids = tokenize(tok, "unaffable hello", kPlain);
    EXPECT_EQ(texts(tok, ids), (Strings{"un", "##aff", "##able", "hello"}));
    EXPECT_EQ(detokenize(tok, ids), " unaffable hello");
}

TEST(TokenizerWordPiece, DetokenizeJoinsPieces) {
    auto tok = english();
    EXPECT_EQ(detokenize(tok, tokenize(tok, "Hello unaffable!")), " hello unaffable !");
}

}  // namespace
}  // namespace hearth
