// A Hugging Face model folder, seen as a GGUF model: config.json becomes the hyper-parameter
// metadata (config.h), the tokenizer files the tokenizer.ggml.* keys (vocab.h), and the
// safetensors weights (model.safetensors, or the shards model.safetensors.index.json lists) GGUF
// tensors (tensor_names.h), read one at a time: llama's q_proj/k_proj rows reordered for GGUF's
// RoPE (rope_permute.h), Gemma's norms stored as 1 + w (GGUF's convention, see arch/recipe.h),
// vectors as F32, matrices in their stored type (F32, F16 or BF16).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "inference/gguf/gguf_reader.h"
#include "inference/hf/safetensors.h"

namespace hearth::hf {

// True when `dir` is a folder holding a config.json (what open_model expects).
bool is_model_folder(const std::filesystem::path& dir);

class HfModel {
public:
    // Errors: "hf.missing_config", "hf.no_weights" (no safetensors, or only PyTorch .bin files),
    // "hf.missing_part" (a shard the index lists is not there), "hf.missing_tensor",
    // "hf.unknown_tensor" (a weight this converter cannot place), "hf.duplicate_tensor",
    // "hf.missing_tokenizer", "hf.bad_tokenizer" (more tokens than embedding rows), "hf.bad_shape",
    // config.h's, vocab.h's, safetensors.h's, and
    // arch::read_hparams's for what the converted metadata says.
    static Result<std::unique_ptr<HfModel>> open(const std::filesystem::path& dir);

    // Metadata and tensor table as a GGUF would hold them; the tensors' data pointers are null.
    const GgufFile& table() const { return *table_; }
    // Tensor i's bytes in table().tensors()[i]'s type, aligned to its element size; valid until
    // the next read().
    Result<std::span<const uint8_t>> read(size_t i);
    // Gives back the memory tensor i took (its file pages).
    void release(size_t i);

    enum class Transform { None, ToF32, AddOne, PermuteRope };
    struct Tensor {
        std::string name;  // GGUF name
        TensorType type = TensorType::F32;
        std::vector<int64_t> ne;
        int file = -1;               // index into files_; -1: `values` holds the data
        const SafeTensor* src = nullptr;
        Transform transform = Transform::None;
        int32_t n_head = 0;          // PermuteRope: heads in the rows
        std::vector<float> values;   // tensors made from config.json (Phi-3's RoPE factors)
    };

private:
    HfModel() = default;

    std::vector<SafetensorsFile> files_;
    std::vector<Tensor> tensors_;  // in table() order
    std::vector<uint8_t> header_;
    std::unique_ptr<GgufFile> table_;
    std::vector<uint8_t> out_, tmp_;
};

}  // namespace hearth::hf
