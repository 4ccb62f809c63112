// Template source → AST. Accepts the Jinja2 subset chat templates use (see ast.h for the node
// kinds) and reports anything else as "template.syntax" with the line and column.
#pragma once

#include <string_view>

#include "base/result.h"
#include "inference/template/ast.h"
#include "inference/template/limits.h"

namespace hearth::tmpl {

// Normalizes newlines (\r\n and \r become \n) and drops one trailing newline, as Jinja2 does
// by default (keep_trailing_newline=False), then tokenizes and parses.
Result<Template> parse_template(std::string_view source, const TemplateLimits& limits = {});

}  // namespace hearth::tmpl
