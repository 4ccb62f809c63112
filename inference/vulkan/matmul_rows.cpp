#include "inference/vulkan/matmul_rows.h"

#include <algorithm>
#include <string>

#include "base/align.h"

namespace hearth::vk {

Result<std::vector<RowChunk>> chunk_rows(const Device& device, const WeightMatrix& w, uint64_t max_rows) {
    const uint64_t rb = row_bytes(w.type, w.cols);
    const uint64_t align = std::max<uint64_t>(4, device.limits().minStorageBufferOffsetAlignment);
    // Offsets in the shaders are 32-bit byte counts.
    const uint64_t max_bytes = std::min<uint64_t>(device.max_binding_range(), 0xFFFFFFF0ull);
    std::vector<RowChunk> out;
    uint32_t row = 0;
    for (const auto& part : w.parts) {
        const uint64_t part_rows = std::min<uint64_t>(part.size / rb, w.rows - row);
        uint64_t r = 0;
        while (r < part_rows) {
            const uint64_t start = part.offset + r * rb;
            const uint64_t base = align_down(start, align);
            const uint64_t woff = start - base;
            if (woff + rb + 3 > max_bytes)
                return make_error("matmul.row_too_large",
                                  "A weight row of " + std::to_string(rb) +
                                      " bytes is larger than one GPU buffer binding may address; this model "
                                      "cannot run on this GPU.");
            const uint64_t n = std::min<uint64_t>({part_rows - r, (max_bytes - woff - 3) / rb, max_rows});
            RowChunk c;
            c.binding = BufferView{part.buffer, base, align_up(woff + n * rb, 4), nullptr};
            c.w_offset = static_cast<uint32_t>(woff);
            c.first_row = row + static_cast<uint32_t>(r);
            c.rows = static_cast<uint32_t>(n);
            out.push_back(c);
            r += n;
        }
        row += static_cast<uint32_t>(part_rows);
        if (row == w.rows) break;
    }
    return out;
}

}  // namespace hearth::vk
