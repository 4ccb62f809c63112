// Tiny hand-made vocabularies for the tokenizer tests, one per family, so the algorithms are
// tested without the shared model files.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "inference/tokenizer/tokenizer.h"

namespace hearth::test {

// SentencePiece: <unk> <s> </s>, the 256 <0xAB> byte tokens, then `pieces` (text, score) in
// order. "▁" stands for a space in piece texts, as in real vocabularies.
Vocab spm_vocab(const std::vector<std::pair<std::string, float>>& pieces, bool byte_tokens = true);

// Byte-level BPE: ids 0..255 are the bytes 0..255 (as their alphabet characters), then one token
// per new merge result, then <|endoftext|> as a control token (also BOS and EOS). `merges` use the byte-level alphabet ("Ġ" for a space).
Vocab bpe_vocab(const std::vector<std::string>& merges, std::string pre = "gpt-2");

// WordPiece in the GGUF convention: [PAD] [UNK] [CLS] [SEP] [MASK] (ids 0..4, control), then
// `words` as given ("▁word" starts a word, bare text continues one).
Vocab wordpiece_vocab(const std::vector<std::string>& words);

Tokenizer make(Vocab v);  // make_tokenizer, failing the test on error
int32_t id_of(const Tokenizer& tok, const std::string& text);  // -1 when absent
std::vector<std::string> texts(const Tokenizer& tok, const std::vector<int32_t>& ids);

}  // namespace hearth::test
