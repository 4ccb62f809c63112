#include "inference/template/lexer.h"

#include "base/text.h"

#include <cerrno>
#include <cstdlib>

namespace hearth::tmpl {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_name_char(char c) { return is_name_start(c) || is_digit(c); }

std::string_view rstrip(std::string_view s) {
    while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
    return s;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

struct Lexer {
    std::string_view src;
    const LexOptions& opt;
    std::vector<Token> out;
    std::size_t pos = 0;
    std::vector<char> brackets;
    std::size_t close_at = 0;  // where the last tag's closing delimiter started

    Error fail(std::size_t at, const std::string& what) const {
        return make_error("template.syntax", "Chat template, " + describe_position(src, at) + ": " + what + ".");
    }

    void emit(TokenType type, std::string text, std::size_t offset) {
        Token t;
        t.type = type;
        t.text = std::move(text);
        t.offset = offset;
        out.push_back(std::move(t));
    }

    std::size_t find_tag(std::size_t from) const {
        while (true) {
            const std::size_t p = src.find('{', from);
            if (p == std::string_view::npos || p + 1 >= src.size()) return std::string_view::npos;
            const char c = src[p + 1];
            if (c == '{' || c == '%' || c == '#') return p;
            from = p + 1;
        }
    }

    // After a tag: `-` strips all following whitespace; a block or comment end eats one newline.
    void after_tag(bool strip, bool plus, bool is_block) {
        if (strip) {
            while (pos < src.size() && is_space(src[pos])) ++pos;
        } else if (is_block && opt.trim_blocks && !plus && pos < src.size() && src[pos] == '\n') {
            ++pos;
        }
    }

    // Text before a tag at `tag`, with the tag's whitespace control applied to it.
    void emit_text_before(std::size_t text_start, std::size_t tag) {
        std::string_view text = src.substr(text_start, tag - text_start);
        if (tag < src.size()) {
            const char kind = src[tag + 1];
            const char mod = tag + 2 < src.size() ? src[tag + 2] : '\0';
            if (mod == '-') {
                text = rstrip(text);
            } else if (opt.lstrip_blocks && kind != '{' && mod != '+') {
                const std::size_t nl = text.rfind('\n');
                const std::size_t line_pos = nl == std::string_view::npos ? 0 : nl + 1;
                const bool line_starting = text_start == 0 || src[text_start - 1] == '\n';
                if (line_pos > 0 || line_starting) {
                    bool blank = true;
                    for (std::size_t k = line_pos; k < text.size(); ++k)
                        if (text[k] != ' ' && text[k] != '\t') { blank = false; break; }
                    if (blank) text = text.substr(0, line_pos);
                }
            }
        }
        if (!text.empty()) emit(TokenType::Text, std::string(text), text_start);
    }

    Result<std::string> string_literal() {
        const std::size_t start = pos;
        const char quote = src[pos++];
        std::string value;
        while (true) {
            if (pos >= src.size()) return fail(start, "this string is never closed");
            const char c = src[pos++];
            if (c == quote) break;
            if (c != '\\') { value += c; continue; }
            if (pos >= src.size()) return fail(start, "this string is never closed");
            const char e = src[pos++];
            switch (e) {
                case '\n': break;  // line continuation
                case '\\': value += '\\'; break;
                case '\'': value += '\''; break;
                case '"': value += '"'; break;
                case 'a': value += '\a'; break;
                case 'b': value += '\b'; break;
                case 'f': value += '\f'; break;
                case 'n': value += '\n'; break;
                case 'r': value += '\r'; break;
                case 't': value += '\t'; break;
                case 'v': value += '\v'; break;
                case 'x':
                case 'u':
                case 'U': {
                    const int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    unsigned long cp = 0;
                    for (int k = 0; k < digits; ++k) {
                        const int h = pos < src.size() ? hex_value(src[pos]) : -1;
                        if (h < 0) return fail(pos, std::string("a truncated \\") + e + " escape in a string");
                        cp = cp * 16 + static_cast<unsigned long>(h);
                        ++pos;
                    }
                    if (cp > 0x10ffff) return fail(pos, "an escape beyond the last Unicode code point");
                    append_utf8(value, cp);
                    break;
                }
                default:
                    if (e >= '0' && e <= '7') {
                        unsigned long cp = static_cast<unsigned long>(e - '0');
                        for (int k = 0; k < 2 && pos < src.size() && src[pos] >= '0' && src[pos] <= '7'; ++k)
                            cp = cp * 8 + static_cast<unsigned long>(src[pos++] - '0');
                        append_utf8(value, cp);
                    } else {
                        value += '\\';
                        value += e;
                    }
            }
        }
        return value;
    }

    Status number() {
        const std::size_t start = pos;
        std::string digits;
        auto take_digits = [&] {
            while (pos < src.size() && (is_digit(src[pos]) || (src[pos] == '_' && pos + 1 < src.size() && is_digit(src[pos + 1])))) {
                if (src[pos] != '_') digits += src[pos];
                ++pos;
            }
        };
        take_digits();
        bool is_float = false;
        if (pos + 1 < src.size() && src[pos] == '.' && is_digit(src[pos + 1])) {
            is_float = true;
            digits += '.';
            ++pos;
            take_digits();
        }
        if (pos < src.size() && (src[pos] == 'e' || src[pos] == 'E')) {
            std::size_t q = pos + 1;
            if (q < src.size() && (src[q] == '+' || src[q] == '-')) ++q;
            if (q < src.size() && is_digit(src[q])) {
                is_float = true;
                digits += 'e';
                if (src[pos + 1] == '-') digits += '-';
                pos = q;
                take_digits();
            }
        }
        Token t;
        t.offset = start;
        t.text = digits;
        if (is_float) {
            t.type = TokenType::Float;
            t.float_value = std::strtod(digits.c_str(), nullptr);
        } else {
            t.type = TokenType::Int;
            errno = 0;
            t.int_value = std::strtoll(digits.c_str(), nullptr, 10);
            if (errno == ERANGE) return fail(start, "the number " + digits + " is too large");
        }
        out.push_back(std::move(t));
        return {};
    }

    // Tokens inside {{ }} or {% %} up to the closing delimiter; sets strip/plus from `-`/`+`.
    Status expression(bool block, bool& strip, bool& plus) {
        const std::size_t open = pos;
        const std::string_view close = block ? "%}" : "}}";
        strip = plus = false;
        brackets.clear();
        while (true) {
            while (pos < src.size() && is_space(src[pos])) ++pos;
            if (pos >= src.size())
                return fail(open, block ? "this {% tag is never closed with %}" : "this {{ tag is never closed with }}");
            const std::string_view rest = src.substr(pos);
            if (brackets.empty()) {
                close_at = pos;
                if (rest.size() >= 3 && rest[0] == '-' && rest.substr(1, 2) == close) {
                    strip = true;
                    pos += 3;
                    return {};
                }
                if (block && rest.substr(0, 3) == "+%}") {
                    plus = true;
                    pos += 3;
                    return {};
                }
                if (rest.substr(0, 2) == close) {
                    pos += 2;
                    return {};
                }
            }
            const char c = src[pos];
            if (is_name_start(c)) {
                const std::size_t start = pos;
                while (pos < src.size() && is_name_char(src[pos])) ++pos;
                emit(TokenType::Name, std::string(src.substr(start, pos - start)), start);
            } else if (is_digit(c)) {
                if (auto s = number(); !s) return s;
            } else if (c == '\'' || c == '"') {
                const std::size_t start = pos;
                auto s = string_literal();
                if (!s) return s.error();
                emit(TokenType::String, std::move(*s), start);
            } else {
                static const char* two[] = {"//", "**", "==", "!=", "<=", ">="};
                std::string op;
                for (const char* t : two)
                    if (rest.substr(0, 2) == t) op = t;
                if (op.empty()) {
                    if (std::string_view("+-*/%~<>=()[]{},.:|").find(c) == std::string_view::npos)
                        return fail(pos, std::string("unexpected character '") + c + "' inside a tag");
                    op = std::string(1, c);
                    if (c == '(' || c == '[' || c == '{') {
                        brackets.push_back(c == '(' ? ')' : c == '[' ? ']' : '}');
                    } else if (c == ')' || c == ']' || c == '}') {
                        if (brackets.empty() || brackets.back() != c)
                            return fail(pos, std::string("unexpected '") + c + "'");
                        brackets.pop_back();
                    }
                }
                emit(TokenType::Op, op, pos);
                pos += op.size();
            }
        }
    }

    // After `{% raw %}`: everything up to `{% endraw %}` is text.
    Status raw_body(std::size_t raw_tag) {
        std::size_t from = pos;
        while (true) {
            const std::size_t p = src.find("{%", from);
            if (p == std::string_view::npos) return fail(raw_tag, "this {% raw %} block is never closed with {% endraw %}");
            std::size_t q = p + 2;
            const bool strip_before = q < src.size() && src[q] == '-';
            if (q < src.size() && (src[q] == '-' || src[q] == '+')) ++q;
            while (q < src.size() && is_space(src[q])) ++q;
            if (src.substr(q, 6) != "endraw") { from = p + 2; continue; }
            q += 6;
            while (q < src.size() && is_space(src[q])) ++q;
            bool strip_after = false, plus = false;
            if (q < src.size() && (src[q] == '-' || src[q] == '+')) {
                strip_after = src[q] == '-';
                plus = src[q] == '+';
                ++q;
            }
            if (src.substr(q, 2) != "%}") { from = p + 2; continue; }
            std::string_view body = src.substr(pos, p - pos);
            if (strip_before) body = rstrip(body);
            if (!body.empty()) emit(TokenType::Text, std::string(body), pos);
            pos = q + 2;
            after_tag(strip_after, plus, true);
            return {};
        }
    }

    Status run() {
        while (pos < src.size()) {
            const std::size_t tag = find_tag(pos);
            const std::size_t text_end = tag == std::string_view::npos ? src.size() : tag;
            emit_text_before(pos, text_end);
            if (tag == std::string_view::npos) break;
            const char kind = src[tag + 1];
            pos = tag + 2;
            if (pos < src.size() && (src[pos] == '-' || src[pos] == '+')) ++pos;
            if (kind == '#') {
                const std::size_t end = src.find("#}", pos);
                if (end == std::string_view::npos) return fail(tag, "this {# comment is never closed with #}");
                const bool strip = end > pos && src[end - 1] == '-';
                const bool plus = end > pos && src[end - 1] == '+';
                pos = end + 2;
                after_tag(strip, plus, true);
                continue;
            }
            const bool block = kind == '%';
            const std::size_t first = out.size();
            emit(block ? TokenType::BlockBegin : TokenType::VarBegin, {}, tag);
            bool strip = false, plus = false;
            if (auto s = expression(block, strip, plus); !s) return s;
            emit(block ? TokenType::BlockEnd : TokenType::VarEnd, {}, close_at);
            after_tag(strip, plus, block);
            if (block && out.size() == first + 3 && out[first + 1].type == TokenType::Name &&
                out[first + 1].text == "raw") {
                out.resize(first);
                if (auto s = raw_body(tag); !s) return s;
            }
        }
        emit(TokenType::End, {}, src.size());
        return {};
    }
};

}  // namespace

std::string describe_position(std::string_view source, std::size_t offset) {
    std::size_t line = 1, col = 1;
    for (std::size_t k = 0; k < offset && k < source.size(); ++k) {
        if (source[k] == '\n') { ++line; col = 1; }
        else ++col;
    }
    return "line " + std::to_string(line) + ", column " + std::to_string(col);
}

Result<std::vector<Token>> tokenize(std::string_view source, const LexOptions& options) {
    Lexer lexer{source, options, {}, 0, {}, 0};
    if (auto s = lexer.run(); !s) return s.error();
    return std::move(lexer.out);
}

}  // namespace hearth::tmpl
