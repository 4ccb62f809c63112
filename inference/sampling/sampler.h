// Token samplers. One Sampler holds the settings, the seeded PRNG and the recent-token window the
// penalties look at; `sample` turns a row of logits into a token and the probability it had.
//
// The transforms run in Hugging Face's order:
//   penalties (repetition, frequency, presence over the last `penalty_last_n` tokens)
//   → temperature → top-k → top-p → min-p → renormalise → draw.
// temperature <= 0 means greedy: the arg-max of the penalised logits, with its plain softmax
// probability (temperature 1, no truncation) as the reported probability.
// sampling/candidates.h samples the same way from a summary of the row that a backend can make
// on the device.
#pragma once

#include <cstdint>
#include <deque>
#include <span>
#include <vector>

#include "base/token_info.h"
#include "inference/sampling/rng.h"

namespace hearth::sampling {

struct SamplerParams {
    float temperature = 0.8f;      // <= 0: greedy
    int32_t top_k = 40;            // <= 0: off
    float top_p = 0.95f;           // >= 1: off
    float min_p = 0.05f;           // <= 0: off; keeps tokens with p >= min_p * p_max
    float repeat_penalty = 1.0f;   // 1: off; CTRL-style (divide positive logits, multiply negative)
    float frequency_penalty = 0.0f;  // subtracted once per occurrence in the window
    float presence_penalty = 0.0f;   // subtracted once if the token occurs in the window
    int32_t penalty_last_n = 64;   // window for the penalties; 0: off
    uint64_t seed = 0;
};

// Settings that make `sample` pure greedy decoding.
SamplerParams greedy_params();

struct Sampler {
    SamplerParams params;
    Rng rng;
    std::deque<int32_t> recent;  // the last penalty_last_n accepted tokens, oldest first
    std::vector<float> scratch_logits;          // reused between calls
    std::vector<std::pair<float, int32_t>> scratch_candidates;
};

struct Sampled {
    int32_t token = -1;
    float probability = 0.0f;  // of `token` in the distribution it was drawn from
    TokenInfo info{};          // filled only on request (sampling/token_detail.h)
};

Sampler make_sampler(const SamplerParams& params);

// Chooses the next token from `logits` (one value per vocabulary entry). Does not record it in
// the penalty window: call `accept` with the token that is actually kept (usually the result).
Sampled sample(Sampler& s, std::span<const float> logits);

// Records a token in the penalty window (prompt tokens too, if they should count).
void accept(Sampler& s, int32_t token);

// Re-seeds and clears the window.
void reset(Sampler& s);

// Applies the penalties of `p` for the tokens in `recent` to `logits`, in place. Exposed for tests
// and for backends that sample on the device.
void apply_penalties(const SamplerParams& p, const std::deque<int32_t>& recent, std::span<float> logits);

}  // namespace hearth::sampling
