// GPT-2's byte-level alphabet: every byte gets a printable code point so that BPE vocabularies
// can be stored as text. Printable Latin-1 bytes (! .. ~, ¡ .. ¬, ® .. ÿ) stand for themselves;
// the other 68 bytes (controls, space, DEL, NBSP, soft hyphen) take U+0100 upwards in byte order,
// so space becomes 'Ġ' (U+0120) and newline 'Ċ' (U+010A).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace hearth::byte_level {

uint32_t byte_to_codepoint(uint8_t b);
// The byte a code point stands for, or -1 when it is not part of the alphabet.
int codepoint_to_byte(uint32_t cp);
// UTF-8 text of the code point for each byte of `bytes`.
std::string encode(std::string_view bytes);
// The bytes a byte-level token stands for; code points outside the alphabet are kept as UTF-8.
std::string decode(std::string_view token_text);

}  // namespace hearth::byte_level
