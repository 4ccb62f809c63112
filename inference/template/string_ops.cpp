#include "inference/template/string_ops.h"

namespace hearth::tmpl {

namespace {

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char up(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 32) : c; }
char down(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

}  // namespace

bool is_py_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || (c >= 0x1c && c <= 0x1f);
}

std::string py_strip(std::string_view s, const std::optional<std::string>& chars, bool left, bool right) {
    auto strip_char = [&](char c) { return chars ? chars->find(c) != std::string::npos : is_py_space(c); };
    std::size_t begin = 0, end = s.size();
    if (left)
        while (begin < end && strip_char(s[begin])) ++begin;
    if (right)
        while (end > begin && strip_char(s[end - 1])) --end;
    return std::string(s.substr(begin, end - begin));
}

std::vector<std::string> py_split(std::string_view s, const std::optional<std::string>& sep, std::int64_t maxsplit) {
    std::vector<std::string> out;
    if (!sep) {
        std::size_t k = 0;
        while (true) {
            while (k < s.size() && is_py_space(s[k])) ++k;
            if (k >= s.size()) break;
            if (maxsplit >= 0 && static_cast<std::int64_t>(out.size()) >= maxsplit) {
                out.emplace_back(s.substr(k));  // Python keeps the remainder's trailing whitespace
                break;
            }
            const std::size_t start = k;
            while (k < s.size() && !is_py_space(s[k])) ++k;
            out.emplace_back(s.substr(start, k - start));
        }
        return out;
    }
    std::size_t start = 0;
    while (true) {
        if (maxsplit >= 0 && static_cast<std::int64_t>(out.size()) >= maxsplit) break;
        const std::size_t at = s.find(*sep, start);
        if (at == std::string_view::npos) break;
        out.emplace_back(s.substr(start, at - start));
        start = at + sep->size();
    }
    out.emplace_back(s.substr(start));
    return out;
}

std::string py_replace(std::string_view s, std::string_view old, std::string_view with, std::int64_t count) {
    std::string out;
    if (old.empty()) {  // Python inserts `with` before every character and at the end
        std::int64_t done = 0;
        for (std::size_t k = 0; k <= s.size(); ++k) {
            if (count < 0 || done < count) {
                out += with;
                ++done;
            }
            if (k < s.size()) out += s[k];
        }
        return out;
    }
    std::size_t start = 0;
    std::int64_t done = 0;
    while (count < 0 || done < count) {
        const std::size_t at = s.find(old, start);
        if (at == std::string_view::npos) break;
        out.append(s.substr(start, at - start));
        out.append(with);
        start = at + old.size();
        ++done;
    }
    out.append(s.substr(start));
    return out;
}

std::string ascii_upper(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = up(c);
    return out;
}

std::string ascii_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = down(c);
    return out;
}

std::string py_capitalize(std::string_view s) {
    std::string out = ascii_lower(s);
    if (!out.empty()) out[0] = up(out[0]);
    return out;
}

std::string py_title(std::string_view s) {
    std::string out(s);
    bool prev_letter = false;
    for (char& c : out) {
        const bool letter = is_alpha(c);
        if (letter) c = prev_letter ? down(c) : up(c);
        prev_letter = letter;
    }
    return out;
}

std::string jinja_title(std::string_view s) {
    auto separator = [](char c) { return is_py_space(c) || c == '-' || c == '(' || c == '{' || c == '[' || c == '<'; };
    std::string out;
    std::size_t k = 0;
    while (k < s.size()) {
        const bool sep = separator(s[k]);
        std::size_t end = k;
        while (end < s.size() && separator(s[end]) == sep) ++end;
        std::string piece(s.substr(k, end - k));
        if (!sep && !piece.empty()) piece = py_capitalize(piece);
        else if (sep && !piece.empty()) piece[0] = up(piece[0]);
        out += piece;
        k = end;
    }
    return out;
}

}  // namespace hearth::tmpl
