#include "downloader/http_get.h"

#include <curl/curl.h>

#include <cctype>
#include <memory>

#include "downloader/downloader.h"

namespace hearth::dl {
namespace {

struct Sink {
    std::string body;
    std::string link;
    size_t limit;
    bool too_big = false;
};

size_t on_body(char* data, size_t size, size_t n, void* user) {
    auto& s = *static_cast<Sink*>(user);
    if (s.body.size() + size * n > s.limit) {
        s.too_big = true;
        return 0;
    }
    s.body.append(data, size * n);
    return size * n;
}

size_t on_header(char* data, size_t size, size_t n, void* user) {
    auto& s = *static_cast<Sink*>(user);
    std::string line(data, size * n);
    if (line.rfind("HTTP/", 0) == 0) s.link.clear();
    if (line.size() > 5 && (line[0] == 'L' || line[0] == 'l') && line.compare(1, 4, "ink:") == 0) {
        // Link: <https://huggingface.co/api/...&cursor=...>; rel="next"
        auto rel = line.find("rel=\"next\"");
        auto lt = line.find('<'), gt = line.find('>');
        if (rel != std::string::npos && lt != std::string::npos && gt != std::string::npos && gt > lt)
            s.link = line.substr(lt + 1, gt - lt - 1);
    }
    return size * n;
}

std::string host_of(const std::string& url) {
    auto start = url.find("://");
    start = start == std::string::npos ? 0 : start + 3;
    auto end = url.find_first_of("/?#", start);
    return url.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

}  // namespace

std::string url_escape(const std::string& s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string url_escape_path(const std::string& path) {
    std::string out;
    size_t start = 0;
    while (true) {
        auto slash = path.find('/', start);
        out += url_escape(path.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
        if (slash == std::string::npos) break;
        out += '/';
        start = slash + 1;
    }
    return out;
}

Result<HttpResponse> http_get(const std::string& url, const HttpGetOptions& o) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    std::unique_ptr<CURL, void (*)(CURL*)> easy(curl_easy_init(), &curl_easy_cleanup);
    if (!easy)  // libcurl's only reason is memory
        return make_error("http.no_memory", "Could not reach " + url + ": the computer is out of memory.");
    Sink sink;
    sink.limit = o.max_body_bytes;
    curl_slist* headers = nullptr;
    headers = curl_slist_append(headers, "Accept: application/json");
    if (!o.bearer_token.empty())
        headers = curl_slist_append(headers, ("Authorization: Bearer " + o.bearer_token).c_str());
    std::unique_ptr<curl_slist, void (*)(curl_slist*)> header_guard(headers, &curl_slist_free_all);
    CURL* e = easy.get();
    std::string ua = o.user_agent.empty() ? default_user_agent() : o.user_agent;
    curl_easy_setopt(e, CURLOPT_URL, url.c_str());
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(e, CURLOPT_UNRESTRICTED_AUTH, 0L);
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_USERAGENT, ua.c_str());
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, o.connect_timeout_ms);
    curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, o.timeout_ms);
    curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "");  // JSON compresses well
    if (!o.ca_bundle.empty()) curl_easy_setopt(e, CURLOPT_CAINFO, o.ca_bundle.c_str());
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &sink);
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, &sink);
    CURLcode rc = curl_easy_perform(e);
    if (sink.too_big)
        return make_error("net.too_large", "The answer from " + host_of(url) + " is larger than " +
                                               std::to_string(o.max_body_bytes >> 20) + " MB; refusing to read it.");
    if (rc != CURLE_OK) {
        std::string why = curl_easy_strerror(rc);
        switch (rc) {
            case CURLE_COULDNT_RESOLVE_HOST: case CURLE_COULDNT_RESOLVE_PROXY: case CURLE_COULDNT_CONNECT:
            case CURLE_OPERATION_TIMEDOUT: case CURLE_RECV_ERROR: case CURLE_SEND_ERROR: case CURLE_GOT_NOTHING:
                return make_error("net.offline", "Hearth cannot reach " + host_of(url) + " (" + why +
                                                     "). Check the internet connection or proxy; models already "
                                                     "downloaded still work offline.");
            case CURLE_PEER_FAILED_VERIFICATION: case CURLE_SSL_CACERT_BADFILE:
                return make_error("net.tls", "The TLS certificate of " + host_of(url) + " is not trusted (" + why +
                                                 "). If a proxy inspects TLS, set its CA bundle in the settings.");
            default:
                return make_error("net.error", "Talking to " + host_of(url) + " failed: " + why + ".");
        }
    }
    HttpResponse r;
    curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &r.status);
    r.body = std::move(sink.body);
    r.link_next = std::move(sink.link);
    return r;
}

}  // namespace hearth::dl
