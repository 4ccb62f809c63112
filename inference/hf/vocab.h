// A Hugging Face tokenizer, read into the `tokenizer.ggml.*` keys inference/tokenizer/vocab.cpp
// reads: from tokenizer.json (byte-level BPE: GGUF model "gpt2", with the pre-tokenizer named as
// tokenizer.ggml.pre), or from tokenizer.model (a SentencePiece model: GGUF model "llama"), plus
// tokenizer_config.json's chat template, special tokens and add_bos/add_eos switches.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "inference/gguf/gguf_writer.h"

namespace hearth::hf {

// Token types as GGUF numbers them (SentencePiece's own numbering).
enum TokenType : int32_t { kNormal = 1, kUnknown = 2, kControl = 3, kUserDefined = 4, kUnused = 5, kByte = 6 };

struct HfVocab {
    std::string model;  // tokenizer.ggml.model: "gpt2" or "llama"
    std::string pre;    // tokenizer.ggml.pre, for "gpt2"
    std::vector<std::string> tokens;
    std::vector<float> scores;   // "llama" only
    std::vector<int32_t> types;
    std::vector<std::string> merges;  // "gpt2" only: "a b"
    std::optional<int64_t> bos, eos, unk, pad;
    std::optional<bool> add_bos, add_eos, add_space_prefix;
    std::string chat_template;
};

// tokenizer.json. Errors: "hf.bad_tokenizer" (malformed: the message says what), and
// "hf.unknown_pretokenizer" (a byte-level BPE whose text splitting matches none Hearth knows, or
// a tokenizer that is not byte-level BPE at all; the message says which).
Result<HfVocab> read_tokenizer_json(std::string_view text, const std::string& file);

// tokenizer.model, a SentencePiece ModelProto (protobuf). Error "hf.bad_tokenizer".
Result<HfVocab> read_sentencepiece(std::span<const uint8_t> bytes, const std::string& file);

// Adds tokenizer.json's added tokens (special tokens beyond a SentencePiece model's pieces, as
// Phi-3's chat markers): each at its id (replacing a piece there), gaps filled with unused
// placeholders.
Status add_added_tokens(std::string_view tokenizer_json, const std::string& file, HfVocab& v);

// tokenizer_config.json: chat template, bos/eos/unk/pad by their text, add_bos_token/add_eos_token.
Status apply_tokenizer_config(std::string_view text, const std::string& file, HfVocab& v);

// Pads the vocabulary to `n_rows` tokens (the embedding table's rows; models often round it up)
// and writes the tokenizer.ggml.* keys and tokenizer.chat_template.
void write_vocab(HfVocab v, size_t n_rows, GgufWriter& w);

}  // namespace hearth::hf
