// The tokenizer's vocabulary as plain data: what a GGUF file's tokenizer.ggml.* keys hold, read
// and checked once. Everything else in inference/tokenizer works from a Vocab, so tests can build
// small vocabularies by hand.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"

namespace hearth {

class GgufFile;

// tokenizer.ggml.token_type values (the numbering llama.cpp's converters write).
enum class TokenType : int32_t {
    Undefined = 0,
    Normal = 1,
    Unknown = 2,
    Control = 3,      // <s>, </s>, <|im_start|>: never produced from plain text
    UserDefined = 4,  // added tokens: always matched in the text as a whole
    Unused = 5,
    Byte = 6,         // SentencePiece byte fallback <0xAB>
};

enum class VocabModel {
    Spm,        // tokenizer.ggml.model "llama": SentencePiece BPE with scores and byte fallback
    Bpe,        // "gpt2": byte-level BPE with merge ranks and a regex pre-tokenizer
    WordPiece,  // "bert": BERT basic pre-tokenization and greedy longest match
};

struct Vocab {
    VocabModel model = VocabModel::Spm;
    std::string pre = "default";     // tokenizer.ggml.pre: picks the BPE pre-tokenizer
    std::vector<std::string> tokens;
    std::vector<float> scores;       // empty, or one per token (SPM merge priority)
    std::vector<int32_t> token_types;  // empty (all Normal), or one TokenType per token
    std::vector<std::string> merges;   // "left right", most important first (BPE only)

    // Special ids, -1 when absent.
    int32_t bos = -1, eos = -1, unk = -1, pad = -1, sep = -1, cls = -1, mask = -1;
    int32_t eot = -1;  // end of turn (tokenizer.ggml.eot_token_id), for chat models
    bool add_bos = false;
    bool add_eos = false;
    bool add_space_prefix = false;  // SPM: a space before the text (so "Hi" becomes "▁Hi")

    TokenType type(int32_t id) const {
        return token_types.empty() ? TokenType::Normal : static_cast<TokenType>(token_types[id]);
    }
    float score(int32_t id) const { return scores.empty() ? 0.0f : scores[id]; }
    int32_t size() const { return static_cast<int32_t>(tokens.size()); }
};

const char* to_string(VocabModel m);

// Reads tokenizer.ggml.* from a GGUF file, fills in the per-model defaults llama.cpp uses where
// a key is absent (SPM adds BOS and the space prefix; BERT wraps text in [CLS] ... [SEP]), and
// validates the result. Error codes: "tokenizer.missing", "tokenizer.unknown_model",
// plus those of validate_vocab.
Result<Vocab> vocab_from_gguf(const GgufFile& file);

// Checks that the arrays agree in length, token types are known, special ids are in range, and
// the model has what it needs (merges for BPE, an unknown token for WordPiece). Codes:
// "tokenizer.empty", "tokenizer.size_mismatch", "tokenizer.bad_token_type",
// "tokenizer.bad_special_id", "tokenizer.bad_merge", "tokenizer.no_unk".
Status validate_vocab(const Vocab& vocab);

}  // namespace hearth
