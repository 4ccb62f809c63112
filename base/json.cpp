#include "base/json.h"

#include "base/text.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace hearth::json {

Value Value::number_value(double v) {
    Value x;
    x.type = Type::number;
    x.num = v;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    x.str = buf;
    return x;
}

Value Value::integer_value(int64_t v) {
    Value x;
    x.type = Type::number;
    x.num = static_cast<double>(v);
    x.str = std::to_string(v);
    return x;
}

const Value* Value::find(std::string_view key) const {
    if (type != Type::object) return nullptr;
    const Value* found = nullptr;
    for (const auto& [k, v] : obj)
        if (k == key) found = &v;
    return found;
}

Value& Value::set(std::string key, Value v) {
    for (auto& [k, old] : obj)
        if (k == key) { old = std::move(v); return old; }
    obj.push_back(Member{std::move(key), std::move(v)});
    return obj.back().second;
}

std::string Value::get_string(std::string_view key, std::string fallback) const {
    const Value* v = find(key);
    return v && v->is_string() ? v->str : fallback;
}

std::optional<int64_t> Value::get_int(std::string_view key) const {
    const Value* v = find(key);
    return v ? v->as_int() : std::nullopt;
}

std::optional<bool> Value::get_bool(std::string_view key) const {
    const Value* v = find(key);
    if (!v || !v->is_bool()) return std::nullopt;
    return v->b;
}

std::optional<int64_t> Value::as_int() const {
    if (type != Type::number) return std::nullopt;
    // Parse the source text so that sizes above 2^53 stay exact.
    if (!str.empty() && str.find_first_of(".eE") == std::string::npos) {
        errno = 0;
        char* end = nullptr;
        long long v = std::strtoll(str.c_str(), &end, 10);
        if (errno == 0 && end && *end == '\0') return v;
        return std::nullopt;
    }
    if (std::isfinite(num) && std::floor(num) == num && std::fabs(num) < 9.2e18)
        return static_cast<int64_t>(num);
    return std::nullopt;
}

namespace {

struct Parser {
    std::string_view s;
    size_t pos = 0;
    int max_depth;

    Error fail(const std::string& what) const {
        return make_error("json.syntax", "The JSON text is invalid at byte " + std::to_string(pos) + ": " + what + ".");
    }
    void skip_ws() {
        while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\n' || s[pos] == '\r')) ++pos;
    }
    bool literal(std::string_view word) {
        if (s.substr(pos, word.size()) != word) return false;
        pos += word.size();
        return true;
    }

    bool hex4(uint32_t& out) {
        if (pos + 4 > s.size()) return false;
        out = 0;
        for (int i = 0; i < 4; ++i) {
            char c = s[pos++];
            out <<= 4;
            if (c >= '0' && c <= '9') out |= uint32_t(c - '0');
            else if (c >= 'a' && c <= 'f') out |= uint32_t(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') out |= uint32_t(c - 'A' + 10);
            else return false;
        }
        return true;
    }

    // Checks one UTF-8 sequence starting at pos (strict: no overlongs, no surrogates).
    bool utf8_sequence(std::string& out) {
        auto c0 = static_cast<unsigned char>(s[pos]);
        int len = c0 < 0x80 ? 1 : (c0 & 0xE0) == 0xC0 ? 2 : (c0 & 0xF0) == 0xE0 ? 3 : (c0 & 0xF8) == 0xF0 ? 4 : 0;
        if (!len || pos + len > s.size()) return false;
        uint32_t cp = len == 1 ? c0 : len == 2 ? (c0 & 0x1F) : len == 3 ? (c0 & 0x0F) : (c0 & 0x07);
        for (int i = 1; i < len; ++i) {
            auto c = static_cast<unsigned char>(s[pos + i]);
            if ((c & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (c & 0x3F);
        }
        static const uint32_t min_cp[5] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min_cp[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        out.append(s.substr(pos, len));
        pos += len;
        return true;
    }

    Result<std::string> string_body() {
        ++pos;  // opening quote
        std::string out;
        while (true) {
            if (pos >= s.size()) return fail("unterminated string");
            char c = s[pos];
            if (c == '"') { ++pos; return out; }
            if (static_cast<unsigned char>(c) < 0x20) return fail("control character in string");
            if (c != '\\') {
                if (!utf8_sequence(out)) return fail("invalid UTF-8 in string");
                continue;
            }
            if (++pos >= s.size()) return fail("unterminated escape");
            char e = s[pos++];
            switch (e) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    uint32_t cp;
                    if (!hex4(cp)) return fail("bad \\u escape");
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        uint32_t lo;
                        if (!literal("\\u") || !hex4(lo) || lo < 0xDC00 || lo > 0xDFFF)
                            return fail("unpaired surrogate");
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                        return fail("unpaired surrogate");
                    }
                    append_utf8(out, cp);
                    break;
                }
                default: return fail("unknown escape");
            }
        }
    }

    Result<Value> number() {
        size_t start = pos;
        if (s[pos] == '-') ++pos;
        auto digits = [&] {
            size_t b = pos;
            while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
            return pos - b;
        };
        if (pos < s.size() && s[pos] == '0') ++pos;
        else if (digits() == 0) return fail("bad number");
        if (pos < s.size() && s[pos] == '.') { ++pos; if (digits() == 0) return fail("bad fraction"); }
        if (pos < s.size() && (s[pos] == 'e' || s[pos] == 'E')) {
            ++pos;
            if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) ++pos;
            if (digits() == 0) return fail("bad exponent");
        }
        if (pos - start > 400) return fail("number too long");
        Value v;
        v.type = Type::number;
        v.str = std::string(s.substr(start, pos - start));
        v.num = std::strtod(v.str.c_str(), nullptr);
        return v;
    }

