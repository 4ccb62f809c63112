#include "downloader/response_headers.h"

#include <cctype>
#include <cstdlib>
#include <string>

namespace hearth::dl {

static std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

static bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

void feed_header_line(ResponseHeaders& h, std::string_view line) {
    if (line.substr(0, 5) == "HTTP/") {
        h = ResponseHeaders{};
        return;
    }
    auto colon = line.find(':');
    if (colon == std::string_view::npos) return;
    auto name = trim(line.substr(0, colon));
    auto value = std::string(trim(line.substr(colon + 1)));
    if (iequals(name, "etag")) h.etag = value;
    else if (iequals(name, "last-modified")) h.last_modified = value;
    else if (iequals(name, "retry-after")) h.retry_after = value;
    else if (iequals(name, "content-range")) h.content_range = value;
    else if (iequals(name, "location")) h.location = value;
}

std::optional<ContentRange> parse_content_range(std::string_view v) {
    v = trim(v);
    if (v.substr(0, 6) != "bytes ") return std::nullopt;
    std::string s(v.substr(6));
    ContentRange r;
    char* end = nullptr;
    r.first = std::strtoll(s.c_str(), &end, 10);
    if (!end || *end != '-') return std::nullopt;
    char* p = end + 1;
    r.last = std::strtoll(p, &end, 10);
    if (end == p || *end != '/') return std::nullopt;
    p = end + 1;
    if (*p == '*') return r;
    r.total = std::strtoll(p, &end, 10);
    if (end == p || r.first < 0 || r.last < r.first || (r.total >= 0 && r.last >= r.total)) return std::nullopt;
    return r;
}

}  // namespace hearth::dl
