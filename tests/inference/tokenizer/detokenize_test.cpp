// Pieces, whole-sequence detokenizing, and the streaming detokenizer that never hands out half
// a UTF-8 character.
#include <gtest/gtest.h>

#include "inference/tokenizer/utf8.h"
#include "synthetic_vocab.h"

namespace hearth {
namespace {

using test::make;

Tokenizer spm() { return make(test::spm_vocab({{"▁", -1}, {"a", -1}, {"▁a", -2}})); }

int32_t byte_id(const Tokenizer& tok, uint8_t b) { return tok.byte_token[b]; }

TEST(TokenizerPieces, SpmPieces) {
    auto tok = spm();
    EXPECT_EQ(token_to_piece(tok, test::id_of(tok, "▁a")), " a");
    EXPECT_EQ(token_to_piece(tok, byte_id(tok, 0x0A)), "\n");
    EXPECT_EQ(token_to_piece(tok, tok.vocab.bos), "");
    EXPECT_EQ(token_to_piece(tok, tok.vocab.bos, /*render_special=*/true), "<s>");
    EXPECT_EQ(token_to_piece(tok, tok.vocab.unk), "<unk>");
    EXPECT_EQ(token_to_piece(tok, -1), "");
    EXPECT_EQ(token_to_piece(tok, tok.vocab.size()), "");
}

TEST(TokenizerPieces, BpePiecesAreRawBytes) {
    auto tok = make(test::bpe_vocab({"Ġ h"}));
    EXPECT_EQ(token_to_piece(tok, test::id_of(tok, "Ġh")), " h");
    EXPECT_EQ(token_to_piece(tok, 0xC3), "\xC3");  // half a character on its own
}

TEST(TokenizerPieces, DetokenizeCanStripTheSpacePrefix) {
    auto tok = spm();
    const auto ids = tokenize(tok, "a a");
    EXPECT_EQ(detokenize(tok, ids), " a a");
    EXPECT_EQ(detokenize(tok, ids, {.strip_space_prefix = true}), "a a");
    EXPECT_EQ(detokenize(tok, ids, {.render_special = true}), "<s> a a");
}

TEST(TokenizerUtf8, IncompleteTail) {
    EXPECT_EQ(utf8::incomplete_tail(""), 0u);
    EXPECT_EQ(utf8::incomplete_tail("abc"), 0u);
    EXPECT_EQ(utf8::incomplete_tail("a\xC3"), 1u);
    EXPECT_EQ(utf8::incomplete_tail("a\xC3\xA9"), 0u);
    EXPECT_EQ(utf8::incomplete_tail("\xF0\x9F"), 2u);
    EXPECT_EQ(utf8::incomplete_tail("\xF0\x9F\xA6"), 3u);
    EXPECT_EQ(utf8::incomplete_tail("\xF0\x9F\xA6\x99"), 0u);
    EXPECT_EQ(utf8::incomplete_tail("\xFF"), 0u);      // can never become valid
    EXPECT_EQ(utf8::incomplete_tail("\xE0\x80"), 0u);  // overlong: can never become valid
    EXPECT_EQ(utf8::incomplete_tail("\x80\x80"), 0u);  // continuation bytes with no lead
}

std::vector<std::string> stream(const Tokenizer& tok, const std::vector<int32_t>& ids, std::string* rest) {
    StreamingDetokenizer s{&tok, false, {}};
    std::vector<std::string> out;
    for (int32_t id : ids) out.push_back(push(s, id));
    *rest = flush(s);
    return out;
}

TEST(TokenizerStreaming, HoldsBackASplitTwoByteCharacter) {
    auto tok = spm();
    std::string rest;
    const auto parts = stream(tok, {test::id_of(tok, "▁a"), byte_id(tok, 0xC3), byte_id(tok, 0xA9),
                                    test::id_of(tok, "a")},
                              &rest);
    EXPECT_EQ(parts, (std::vector<std::string>{" a", "", "\xC3\xA9", "a"}));
    EXPECT_EQ(rest, "");
}

TEST(TokenizerStreaming, EmojiAcrossFourByteTokens) {
    auto tok = spm();
    std::string rest;
    // U+1F999 🦙 = F0 9F A6 99
    const auto parts =
        stream(tok, {byte_id(tok, 0xF0), byte_id(tok, 0x9F), byte_id(tok, 0xA6), byte_id(tok, 0x99)}, &rest);
    EXPECT_EQ(parts, (std::vector<std::string>{"", "", "", "\xF0\x9F\xA6\x99"}));
    EXPECT_EQ(rest, "");
}

TEST(TokenizerStreaming, ByteLevelTokensEndingMidCharacter) {
    // "é" is C3 A9: a BPE token for "xC3" then one for "A9" splits it across tokens.
    auto tok = make(test::bpe_vocab({"x Ã"}));
    std::string rest;
    const auto parts = stream(tok, {test::id_of(tok, "xÃ"), 0xA9, 'y'}, &rest);
    EXPECT_EQ(parts, (std::vector<std::string>{"x", "\xC3\xA9", "y"}));
    EXPECT_EQ(rest, "");
}

TEST(TokenizerStreaming, FlushReturnsAnUnfinishedCharacter) {
    auto tok = spm();
    std::string rest;
    const auto parts = stream(tok, {test::id_of(tok, "a"), byte_id(tok, 0xE2), byte_id(tok, 0x96)}, &rest);
    EXPECT_EQ(parts, (std::vector<std::string>{"a", "", ""}));
    EXPECT_EQ(rest, "\xE2\x96");
}

TEST(TokenizerStreaming, InvalidBytesAreNotHeldForever) {
    auto tok = spm();
    std::string rest;
    const auto parts = stream(tok, {byte_id(tok, 0xFF), test::id_of(tok, "a")}, &rest);
    EXPECT_EQ(parts, (std::vector<std::string>{"\xFF", "a"}));
}

}  // namespace
}  // namespace hearth
