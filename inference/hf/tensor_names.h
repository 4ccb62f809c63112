// Hugging Face tensor names to GGUF's: "model.layers.3.self_attn.q_proj.weight" ->
// "blk.3.attn_q.weight". The transformers implementations of all six architectures share one
// naming scheme, except that Gemma's "post_attention_layernorm" is a norm after attention where
// the others use the name for the norm before the FFN.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "inference/arch/hparams.h"

namespace hearth::hf {

enum class NameResult { Mapped, Skip, Unknown };

struct MappedName {
    NameResult result = NameResult::Unknown;
    std::string gguf;  // when Mapped
    int layer = -1;    // the block number, -1 for the model-wide tensors
};

// Skip: a tensor the GGUF model does not carry (rotary inv_freq buffers, a multimodal model's
// vision tower). Unknown: a name this converter does not know: the caller refuses the model.
MappedName gguf_tensor_name(arch::Arch a, std::string_view hf_name);

}  // namespace hearth::hf
