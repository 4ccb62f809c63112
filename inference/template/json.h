// JSON in and out of template values. Output follows Python's json.dumps, because Hugging Face
// defines the `tojson` filter as json.dumps(x, ensure_ascii=False, indent, separators, sort_keys)
// and models were trained on exactly those bytes (", " and ": " separators, keys in insertion
// order, non-ASCII kept as is). Input is used for tool definitions and by tests.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "inference/template/value.h"

namespace hearth::tmpl {

struct JsonOptions {
    int indent = -1;  // < 0: single line
    bool ensure_ascii = false;
    bool sort_keys = false;
    std::string item_separator = ", ";  // Python switches to "," when indent is given
    std::string key_separator = ": ";
    std::size_t max_bytes = 64u << 20;  // longer output fails with "template.too_large"
};

// Fails (code "template.type") for values JSON cannot hold: undefined, namespaces, macros.
Result<std::string> to_json(const Value& v, const JsonOptions& options = {});

// Objects become insertion-ordered dicts; integers that fit int64 stay integers.
Result<Value> parse_json(std::string_view text);

}  // namespace hearth::tmpl
