// Python str operations on UTF-8 strings, shared by the filters and the str methods.
// Case mapping is ASCII-only: chat templates upper/lower role names and markers, not prose.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hearth::tmpl {

bool is_py_space(char c);

// str.strip/lstrip/rstrip: whitespace, or the characters in `chars` when given.
std::string py_strip(std::string_view s, const std::optional<std::string>& chars, bool left, bool right);

// str.split(): on runs of whitespace without a separator, else on the separator exactly.
std::vector<std::string> py_split(std::string_view s, const std::optional<std::string>& sep, std::int64_t maxsplit);

// str.replace(old, new, count); count < 0 replaces all.
std::string py_replace(std::string_view s, std::string_view old, std::string_view with, std::int64_t count);

std::string ascii_upper(std::string_view s);
std::string ascii_lower(std::string_view s);
std::string py_capitalize(std::string_view s);
std::string py_title(std::string_view s);     // str.title(): a letter after a non-letter is upper case
std::string jinja_title(std::string_view s);  // the |title filter: words split at whitespace - ( { [ <

}  // namespace hearth::tmpl
