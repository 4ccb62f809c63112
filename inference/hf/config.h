// A Hugging Face model's config.json, read into what a GGUF file states about the model: the
// architecture (general.architecture) and the hyper-parameters the engine reads (inference/arch/
// hparams.h for the keys), for every architecture the engine runs: llama (and Mistral, which GGUF
// files also call llama), qwen2, qwen3, phi3, gemma2 and gemma3.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/json.h"
#include "base/result.h"
#include "inference/arch/hparams.h"
#include "inference/gguf/gguf_writer.h"

namespace hearth::hf {

struct HfConfig {
    arch::Arch arch = arch::Arch::Llama;
    int32_t n_layer = 0;
    int32_t n_head = 0;
    int32_t n_head_kv = 0;
    int32_t head_dim = 0;   // of the keys and queries
    bool tie_embeddings = false;
    std::optional<int64_t> bos_id, eos_id;  // config.json's, used when the tokenizer files give none
    // Phi-3 LongRoPE: the per-frequency divisors, which GGUF stores as two F32 tensors.
    std::vector<float> rope_long, rope_short;
    json::Value raw;        // the object the values were read from (text_config for multimodal Gemma 3)
};

// Errors: "hf.bad_config" (not an object, a missing or out-of-range size, unsupported RoPE
// scaling), "hf.unknown_arch" (an architecture the engine does not run; the message names it and
// the ones it does). `file` names config.json in messages.
Result<HfConfig> read_config(std::string_view text, const std::string& file);

// Writes general.architecture and the `<arch>.*` keys.
void write_hparams(const HfConfig& c, GgufWriter& w);

}  // namespace hearth::hf
