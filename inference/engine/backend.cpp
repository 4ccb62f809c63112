#include "inference/engine/backend.h"

#include <string>
#include <vector>

namespace hearth::engine {

Status check_shift(int32_t keep, int32_t discard, int32_t n_cached) {
    if (keep < 0 || discard < 1 || static_cast<int64_t>(keep) + discard > n_cached)
        return make_error("engine.bad_shift", "Internal error: a context shift was asked to drop positions " +
                                                  std::to_string(keep) + ".." + std::to_string(int64_t(keep) + discard) +
                                                  " of the " + std::to_string(n_cached) + " cached.");
    return {};
}

Status check_candidate_request(const sampling::CandidateRequest& req, int32_t n_vocab) {
    auto bad = [](const std::string& why) {
        return make_error("engine.bad_eval", "Internal error: the sampler asked for " + why + ".");
    };
    if (req.k < 1 || req.k > sampling::kMaxCandidates)
        return bad(std::to_string(req.k) + " candidates (1 to " + std::to_string(sampling::kMaxCandidates) +
                   " are possible)");
    for (size_t i = 0; i < req.ids.size(); ++i) {
        const int32_t id = req.ids[i];
        if (id < 0 || id >= n_vocab) return bad("the logit of token " + std::to_string(id) + " outside the vocabulary");
        if (i > 0 && id <= req.ids[i - 1]) return bad("token ids that are not distinct and ascending");
    }
    return {};
}

Status Backend::eval_candidates(std::span<const int32_t> tokens, int32_t pos0, const sampling::CandidateRequest& req,
                                sampling::RowSummary& out) {
    if (auto st = check_candidate_request(req, n_vocab()); !st) return st;
    std::vector<float> row(static_cast<size_t>(n_vocab()));
    if (auto st = eval(tokens, pos0, row); !st) return st;
    out = sampling::summarize_row(row, req.k, req.ids, req.log_sum_exp);
    return {};
}

Status Backend::shift(int32_t, int32_t) {
    return make_error("engine.shift_unsupported",
                      std::string("The ") + name() + " backend cannot shift its context; stop at a full context instead.");
}

Status Backend::set_activation_observer(ActivationObserver* obs) {
    if (!obs) return {};
    return make_error("engine.no_observer", std::string("The ") + name() +
                                                " backend cannot report activations; use the cpu backend to collect an "
                                                "importance matrix.");
}

}  // namespace hearth::engine
