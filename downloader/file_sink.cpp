#include "downloader/file_sink.h"

#include <fcntl.h>
#include <sys/stat.h>
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

Status sync_file(const std::filesystem::path& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return write_error(path, errno);
    int rc = ::fdatasync(fd);
    int e = errno;
    ::close(fd);
    if (rc != 0) return write_error(path, e);
    return {};
}

void sync_directory(const std::filesystem::path& dir) {
    int fd = ::open(dir.empty() ? "." : dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    (void)::fsync(fd);
    ::close(fd);
}

namespace {

struct PosixSink final : FileSink {
    int fd = -1;
    std::filesystem::path path;
    int64_t offset = 0;     // where the next write lands
    int64_t submitted = 0;  // bytes before this have been handed to the disk

    ~PosixSink() override { close(); }

    Status open(const std::filesystem::path& p, int64_t keep_bytes) override {
        close();
        path = p;
        fd = ::open(p.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0) return write_error(p, errno);
        // Truncating only when needed: on ext4 a truncation marks the file for a full flush at
        // close(), which would put the whole writeback on the download thread.
        struct stat st{};
        bool cut = ::fstat(fd, &st) != 0 || st.st_size != keep_bytes;
        if ((cut && ::ftruncate(fd, keep_bytes) != 0) || ::lseek(fd, keep_bytes, SEEK_SET) < 0) {
            int e = errno;
            close();
            return write_error(p, e);
        }
        offset = submitted = keep_bytes;
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
            offset += w;
        }
#if defined(__linux__)
        // Start writing back what has accumulated, without waiting for it: the disk works while
        // the network does, and finish() is left only the tail. Failures here resurface there.
        if (offset - submitted >= kWritebackChunk) {
            (void)::sync_file_range(fd, submitted, offset - submitted, SYNC_FILE_RANGE_WRITE);
            submitted = offset;
        }
#endif
        return {};
    }

    Status finish() override {
        if (fd < 0) return {};
        int rc = ::fdatasync(fd);
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
