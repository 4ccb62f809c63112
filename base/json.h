// A small, strict JSON parser and serializer (RFC 8259), the project's one JSON reader: it reads
// untrusted Hugging Face Hub responses and the catalog (downloader/), and chat-template variables
// and tool definitions (inference/template converts the tree to template values), so input size
// and nesting depth are bounded and every error is a value.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace hearth::json {

enum class Type { null, boolean, number, string, array, object };

struct Member;

struct Value {
    Type type = Type::null;
    bool b = false;
    double num = 0;
    std::string str;                          // string value, or the number's source text
    std::vector<Value> arr;
    std::vector<Member> obj;  // insertion order kept for output

    // Defined below the class: clang needs Value complete before it builds one.
    static Value null_value();
    static Value boolean_value(bool v);
    static Value number_value(double v);
    static Value integer_value(int64_t v);
    static Value string_value(std::string v);
    static Value array_value();
    static Value object_value();

    bool is_null() const { return type == Type::null; }
    bool is_object() const { return type == Type::object; }
    bool is_array() const { return type == Type::array; }
    bool is_string() const { return type == Type::string; }
    bool is_number() const { return type == Type::number; }
    bool is_bool() const { return type == Type::boolean; }

    // Member lookup; nullptr when absent or when this is not an object (last duplicate wins).
    const Value* find(std::string_view key) const;
    Value& set(std::string key, Value v);  // objects only: replaces or appends
    void push(Value v);

    // Typed accessors with fallbacks, for tolerant reading of optional fields.
    std::string get_string(std::string_view key, std::string fallback = {}) const;
    std::optional<int64_t> get_int(std::string_view key) const;
    std::optional<bool> get_bool(std::string_view key) const;
    // The number as an exact integer, if it is one (no fraction, within int64).
    std::optional<int64_t> as_int() const;
};

// An object member. A struct rather than std::pair: pair cannot hold the still-incomplete Value
// under clang with libstdc++.
struct Member {
    std::string first;  // the name
    Value second;       // the value
};

inline Value Value::null_value() { return Value(); }
inline Value Value::boolean_value(bool v) { Value x; x.type = Type::boolean; x.b = v; return x; }
inline Value Value::string_value(std::string v) { Value x; x.type = Type::string; x.str = std::move(v); return x; }
inline Value Value::array_value() { Value x; x.type = Type::array; return x; }
inline Value Value::object_value() { Value x; x.type = Type::object; return x; }
inline void Value::push(Value v) { arr.push_back(std::move(v)); }

struct Limits {
    size_t max_bytes = 64u << 20;
    int max_depth = 64;
};

Result<Value> parse(std::string_view text, const Limits& limits = {});
// Compact when indent < 0, else pretty-printed with `indent` spaces.
std::string serialize(const Value& v, int indent = -1);

}  // namespace hearth::json
