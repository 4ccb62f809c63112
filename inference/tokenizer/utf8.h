// Small UTF-8 helpers shared by the tokenizers. Invalid input never stops them: a byte that does
// not start a well-formed sequence is taken as a one-byte "character" so that byte fallback can
// still represent it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace hearth::utf8 {

inline constexpr uint32_t kReplacement = 0xFFFD;

// Length of the well-formed sequence starting at s[pos], or 1 for an invalid or truncated one.
size_t char_len(std::string_view s, size_t pos);
// Decodes the code point at s[pos] and advances pos; an invalid byte decodes to U+FFFD.
uint32_t decode(std::string_view s, size_t& pos);
void append(std::string& out, uint32_t cp);
// Bytes at the end of s that start a well-formed sequence which is not finished yet (0..3).
size_t incomplete_tail(std::string_view s);

}  // namespace hearth::utf8
