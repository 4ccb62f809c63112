// The one bounds-checked reader every byte of a GGUF file goes through (internal to
// inference/gguf). It carries its end pointer; every read checks the bytes remaining first and
// fails without moving, so a malformed file can never make the parser step outside the buffer.
#pragma once

#include <cstdint>
#include <cstring>
#include <span>
#include <string_view>

namespace hearth::gguf_detail {

class Cursor {
public:
    explicit Cursor(std::span<const uint8_t> bytes)
        : begin_(bytes.data()), pos_(bytes.data()), end_(bytes.data() + bytes.size()) {}

    uint64_t offset() const { return static_cast<uint64_t>(pos_ - begin_); }
    uint64_t remaining() const { return static_cast<uint64_t>(end_ - pos_); }
    const uint8_t* here() const { return pos_; }

    bool skip(uint64_t n) {
        if (n > remaining()) return false;
        pos_ += n;
        return true;
    }
    bool read_u8(uint8_t& v) {
        if (remaining() < 1) return false;
        v = *pos_++;
        return true;
    }
    bool read_u16(uint16_t& v) { return read_le(v); }
    bool read_u32(uint32_t& v) { return read_le(v); }
    bool read_u64(uint64_t& v) { return read_le(v); }
    // A GGUF string: u64 length, then the bytes. The view points into the buffer.
    bool read_string(std::string_view& s) {
        const uint8_t* start = pos_;
        uint64_t n;
        if (!read_u64(n)) return false;
        if (n > remaining()) {
            pos_ = start;
            return false;
        }
        s = std::string_view(reinterpret_cast<const char*>(pos_), static_cast<size_t>(n));
        pos_ += n;
        return true;
    }

private:
    template <class T>
    bool read_le(T& v) {
        if (remaining() < sizeof(T)) return false;
        uint64_t acc = 0;
        for (size_t i = 0; i < sizeof(T); ++i) acc |= static_cast<uint64_t>(pos_[i]) << (8 * i);
        v = static_cast<T>(acc);
        pos_ += sizeof(T);
        return true;
    }

    const uint8_t* begin_;
    const uint8_t* pos_;
    const uint8_t* end_;
};

}  // namespace hearth::gguf_detail
