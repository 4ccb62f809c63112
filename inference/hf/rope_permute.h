// The Q/K row order GGUF's llama-type ("normal") RoPE expects. Hugging Face's Llama rotates each
// head's halves: dimension j pairs with j + d/2 (rotate_half). GGUF llama files rotate adjacent
// pairs (2j, 2j+1), so converters reorder the rows of q_proj and k_proj head by head: GGUF row
// 2j + k of a head is HF row k * d/2 + j. Then q·k is unchanged, since both sides move the same
// way, and each rotated pair holds the same two values as before. Architectures whose GGUF RoPE is
// the NeoX kind (qwen2/3, phi3, gemma: inference/arch/recipe.h) keep HF's order.
#pragma once

#include <cstdint>
#include <span>

namespace hearth::hf {

// Reorders the rows of a [n_head * head_dim, row_bytes] matrix (or bias, row_bytes = one
// element) from HF's order to GGUF's. `n_rows` must be a multiple of n_head and head_dim even.
void permute_rope_rows(std::span<const uint8_t> hf, std::span<uint8_t> out, int64_t n_rows, uint64_t row_bytes,
                       int32_t n_head);

}  // namespace hearth::hf
