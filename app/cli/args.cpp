#include "app/cli/args.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace hearth::cli {

namespace {

// "12", "-3", "0.5", "1e-06": the shortest text that reads back as `x`, for range messages.
std::string number_text(double x) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.15g", x);
    return buf;
}

Error bad_number(std::string_view flag, std::string_view text, const char* what, const std::string& min,
                 const std::string& max) {
    return make_error("cli.bad_number", std::string(flag) + " must be " + what + " between " + min + " and " + max +
                                            ", not '" + std::string(text) + "'.");
}

}  // namespace

Result<int64_t> parse_int(std::string_view flag, std::string_view text, int64_t min, int64_t max) {
    int64_t x = 0;
    // from_chars takes no '+', no spaces and no base prefix, and reports overflow instead of wrapping.
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x, 10);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || x < min || x > max)
        return bad_number(flag, text, "a whole number", std::to_string(min), std::to_string(max));
    return x;
}

Result<double> parse_double(std::string_view flag, std::string_view text, double min, double max) {
    double x = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x, std::chars_format::general);
    // !(x >= min && x <= max) is also true for NaN; infinity is outside every finite range.
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(x) ||
        !(x >= min && x <= max))
        return bad_number(flag, text, "a number", number_text(min), number_text(max));
    return x;
}

static bool matches(const std::string& w, std::initializer_list<const char*> names) {
    for (const char* n : names)
        if (w == n) return true;
    return false;
}

std::optional<size_t> Args::take(std::initializer_list<const char*> names) {
    for (size_t i = 0; i < words_.size(); ++i) {
        if (consumed_.count(i) || !matches(words_[i], names)) continue;
        consumed_.insert(i);
        if (i + 1 >= words_.size()) {
            if (error.empty()) error = "option " + words_[i] + " needs a value";
            return std::nullopt;
        }
        consumed_.insert(i + 1);
        return i;
    }
    return std::nullopt;
}

std::optional<std::string> Args::value(std::initializer_list<const char*> names) {
    auto i = take(names);
    if (!i) return std::nullopt;
    return words_[*i + 1];
}

std::string Args::value_or(std::initializer_list<const char*> names, std::string fallback) {
    auto v = value(names);
    return v ? *v : fallback;
}

// The option's value through `parse` (parse_int or parse_double), noting the first error.
template <class T>
std::optional<T> Args::number(std::initializer_list<const char*> names, T min, T max,
                              Result<T> (*parse)(std::string_view, std::string_view, T, T)) {
    auto i = take(names);
    if (!i) return std::nullopt;
    auto r = parse(words_[*i], words_[*i + 1], min, max);
    if (r) return *r;
    if (error.empty()) error = r.error().message;
    return std::nullopt;
}

std::optional<int64_t> Args::integer(std::initializer_list<const char*> names, int64_t min, int64_t max) {
    return number<int64_t>(names, min, max, parse_int);
}

std::optional<double> Args::real(std::initializer_list<const char*> names, double min, double max) {
    return number<double>(names, min, max, parse_double);
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
