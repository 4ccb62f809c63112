#include "downloader/file_sink.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
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

void sync_directory(const std::filesystem::path& dir) {
    int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    (void)::fsync(fd);
    ::close(fd);
}

namespace {

bool aligned(uint64_t v) { return v % kDirectAlign == 0; }

struct PosixSink final : FileSink {
    int fd = -1;         // through the page cache: unaligned pieces, sync
    int direct_fd = -1;  // O_DIRECT, where the file system has it
    bool direct_refused = false;  // the file system said no once: stop asking
    std::filesystem::path path;

    ~PosixSink() override { close(); }

    Status open(const std::filesystem::path& p, int64_t size) override {
        close();
        path = p;
        fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0) return write_error(p, errno);
        // Truncating only when needed: on ext4 a truncation marks the file for a full flush at
        // close(), which would stall the writing thread.
        struct stat st{};
        bool cut = ::fstat(fd, &st) != 0 || st.st_size != size;
        if (cut && ::ftruncate(fd, size) != 0) {
            int e = errno;
            close();
            return write_error(p, e);
        }
#if defined(O_DIRECT)
        if (!direct_refused) {
            direct_fd = ::open(p.c_str(), O_WRONLY | O_DIRECT | O_CLOEXEC);
            direct_refused = direct_fd < 0;
        }
#endif
        return {};
    }

    Status write_at(int64_t offset, const char* data, size_t n) override {
        while (n > 0) {
            bool direct = direct_fd >= 0 && aligned(static_cast<uint64_t>(offset)) && aligned(n) &&
                          aligned(reinterpret_cast<uintptr_t>(data));
            ssize_t w = ::pwrite(direct ? direct_fd : fd, data, n, offset);
            if (w < 0) {
                if (errno == EINTR) continue;
                if (direct && errno == EINVAL) {
                    // Opened, but this file system (or its block size) refuses the write: the
                    // page cache always works.
                    ::close(direct_fd);
                    direct_fd = -1;
                    direct_refused = true;
                    continue;
                }
                return write_error(path, errno);
            }
            data += w;
            n -= static_cast<size_t>(w);
            offset += w;
        }
        return {};
    }

    Status sync() override {
        if (fd < 0) return {};
        if (::fdatasync(fd) != 0) return write_error(path, errno);
        return {};
    }

    void close() override {
        if (direct_fd >= 0) ::close(direct_fd);
        if (fd >= 0) ::close(fd);
        direct_fd = fd = -1;
    }
};

}  // namespace

std::unique_ptr<FileSink> make_posix_sink() { return std::make_unique<PosixSink>(); }

}  // namespace hearth::dl