    Result<Value> value(int depth) {
        if (depth > max_depth) return fail("nesting is deeper than " + std::to_string(max_depth));
        skip_ws();
        if (pos >= s.size()) return fail("unexpected end");
        char c = s[pos];
        if (c == '{') {
            ++pos;
            Value v = Value::object_value();
            skip_ws();
            if (pos < s.size() && s[pos] == '}') { ++pos; return v; }
            while (true) {
                skip_ws();
                if (pos >= s.size() || s[pos] != '"') return fail("expected a member name");
                auto key = string_body();
                if (!key) return key.error();
                skip_ws();
                if (pos >= s.size() || s[pos] != ':') return fail("expected ':'");
                ++pos;
                auto member = value(depth + 1);
                if (!member) return member.error();
                v.obj.push_back(Member{std::move(*key), std::move(*member)});
                skip_ws();
                if (pos < s.size() && s[pos] == ',') { ++pos; continue; }
                if (pos < s.size() && s[pos] == '}') { ++pos; return v; }
                return fail("expected ',' or '}'");
            }
        }
        if (c == '[') {
            ++pos;
            Value v = Value::array_value();
            skip_ws();
            if (pos < s.size() && s[pos] == ']') { ++pos; return v; }
            while (true) {
                auto item = value(depth + 1);
                if (!item) return item.error();
                v.arr.push_back(std::move(*item));
                skip_ws();
                if (pos < s.size() && s[pos] == ',') { ++pos; continue; }
                if (pos < s.size() && s[pos] == ']') { ++pos; return v; }
                return fail("expected ',' or ']'");
            }
        }
        if (c == '"') {
            auto str = string_body();
            if (!str) return str.error();
            return Value::string_value(std::move(*str));
        }
        if (c == '-' || (c >= '0' && c <= '9')) return number();
        if (literal("true")) return Value::boolean_value(true);
        if (literal("false")) return Value::boolean_value(false);
        if (literal("null")) return Value::null_value();
        return fail("unexpected character");
    }
};

void write(std::string& out, const Value& v, int indent, int level) {
    auto newline = [&](int lvl) {
        if (indent < 0) return;
        out += '\n';
        out.append(static_cast<size_t>(indent * lvl), ' ');
    };
    switch (v.type) {
        case Type::null: out += "null"; break;
        case Type::boolean: out += v.b ? "true" : "false"; break;
        case Type::number:
            if (!v.str.empty()) out += v.str;
            else if (std::isfinite(v.num)) out += Value::number_value(v.num).str;
            else out += "null";
            break;
        case Type::string: out += json_quote(v.str); break;
        case Type::array:
            out += '[';
            for (size_t i = 0; i < v.arr.size(); ++i) {
                if (i) out += ',';
                newline(level + 1);
                write(out, v.arr[i], indent, level + 1);
            }
            if (!v.arr.empty()) newline(level);
            out += ']';
            break;
        case Type::object:
            out += '{';
            for (size_t i = 0; i < v.obj.size(); ++i) {
                if (i) out += ',';
                newline(level + 1);
                out += json_quote(v.obj[i].first);
                out += indent < 0 ? ":" : ": ";
                write(out, v.obj[i].second, indent, level + 1);
            }
            if (!v.obj.empty()) newline(level);
            out += '}';
            break;
    }
}

}  // namespace

Result<Value> parse(std::string_view text, const Limits& limits) {
    if (text.size() > limits.max_bytes)
        return make_error("json.too_large", "The JSON text is " + std::to_string(text.size()) +
                                                " bytes, more than the limit of " + std::to_string(limits.max_bytes) + ".");
    Parser p{text, 0, limits.max_depth};
    auto v = p.value(0);
    if (!v) return v;
    p.skip_ws();
    if (p.pos != text.size()) return p.fail("unexpected text after the value");
    return v;
}

std::string serialize(const Value& v, int indent) {
    std::string out;
    write(out, v, indent, 0);
    return out;
}

}  // namespace hearth::json
