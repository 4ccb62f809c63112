// The two steps of the generation loop that talk to the backend beyond a plain eval: evaluating
// tokens and sampling the next one (from the backend's candidates when that is exact, from the
// full row otherwise), and the context shift. Internal to generate().
#pragma once

#include <cstdint>
#include <span>

#include "base/result.h"
#include "inference/engine/generate.h"
#include "inference/sampling/sampler.h"

namespace hearth::engine::detail {

struct StepOptions {
    bool on_backend = true;  // sample from the backend's candidates when that is exact
    bool details = false;    // fill Sampled::info (untruncated probability, top alternatives)
};

// Evaluates `tokens` at `pos0` and samples the next token from the last row. Counts full-row
// steps in `stats.n_full_rows`. Does not record anything in `session.cached`.
Result<sampling::Sampled> eval_and_sample(Session& session, sampling::Sampler& sampler,
                                          std::span<const int32_t> tokens, int32_t pos0, StepOptions opt,
                                          GenerateStats& stats);

// Shifts a full context: keeps the first `keep` tokens (clamped to [0, n - 1]) and drops half
// of the rest (at least one) from the backend's cache and from `session.cached`.
Status shift_context(Session& session, int32_t keep);

}  // namespace hearth::engine::detail
