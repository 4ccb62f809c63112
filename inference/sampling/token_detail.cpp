#include "inference/sampling/token_detail.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "inference/sampling/draw.h"

namespace hearth::sampling {

namespace {

// Fills `out` from (logit, id) pairs that contain the row's kTopAlternatives best and `token`,
// and the log-sum-exp of the whole row.
void fill(std::vector<std::pair<float, int32_t>>& pool, double lse, int32_t token, float token_logit, TokenInfo& out) {
    const size_t n = std::min(pool.size(), static_cast<size_t>(kTopAlternatives));
    std::partial_sort(pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(n), pool.end(), detail::better);
    out.token = token;
    out.probability = static_cast<float>(std::exp(static_cast<double>(token_logit) - lse));
    out.n_top = static_cast<int32_t>(n);
    for (size_t i = 0; i < n; ++i)
        out.top[i] = {pool[i].second, static_cast<float>(std::exp(static_cast<double>(pool[i].first) - lse))};
}

}  // namespace

void request_details(CandidateRequest& req) {
    req.k = std::max(req.k, kTopAlternatives);
    req.log_sum_exp = true;
}

void describe_row(std::span<const float> penalised, int32_t token, TokenInfo& out) {
    out = TokenInfo{};
    out.token = token;
    if (penalised.empty() || token < 0 || static_cast<size_t>(token) >= penalised.size()) return;
    double mx = -std::numeric_limits<double>::infinity();
    for (float l : penalised) mx = std::max(mx, static_cast<double>(l));
    double sum = 0.0;
    for (float l : penalised) sum += std::exp(static_cast<double>(l) - mx);
    // Only the best few are needed: one pass keeping a small sorted list.
    std::vector<std::pair<float, int32_t>> best;
    for (size_t i = 0; i < penalised.size(); ++i) {
        const std::pair<float, int32_t> c{penalised[i], static_cast<int32_t>(i)};
        if (best.size() == kTopAlternatives && !detail::better(c, best.back())) continue;
        best.insert(std::upper_bound(best.begin(), best.end(), c, detail::better), c);
        if (best.size() > kTopAlternatives) best.pop_back();
    }
    fill(best, mx + std::log(sum), token, penalised[static_cast<size_t>(token)], out);
}

void describe_candidates(const Sampler& s, const CandidateRequest& req, const RowSummary& sum, int32_t token,
                         TokenInfo& out) {
    out = TokenInfo{};
    out.token = token;
    // The penalised row's best lie among the rest's best and the penalised ids (candidates.h).
    std::vector<std::pair<float, int32_t>> pool;
    for (const Candidate& c : sum.top) pool.emplace_back(c.logit, c.token);
    double lse = sum.rest_log_sum_exp;
    for (size_t i = 0; i < req.ids.size() && i < sum.picked.size(); ++i) {
        const int32_t id = req.ids[i];
        const auto count = static_cast<int32_t>(std::count(s.recent.begin(), s.recent.end(), id));
        const float l = detail::penalised(s.params, sum.picked[i], count);
        pool.emplace_back(l, id);
        const double hi = std::max(lse, static_cast<double>(l)), lo = std::min(lse, static_cast<double>(l));
        lse = std::isinf(lo) ? hi : hi + std::log1p(std::exp(lo - hi));
    }
    float token_logit = -std::numeric_limits<float>::infinity();
    for (const auto& [l, id] : pool)
        if (id == token) token_logit = l;
    fill(pool, lse, token, token_logit, out);
}

}  // namespace hearth::sampling
