#include "inference/template/json.h"

#include "base/text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cerrno>
#include <cstdlib>

namespace hearth::tmpl {

namespace {

constexpr int kMaxJsonDepth = 200;

void append_u_escape(std::string& out, unsigned unit) {
    static const char* hex = "0123456789abcdef";
    out += "\\u";
    for (int shift = 12; shift >= 0; shift -= 4) out += hex[(unit >> shift) & 15];
}

// Decodes one code point at s[k]; invalid bytes decode as themselves (U+0080..U+00FF range).
unsigned decode_at(const std::string& s, std::size_t begin, std::size_t end) {
    const auto c = static_cast<unsigned char>(s[begin]);
    if (end - begin == 1) return c;
    unsigned cp = c & (end - begin == 2 ? 0x1f : end - begin == 3 ? 0x0f : 0x07);
    for (std::size_t k = begin + 1; k < end; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[k]) & 0x3f);
    return cp;
}

void append_json_string(std::string& out, const std::string& s, bool ensure_ascii) {
    out += '"';
    const auto starts = utf8_starts(s);
    for (std::size_t k = 0; k < starts.size(); ++k) {
        const std::size_t begin = starts[k];
        const std::size_t end = k + 1 < starts.size() ? starts[k + 1] : s.size();
        const auto c = static_cast<unsigned char>(s[begin]);
        if (end - begin == 1 && c < 0x80) {
            switch (c) {
                case '"': out += "\\\""; break;
                case '\\': out += "\\\\"; break;
                case '\n': out += "\\n"; break;
                case '\r': out += "\\r"; break;
                case '\t': out += "\\t"; break;
                case '\b': out += "\\b"; break;
                case '\f': out += "\\f"; break;
                default:
                    if (c < 0x20 || (ensure_ascii && c == 0x7f)) append_u_escape(out, c);
                    else out += static_cast<char>(c);
            }
            continue;
        }
        if (!ensure_ascii) {
            out.append(s, begin, end - begin);
            continue;
        }
        const unsigned cp = decode_at(s, begin, end);
        if (cp >= 0x10000) {
            const unsigned v = cp - 0x10000;
            append_u_escape(out, 0xd800 + (v >> 10));
            append_u_escape(out, 0xdc00 + (v & 0x3ff));
        } else {
            append_u_escape(out, cp);
        }
    }
    out += '"';
}

struct Writer {
    const JsonOptions& opt;
    std::string out;

    void newline(int level) {
        out += '\n';
        out.append(static_cast<std::size_t>(opt.indent) * static_cast<std::size_t>(level), ' ');
    }

    Status write(const Value& v, int level) {
        if (level > kMaxJsonDepth)
            return make_error("template.depth", "tojson: the value is nested too deeply to print.");
        if (out.size() > opt.max_bytes)
            return make_error("template.too_large", "tojson: the JSON text would be longer than " +
                                                        std::to_string(opt.max_bytes) + " bytes.");
        switch (v.kind) {
            case Kind::None: out += "null"; return {};
            case Kind::Bool: out += v.b ? "true" : "false"; return {};
            case Kind::Int: out += std::to_string(v.i); return {};
            case Kind::Float:
                if (std::isnan(v.f)) out += "NaN";
                else if (std::isinf(v.f)) out += v.f < 0 ? "-Infinity" : "Infinity";
                else out += float_repr(v.f);
                return {};
            case Kind::String: append_json_string(out, v.s, opt.ensure_ascii); return {};
            case Kind::List: {
                const auto& items = v.list->items;
                if (items.empty()) { out += "[]"; return {}; }
                out += '[';
                for (std::size_t k = 0; k < items.size(); ++k) {
                    if (k) out += opt.item_separator;
                    if (opt.indent >= 0) newline(level + 1);
                    if (auto s = write(items[k], level + 1); !s) return s;
                }
                if (opt.indent >= 0) newline(level);
                out += ']';
                return {};
            }
            case Kind::Dict: {
                std::vector<const std::pair<std::string, Value>*> items;
                for (const auto& kv : v.dict->items) items.push_back(&kv);
                if (opt.sort_keys)
                    std::stable_sort(items.begin(), items.end(),
                                     [](auto* a, auto* b) { return a->first < b->first; });
                if (items.empty()) { out += "{}"; return {}; }
                out += '{';
                for (std::size_t k = 0; k < items.size(); ++k) {
                    if (k) out += opt.item_separator;
                    if (opt.indent >= 0) newline(level + 1);
                    append_json_string(out, items[k]->first, opt.ensure_ascii);
                    out += opt.key_separator;
                    if (auto s = write(items[k]->second, level + 1); !s) return s;
                }
                if (opt.indent >= 0) newline(level);
                out += '}';
                return {};
            }
            default:
                return make_error("template.type", std::string("tojson: a value of type ") + type_name(v) +
                                                       " cannot be written as JSON.");
        }
    }
};

struct Parser {
    std::string_view s;
    std::size_t p = 0;

