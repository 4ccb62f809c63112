// Reading a model's architecture out of a GGUF file: hyperparameters from the metadata, then
// every tensor the recipe needs, each checked for presence, shape and type. Errors name the file,
// the key or tensor, what was expected and what was found.
//
// Error codes: "arch.missing" (no general.architecture), "arch.unsupported" (an architecture we
// do not run), "arch.missing_key", "arch.bad_hparams" (zero, absurd or inconsistent sizes),
// "arch.unsupported_rope" (a RoPE scaling we do not implement), "arch.missing_tensor",
// "arch.bad_shape", "arch.bad_type".
#pragma once

#include "base/result.h"
#include "inference/arch/hparams.h"
#include "inference/arch/model.h"
#include "inference/gguf/gguf_reader.h"

namespace hearth::arch {

// Hyperparameters only (no tensors needed except token_embd for the vocabulary size, which falls
// back to the tokenizer's token list when the file has no tensors).
Result<Hparams> read_hparams(const GgufFile& f);

// The whole model. The returned views point into `f`, which must outlive the Model.
Result<Model> load_model(const GgufFile& f);

}  // namespace hearth::arch
