// The per-family tokenizers behind tokenize(). Internal to inference/tokenizer: each takes one
// run of plain text (special tokens already cut out) and appends ids.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "inference/tokenizer/tokenizer.h"

namespace hearth::detail {

// `text` already has spaces written as "▁" and the space prefix added.
void tokenize_spm(const Tokenizer& tok, std::string_view text, std::vector<int32_t>& out);
void tokenize_bpe(const Tokenizer& tok, std::string_view text, std::vector<int32_t>& out);
void tokenize_wordpiece(const Tokenizer& tok, std::string_view text, std::vector<int32_t>& out);

}  // namespace hearth::detail
