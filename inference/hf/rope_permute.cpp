#include "inference/hf/rope_permute.h"

#include <cstring>

namespace hearth::hf {

void permute_rope_rows(std::span<const uint8_t> hf, std::span<uint8_t> out, int64_t n_rows, uint64_t row_bytes,
                       int32_t n_head) {
    const int64_t d = n_rows / n_head, half = d / 2;
    for (int64_t h = 0; h < n_head; ++h)
        for (int64_t j = 0; j < half; ++j)
            for (int64_t k = 0; k < 2; ++k) {
                const auto dst = static_cast<uint64_t>(h * d + 2 * j + k) * row_bytes;
                const auto src = static_cast<uint64_t>(h * d + k * half + j) * row_bytes;
                std::memcpy(out.data() + dst, hf.data() + src, row_bytes);
            }
}

}  // namespace hearth::hf
