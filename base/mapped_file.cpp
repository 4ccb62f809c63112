#include "base/mapped_file.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "base/align.h"

namespace hearth {

Result<MappedFile> MappedFile::open(const std::filesystem::path& path, const MapFileHints& hints) {
    const std::string name = path.string();
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return make_error(hints.code, name + ": cannot open the file (" + std::strerror(errno) + "); " + hints.cannot_open);
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        return make_error(hints.code, name + ": not a regular file; " + hints.not_regular);
    }
    MappedFile f;
    const auto size = static_cast<size_t>(st.st_size);
    if (size > 0) {
        void* m = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (m == MAP_FAILED) {
            const int err = errno;
            ::close(fd);
            return make_error(hints.code, name + ": cannot map the file into memory (" + std::strerror(err) + "); " +
                                              hints.cannot_map);
        }
        f.base_ = m;
        f.size_ = size;
    }
    ::close(fd);  // the mapping keeps the file
    return f;
}

MappedFile::MappedFile(MappedFile&& o) noexcept
    : base_(std::exchange(o.base_, nullptr)), size_(std::exchange(o.size_, 0)) {}

MappedFile& MappedFile::operator=(MappedFile&& o) noexcept {
    if (this != &o) {
        if (base_) ::munmap(base_, size_);
        base_ = std::exchange(o.base_, nullptr);
        size_ = std::exchange(o.size_, 0);
    }
    return *this;
}

MappedFile::~MappedFile() {
    if (base_) ::munmap(base_, size_);
}

void release_pages(std::span<const uint8_t> bytes) {
    // Only whole pages: a page shared with a neighbouring tensor is kept.
    const auto page = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
    const auto begin = reinterpret_cast<uintptr_t>(bytes.data());
    const uintptr_t first = align_up(begin, page), last = align_down(begin + bytes.size(), page);
    if (last > first) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
}

}  // namespace hearth
