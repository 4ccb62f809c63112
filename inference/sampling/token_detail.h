// A sampled token's data for the confidence view (base/token_info.h): its probability under the
// untruncated distribution and the most likely alternatives, computed from the full row or,
// exactly the same, from the backend's candidates.
#pragma once

#include <cstdint>
#include <span>

#include "base/token_info.h"
#include "inference/sampling/candidates.h"
#include "inference/sampling/sampler.h"

namespace hearth::sampling {

// Makes `req` ask for what describe_candidates needs: at least kTopAlternatives candidates and
// the log-sum-exp. Sampling from the enlarged request gives the same token (the top-k
// survivors are the same; see candidates.h).
void request_details(CandidateRequest& req);

// From the penalised row (what `sample` leaves in Sampler::scratch_logits): softmax at
// temperature 1 for `token` and the kTopAlternatives best. Fills token, probability, top, n_top.
void describe_row(std::span<const float> penalised, int32_t token, TokenInfo& out);

// The same from the candidates of a request made with request_details, for sampler `s` before
// the token is accepted into its penalty window.
void describe_candidates(const Sampler& s, const CandidateRequest& req, const RowSummary& sum, int32_t token,
                         TokenInfo& out);

}  // namespace hearth::sampling
