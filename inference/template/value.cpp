#include "inference/template/value.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace hearth::tmpl {

namespace {

// Printing and comparing walk nested containers recursively; the evaluator keeps nesting far
// below this, so it only stops runaway recursion on values it never meant to build.
constexpr int kMaxWalkDepth = 200;

void append_repr(std::string& out, const Value& v, int depth, std::size_t limit);

void append_string_repr(std::string& out, const std::string& s) {
    const bool has_single = s.find('\'') != std::string::npos;
    const bool has_double = s.find('"') != std::string::npos;
    const char quote = (has_single && !has_double) ? '"' : '\'';
    out += quote;
    static const char* hex = "0123456789abcdef";
    const auto starts = utf8_starts(s);
    for (std::size_t k = 0; k < starts.size(); ++k) {
        const std::size_t begin = starts[k];
        const std::size_t end = k + 1 < starts.size() ? starts[k + 1] : s.size();
        const auto c = static_cast<unsigned char>(s[begin]);
        if (end - begin == 1) {
            if (c == '\\') out += "\\\\";
            else if (c == static_cast<unsigned char>(quote)) { out += '\\'; out += quote; }
            else if (c == '\n') out += "\\n";
            else if (c == '\r') out += "\\r";
            else if (c == '\t') out += "\\t";
            else if (c < 0x20 || c == 0x7f) { out += "\\x"; out += hex[c >> 4]; out += hex[c & 15]; }
            else out += static_cast<char>(c);
            continue;
        }
        // Two-byte sequences for U+0080..U+00A0 and U+00AD are not printable in Python.
        if (end - begin == 2) {
            const unsigned cp = ((c & 0x1fu) << 6) | (static_cast<unsigned char>(s[begin + 1]) & 0x3fu);
            if (cp <= 0xa0 || cp == 0xad) {
                out += "\\x"; out += hex[cp >> 4]; out += hex[cp & 15];
                continue;
            }
        }
        out.append(s, begin, end - begin);
    }
    out += quote;
}

void append_items_repr(std::string& out, const DictData& d, int depth, std::size_t limit) {
    out += '{';
    bool first = true;
    for (const auto& [k, v] : d.items) {
        if (!first) out += ", ";
        first = false;
        append_string_repr(out, k);
        out += ": ";
        append_repr(out, v, depth + 1, limit);
    }
    out += '}';
}

void append_repr(std::string& out, const Value& v, int depth, std::size_t limit) {
    if (depth > kMaxWalkDepth || out.size() > limit) { out += "..."; return; }
    switch (v.kind) {
        case Kind::String: append_string_repr(out, v.s); return;
        case Kind::List: {
            const bool tuple = v.list->is_tuple;
            out += tuple ? '(' : '[';
            bool first = true;
            for (const auto& item : v.list->items) {
                if (!first) out += ", ";
                first = false;
                append_repr(out, item, depth + 1, limit);
            }
            if (tuple && v.list->items.size() == 1) out += ',';
            out += tuple ? ')' : ']';
            return;
        }
        case Kind::Dict: append_items_repr(out, *v.dict, depth, limit); return;
        case Kind::Namespace:
            out += "<Namespace ";
            append_items_repr(out, *v.dict, depth, limit);
            out += '>';
            return;
        case Kind::Undefined: out += "Undefined"; return;  // str() is "", repr() is not
        default: out += to_str(v, limit); return;
    }
}

}  // namespace

const Value* DictData::find(std::string_view key) const {
    for (const auto& kv : items)
        if (kv.first == key) return &kv.second;
    return nullptr;
}

Value* DictData::find(std::string_view key) {
    for (auto& kv : items)
        if (kv.first == key) return &kv.second;
    return nullptr;
}

void DictData::set(std::string key, Value v) {
    depth = std::max(depth, v.depth() + 1);
    if (Value* existing = find(key)) {
        *existing = std::move(v);
        return;
    }
    items.emplace_back(std::move(key), std::move(v));
}

