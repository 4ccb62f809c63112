// The parts of `sample` that sampling from candidates must repeat bit for bit, shared so that
// the two paths cannot drift apart. Internal to inference/sampling.
#pragma once

#include <cstdint>
#include <span>
#include <utility>

#include "inference/sampling/sampler.h"

namespace hearth::sampling::detail {

// One token's logit after the penalties, for a token seen `count` times in the window.
inline float penalised(const SamplerParams& p, float l, int32_t count) {
    // CTRL's penalty (Keskar et al. 2019) divides positive logits and multiplies negative
    // ones, so that it always makes the token less likely.
    if (p.repeat_penalty != 1.0f && p.repeat_penalty > 0.0f) l = l > 0.0f ? l / p.repeat_penalty : l * p.repeat_penalty;
    l -= static_cast<float>(count) * p.frequency_penalty + p.presence_penalty;
    return l;
}

// Whether the penalties change anything for this window.
inline bool penalties_active(const SamplerParams& p, size_t window) {
    if (window == 0 || p.penalty_last_n <= 0) return false;
    return !(p.repeat_penalty == 1.0f && p.frequency_penalty == 0.0f && p.presence_penalty == 0.0f);
}

// Candidate order: larger scaled logit first, then the lower id.
inline bool better(const std::pair<float, int32_t>& a, const std::pair<float, int32_t>& b) {
    return a.first > b.first || (a.first == b.first && a.second < b.second);
}

// Top-p, min-p and the draw over the top-k survivors (scaled logit, id), sorted by `better`.
Sampled draw_sorted(Sampler& s, std::span<const std::pair<float, int32_t>> c);

}  // namespace hearth::sampling::detail
