// The local model files Hearth knows, and what was predicted and measured about each.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"

namespace hearth::storage {

struct Connection;

struct ModelRecord {
    int64_t id = 0;
    std::string path;            // the .gguf on disk; unique
    std::string repo, file;      // where it came from (Hugging Face repo and file), if downloaded
    std::string architecture;    // e.g. llama, qwen2
    std::string quant;           // e.g. Q4_K_M
    int64_t size_bytes = 0;
    std::string sha256;          // lowercase hex
    std::optional<int64_t> vram_predicted_bytes, vram_measured_bytes;
    std::optional<double> tokens_per_s, prompt_tokens_per_s;
    std::optional<double> kl_divergence, top1_agreement;  // against the reference backend
    int64_t added_at = 0;
};

// Inserts, or updates the row with the same path (keeping its id and added_at). Returns the id.
Result<int64_t> upsert_model(Connection& c, const ModelRecord& m);
Result<ModelRecord> get_model(Connection& c, int64_t id);
Result<std::optional<ModelRecord>> find_model_by_path(Connection& c, const std::string& path);
Result<std::vector<ModelRecord>> list_models(Connection& c);  // newest first
Status remove_model(Connection& c, int64_t id);

// Stores a benchmark or accuracy run's results; fields left empty keep their old values.
struct ModelMeasurements {
    std::optional<int64_t> vram_measured_bytes;
    std::optional<double> tokens_per_s, prompt_tokens_per_s, kl_divergence, top1_agreement;
};
Status record_model_measurements(Connection& c, int64_t id, const ModelMeasurements& m);

}  // namespace hearth::storage
