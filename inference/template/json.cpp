#include "inference/template/json.h"

#include "base/json.h"
#include "base/text.h"

#include <algorithm>
#include <cmath>

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

// Template values from the parsed tree, as Python's json.loads gives them: objects keep insertion
// order (the last duplicate key wins), and numbers written without a fraction or exponent that
// fit int64 stay integers.
Value from_json(const json::Value& j) {
    switch (j.type) {
        case json::Type::null: return Value::none();
        case json::Type::boolean: return Value::boolean(j.b);
        case json::Type::number:
            if (j.str.find_first_of(".eE") == std::string::npos)
                if (auto i = j.as_int()) return Value::integer(*i);
            return Value::number(j.num);
        case json::Type::string: return Value::string(j.str);
        case json::Type::array: {
            std::vector<Value> items;
            items.reserve(j.arr.size());
            for (const auto& e : j.arr) items.push_back(from_json(e));
            return Value::new_list(std::move(items));
        }
        case json::Type::object: {
            Value d = Value::new_dict();
            for (const auto& m : j.obj) d.dict->set(m.first, from_json(m.second));
            return d;
        }
    }
    return Value::none();
}

}  // namespace

Result<std::string> to_json(const Value& v, const JsonOptions& options) {
    Writer w{options, {}};
    if (auto s = w.write(v, 0); !s) return s.error();
    return std::move(w.out);
}

Result<Value> parse_json(std::string_view text) {
    json::Limits limits;
    limits.max_depth = kMaxJsonDepth;
    auto j = json::parse(text, limits);
    if (!j) return make_error("template.json", j.error().message);
    return from_json(*j);
}

}  // namespace hearth::tmpl