    Error fail(const std::string& what) const {
        return make_error("template.json", "Invalid JSON at byte " + std::to_string(p) + ": " + what + ".");
    }
    void skip_ws() {
        while (p < s.size() && (s[p] == ' ' || s[p] == '\t' || s[p] == '\n' || s[p] == '\r')) ++p;
    }
    bool eat(std::string_view word) {
        if (s.substr(p, word.size()) != word) return false;
        p += word.size();
        return true;
    }

    bool hex4(unsigned& out) {
        if (p + 4 > s.size()) return false;
        out = 0;
        for (int k = 0; k < 4; ++k) {
            const char c = s[p++];
            out <<= 4;
            if (c >= '0' && c <= '9') out |= static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f') out |= static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') out |= static_cast<unsigned>(c - 'A' + 10);
            else return false;
        }
        return true;
    }

    Result<std::string> string() {
        ++p;  // opening quote
        std::string out;
        while (p < s.size() && s[p] != '"') {
            const char c = s[p++];
            if (c != '\\') { out += c; continue; }
            if (p >= s.size()) break;
            const char e = s[p++];
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
                    unsigned cp = 0;
                    if (!hex4(cp)) return fail("bad \\u escape");
                    if (cp >= 0xd800 && cp < 0xdc00 && s.substr(p, 2) == "\\u") {
                        const std::size_t save = p;
                        p += 2;
                        unsigned low = 0;
                        if (hex4(low) && low >= 0xdc00 && low < 0xe000) cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
                        else p = save;
                    }
                    append_utf8(out, cp);
                    break;
                }
                default: return fail("unknown escape");
            }
        }
        if (p >= s.size()) return fail("unterminated string");
        ++p;
        return out;
    }

    Result<Value> number() {
        const std::size_t begin = p;
        if (s[p] == '-') ++p;
        bool is_float = false;
        while (p < s.size()) {
            const char c = s[p];
            if (c >= '0' && c <= '9') { ++p; continue; }
            if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') { is_float = true; ++p; continue; }
            break;
        }
        const std::string text(s.substr(begin, p - begin));
        char* end = nullptr;
        if (!is_float) {
            errno = 0;
            const long long v = std::strtoll(text.c_str(), &end, 10);
            if (errno == 0 && end && *end == '\0' && text != "-") return Value::integer(v);
        }
        const double d = std::strtod(text.c_str(), &end);
        if (!end || *end != '\0' || text.empty() || text == "-") return fail("bad number");
        return Value::number(d);
    }

    Result<Value> value(int depth) {
        if (depth > kMaxJsonDepth) return fail("nested too deeply");
        skip_ws();
        if (p >= s.size()) return fail("unexpected end");
        const char c = s[p];
        if (c == '{') {
            ++p;
            Value d = Value::new_dict();
            skip_ws();
            if (p < s.size() && s[p] == '}') { ++p; return d; }
            while (true) {
                skip_ws();
                if (p >= s.size() || s[p] != '"') return fail("expected a key");
                auto key = string();
                if (!key) return key.error();
                skip_ws();
                if (p >= s.size() || s[p] != ':') return fail("expected ':'");
                ++p;
                auto v = value(depth + 1);
                if (!v) return v;
                d.dict->set(std::move(*key), std::move(*v));
                skip_ws();
                if (p < s.size() && s[p] == ',') { ++p; continue; }
                if (p < s.size() && s[p] == '}') { ++p; return d; }
                return fail("expected ',' or '}'");
            }
        }
        if (c == '[') {
            ++p;
            std::vector<Value> items;
            skip_ws();
            if (p < s.size() && s[p] == ']') { ++p; return Value::new_list(); }
            while (true) {
                auto v = value(depth + 1);
                if (!v) return v;
                items.push_back(std::move(*v));
                skip_ws();
                if (p < s.size() && s[p] == ',') { ++p; continue; }
                if (p < s.size() && s[p] == ']') { ++p; return Value::new_list(std::move(items)); }
                return fail("expected ',' or ']'");
            }
        }
        if (c == '"') {
            auto str = string();
            if (!str) return str.error();
            return Value::string(std::move(*str));
        }
        if (eat("true")) return Value::boolean(true);
        if (eat("false")) return Value::boolean(false);
        if (eat("null")) return Value::none();
        if (c == '-' || (c >= '0' && c <= '9')) return number();
        return fail("unexpected character");
    }
};

}  // namespace

Result<std::string> to_json(const Value& v, const JsonOptions& options) {
    Writer w{options, {}};
    if (auto s = w.write(v, 0); !s) return s.error();
    return std::move(w.out);
}

Result<Value> parse_json(std::string_view text) {
    Parser parser{text};
    auto v = parser.value(0);
    if (!v) return v;
    parser.skip_ws();
    if (parser.p != text.size()) return parser.fail("trailing characters");
    return v;
}

}  // namespace hearth::tmpl
