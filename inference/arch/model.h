// A loaded model: hyperparameters, the recipe, and views of every weight tensor in place in the
// GGUF mapping (nothing is copied). A Model is only valid while the GgufFile it came from is
// open.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "inference/arch/hparams.h"
#include "inference/arch/recipe.h"
#include "inference/tensor/tensor_type.h"

namespace hearth::arch {

// A weight tensor in GGML order: ne[0] is the row length (the input dimension of a matmul),
// ne[1] the number of rows (its output dimension). data == nullptr means "not in this model".
struct TensorView {
    TensorType type = TensorType::F32;
    std::array<int64_t, 4> ne = {1, 1, 1, 1};
    const void* data = nullptr;
    uint64_t nbytes = 0;
    std::string name;

    bool present() const { return data != nullptr; }
    int64_t rows() const { return ne[1] * ne[2] * ne[3]; }
    uint64_t row_bytes() const;
    const uint8_t* row(int64_t r) const { return static_cast<const uint8_t*>(data) + r * row_bytes(); }
};

struct LayerWeights {
    TensorView attn_norm;                // [n_embd]
    TensorView wq, wk, wv;               // [n_embd] -> n_embd_q, n_embd_k_gqa, n_embd_v_gqa rows
    TensorView wqkv;                     // fused: n_embd_q + n_embd_k_gqa + n_embd_v_gqa rows
    TensorView bq, bk, bv;               // biases, qwen2
    TensorView q_norm, k_norm;           // [head_dim_k], qwen3 / gemma3
    TensorView wo;                       // [n_embd_q... head_dim_v * n_head] -> n_embd rows
    TensorView post_attn_norm;           // [n_embd], gemma
    TensorView ffn_norm;                 // [n_embd]
    TensorView ffn_gate, ffn_up;         // [n_embd] -> n_ff rows (ffn_up: 2 * n_ff if fused)
    TensorView ffn_down;                 // [n_ff] -> n_embd rows
    TensorView post_ffn_norm;            // [n_embd], gemma
};

struct Model {
    Hparams hp;
    Recipe recipe;
    std::vector<LayerWeights> layers;
    TensorView tok_embd;     // [n_embd] x n_vocab rows
    TensorView output_norm;  // [n_embd]
    TensorView output;       // [n_embd] -> n_vocab rows; the same tensor as tok_embd when tied
    bool output_tied = false;
    std::string name;        // general.name, or the file name
};

}  // namespace hearth::arch
