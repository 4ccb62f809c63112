// Making a model smaller: reads a GGUF (F32, F16, BF16 or Q8_0 matrices) or a Hugging Face model
// folder (through source.h), re-encodes every matrix in the type its level's plan chooses (levels.h), with the importance matrix when one is given,
// and writes a GGUF any reader loads, with general.file_type and general.quantization_version = 2.
//
// Streaming: the source is memory-mapped and read one tensor at a time (its pages are released
// after use); only one tensor's output is held in memory, quantized by N threads; the header is
// computed first from the plan, so the file is written front to back into "<out>.part", synced and
// renamed at the end (output_file.h). plan_quantize predicts the exact file size from the source's
// shapes alone.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "base/result.h"
#include "inference/gguf/gguf_reader.h"
#include "inference/quant/block_quant.h"
#include "inference/quant/imatrix.h"
#include "inference/quant/levels.h"

namespace hearth::quant {

struct QuantizeProgress {
    int tensor = 0;          // index of the tensor being written
    int n_tensors = 0;
    std::string_view name;   // its name
    uint64_t done = 0;       // source bytes processed so far
    uint64_t total = 0;      // source bytes in all
    double elapsed_s = 0;
    double eta_s = -1;       // -1 until there is enough to estimate from
};

struct QuantizeOptions {
    Level level = Level::Q4_K_M;
    const Imatrix* imatrix = nullptr;  // null: the default weighting
    std::string imatrix_name;          // recorded in the output's metadata
    // plan_quantize only, with imatrix null: an importance matrix made from the text file
    // imatrix_name will be given when the file is written (quantize --plan --calibrate), so plan
    // the mix and the metadata it gets (the level's rules can depend on it: IQ3_XXS).
    bool imatrix_pending = false;
    int threads = 0;                   // 0: one per hardware thread
    Rounding rounding = Rounding::Weighted;  // Plain: the measurement baseline (block_quant.h)
    std::function<void(const QuantizeProgress&)> on_progress;  // called from the calling thread
    const std::atomic<bool>* cancel = nullptr;  // set to stop: "quant.cancelled", nothing left behind
};

struct QuantizePlan {
    std::vector<TensorChoice> tensors;
    uint64_t file_size = 0;       // exact size of the file quantize_model writes
    uint64_t n_weights = 0;       // elements in all tensors
    double bits_per_weight = 0;   // 8 * (tensor data bytes) / n_weights
    // GPU memory the engine will allocate for the output at its training context (weights, KV
    // cache, scratch), from arch::plan_memory; 0 when the source is not a model the engine runs.
    uint64_t vram_bytes = 0;
    std::vector<std::string> notes;  // fallbacks and imatrix gaps, in plain words
};

// The plan and exact output size for `src` at opts.level, without writing anything. Errors:
// "quant.bad_source" (a tensor type that cannot be read), "imatrix.mismatch" (an importance
// vector whose length is not the matrix's row length).
Result<QuantizePlan> plan_quantize(const GgufFile& src, const QuantizeOptions& opts);

struct QuantizeResult {
    QuantizePlan plan;
    double seconds = 0;
    uint64_t source_bytes = 0;
};

// `in` is a GGUF file or a Hugging Face model folder (source.h).
// Errors: those of open_source and plan_quantize, "quant.same_file" (out is the source),
// "quant.disk_full", "quant.write", "quant.cancelled", and the encoders' ("tensor.non_finite").
// On any error the source is untouched and nothing exists under `out`.
Result<QuantizeResult> quantize_model(const std::filesystem::path& in, const std::filesystem::path& out,
                                      const QuantizeOptions& opts);

}  // namespace hearth::quant
