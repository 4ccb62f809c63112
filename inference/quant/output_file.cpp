#include "inference/quant/output_file.h"

#include <fcntl.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

namespace hearth::quant {

namespace {
std::string mib(uint64_t b) { return std::to_string((b + (1 << 20) - 1) >> 20) + " MiB"; }
}  // namespace

std::optional<uint64_t> free_disk_bytes(const std::filesystem::path& folder) {
    struct statvfs v {};
    if (::statvfs(folder.c_str(), &v) != 0) return std::nullopt;
    return static_cast<uint64_t>(v.f_bavail) * v.f_frsize;
}

Result<OutputFile> OutputFile::create(const std::filesystem::path& dest, uint64_t expected_bytes) {
    std::filesystem::path folder = dest.parent_path();
    if (folder.empty()) folder = ".";
    if (auto free = free_disk_bytes(folder); free && *free < expected_bytes)
        return make_error("quant.disk_full", "The smaller model needs " + mib(expected_bytes) + " of disk space in " +
                                                 folder.string() + ", but only " + mib(*free) +
                                                 " is free. Free some space or choose another folder.");
    std::filesystem::path tmp = dest;
    tmp += ".part";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return make_error("quant.write", "Cannot create " + tmp.string() + " (" + std::strerror(errno) +
                                             "); check that the folder exists and is writable.");
    return OutputFile(dest, tmp, fd);
}

OutputFile::OutputFile(OutputFile&& o) noexcept
    : dest_(std::move(o.dest_)), tmp_(std::move(o.tmp_)), fd_(o.fd_), written_(o.written_), committed_(o.committed_) {
    o.fd_ = -1;
    o.committed_ = true;  // the moved-from object owns nothing to clean up
}

OutputFile::~OutputFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!committed_) {
        std::error_code ec;
        std::filesystem::remove(tmp_, ec);
    }
}

Status OutputFile::fail(const char* what, int err) {
    return make_error("quant.write", std::string(what) + " " + tmp_.string() + " failed (" + std::strerror(err) +
                                         "); check free disk space. Nothing was written under " + dest_.string() + ".");
}

Status OutputFile::write(std::span<const uint8_t> bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return fail("Writing", errno);
        }
        bytes = bytes.subspan(static_cast<size_t>(n));
        written_ += static_cast<uint64_t>(n);
    }
    return {};
}

Status OutputFile::pad_to(uint64_t alignment) {
    const uint64_t pad = (alignment - written_ % alignment) % alignment;
    const std::vector<uint8_t> zeros(pad, 0);
    return write(zeros);
}

Status OutputFile::commit() {
    if (::fsync(fd_) != 0) return fail("Syncing", errno);
    const int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) return fail("Closing", errno);
    std::error_code ec;
    std::filesystem::rename(tmp_, dest_, ec);
    if (ec)
        return make_error("quant.write", "Cannot rename the finished " + tmp_.string() + " to " + dest_.string() + " (" +
                                             ec.message() + ").");
    committed_ = true;
    // Make the rename itself durable.
    std::filesystem::path folder = dest_.parent_path();
    if (folder.empty()) folder = ".";
    const int dfd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return {};
}

}  // namespace hearth::quant