Value Value::undefined(std::string name) {
    Value v;
    v.s = std::move(name);
    return v;
}
Value Value::none() { Value v; v.kind = Kind::None; return v; }
Value Value::boolean(bool x) { Value v; v.kind = Kind::Bool; v.b = x; return v; }
Value Value::integer(std::int64_t x) { Value v; v.kind = Kind::Int; v.i = x; return v; }
Value Value::number(double x) { Value v; v.kind = Kind::Float; v.f = x; return v; }
Value Value::string(std::string x) { Value v; v.kind = Kind::String; v.s = std::move(x); return v; }

Value Value::new_list(std::vector<Value> items, bool tuple) {
    Value v;
    v.kind = Kind::List;
    v.list = std::make_shared<ListData>();
    int depth = 1;
    for (const auto& item : items) depth = std::max(depth, item.depth() + 1);
    v.list->items = std::move(items);
    v.list->is_tuple = tuple;
    v.list->depth = depth;
    return v;
}

Value Value::new_dict() {
    Value v;
    v.kind = Kind::Dict;
    v.dict = std::make_shared<DictData>();
    return v;
}

Value Value::new_namespace() {
    Value v = new_dict();
    v.kind = Kind::Namespace;
    return v;
}

Value Value::builtin(std::string name) {
    Value v;
    v.kind = Kind::Callable;
    v.fn = std::make_shared<CallableData>();
    v.fn->builtin = std::move(name);
    return v;
}

Value Value::macro(const Stmt* node) {
    Value v;
    v.kind = Kind::Callable;
    v.fn = std::make_shared<CallableData>();
    v.fn->macro = node;
    return v;
}

int Value::depth() const {
    if (kind == Kind::List) return list->depth;
    if (kind == Kind::Dict || kind == Kind::Namespace) return dict->depth;
    return 0;
}

bool truthy(const Value& v) {
    switch (v.kind) {
        case Kind::Undefined:
        case Kind::None: return false;
        case Kind::Bool: return v.b;
        case Kind::Int: return v.i != 0;
        case Kind::Float: return v.f != 0.0;
        case Kind::String: return !v.s.empty();
        case Kind::List: return !v.list->items.empty();
        case Kind::Dict: return !v.dict->items.empty();
        case Kind::Namespace:
        case Kind::Callable: return true;
    }
    return false;
}

const char* type_name(const Value& v) {
    switch (v.kind) {
        case Kind::Undefined: return "Undefined";
        case Kind::None: return "NoneType";
        case Kind::Bool: return "bool";
        case Kind::Int: return "int";
        case Kind::Float: return "float";
        case Kind::String: return "str";
        case Kind::List: return v.list->is_tuple ? "tuple" : "list";
        case Kind::Dict: return "dict";
        case Kind::Namespace: return "Namespace";
        case Kind::Callable: return "function";
    }
    return "object";
}

std::string float_repr(double d) {
    if (std::isnan(d)) return "nan";
    if (std::isinf(d)) return d < 0 ? "-inf" : "inf";
    // Shortest %e precision that reads back exactly, as Python's repr does.
    char buf[64];
    for (int precision = 0; precision < 17; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*e", precision, d);
        if (std::strtod(buf, nullptr) == d) break;
    }
    std::string sci = buf;  // [-]d.ddde[+-]xx
    std::string out;
    std::size_t p = 0;
    if (sci[0] == '-') { out += '-'; p = 1; }
    const std::size_t e_pos = sci.find('e');
    std::string digits;
    for (std::size_t k = p; k < e_pos; ++k)
        if (sci[k] != '.') digits += sci[k];
    const int exp10 = std::atoi(sci.c_str() + e_pos + 1);
    while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
    if (exp10 >= -5 + 1 && exp10 < 16) {
        if (exp10 >= 0) {
            std::string int_part = digits.substr(0, std::min<std::size_t>(digits.size(), exp10 + 1));
            while (static_cast<int>(int_part.size()) < exp10 + 1) int_part += '0';
            std::string frac = digits.size() > static_cast<std::size_t>(exp10 + 1) ? digits.substr(exp10 + 1) : "";
            out += int_part + "." + (frac.empty() ? "0" : frac);
        } else {
            out += "0." + std::string(static_cast<std::size_t>(-exp10 - 1), '0') + digits;
        }
        return out;
    }
    out += digits.substr(0, 1);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char ebuf[16];
    std::snprintf(ebuf, sizeof ebuf, "e%c%02d", exp10 < 0 ? '-' : '+', exp10 < 0 ? -exp10 : exp10);
    out += ebuf;
    return out;
}

