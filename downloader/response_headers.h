// The few response headers a resumable download needs, parsed from libcurl's header lines.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hearth::dl {

struct ResponseHeaders {
    std::string etag, last_modified, retry_after, content_range, location;
};

// Feeds one raw header line (with its CRLF). A status line ("HTTP/1.1 302 Found") starts a new
// response: each redirect hop forgets the previous hop's headers.
void feed_header_line(ResponseHeaders& h, std::string_view line);

struct ContentRange {
    int64_t first = 0, last = 0;
    int64_t total = -1;  // -1 for "*"
};
// "bytes 100-199/1000" or "bytes 100-199/*".
std::optional<ContentRange> parse_content_range(std::string_view value);

// True for a weak validator (W/"..."), which If-Range must not use.
inline bool is_weak_etag(std::string_view etag) { return etag.substr(0, 2) == "W/"; }

}  // namespace hearth::dl
