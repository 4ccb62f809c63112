// Synthetic models: complete GGUF files (hyperparameters, every tensor an architecture needs, and
// a tiny SentencePiece-style vocabulary) with seeded random weights, for tests and benchmarks of
// any shape and tensor type. Files are streamed to disk a row at a time, so a 7B-shaped Q4_K
// model needs only a few rows of memory.
//
// Weights depend only on the seed and the tensor name, not on the tensor type: an F32 model and
// a Q8_0 model written from the same spec hold the same numbers up to quantization error, which is
// what makes "the quantized model is close to its F32 twin" testable. The bytes written do not
// depend on the number of writer threads either.
//
// For speed benchmarks of large shapes, Fill::RandomBlocks skips the quantizer: quantized
// matrices are made of random block bytes with f16 scales chosen so every value is finite and of
// the same magnitude as the Quantize fill. Such a model computes finite but meaningless numbers
// and has no F32 twin; it exists so a 7B-shaped file can be written in seconds.
#pragma once

#include <cstdint>
#include <filesystem>

#include "base/result.h"
#include "inference/arch/hparams.h"
#include "inference/tensor/tensor_type.h"

namespace hearth::arch {

struct SyntheticSpec {
    Arch arch = Arch::Llama;
    int32_t n_embd = 64;
    int32_t n_layer = 2;
    int32_t n_head = 4;
    int32_t n_head_kv = 2;
    int32_t head_dim = 0;  // 0: n_embd / n_head (written as attention.key_length/value_length)
    int32_t n_ff = 128;
    int32_t n_vocab = 320;
    int32_t n_ctx = 256;
    TensorType type = TensorType::F32;  // matmul weights; rows that the type cannot hold are F16
    TensorType embd_type = TensorType::F32;  // token_embd (and the tied output)
    bool tied_output = false;  // llama/qwen/phi3 only; gemma is always tied
    int32_t sliding_window = 0;  // gemma (and phi3): 0 means the architecture's default
    float llama3_rope_factor = 0.0f;  // > 0: write Llama 3 rope scaling with this factor
    float rope_base = 10000.0f;
    uint64_t seed = 1;
    // Weights shaped like a trained model's, for quantizer measurements: matrices Student-t (4
    // degrees of freedom) instead of uniform, and every norm weight 8x larger on the same ~2% of
    // channels, so a few input channels of each product carry outlier activations.
    bool heavy_tailed = false;

    enum class Fill : uint8_t {
        Quantize,      // seeded random floats through the reference quantizer (the default)
        RandomBlocks,  // quantized matrices as random valid blocks; for speed benchmarks only
    };
    Fill fill = Fill::Quantize;
    int32_t threads = 0;  // writer threads; 0: one per hardware thread
};

// Writes the model to `path` (via path + ".tmp", renamed at the end). Errors: "arch.bad_spec"
// (a spec that load_model would refuse), "synthetic.write" (I/O, with the OS reason).
Status write_synthetic_model(const SyntheticSpec& spec, const std::filesystem::path& path);

// The size in bytes of the file write_synthetic_model would write for `spec` (0 for a bad spec):
// for checking free disk space, and for reporting.
uint64_t synthetic_model_bytes(const SyntheticSpec& spec);

// Block types Fill::RandomBlocks writes directly; other types go through the quantizer.
bool random_blocks_supported(TensorType t);

// One row of `cols` elements (a multiple of the block size) of random valid blocks of type t
// (random_blocks_supported(t)), every element bounded by about `spread`, the same for the same
// seed and row. For tests and benchmarks of types Hearth reads but does not write (the IQ types).
void fill_random_block_row(TensorType t, int64_t cols, float spread, uint64_t seed, int64_t row, uint8_t* out);

}  // namespace hearth::arch
