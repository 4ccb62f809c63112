#include "inference/sampling/candidates.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "inference/sampling/draw.h"

namespace hearth::sampling {

bool candidates_suffice(const SamplerParams& p) {
    const bool greedy = p.temperature <= 0.0f;
    if (!greedy && !(p.top_k >= 1 && p.top_k < kMaxCandidates)) return false;
    if (p.penalty_last_n <= 0) return true;
    // apply_penalties ignores repeat_penalty <= 0; in (0, 1) it would raise logits.
    const bool repeat_lowers = p.repeat_penalty >= 1.0f || p.repeat_penalty <= 0.0f;
    return repeat_lowers && p.frequency_penalty >= 0.0f && p.presence_penalty >= 0.0f;
}

CandidateRequest candidate_request(const Sampler& s, int32_t n_vocab) {
    CandidateRequest req;
    req.n_vocab = n_vocab;
    if (detail::penalties_active(s.params, s.recent.size())) {
        for (int32_t t : s.recent)
            if (t >= 0 && t < n_vocab) req.ids.push_back(t);
        std::sort(req.ids.begin(), req.ids.end());
        req.ids.erase(std::unique(req.ids.begin(), req.ids.end()), req.ids.end());
    }
    // One more than top_k: the tie check below then compares the k-th survivor with a token
    // that is not itself, and a T > 1 that rounds neighbouring logits together rarely matters.
    const int32_t k = s.params.temperature <= 0.0f ? 1 : s.params.top_k + 1;
    req.k = std::clamp(k, 1, kMaxCandidates);
    req.log_sum_exp = s.params.temperature <= 0.0f;
    return req;
}

RowSummary summarize_row(std::span<const float> logits, int32_t k, std::span<const int32_t> ids, bool log_sum_exp) {
    RowSummary out;
    // (logit, id) of the tokens not in `ids`, walking the sorted ids alongside.
    std::vector<std::pair<float, int32_t>> rest;
    rest.reserve(logits.size());
    size_t j = 0;
    for (size_t i = 0; i < logits.size(); ++i) {
        while (j < ids.size() && ids[j] < static_cast<int32_t>(i)) ++j;
        if (j < ids.size() && ids[j] == static_cast<int32_t>(i)) continue;
        rest.emplace_back(logits[i], static_cast<int32_t>(i));
    }
    const size_t keep = std::min(rest.size(), static_cast<size_t>(std::max(k, 0)));
    std::partial_sort(rest.begin(), rest.begin() + static_cast<std::ptrdiff_t>(keep), rest.end(), detail::better);
    for (size_t i = 0; i < keep; ++i) out.top.push_back({rest[i].second, rest[i].first});
    for (int32_t id : ids) out.picked.push_back(logits[static_cast<size_t>(id)]);
    out.rest_log_sum_exp = -std::numeric_limits<double>::infinity();
    if (!rest.empty() && log_sum_exp) {
        double mx = -std::numeric_limits<double>::infinity();
        for (const auto& r : rest) mx = std::max(mx, static_cast<double>(r.first));
        double sum = 0.0;
        for (const auto& r : rest) sum += std::exp(static_cast<double>(r.first) - mx);
        out.rest_log_sum_exp = mx + std::log(sum);
    }
    return out;
}

std::optional<Sampled> sample_candidates(Sampler& s, const CandidateRequest& req, const RowSummary& sum) {
    const SamplerParams& p = s.params;
    const auto n_rest = static_cast<int64_t>(req.n_vocab) - static_cast<int64_t>(req.ids.size());
    if (sum.picked.size() != req.ids.size()) return std::nullopt;
    if (static_cast<int64_t>(sum.top.size()) < std::min<int64_t>(req.k, n_rest)) return std::nullopt;
    if (sum.top.empty() && req.ids.empty()) return std::nullopt;
    if (p.temperature > 0.0f && p.top_k < 1) return std::nullopt;  // needs the whole row

    // The candidates with penalised logits: the rest's best as they are, the ids penalised.
    std::vector<int32_t> counts(req.ids.size(), 0);
    for (int32_t t : s.recent) {
        auto it = std::lower_bound(req.ids.begin(), req.ids.end(), t);
        if (it != req.ids.end() && *it == t) ++counts[static_cast<size_t>(it - req.ids.begin())];
    }
    std::vector<Candidate> pool = sum.top;
    for (size_t i = 0; i < req.ids.size(); ++i)
        pool.push_back({req.ids[i], detail::penalised(p, sum.picked[i], counts[i])});

    if (p.temperature <= 0.0f) {
        Candidate best = pool[0];
        for (const Candidate& c : pool)
            if (c.logit > best.logit || (c.logit == best.logit && c.token < best.token)) best = c;
        // Its softmax probability in the penalised row: the rest's mass plus the ids' own.
        double lse = sum.rest_log_sum_exp;
        for (size_t i = sum.top.size(); i < pool.size(); ++i) {
            const double l = pool[i].logit, hi = std::max(lse, l), lo = std::min(lse, l);
            lse = hi + std::log1p(std::exp(lo - hi));
        }
        return Sampled{best.token, static_cast<float>(std::exp(static_cast<double>(best.logit) - lse))};
    }

    auto& c = s.scratch_candidates;
    c.clear();
    for (const Candidate& cand : pool) c.emplace_back(cand.logit / p.temperature, cand.token);
    std::sort(c.begin(), c.end(), detail::better);
    const size_t keep = std::min(c.size(), static_cast<size_t>(p.top_k));
    // A token outside the pool has a raw logit below the rest's last candidate's, or equal to it
    // with a higher id. It could rank before the k-th survivor only by a tie of scaled logits
    // (the temperature's rounding can make one): if that is possible, the candidates cannot decide.
    if (static_cast<int64_t>(sum.top.size()) < n_rest && !sum.top.empty()) {
        const Candidate& last = sum.top.back();
        const auto& [vk, idk] = c[keep - 1];
        const float below = std::nextafter(last.logit, -std::numeric_limits<float>::infinity()) / p.temperature;
        if (below >= vk || (last.logit / p.temperature == vk && last.token < idk)) return std::nullopt;
    }
    c.resize(keep);
    return detail::draw_sorted(s, c);
}

}  // namespace hearth::sampling
