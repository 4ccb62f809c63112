// A small command-line parser for hearth-cli: `hearth-cli <command> [positional...] [--opt value]
// [-o value] [--flag]`. Options are declared by the command as it reads them, so there is no
// global table; unknown options are reported by `unused()`.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace hearth::cli {

class Args {
public:
    Args(std::vector<std::string> words) : words_(std::move(words)) {}  // NOLINT

    // The value after any of the given spellings ("-m", "--model"), or nullopt.
    std::optional<std::string> value(std::initializer_list<const char*> names);
    std::string value_or(std::initializer_list<const char*> names, std::string fallback);
    // Parses the value as a number; sets `error` when it is present but not a number.
    std::optional<long long> integer(std::initializer_list<const char*> names);
    std::optional<double> real(std::initializer_list<const char*> names);
    bool flag(std::initializer_list<const char*> names);
    // Words that are not options, in order. Call after reading every option.
    std::vector<std::string> positional();
    // Words that look like options but were never asked for.
    std::vector<std::string> unused() const;

    std::string error;  // first parse problem, empty if none

private:
    std::vector<std::string> words_;
    std::set<size_t> consumed_;
};

}  // namespace hearth::cli
