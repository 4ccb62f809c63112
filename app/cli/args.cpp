#include "app/cli/args.h"

#include <cstdlib>

namespace hearth::cli {

static bool matches(const std::string& w, std::initializer_list<const char*> names) {
    for (const char* n : names)
        if (w == n) return true;
    return false;
}

std::optional<std::string> Args::value(std::initializer_list<const char*> names) {
    for (size_t i = 0; i < words_.size(); ++i) {
        if (consumed_.count(i) || !matches(words_[i], names)) continue;
        consumed_.insert(i);
        if (i + 1 >= words_.size()) {
            if (error.empty()) error = "option " + words_[i] + " needs a value";
            return std::nullopt;
        }
        consumed_.insert(i + 1);
        return words_[i + 1];
    }
    return std::nullopt;
}

std::string Args::value_or(std::initializer_list<const char*> names, std::string fallback) {
    auto v = value(names);
    return v ? *v : fallback;
}

std::optional<long long> Args::integer(std::initializer_list<const char*> names) {
    auto v = value(names);
    if (!v) return std::nullopt;
    char* end = nullptr;
    long long x = std::strtoll(v->c_str(), &end, 10);
    if (v->empty() || *end != '\0') {
        if (error.empty()) error = "expected a whole number, got '" + *v + "'";
        return std::nullopt;
    }
    return x;
}

std::optional<double> Args::real(std::initializer_list<const char*> names) {
    auto v = value(names);
    if (!v) return std::nullopt;
    char* end = nullptr;
    double x = std::strtod(v->c_str(), &end);
    if (v->empty() || *end != '\0') {
        if (error.empty()) error = "expected a number, got '" + *v + "'";
        return std::nullopt;
    }
    return x;
}

bool Args::flag(std::initializer_list<const char*> names) {
    bool found = false;
    for (size_t i = 0; i < words_.size(); ++i) {
        if (!consumed_.count(i) && matches(words_[i], names)) {
            consumed_.insert(i);
            found = true;
        }
    }
    return found;
}

std::vector<std::string> Args::positional() {
    std::vector<std::string> out;
    for (size_t i = 0; i < words_.size(); ++i) {
        const auto& w = words_[i];
        if (consumed_.count(i)) continue;
        if (w.size() > 1 && w[0] == '-' && !(w[1] >= '0' && w[1] <= '9')) continue;
        consumed_.insert(i);
        out.push_back(w);
    }
    return out;
}

std::vector<std::string> Args::unused() const {
    std::vector<std::string> out;
    for (size_t i = 0; i < words_.size(); ++i)
        if (!consumed_.count(i)) out.push_back(words_[i]);
    return out;
}

}  // namespace hearth::cli