std::string to_str(const Value& v, std::size_t limit) {
    switch (v.kind) {
        case Kind::Undefined: return "";
        case Kind::None: return "None";
        case Kind::Bool: return v.b ? "True" : "False";
        case Kind::Int: return std::to_string(v.i);
        case Kind::Float: return float_repr(v.f);
        case Kind::String: return v.s;
        case Kind::Callable: return v.fn->macro ? "<Macro>" : "<built-in function " + v.fn->builtin + ">";
        default: {
            std::string out;
            append_repr(out, v, 0, limit);
            return out;
        }
    }
}

std::string to_repr(const Value& v, std::size_t limit) {
    std::string out;
    append_repr(out, v, 0, limit);
    return out;
}

namespace {

bool equal_walk(const Value& a, const Value& b, int depth, WalkCounter& counter) {
    if (depth > kMaxWalkDepth || ++counter.visited > counter.limit) return false;
    if (a.is_number() && b.is_number()) {
        if (a.is_integral() && b.is_integral()) return a.as_int() == b.as_int();
        return a.as_float() == b.as_float();
    }
    if (a.kind != b.kind) return false;
    switch (a.kind) {
        case Kind::Undefined:
        case Kind::None: return true;
        case Kind::String: return a.s == b.s;
        case Kind::List: {
            if (a.list == b.list) return true;
            if (a.list->is_tuple != b.list->is_tuple || a.list->items.size() != b.list->items.size()) return false;
            for (std::size_t k = 0; k < a.list->items.size(); ++k)
                if (!equal_walk(a.list->items[k], b.list->items[k], depth + 1, counter)) return false;
            return true;
        }
        case Kind::Dict: {
            if (a.dict == b.dict) return true;
            if (a.dict->items.size() != b.dict->items.size()) return false;
            for (const auto& [k, v] : a.dict->items) {
                const Value* other = b.dict->find(k);
                if (!other || !equal_walk(v, *other, depth + 1, counter)) return false;
            }
            return true;
        }
        case Kind::Namespace: return a.dict == b.dict;
        case Kind::Callable: return a.fn == b.fn;
        default: return false;
    }
}

}  // namespace

bool values_equal(const Value& a, const Value& b, WalkCounter* counter) {
    WalkCounter local;
    return equal_walk(a, b, 0, counter ? *counter : local);
}

std::vector<std::size_t> utf8_starts(std::string_view s) {
    std::vector<std::size_t> starts;
    starts.reserve(s.size());
    std::size_t k = 0;
    while (k < s.size()) {
        starts.push_back(k);
        const auto c = static_cast<unsigned char>(s[k]);
        std::size_t len = 1;
        if (c >= 0xc2 && c <= 0xdf) len = 2;
        else if (c >= 0xe0 && c <= 0xef) len = 3;
        else if (c >= 0xf0 && c <= 0xf4) len = 4;
        if (len > 1) {
            bool ok = k + len <= s.size();
            for (std::size_t j = 1; ok && j < len; ++j)
                ok = (static_cast<unsigned char>(s[k + j]) & 0xc0) == 0x80;
            if (!ok) len = 1;
        }
        k += len;
    }
    return starts;
}

std::size_t utf8_length(std::string_view s) {
    bool ascii = true;
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) { ascii = false; break; }
    return ascii ? s.size() : utf8_starts(s).size();
}

}  // namespace hearth::tmpl
