// Splits template source into tokens: literal text between tags, tag delimiters, and the
// expression tokens inside tags. Whitespace control happens here, exactly as Jinja2's lexer does
// it with the options Hugging Face uses (trim_blocks and lstrip_blocks on): `{%-`/`-%}` strip
// all whitespace on that side, a block or comment tag eats the newline after it, and spaces or
// tabs before a block or comment tag on its own line go away. `{% raw %}` bodies come out as text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace hearth::tmpl {

enum class TokenType { Text, VarBegin, VarEnd, BlockBegin, BlockEnd, Name, String, Int, Float, Op, End };

struct Token {
    TokenType type = TokenType::End;
    std::string text;  // Text content, name, decoded string literal, or operator spelling
    std::int64_t int_value = 0;
    double float_value = 0.0;
    std::size_t offset = 0;  // byte offset in the source, for line:column in messages
};

struct LexOptions {
    bool trim_blocks = true;
    bool lstrip_blocks = true;
};

Result<std::vector<Token>> tokenize(std::string_view source, const LexOptions& options = {});

// "line 3, column 14" for a byte offset.
std::string describe_position(std::string_view source, std::size_t offset);

}  // namespace hearth::tmpl
