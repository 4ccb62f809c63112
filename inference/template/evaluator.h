// Renders a parsed template: walks the AST with Jinja2's scoping (a `for` body and a macro get
// their own scope, `if` does not; `namespace()` objects carry values out of loops), under the
// limits in TemplateLimits. Every failure is a value, with the template line and column.
#pragma once

#include <cstdint>
#include <string>

#include "base/result.h"
#include "inference/template/ast.h"
#include "inference/template/limits.h"
#include "inference/template/value.h"

namespace hearth::tmpl {

// `globals` are the template's variables (messages, add_generation_prompt, bos_token, …).
// strftime_now() formats `now_unix` (seconds since the epoch, UTC).
Result<std::string> render(const Template& tpl, const DictData& globals, const TemplateLimits& limits,
                           std::int64_t now_unix = 0);

}  // namespace hearth::tmpl
