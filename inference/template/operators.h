// Python semantics for the operators and accessors templates use: attribute and item access,
// slicing, iteration, arithmetic, comparison and `in`. Errors carry no position; the evaluator
// adds it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "inference/template/builtins.h"
#include "inference/template/value.h"

namespace hearth::tmpl {

// obj.name: a dict key or namespace attribute; undefined when absent (Jinja's getattr).
Value get_attr(const Value& obj, std::string_view name);
// obj[key]: list/str index (negative counts from the end), dict key; undefined when absent.
Result<Value> get_item(const Value& obj, const Value& key, Budget& budget);
Result<Value> slice(const Value& obj, const std::optional<Value>& start, const std::optional<Value>& stop,
                    const std::optional<Value>& step, Budget& budget);
// The items a for loop visits: list items, dict keys, a string's characters; nothing for undefined.
Result<std::vector<Value>> iterate(const Value& v, Budget& budget);

Result<Value> unary_op(std::string_view op, const Value& v);
Result<Value> binary_op(std::string_view op, const Value& a, const Value& b, Budget& budget);
// `counter`, when given, accumulates the nodes visited (see WalkCounter).
Result<bool> compare_op(std::string_view op, const Value& a, const Value& b, WalkCounter* counter = nullptr);

}  // namespace hearth::tmpl
