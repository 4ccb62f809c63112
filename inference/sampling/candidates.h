// Sampling from a summary of the logits row instead of the row itself, so that a backend can
// select on the device and send back a few hundred bytes per token instead of the vocabulary.
//
// The request names the tokens the penalties touch (the `ids`). The summary splits the row in
// two: those ids with their raw logits, and the rest, of which it holds the k best and the
// log-sum-exp. Penalties only lower logits (repeat_penalty >= 1, frequency/presence >= 0), so the
// penalised row's top-k lies inside (the rest's top-k) + (the ids): a token outside both is
// beaten by k tokens whose logits the penalties leave alone. Keeping the ids out of the rest's
// log-sum-exp (instead of subtracting their mass afterwards) keeps the greedy probability exact
// when a penalised token held nearly all of the mass.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "inference/sampling/sampler.h"

namespace hearth::sampling {

struct Candidate {
    int32_t token = -1;
    float logit = 0.0f;
};

// What to ask the backend for: the logits of `ids`, and of the other tokens the `k` best and
// the log-sum-exp.
struct CandidateRequest {
    int32_t k = 0;             // 1 ..= kMaxCandidates
    std::vector<int32_t> ids;  // distinct, ascending, in [0, n_vocab)
    int32_t n_vocab = 0;       // the row's size
    bool log_sum_exp = true;   // needed for greedy's probability only; top-k renormalises
};

// What a backend returns for the last row of an eval.
struct RowSummary {
    // The min(k, n_vocab - ids.size()) best tokens that are not in `ids`, best first (ties:
    // lower id first).
    std::vector<Candidate> top;
    std::vector<float> picked;       // the logits of `ids`, in request order
    double rest_log_sum_exp = 0.0;   // log(sum exp(logit)) over the tokens not in `ids` (-inf: none);
                                     // only when requested
};

// The most candidates a request may ask for: a top-k of 256 plus one (see candidate_request).
inline constexpr int32_t kMaxCandidates = 257;

// True when sampling from candidates gives exactly what `sample` gives on the full row:
// greedy or 1 <= top_k <= kMaxCandidates - 1 (256), and penalties that can only lower logits.
bool candidates_suffice(const SamplerParams& p);

// The request for the next token of `s` (call only when candidates_suffice(s.params)): the
// distinct penalised token ids below `n_vocab`, k = top_k + 1 (1 for greedy), and the
// log-sum-exp for greedy only.
CandidateRequest candidate_request(const Sampler& s, int32_t n_vocab);

// The summary of a full row, computed on the CPU (sums in double): backends without a device
// path use it, and tests compare device summaries against it.
// `ids` must be sorted and distinct (as in a CandidateRequest).
RowSummary summarize_row(std::span<const float> logits, int32_t k, std::span<const int32_t> ids,
                         bool log_sum_exp = true);

// Samples from `sum` (answering `req`) exactly as `sample` would from the full row, consuming
// the same random draw. nullopt when the candidates cannot decide exactly (a tie of scaled
// logits at the top-k boundary, which the temperature's rounding can create); then nothing was
// consumed and the caller falls back to `sample` on the full row.
std::optional<Sampled> sample_candidates(Sampler& s, const CandidateRequest& req, const RowSummary& sum);

}  // namespace hearth::sampling
