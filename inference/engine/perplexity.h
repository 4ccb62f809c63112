// Perplexity the way llama.cpp's perplexity tool measures it, so figures are comparable: the
// tokens (BOS first) are cut into chunks of n_ctx; each chunk is evaluated from an empty cache
// with its first token replaced by BOS, and only its second half is scored (every position from
// n_ctx/2 to n_ctx-2 predicting the next token). Used to check backends and quantizations
// against each other on real text.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/result.h"
#include "inference/engine/backend.h"

namespace hearth::engine {

struct PerplexityResult {
    double ppl = 0;
    std::vector<double> running;  // the perplexity over the chunks so far, after each chunk
    int32_t n_scored = 0;         // predictions scored
};

// Errors: "engine.too_short" when the tokens do not fill one chunk; the backend's errors.
// n_ctx must be at most the backend's n_ctx() and at least 4.
Result<PerplexityResult> perplexity(Backend& backend, std::span<const int32_t> tokens, int32_t n_ctx, int32_t bos);

}  // namespace hearth::engine
