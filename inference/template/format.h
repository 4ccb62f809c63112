// The two Python string formatting forms templates use: printf-style ("%s: %d" % (a, b), and
// the |format filter) and str.format ("{} and {name}".format(…)). Conversions without options
// only: %s %r %d %i %%, and {} {0} {name}; anything else is an error value, not a guess.
#pragma once

#include <string>

#include "base/result.h"
#include "inference/template/builtins.h"
#include "inference/template/value.h"

namespace hearth::tmpl {

Result<std::string> percent_format(const std::string& fmt, const CallArgs& args);
Result<std::string> brace_format(const std::string& fmt, const CallArgs& args);

}  // namespace hearth::tmpl
