#include "inference/engine/decode_step.h"

#include <algorithm>

#include "inference/sampling/candidates.h"
#include "inference/sampling/token_detail.h"

namespace hearth::engine::detail {

Result<sampling::Sampled> eval_and_sample(Session& session, sampling::Sampler& sampler,
                                          std::span<const int32_t> tokens, int32_t pos0, StepOptions opt,
                                          GenerateStats& stats) {
    Backend& b = *session.backend;
    if (opt.on_backend && sampling::candidates_suffice(sampler.params)) {
        sampling::CandidateRequest req = sampling::candidate_request(sampler, b.n_vocab());
        if (opt.details) sampling::request_details(req);
        sampling::RowSummary sum;
        if (auto st = b.eval_candidates(tokens, pos0, req, sum); !st) return st.error();
        if (auto s = sampling::sample_candidates(sampler, req, sum)) {
            if (opt.details) sampling::describe_candidates(sampler, req, sum, s->token, s->info);
            return *s;
        }
        // A tie at the top-k boundary (rare): evaluate again for the full row below.
    }
    ++stats.n_full_rows;
    session.logits.resize(static_cast<size_t>(b.n_vocab()));
    if (auto st = b.eval(tokens, pos0, session.logits); !st) return st.error();
    sampling::Sampled s = sampling::sample(sampler, session.logits);
    // `sample` leaves the penalised row in its scratch.
    if (opt.details) sampling::describe_row(sampler.scratch_logits, s.token, s.info);
    return s;
}

Status shift_context(Session& session, int32_t keep) {
    const auto n = static_cast<int32_t>(session.cached.size());
    keep = std::clamp(keep, 0, std::max(0, n - 1));
    const int32_t discard = std::max(1, (n - keep) / 2);
    if (auto st = session.backend->shift(keep, discard); !st) return st;
    session.cached.erase(session.cached.begin() + keep, session.cached.begin() + keep + discard);
    return {};
}

}  // namespace hearth::engine::detail
