// How the matrix kernels (matmul.cpp, matmul_coopmat.cpp) split a weight matrix into dispatches:
// each dispatch binds whole rows from one part, at an offset the device accepts for a storage
// buffer, within maxStorageBufferRange and the shaders' 32-bit byte offsets.
#pragma once

#include <cstdint>
#include <vector>

#include "base/result.h"
#include "inference/vulkan/matmul.h"

namespace hearth::vk {

// One dispatch's share of the weight rows: a binding that starts at an aligned offset, and
// where the first row starts inside it.
struct RowChunk {
    BufferView binding;
    uint32_t w_offset = 0;
    uint32_t first_row = 0;
    uint32_t rows = 0;
};

// At most `max_rows` rows per chunk. Errors: "matmul.row_too_large" when one row alone exceeds
// what a binding may address.
Result<std::vector<RowChunk>> chunk_rows(const Device& device, const WeightMatrix& w, uint64_t max_rows);

}  // namespace hearth::vk
