// The values a chat template computes with. They mirror the Python objects Jinja2 works on
// (None, bool, int, float, str, list/tuple, dict, Namespace, callables, plus Jinja's Undefined),
// because templates are written against Python semantics: `1 == 1.0`, `'a' ~ none` is "aNone",
// a dict prints as {'k': 'v'}. Lists, dicts and namespaces are shared by reference, as in Python,
// so `ns.x = …` and `xs.append(…)` are seen through every name bound to the same object.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hearth::tmpl {

struct Value;
struct Stmt;  // a macro's definition, from ast.h

enum class Kind { Undefined, None, Bool, Int, Float, String, List, Dict, Namespace, Callable };

struct ListData {
    std::vector<Value> items;
    bool is_tuple = false;  // prints as (a, b) instead of [a, b]
    int depth = 1;          // nesting depth, bounded so that printing and freeing cannot recurse forever
};

// Insertion-ordered string-keyed map (Python dicts keep insertion order, and tojson shows it).
struct DictData {
    std::vector<std::pair<std::string, Value>> items;
    int depth = 1;
    const Value* find(std::string_view key) const;
    Value* find(std::string_view key);
    void set(std::string key, Value v);
};

// A macro defined in the template, or one of the global functions (range, namespace, …).
struct CallableData {
    const Stmt* macro = nullptr;  // the {% macro %} node; owned by the parsed template
    std::string builtin;          // name of a global function when macro is null
};

struct Value {
    Kind kind = Kind::Undefined;
    bool b = false;
    std::int64_t i = 0;
    double f = 0.0;
    std::string s;  // String payload; for Undefined, the name that was missing (for messages)
    std::shared_ptr<ListData> list;
    std::shared_ptr<DictData> dict;  // Dict and Namespace
    std::shared_ptr<CallableData> fn;

    static Value undefined(std::string name = {});
    static Value none();
    static Value boolean(bool v);
    static Value integer(std::int64_t v);
    static Value number(double v);
    static Value string(std::string v);
    static Value new_list(std::vector<Value> items = {}, bool tuple = false);
    static Value new_dict();
    static Value new_namespace();
    static Value builtin(std::string name);
    static Value macro(const Stmt* node);

    bool is_undefined() const { return kind == Kind::Undefined; }
    bool is_none() const { return kind == Kind::None; }
    bool is_string() const { return kind == Kind::String; }
    bool is_list() const { return kind == Kind::List; }
    bool is_dict() const { return kind == Kind::Dict; }
    bool is_number() const { return kind == Kind::Int || kind == Kind::Float || kind == Kind::Bool; }
    bool is_integral() const { return kind == Kind::Int || kind == Kind::Bool; }
    std::int64_t as_int() const { return kind == Kind::Bool ? (b ? 1 : 0) : i; }
    double as_float() const { return kind == Kind::Float ? f : static_cast<double>(as_int()); }
    int depth() const;  // nesting depth of containers (0 for scalars)
};

// Python truthiness.
bool truthy(const Value& v);

// Python type name, for error messages ("unsupported operand types 'str' and 'int'").
const char* type_name(const Value& v);

// str(v) and repr(v) as Python prints them. Printing a container stops with "..." once the text
// passes `limit` bytes (shared sublists, [[x] * 1000] * 1000, can describe more text than memory
// holds; callers refuse such long results) or nesting passes 200 levels.
constexpr std::size_t kDefaultPrintLimit = 64u << 20;
std::string to_str(const Value& v, std::size_t limit = kDefaultPrintLimit);
std::string to_repr(const Value& v, std::size_t limit = kDefaultPrintLimit);

// Python float repr: the shortest digits that read back to the same double ("0.1", "1e+16").
std::string float_repr(double d);

// Counts the nodes a recursive comparison visits: the caller charges them as work, and a walk
// over widely shared nested lists ([[x] * 1000] * 1000) stops at `limit` instead of running on.
struct WalkCounter {
    std::uint64_t visited = 0;
    std::uint64_t limit = 1u << 22;
    bool exhausted() const { return visited > limit; }
};

// Python ==, with 1 == 1.0 == True and element-wise list/dict comparison. False once the
// counter is exhausted (callers check it and report an error).
bool values_equal(const Value& a, const Value& b, WalkCounter* counter = nullptr);

// UTF-8 helpers: Python indexes strings by code point, so length, indexing and slicing do too.
// Bytes that are not valid UTF-8 count as one code point each.
std::vector<std::size_t> utf8_starts(std::string_view s);
std::size_t utf8_length(std::string_view s);

}  // namespace hearth::tmpl
