#include "http_test_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstring>
#include <optional>

namespace hearth::test {

std::string pattern_bytes(size_t n, uint32_t seed) {
    std::string s(n, '\0');
    uint32_t x = seed * 2654435761u + 1;
    for (size_t i = 0; i < n; ++i) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        s[i] = static_cast<char>(x & 0xFF);
    }
    return s;
}

TestServer::TestServer() {
    listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    int one = 1;
    ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    ::listen(listen_fd_, 64);
    socklen_t len = sizeof addr;
    ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
}

TestServer::~TestServer() {
    stop_ = true;
    ::shutdown(listen_fd_, SHUT_RDWR);
    acceptor_.join();
    {
        std::lock_guard lock(mu_);
        for (int fd : client_fds_) ::shutdown(fd, SHUT_RDWR);
    }
    for (auto& t : clients_) t.join();
    ::close(listen_fd_);
}

std::string TestServer::url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
}

void TestServer::put(const std::string& path, Resource r) {
    std::lock_guard lock(mu_);
    resources_[path] = std::make_shared<Resource>(std::move(r));
}

void TestServer::add_fault(const std::string& path, Fault f) {
    std::lock_guard lock(mu_);
    faults_[path].push_back(std::move(f));
}

std::vector<LoggedRequest> TestServer::requests(const std::string& path) const {
    std::lock_guard lock(mu_);
    std::vector<LoggedRequest> out;
    for (const auto& r : log_)
        if (r.path == path) out.push_back(r);
    return out;
}

int TestServer::request_count(const std::string& path) const { return static_cast<int>(requests(path).size()); }

void TestServer::accept_loop() {
    while (!stopped()) {
        pollfd p{listen_fd_, POLLIN, 0};
        if (::poll(&p, 1, 100) <= 0) continue;
        int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
        if (fd < 0) continue;
        int one = 1;
        ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        std::lock_guard lock(mu_);
        client_fds_.push_back(fd);
        clients_.emplace_back([this, fd] { serve(fd); });
    }
}

