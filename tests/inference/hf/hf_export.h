// Test helper: writes a GGUF model out as a Hugging Face model folder (config.json, safetensors,
// tokenizer.model, tokenizer_config.json), the way the transformers library lays one out, so the
// importer can be checked against the GGUF it came from. Written from the formats' definitions and
// independently of inference/hf: its own safetensors and protobuf writers, its own name table, and
// the inverse of GGUF's RoPE row order stated directly (HF row i < d/2 of a head is GGUF row 2i,
// HF row d/2 + i is GGUF row 2i + 1).
#pragma once

#include <filesystem>
#include <set>
#include <string>

#include "inference/gguf/gguf_reader.h"
#include "inference/tensor/tensor_type.h"

namespace hearth::test {

struct HfExportOptions {
    TensorType dtype = TensorType::F32;  // of the matrices: F32, F16 or BF16 (vectors stay F32)
    int shards = 1;                      // > 1: model-0000i-of-0000N.safetensors + index
    std::set<std::string> drop;          // GGUF names of tensors to leave out
    std::string architecture;            // overrides architectures[0] in config.json
    bool misalign = false;               // one more header byte: tensor data at odd addresses
};

// Returns an empty string on success, else what went wrong.
std::string export_hf_folder(const GgufFile& g, const std::filesystem::path& dir, const HfExportOptions& o = {});

// A safetensors file from (name, dtype, shape, bytes) entries, laid out back to back.
struct StEntry {
    std::string name, dtype;
    std::vector<int64_t> shape;
    std::vector<uint8_t> bytes;
};
// `extra_pad` spaces after the usual padding to 8 bytes.
std::vector<uint8_t> safetensors_bytes(const std::vector<StEntry>& entries, int extra_pad = 0);

}  // namespace hearth::test
