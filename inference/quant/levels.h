// The size levels a user picks ("Q4_K_M") and, for each, the type of every tensor: the per-tensor
// mixes of the published GGUF files. A level has a base type for the bulk of the matrices; the
// output matrix, and on the mixed levels attn_v, ffn_down and attn_output of some layers, keep more
// bits, because errors there reach the logits most directly. Norm weights and other vectors stay
// F32. A matrix whose rows the chosen type cannot hold falls back to the nearest type that can,
// and the plan says so.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "inference/gguf/gguf_reader.h"
#include "inference/tensor/tensor_type.h"

namespace hearth::quant {

// The IQ levels are llama.cpp's mixes of the same names. IQ2_S, like llama.cpp's, is a mix whose
// bulk is IQ2_XS with more bits (IQ3_S) for attn_v, attn_output and the token embedding; the
// IQ2_S type itself appears in the IQ3_XXS mix (attn_q, attn_k).
enum class Level : uint8_t {
    Q8_0, Q6_K, Q5_K_M, Q5_K_S, Q4_K_M, Q4_K_S, Q4_0, Q3_K_L, Q3_K_M, Q3_K_S, Q2_K,
    IQ4_NL, IQ4_XS, IQ3_S, IQ3_XXS, IQ2_S, IQ2_XS, IQ2_XXS, IQ1_M, IQ1_S,
};

// Largest first within each family.
inline constexpr Level kAllLevels[] = {Level::Q8_0,    Level::Q6_K,   Level::Q5_K_M, Level::Q5_K_S, Level::Q4_K_M,
                                       Level::Q4_K_S,  Level::Q4_0,   Level::Q3_K_L, Level::Q3_K_M, Level::Q3_K_S,
                                       Level::Q2_K,    Level::IQ4_NL, Level::IQ4_XS, Level::IQ3_S,  Level::IQ3_XXS,
                                       Level::IQ2_S,   Level::IQ2_XS, Level::IQ2_XXS, Level::IQ1_M, Level::IQ1_S};

const char* level_name(Level l);                          // "Q4_K_M"
std::optional<Level> level_from_name(std::string_view s);  // case-insensitive
// general.file_type as GGUF files store it (llama.cpp's numbering of the mixes: Q4_K_M = 15).
uint32_t level_file_type(Level l);
TensorType level_base_type(Level l);  // the type of the bulk of the matrices

// The type chosen for one tensor, and why it differs from the level's base type (empty if not).
struct TensorChoice {
    std::string name;
    TensorType from = TensorType::F32;  // the source's type
    TensorType to = TensorType::F32;
    std::string note;  // "keeps more bits (output)", "rows of 172 do not fit Q4_K: Q5_0", ...
    bool fallback = false;
};

// The whole model's plan, in the source's tensor order. Types every tensor of `file` once:
// matrices by the level's rules, everything else kept as stored. `with_imatrix`: whether the
// encoders will have an importance matrix; without one, IQ3_XXS, IQ4_NL and IQ4_XS keep more bits
// in attn_v / ffn_down, as llama.cpp's mixes do.
std::vector<TensorChoice> plan_tensors(const GgufFile& file, Level level, bool with_imatrix = false);

// A plan note for the level when there is no importance matrix ("an importance matrix is
// recommended"), or empty. Below 4 bits per weight the IQ grids fit noticeably better with one.
std::string level_advice(Level level, bool with_imatrix);

}  // namespace hearth::quant
