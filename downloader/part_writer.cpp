#include "downloader/part_writer.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <new>
#include <utility>

#include "base/align.h"

namespace hearth::dl {
namespace {

constexpr size_t kReadBlock = 1u << 20;  // reading back from the file, for the hash

// Reads up to `n` bytes at `offset`; `got` is how many (0 only with an error).
Status read_at(int fd, const std::filesystem::path& path, char* out, size_t n, int64_t offset, size_t& got) {
    ssize_t r;
    do {
        r = ::pread(fd, out, n, offset);
    } while (r < 0 && errno == EINTR);
    if (r < 0) return make_error("io.read", "Reading " + path.string() + " failed while checking its SHA-256.");
    if (r == 0)
        return make_error("io.truncated", path.string() + " is shorter than expected while checking its SHA-256.");
    got = static_cast<size_t>(r);
    return {};
}

}  // namespace

PartWriter::PartWriter(std::filesystem::path path, std::unique_ptr<FileSink> sink, PartWriterOptions options)
    : path_(std::move(path)), sink_(std::move(sink)), opt_(std::move(options)) {
    writer_ = std::thread([this] { writer_loop(); });
    if (opt_.hash) hasher_ = std::thread([this] { hasher_loop(); });
}

PartWriter::~PartWriter() {
    {
        std::lock_guard lock(mu_);
        stop_ = true;
        ++generation_;
    }
    work_.notify_all();
    writer_.join();
    if (hasher_.joinable()) hasher_.join();
    sink_->close();
    if (read_fd_ >= 0) ::close(read_fd_);
    for (char* b : all_) std::free(b);
}

Status PartWriter::restart(int64_t keep) {
    std::unique_lock lock(mu_);
    ++generation_;
    // Each thread finishes at most the piece of work it is on; its result is dropped.
    idle_.wait(lock, [&] { return !writer_busy_ && !hasher_busy_; });
    for (auto& c : queue_) free_.push_back(c.data);
    queue_.clear();
    if (filling_.data) free_.push_back(filling_.data);
    filling_ = Chunk{};
    carry_.clear();
    write_error_.reset();
    hash_error_.reset();
    sealing_ = write_sealed_ = false;
    hash_ = Sha256{};
    hashed_ = 0;
    hasher_reading_file_ = false;
    // Reopened when needed: the old file may have just been moved aside.
    if (read_fd_ >= 0) ::close(read_fd_);
    read_fd_ = -1;
    written_ = accepted_ = 0;
    sink_open_ = false;
    keep = std::max<int64_t>(keep, 0);
    Status st = sink_->open(path_, keep);
    if (st) {
        sink_open_ = true;
        // The kept bytes after the last aligned offset begin the next chunk.
        const auto from = static_cast<int64_t>(align_down(static_cast<uint64_t>(keep), kDirectAlign));
        carry_.resize(static_cast<size_t>(keep - from));
        int fd = carry_.empty() ? -1 : ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
        for (size_t at = 0, got = 0; st && at < carry_.size(); at += got) {
            st = fd < 0 ? make_error("io.open", "Cannot open " + path_.string() + " to resume it.")
                        : read_at(fd, path_, carry_.data() + at, carry_.size() - at,
                                  from + static_cast<int64_t>(at), got);
        }
        if (fd >= 0) ::close(fd);
    }
    if (!st) {
        write_error_ = st.error();
        return st;
    }
    written_ = accepted_ = keep;
    lock.unlock();
    work_.notify_all();  // the hasher reads the kept bytes
    return {};
}

bool PartWriter::has_room(size_t n) {
    if (filling_.data && n <= opt_.chunk_bytes - filling_.len) return true;
    std::lock_guard lock(mu_);
    // With a failure, append() is the one to say so.
    return !free_.empty() || static_cast<int>(all_.size()) < opt_.chunks || write_error_;
}

char* PartWriter::take_buffer(std::unique_lock<std::mutex>& lock) {
    idle_.wait(lock, [&] {
        return !free_.empty() || static_cast<int>(all_.size()) < opt_.chunks || write_error_;
    });
    if (write_error_) return nullptr;
    if (!free_.empty()) {
        char* b = free_.back();
        free_.pop_back();
        return b;
    }
    auto b = static_cast<char*>(std::aligned_alloc(kDirectAlign, opt_.chunk_bytes));
    if (!b) throw std::bad_alloc();
    all_.push_back(b);
    return b;
}

Status PartWriter::append(const char* data, size_t n) {
    while (n > 0) {
        if (!filling_.data) {
            char* b;
            {
                std::unique_lock lock(mu_);
                b = take_buffer(lock);
                if (!b) return *write_error_;
            }
            filling_ = Chunk{};
            filling_.data = b;
            filling_.offset = accepted_ - static_cast<int64_t>(carry_.size());
            if (!carry_.empty()) std::memcpy(b, carry_.data(), carry_.size());
            filling_.len = carry_.size();
            carry_.clear();
        } else {
            std::lock_guard lock(mu_);
            if (write_error_) return *write_error_;
        }
        size_t take = std::min(n, opt_.chunk_bytes - filling_.len);
        std::memcpy(filling_.data + filling_.len, data, take);
        filling_.len += take;
        accepted_ += static_cast<int64_t>(take);
        data += take;
        n -= take;
        if (filling_.len == opt_.chunk_bytes) submit(std::exchange(filling_, Chunk{}));
    }
    return {};
}

void PartWriter::submit(Chunk c) {
    std::unique_lock lock(mu_);
    size_t tail = c.len % kDirectAlign;
    carry_.assign(c.data + c.len - tail, c.data + c.len);
    c.write_pending = true;
    c.hash_pending = opt_.hash;
    queue_.push_back(c);
    lock.unlock();
    work_.notify_all();
}

void PartWriter::submit_partial() {
    if (filling_.data) submit(std::exchange(filling_, Chunk{}));
}

bool PartWriter::has_pending_write() const {
    return std::any_of(queue_.begin(), queue_.end(), [](const Chunk& c) { return c.write_pending; });
}

Status PartWriter::close() {
    submit_partial();
    std::unique_lock lock(mu_);
    idle_.wait(lock, [&] { return !writer_busy_ && (write_error_ || !has_pending_write()); });
    if (sink_open_) sink_->close();
    sink_open_ = false;
    // A paused download keeps no staging memory.
    for (char* b : free_) {
        all_.erase(std::find(all_.begin(), all_.end(), b));
        std::free(b);
    }
    free_.clear();
    if (write_error_) return *write_error_;
    return {};
}

void PartWriter::seal() {
    submit_partial();
    {
        std::lock_guard lock(mu_);
        sealing_ = true;
        write_sealed_ = false;
        seal_end_ = accepted_;
    }
    work_.notify_all();
}

std::optional<SealResult> PartWriter::sealed() {
    std::lock_guard lock(mu_);
    if (write_error_) return SealResult{*write_error_, std::nullopt, Status{}};
    if (!write_sealed_) return std::nullopt;
    if (!opt_.hash) return SealResult{Status{}, std::nullopt, check_};
    if (hash_error_) return SealResult{*hash_error_, std::nullopt, check_};
    if (hasher_busy_ || hashed_ < seal_end_) return std::nullopt;
    return SealResult{Status{}, hash_, check_};
}

std::optional<Error> PartWriter::error() {
    std::lock_guard lock(mu_);
    return write_error_ ? write_error_ : hash_error_;
}

int64_t PartWriter::written() {
    std::lock_guard lock(mu_);
    return written_;
}

bool PartWriter::release_done() {
    bool released = false;
    for (auto it = queue_.begin(); it != queue_.end();) {
        if (it->write_pending || it->hash_pending) {
            ++it;
            continue;
        }
        free_.push_back(it->data);
        it = queue_.erase(it);
        released = true;
    }
    if (released) idle_.notify_all();
    return released;
}

void PartWriter::wake_caller(std::unique_lock<std::mutex>& lock) {
    if (!opt_.wake) return;
    lock.unlock();
    opt_.wake();
    lock.lock();
}

void PartWriter::writer_loop() {
    std::unique_lock lock(mu_);
    while (true) {
        Chunk* c = nullptr;
        work_.wait(lock, [&] {
            if (stop_) return true;
            if (write_error_) return false;
            for (auto& q : queue_)
                if (q.write_pending) {
                    c = &q;
                    return true;
                }
            return sealing_ && !write_sealed_;
        });
        if (stop_) return;
        // Only this thread touches the sink while busy; the others wait for it to idle.
        writer_busy_ = true;
        const uint64_t gen = generation_;
        const bool was_open = sink_open_;
        const int64_t size = written_;
        const Chunk job = c ? *c : Chunk{};
        lock.unlock();
        Status st = was_open ? Status{} : sink_->open(path_, size);
        if (st && c) {
            size_t whole = job.len - job.len % kDirectAlign;
            if (whole > 0) st = sink_->write_at(job.offset, job.data, whole);
            if (st && whole < job.len) st = sink_->write_at(job.offset + static_cast<int64_t>(whole),
                                                            job.data + whole, job.len - whole);
        } else if (st) {
            st = sink_->sync();
        }
        if (!st || !c) sink_->close();
        Status checked = !c && st && opt_.check ? opt_.check(path_) : Status{};
        lock.lock();
        writer_busy_ = false;
        if (gen != generation_) {
            idle_.notify_all();
            continue;
        }
        sink_open_ = st && c;
        if (!st) {
            write_error_ = st.error();
            // Nothing more will be written; free every buffer (but the one being hashed) so no
            // one waits for one.
            for (auto& q : queue_) {
                q.write_pending = false;
                if (&q != hashing_) q.hash_pending = false;
            }
            release_done();
            idle_.notify_all();
            wake_caller(lock);
            continue;
        }
        if (!c) {
            write_sealed_ = true;
            check_ = std::move(checked);
            idle_.notify_all();
            wake_caller(lock);
            continue;
        }
        c->write_pending = false;
        written_ = job.end();
        // The hasher is reading the file back and will get to these bytes there.
        if (c->hash_pending && hasher_reading_file_) c->hash_pending = false;
        bool released = release_done();
        idle_.notify_all();
        work_.notify_all();  // the hasher may read further
        if (released) wake_caller(lock);
    }
}

void PartWriter::hasher_loop() {
    std::unique_lock lock(mu_);
    read_buf_.resize(kReadBlock);
    while (true) {
        Chunk* c = nullptr;
        bool from_file = false;
        int64_t from = 0, to = 0;
        work_.wait(lock, [&] {
            if (stop_) return true;
            if (hash_error_) return false;
            c = nullptr;
            for (auto& q : queue_)
                if (q.hash_pending) {
                    c = &q;
                    break;
                }
            // Everything before the first chunk still in memory is in the file. (A chunk's
            // first bytes may have been hashed already, carried over: hashed_ says where to go on.)
            const int64_t in_file = c ? c->offset : written_;
            from = hashed_;
            if (hashed_ < in_file) {
                from_file = true;
                to = std::min(in_file, hashed_ + static_cast<int64_t>(kReadBlock));
                return true;
            }
            if (c) {
                from_file = false;
                to = std::max(c->end(), hashed_);
                return true;
            }
            hasher_reading_file_ = false;  // caught up: new chunks wait in memory for it
            return false;
        });
        if (stop_) return;
        hasher_reading_file_ = from_file;
        hasher_busy_ = true;
        hashing_ = from_file ? nullptr : c;  // its buffer stays put until this is done
        const char* mem = from_file ? nullptr : c->data + (from - c->offset);
        const uint64_t gen = generation_;
        lock.unlock();
        // Only this thread touches hash_ and read_fd_ while busy.
        Status st;
        size_t got = static_cast<size_t>(to - from);
        if (!from_file) {
            sha256_update(hash_, mem, got);
        } else {
            if (read_fd_ < 0) read_fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
            st = read_fd_ < 0 ? make_error("io.open", "Cannot open " + path_.string() + " to check its SHA-256.")
                              : read_at(read_fd_, path_, read_buf_.data(), got, from, got);
            if (st) sha256_update(hash_, read_buf_.data(), got);
        }
        lock.lock();
        hasher_busy_ = false;
        hashing_ = nullptr;
        if (gen != generation_) {
            idle_.notify_all();
            continue;
        }
        bool released = false;
        if (!st) {
            hash_error_ = st.error();
            for (auto& q : queue_) q.hash_pending = false;
            released = release_done();
        } else {
            hashed_ = from + static_cast<int64_t>(got);
            if (!from_file) {
                c->hash_pending = false;
                released = release_done();
            }
        }
        idle_.notify_all();
        if (released || !st || (sealing_ && hashed_ >= seal_end_)) wake_caller(lock);
    }
}

}  // namespace hearth::dl
