// Reading a block out of a file mapping: memcpy'd, so a row at any address (mmap'd files give no
// alignment promise beyond the GGUF alignment) is read without alignment or aliasing UB.
#pragma once

#include <cstdint>
#include <cstring>

namespace hearth {

template <class Block>
Block load_block(const uint8_t* p) {
    Block b;
    std::memcpy(&b, p, sizeof b);
    return b;
}

// Four bytes as a little-endian uint32.
inline uint32_t load_u32(const uint8_t* p) {
    return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 | static_cast<uint32_t>(p[2]) << 16 |
           static_cast<uint32_t>(p[3]) << 24;
}

}  // namespace hearth
