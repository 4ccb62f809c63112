// A small command-line parser for hearth-cli: `hearth-cli <command> [positional...] [--opt value]
// [-o value] [--flag]`. Options are declared by the command as it reads them, so there is no
// global table; unknown options are reported by `unused()`.
//
// Numbers: every numeric option of every command goes through parse_int / parse_double, which
// take the option's range. They reject what strtol/strtod/stoul would wrap, throw on or let
// through: overflow, a value outside [min, max] (so a negative count or `-n 4294967296`), NaN and
// infinity, empty text, leading spaces and trailing junk ("12abc"). The error message names the
// option and the range, in words a user can act on ("--top-p must be a number between 0 and 1,
// not 'nan'."). Args::integer / Args::real read an option and parse it the same way.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace hearth::cli {

// A whole number in [min, max], written in decimal with an optional leading '-'.
// Error code "cli.bad_number".
Result<int64_t> parse_int(std::string_view flag, std::string_view text, int64_t min, int64_t max);
// A finite decimal number in [min, max] ("0.7", "1e-3", "-2"). Error code "cli.bad_number".
Result<double> parse_double(std::string_view flag, std::string_view text, double min, double max);

class Args {
public:
    Args(std::vector<std::string> words) : words_(std::move(words)) {}  // NOLINT

    // The value after any of the given spellings ("-m", "--model"), or nullopt.
    std::optional<std::string> value(std::initializer_list<const char*> names);
    std::string value_or(std::initializer_list<const char*> names, std::string fallback);
    // The option's value through parse_int / parse_double; nullopt when absent or bad, and when
    // bad `error` says why.
    std::optional<int64_t> integer(std::initializer_list<const char*> names, int64_t min, int64_t max);
    std::optional<double> real(std::initializer_list<const char*> names, double min, double max);
    bool flag(std::initializer_list<const char*> names);
    // Words that are not options, in order. Call after reading every option.
    std::vector<std::string> positional();
    // Words that look like options but were never asked for.
    std::vector<std::string> unused() const;

    std::string error;  // first parse problem, empty if none

private:
    // Index of the option word whose value was taken, or nullopt.
    std::optional<size_t> take(std::initializer_list<const char*> names);
    template <class T>
    std::optional<T> number(std::initializer_list<const char*> names, T min, T max,
                            Result<T> (*parse)(std::string_view, std::string_view, T, T));

    std::vector<std::string> words_;
    std::set<size_t> consumed_;
};

}  // namespace hearth::cli
