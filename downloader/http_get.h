// One blocking HTTP GET for small API responses (Hub listings, the catalog): bounded size and
// time, clear offline errors. Big files go through the Downloader instead.
#pragma once

#include <cstdint>
#include <string>

#include "base/result.h"

namespace hearth::dl {

struct HttpGetOptions {
    std::string user_agent;   // empty: "Hearth/<version>"
    std::string ca_bundle;
    std::string bearer_token; // sent as Authorization (same host only)
    long connect_timeout_ms = 10000;
    long timeout_ms = 30000;
    size_t max_body_bytes = 32u << 20;
};

struct HttpResponse {
    long status = 0;
    std::string body;
    std::string link_next;  // the rel="next" URL of a paginated answer, if any
};

// Network trouble (no route, DNS, refused, timeout) is "net.offline" with a sentence naming the
// host; any HTTP status is returned as a response, not an error.
Result<HttpResponse> http_get(const std::string& url, const HttpGetOptions& options);

// Percent-encodes one URL component (query value or path segment).
std::string url_escape(const std::string& s);
// Percent-encodes each segment of a path, keeping the '/' between them.
std::string url_escape_path(const std::string& path);

}  // namespace hearth::dl
