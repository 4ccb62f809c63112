// Quantization levels as GGUF file names and catalogs spell them ("Q4_K_M", "IQ3_M", "F16"): the
// level names llama.cpp's quantizer writes, each a recipe that stores most tensors in one type
// (the rest in larger K or plain types). Hearth runs a level when it reads that type; the engine's
// own type table (tensor_type.h) decides, so a type that becomes supported needs no change here.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "inference/tensor/tensor_type.h"

namespace hearth {

// The tensor type most of a level's tensors use: a type's own name ("Q8_0", "IQ4_XS", "TQ1_0"),
// a K-quant level's type ("Q4_K_M" -> Q4_K, "Q6_K_L" -> Q6_K), an IQ mix's type ("IQ3_M" ->
// IQ3_S, "IQ2_M" -> IQ2_S), "FP16" -> F16. Case-insensitive; nullopt for a name no type matches
// (including the repacked "Q4_0_4_4" layouts, which GGUF no longer defines).
std::optional<TensorType> level_main_type(std::string_view level);

// Empty when Hearth can run files of this level; otherwise why not, in words a user can act on.
std::string level_unsupported_reason(std::string_view level);

}  // namespace hearth