namespace {

bool send_all(int fd, const char* p, size_t n) {
    while (n > 0) {
        ssize_t w = ::send(fd, p, n, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return false;
        p += w;
        n -= static_cast<size_t>(w);
    }
    return true;
}

std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

struct Request {
    std::string method, path;
    std::map<std::string, std::string> headers;  // lowercase names
};

// Reads one request head; nullopt when the peer closed.
std::optional<Request> read_request(int fd, std::string& buffer, const std::atomic<bool>& stop) {
    while (buffer.find("\r\n\r\n") == std::string::npos) {
        if (stop.load()) return std::nullopt;
        pollfd p{fd, POLLIN, 0};
        int r = ::poll(&p, 1, 100);
        if (r == 0) continue;
        char tmp[4096];
        ssize_t n = ::recv(fd, tmp, sizeof tmp, 0);
        if (n <= 0) return std::nullopt;
        buffer.append(tmp, static_cast<size_t>(n));
        if (buffer.size() > 65536) return std::nullopt;
    }
    size_t end = buffer.find("\r\n\r\n");
    std::string head = buffer.substr(0, end);
    buffer.erase(0, end + 4);
    Request req;
    size_t line_end = head.find("\r\n");
    std::string first = head.substr(0, line_end);
    size_t sp1 = first.find(' '), sp2 = first.rfind(' ');
    if (sp1 == std::string::npos || sp2 <= sp1) return std::nullopt;
    req.method = first.substr(0, sp1);
    req.path = first.substr(sp1 + 1, sp2 - sp1 - 1);
    size_t pos = line_end == std::string::npos ? head.size() : line_end + 2;
    while (pos < head.size()) {
        size_t e = head.find("\r\n", pos);
        if (e == std::string::npos) e = head.size();
        std::string line = head.substr(pos, e - pos);
        size_t colon = line.find(':');
        if (colon != std::string::npos) {
            std::string v = line.substr(colon + 1);
            while (!v.empty() && v.front() == ' ') v.erase(0, 1);
            req.headers[lower(line.substr(0, colon))] = v;
        }
        pos = e + 2;
    }
    return req;
}

void sleep_unless_stopped(int ms, const std::atomic<bool>& stop) {
    auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (!stop.load() && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

}  // namespace

void TestServer::serve(int fd) {
    std::string buffer;
    while (!stopped()) {
        auto req = read_request(fd, buffer, stop_);
        if (!req) break;
        std::string path = req->path;
        std::string query_free = path.substr(0, path.find('?'));
        std::shared_ptr<Resource> res;
        Fault fault;
        {
            std::lock_guard lock(mu_);
            // find(), not operator[]: an absent header must stay absent for the range logic below.
            auto header = [&](const char* name) {
                auto h = req->headers.find(name);
                return h == req->headers.end() ? std::string() : h->second;
            };
            LoggedRequest l{req->method, path, header("range"), header("if-range"), header("authorization"),
                            header("user-agent")};
            log_.push_back(l);
            auto it = resources_.find(path);
            if (it == resources_.end()) it = resources_.find(query_free);
            if (it != resources_.end()) res = it->second;
            auto& q = faults_[path];
            if (!q.empty()) {
                fault = q.front();
                q.pop_front();
            }
        }
        auto after = [&] {
            if (fault.replace_after) {
                std::lock_guard lock(mu_);
                resources_[query_free] = fault.replace_after;
            }
        };
        auto simple = [&](int code, const std::string& reason, const std::string& extra, const std::string& body) {
            std::string h = "HTTP/1.1 " + std::to_string(code) + " " + reason + "\r\nContent-Length: " +
                            std::to_string(body.size()) + "\r\n" + extra + "\r\n";
            return send_all(fd, h.data(), h.size()) && (req->method == "HEAD" || send_all(fd, body.data(), body.size()));
        };
        if (fault.kind == Fault::status) {
            std::string extra = fault.retry_after.empty() ? "" : "Retry-After: " + fault.retry_after + "\r\n";
            bool ok = simple(fault.code, "Fault", extra, "{\"error\":\"injected\"}");
            after();
            if (!ok) break;
            continue;
        }
        if (fault.kind == Fault::redirect) {
            bool ok = simple(302, "Found", "Location: " + fault.location + "\r\n", "");
            after();
            if (!ok) break;
            continue;
        }
        if (!res) {
            if (!simple(404, "Not Found", "", "{\"error\":\"Repository not found\"}")) break;
            continue;
        }
        const int64_t size = res->size();
        int64_t first = 0;
        bool partial = false;
        auto range = req->headers.find("range");
        if (range != req->headers.end() && fault.kind != Fault::ignore_range) {
            auto ifr = req->headers.find("if-range");
            bool validator_ok = ifr == req->headers.end() || ifr->second == res->etag;
            long long a = -1;
            if (validator_ok && std::sscanf(range->second.c_str(), "bytes=%lld-", &a) == 1 && a >= 0) {
                if (a >= size) {
                    std::string extra = "Content-Range: bytes */" + std::to_string(size) + "\r\n";
                    if (!simple(416, "Range Not Satisfiable", extra, "")) break;
                    continue;
                }
                first = a;
                partial = true;
            }
        }
        int64_t real_len = size - first;
        int64_t declared = real_len;
        if (fault.kind == Fault::wrong_length) declared = std::max<int64_t>(0, real_len + fault.length_delta);
        std::string head = std::string("HTTP/1.1 ") + (partial ? "206 Partial Content" : "200 OK") + "\r\n";
        head += "Content-Type: " + res->content_type + "\r\n";
        head += "Accept-Ranges: bytes\r\n";
        head += res->extra_headers;
        if (!res->etag.empty()) head += "ETag: " + res->etag + "\r\n";
        if (partial)
            head += "Content-Range: bytes " + std::to_string(first) + "-" + std::to_string(size - 1) + "/" +
                    std::to_string(size) + "\r\n";
        head += "Content-Length: " + std::to_string(declared) + "\r\n\r\n";
        if (!send_all(fd, head.data(), head.size())) break;
        if (req->method == "HEAD") {
            after();
            continue;
        }
        int64_t to_send = std::min(real_len, declared);
        bool cut = fault.kind == Fault::wrong_length;
        if (fault.kind == Fault::drop_after) {
            to_send = std::min(to_send, fault.offset);
            cut = true;
        }
        std::vector<char> buf(1 << 20);
        int64_t sent = 0;
        bool stalled = false, ok = true;
        while (sent < to_send && !stopped()) {
            size_t n = static_cast<size_t>(std::min<int64_t>(to_send - sent, static_cast<int64_t>(buf.size())));
            if (fault.kind == Fault::trickle && fault.chunk) n = std::min(n, fault.chunk);
            if (fault.kind == Fault::stall && !stalled && sent < fault.offset)
                n = static_cast<size_t>(std::min<int64_t>(static_cast<int64_t>(n), fault.offset - sent));
            int64_t off = first + sent;
            if (res->generate) res->generate(off, buf.data(), n);
            else std::memcpy(buf.data(), res->body.data() + off, n);
            if (fault.kind == Fault::flip_byte && fault.offset >= off && fault.offset < off + static_cast<int64_t>(n))
                buf[static_cast<size_t>(fault.offset - off)] ^= 0x5A;
            if (!send_all(fd, buf.data(), n)) { ok = false; break; }
            sent += static_cast<int64_t>(n);
            if (fault.kind == Fault::stall && !stalled && sent >= fault.offset) {
                stalled = true;
                sleep_unless_stopped(fault.delay_ms, stop_);
            }
            if (fault.kind == Fault::trickle) sleep_unless_stopped(fault.delay_ms, stop_);
        }
        after();
        if (!ok || cut) break;
    }
    {
        // Forget the descriptor before closing it: accept() may reuse the number at once.
        std::lock_guard lock(mu_);
        client_fds_.erase(std::remove(client_fds_.begin(), client_fds_.end(), fd), client_fds_.end());
    }
    ::shutdown(fd, SHUT_RDWR);
    ::close(fd);
}

}  // namespace hearth::test
