// What a size level (quantization type) costs in accuracy, in words a non-technical user can
// weigh. The measured figure (KL divergence / top-1 agreement against the full model, stored by
// the quantize step) wins; without one, a published estimate for the type is shown, labelled
// as an estimate.
//
// Source of the estimates: the option list of llama.cpp's quantize tool (tools/quantize,
// QUANT_OPTIONS), which states each type's perplexity increase on Llama-3-8B (wikitext-2);
// F16/BF16 from the same list (Mistral-7B). We turn the increase into a share of that model's
// F16 perplexity (6.23), which is the number shown.
#pragma once

#include <QString>
#include <optional>
#include <string>

#include "inference/gguf/gguf_reader.h"

struct QuantEstimate {
    const char* type;      // "Q4_K_M"
    double bits;           // bits per weight, about
    double ppl_increase;   // added perplexity on Llama-3-8B
};

inline constexpr double kReferencePerplexity = 6.23;  // Llama-3-8B F16, wikitext-2

// The published estimate for a type name ("q4_k_m" or "Q4_K_M"); none for unknown types.
std::optional<QuantEstimate> quant_estimate(const QString& type);

struct AccuracyText {
    QString summary;  // "About 97 % of the full model's quality"
    QString detail;   // how it was obtained
    bool estimate = true;
};

// kl / top1: the measured figures, when the model's record has them.
AccuracyText describe_accuracy(const QString& type, std::optional<double> kl, std::optional<double> top1);

// The type holding most of the file's weight bytes ("F32", "Q4_K"), for files whose header
// names no file type (general.file_type).
std::string dominant_weight_type(const hearth::GgufFile& file);

// "4-bit (Q4_K_M)", or the type alone when its size is unknown.
QString size_level_words(const QString& type);
