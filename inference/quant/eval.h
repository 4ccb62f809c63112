// What a quantization cost, measured: a model's next-token distributions on a text compared with
// a reference model's (normally the F32 or F16 original). The text is cut into chunks of n_ctx
// tokens, each evaluated from an empty cache with BOS in its first place, and the second half of
// each chunk is scored (llama.cpp's perplexity method, whose figures the testdata README gives).
//
// The reference's distributions are collected once and can be saved, so the reference and the
// model under test never need to be loaded together. Each scored position keeps the reference's
// top_k most likely tokens (all of them when top_k equals the vocabulary) with their
// log-probabilities, and the log-probability of the true next token.
//
// Reference file: a GGUF with metadata eval.n_ctx, eval.n_vocab, eval.top_k (u32), eval.reference
// and eval.text (strings), and F32 tensors "tokens" [n_tokens] (token ids, exact as floats below
// 2^24), "ids" [top_k, n_pos], "logp" [top_k, n_pos] (descending per position) and "target_logp"
// [n_pos].
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "base/result.h"
#include "inference/engine/backend.h"

namespace hearth::quant {

struct ReferenceData {
    int32_t n_ctx = 0, n_vocab = 0, top_k = 0;
    std::string reference, text;  // names, for reports
    std::vector<int32_t> tokens;  // the whole text as evaluated (first token BOS)
    std::vector<int32_t> ids;     // [n_pos][top_k]
    std::vector<float> logp;      // [n_pos][top_k]
    std::vector<float> target_logp;  // [n_pos]

    size_t n_pos() const { return target_logp.size(); }
};

// top_k <= 0 or >= the vocabulary: every token. Errors: "engine.too_short", the backend's.
Result<ReferenceData> collect_reference(engine::Backend& b, std::span<const int32_t> tokens, int32_t n_ctx,
                                        int32_t bos, int32_t top_k);
Status save_reference(const ReferenceData& r, const std::filesystem::path& path);
// Errors: the GGUF reader's, "eval.bad_reference".
Result<ReferenceData> load_reference(const std::filesystem::path& path);

// Each figure with its standard error.
struct EvalResult {
    int64_t tokens = 0;  // positions scored
    double perplexity = 0, perplexity_se = 0;
    double ref_perplexity = 0, ref_perplexity_se = 0;
    double kld_mean = 0, kld_mean_se = 0;  // nats
    double kld_p99 = 0, kld_p99_se = 0;
    double top1 = 0, top1_se = 0;  // share of positions whose most likely token is the reference's
    double delta_p = 0, delta_p_se = 0;  // mean change of the true next token's probability
};

// Evaluates `b` (same vocabulary as the reference) on the reference's text. Errors:
// "eval.vocab_mismatch", the backend's.
Result<EvalResult> evaluate(engine::Backend& b, int32_t bos, const ReferenceData& ref);

// The perplexity of the reference itself on its text, with its standard error.
void reference_perplexity(const ReferenceData& ref, double& ppl, double& se);

}  // namespace hearth::quant
