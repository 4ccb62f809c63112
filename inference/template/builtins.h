// Jinja2's filters, tests, global functions and the Python methods templates call on values
// (str.strip, dict.get, list.append, …), as far as chat templates use them. Each returns a value
// or an error whose message the evaluator prefixes with the template position.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "base/result.h"
#include "inference/template/limits.h"
#include "inference/template/value.h"

namespace hearth::tmpl {

struct CallArgs {
    std::vector<Value> pos;
    std::vector<std::pair<std::string, Value>> kw;

    // The argument at `index` or named `name`, or null when absent.
    const Value* get(std::size_t index, std::string_view name) const;
};

// What builtins may spend, and the shared containers they changed. Rendering charges every
// string and list it builds against max_alloc_bytes, so `'x' * 10**9` or a doubling loop fails
// cleanly instead of exhausting memory.
struct Budget {
    const TemplateLimits& limits;
    std::int64_t now_unix = 0;  // what strftime_now formats (UTC), so renders are repeatable
    std::size_t allocated = 0;
    std::vector<std::shared_ptr<ListData>> mutated_lists;
    std::vector<std::shared_ptr<DictData>> mutated_dicts;
    std::unordered_set<const void*> mutated_seen;

    explicit Budget(const TemplateLimits& l) : limits(l) {}
    Budget(const Budget&) = delete;
    Budget& operator=(const Budget&) = delete;
    ~Budget();

    Status charge(std::size_t bytes);
    // Remembers a list or dict that was changed in place: only those can close a reference
    // cycle (ns.self = ns), and the destructor empties them so that no cycle outlives the render.
    void note_mutation(const Value& container);
    // Empties every container noted above (the destructor does it too).
    void release();
};

Result<Value> call_filter(std::string_view name, const Value& subject, const CallArgs& args, Budget& budget);
// `counter`, when given, accumulates comparison work across calls (see WalkCounter).
Result<bool> call_test(std::string_view name, const Value& subject, const CallArgs& args, WalkCounter* counter = nullptr);
// A method on a value: "template.no_method" when the type has no such method.
Result<Value> call_method(const Value& subject, std::string_view name, const CallArgs& args, Budget& budget);
// Global functions other than raise_exception (the evaluator turns that into an error itself).
bool is_global_function(std::string_view name);
Result<Value> call_global(std::string_view name, const CallArgs& args, Budget& budget);

}  // namespace hearth::tmpl
