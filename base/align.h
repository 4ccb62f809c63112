// Rounding offsets and sizes to a multiple of an alignment (GGUF tensor data, Vulkan buffer
// offsets, direct-I/O blocks). An alignment of 0 leaves the value as it is.
#pragma once

#include <cstdint>

namespace hearth {

constexpr uint64_t align_up(uint64_t v, uint64_t a) { return a ? (v + a - 1) / a * a : v; }
constexpr uint64_t align_down(uint64_t v, uint64_t a) { return a ? v - v % a : v; }

}  // namespace hearth
