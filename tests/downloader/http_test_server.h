// A small threaded HTTP/1.1 server on 127.0.0.1 (ephemeral port) for the downloader tests and
// benchmark: keep-alive, byte ranges with If-Range, and scripted faults (a dropped connection,
// a 503, a 429 with Retry-After, a stall, a redirect, an ignored range, a wrong Content-Length,
// a flipped byte, a slow trickle). Nothing here touches the internet.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace hearth::test {

struct Resource {
    Resource() = default;
    Resource(std::string b, std::string e) : body(std::move(b)), etag(std::move(e)) {}

    std::string body;
    std::string etag;  // sent as ETag when not empty (include the quotes)
    std::string content_type = "application/octet-stream";
    std::string extra_headers;  // raw header lines, each ending in "\r\n" (a Link: for paging)
    // For big synthetic files (the benchmark): size + a function that fills bytes at an offset.
    int64_t generated_size = -1;
    std::function<void(int64_t offset, char* out, size_t n)> generate;

    int64_t size() const { return generated_size >= 0 ? generated_size : static_cast<int64_t>(body.size()); }
};

struct Fault {
    enum Kind { none, drop_after, status, stall, redirect, ignore_range, wrong_length, flip_byte, trickle };
    Kind kind = none;
    int64_t offset = 0;        // drop_after/stall: body bytes sent first; flip_byte: file offset
    int code = 503;            // status
    std::string retry_after;   // status: Retry-After value, if any
    std::string location;      // redirect: absolute URL
    int64_t length_delta = 0;  // wrong_length: declared Content-Length = real + delta
    int delay_ms = 0;          // stall: how long nothing is sent; trickle: pause between chunks
    size_t chunk = 0;          // trickle: bytes per chunk
    // Applied once this response has been sent (or cut): the file "changes on the server".
    std::shared_ptr<Resource> replace_after;
};

struct LoggedRequest {
    std::string method, path, range, if_range, authorization, user_agent;
};

class TestServer {
public:
    TestServer();
    ~TestServer();
    TestServer(const TestServer&) = delete;
    TestServer& operator=(const TestServer&) = delete;

    int port() const { return port_; }
    std::string url(const std::string& path) const;

    void put(const std::string& path, Resource r);
    // Faults for `path`, used one per request in order; requests after that are served normally.
    void add_fault(const std::string& path, Fault f);
    std::vector<LoggedRequest> requests(const std::string& path) const;
    int request_count(const std::string& path) const;

private:
    void accept_loop();
    void serve(int fd);
    bool stopped() const { return stop_.load(); }

    int listen_fd_ = -1;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    mutable std::mutex mu_;
    std::map<std::string, std::shared_ptr<Resource>> resources_;
    std::map<std::string, std::deque<Fault>> faults_;
    std::vector<LoggedRequest> log_;
    std::vector<int> client_fds_;
    std::vector<std::thread> clients_;
    std::thread acceptor_;
};

// Deterministic pseudo-random bytes for synthetic files.
std::string pattern_bytes(size_t n, uint32_t seed);

}  // namespace hearth::test
