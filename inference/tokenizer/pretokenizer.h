// The regex pre-tokenizers byte-level BPE vocabularies use before merging: the text is cut into
// words, and BPE never merges across a cut. A pre-tokenizer is a sequence of regex splits (as in
// Hugging Face's Split with behaviour "Isolated"): each regex cuts every piece from the previous
// step into its matches and the text between them, both kept. Matching is PCRE2 in UTF mode with
// Unicode properties (\p{L}, \s ...); invalid UTF-8 never matches and ends up in the gaps.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace hearth {

struct PreTokenizer;  // compiled regexes (defined in pretokenizer.cpp; PCRE2 stays private)

struct PreTokenizerSpec {
    std::vector<std::string> patterns;  // applied in order
    bool ignore_merges = false;  // a word that is a whole token is not merged (Llama 3)
};

// The spec for a tokenizer.ggml.pre name ("gpt-2", "llama-bpe", "qwen2", "deepseek-coder", ...).
// Error "tokenizer.unknown_pre" lists the names we know.
Result<PreTokenizerSpec> pretokenizer_spec(std::string_view pre);

// Error "tokenizer.bad_regex" when a pattern does not compile.
Result<std::shared_ptr<const PreTokenizer>> compile_pretokenizer(const std::vector<std::string>& patterns);

// The words of `text`, as views into it, in order; together they cover the text exactly.
std::vector<std::string_view> pretokenize(const PreTokenizer& pre, std::string_view text);

}  // namespace hearth
