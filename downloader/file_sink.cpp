#include "downloader/file_sink.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace hearth::dl {

Error write_error(const std::filesystem::path& path, int err) {
    if (err == ENOSPC || err == EDQUOT)
        return make_error("disk.full", "The disk is full while writing " + path.string() +
                                           "; free some space and resume the download.");
    if (err == EROFS || err == EACCES || err == EPERM)
        return make_error("disk.not_writable", "Hearth may not write " + path.string() + " (" +
                                                   std::strerror(err) + "); choose another folder.");
    return make_error("disk.write", "Writing " + path.string() + " failed: " + std::strerror(err) + ".");
}

namespace {

struct PosixSink final : FileSink {
    int fd = -1;
    std::filesystem::path path;

    ~PosixSink() override { close(); }

    Status open(const std::filesystem::path& p, int64_t keep_bytes) override {
        close();
        path = p;
        fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0) return write_error(p, errno);
        if (::ftruncate(fd, keep_bytes) != 0 || ::lseek(fd, keep_bytes, SEEK_SET) < 0) {
            int e = errno;
            close();
            return write_error(p, e);
        }
        return {};
    }

    Status write(const void* data, size_t n) override {
        auto p = static_cast<const char*>(data);
        while (n > 0) {
            ssize_t w = ::write(fd, p, n);
            if (w < 0) {
                if (errno == EINTR) continue;
                return write_error(path, errno);
            }
            p += w;
            n -= static_cast<size_t>(w);
        }
        return {};
    }

    Status finish() override {
        if (fd < 0) return {};
        int rc = ::fsync(fd);
        int e = errno;
        int rc2 = ::close(fd);
        fd = -1;
        if (rc != 0 || rc2 != 0) return write_error(path, rc != 0 ? e : errno);
        return {};
    }

    void close() override {
        if (fd >= 0) ::close(fd);
        fd = -1;
    }
};

}  // namespace

std::unique_ptr<FileSink> make_posix_sink() { return std::make_unique<PosixSink>(); }

}  // namespace hearth::dl
