#include "inference/sampling/sampler.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "inference/sampling/draw.h"

namespace hearth::sampling {

SamplerParams greedy_params() {
    SamplerParams p;
    p.temperature = 0.0f;
    p.top_k = 0;
    p.top_p = 1.0f;
    p.min_p = 0.0f;
    return p;
}

Sampler make_sampler(const SamplerParams& params) {
    Sampler s;
    s.params = params;
    s.rng = rng_from_seed(params.seed);
    return s;
}

void reset(Sampler& s) {
    s.rng = rng_from_seed(s.params.seed);
    s.recent.clear();
}

void accept(Sampler& s, int32_t token) {
    if (s.params.penalty_last_n <= 0) return;
    s.recent.push_back(token);
    while (static_cast<int32_t>(s.recent.size()) > s.params.penalty_last_n) s.recent.pop_front();
}

void apply_penalties(const SamplerParams& p, const std::deque<int32_t>& recent, std::span<float> logits) {
    if (!detail::penalties_active(p, recent.size())) return;
    std::unordered_map<int32_t, int32_t> counts;
    for (int32_t t : recent)
        if (t >= 0 && static_cast<size_t>(t) < logits.size()) ++counts[t];
    for (const auto& [tok, count] : counts) {
        float& l = logits[static_cast<size_t>(tok)];
        l = detail::penalised(p, l, count);
    }
}

// Softmax probability of index `i`, accumulated in double so that a 150k vocabulary does not lose
// the small terms.
static float softmax_prob(std::span<const float> logits, size_t i) {
    const float mx = *std::max_element(logits.begin(), logits.end());
    double sum = 0.0;
    for (float l : logits) sum += std::exp(static_cast<double>(l) - mx);
    return static_cast<float>(std::exp(static_cast<double>(logits[i]) - mx) / sum);
}

Sampled sample(Sampler& s, std::span<const float> logits) {
    const SamplerParams& p = s.params;
    if (logits.empty()) return {};
    auto& l = s.scratch_logits;
    l.assign(logits.begin(), logits.end());
    apply_penalties(p, s.recent, l);

    if (p.temperature <= 0.0f) {
        // Ties go to the lowest id, as every reference implementation's arg-max does.
        size_t best = 0;
        for (size_t i = 1; i < l.size(); ++i)
            if (l[i] > l[best]) best = i;
        return {static_cast<int32_t>(best), softmax_prob(l, best)};
    }

    // Candidates as (scaled logit, id), best first. With top-k only the k best are sorted.
    auto& c = s.scratch_candidates;
    c.clear();
    c.reserve(l.size());
    for (size_t i = 0; i < l.size(); ++i) c.emplace_back(l[i] / p.temperature, static_cast<int32_t>(i));
    size_t keep = c.size();
    if (p.top_k > 0 && static_cast<size_t>(p.top_k) < keep) keep = static_cast<size_t>(p.top_k);
    std::partial_sort(c.begin(), c.begin() + static_cast<std::ptrdiff_t>(keep), c.end(), detail::better);
    c.resize(keep);

    return detail::draw_sorted(s, c);
}

namespace detail {

Sampled draw_sorted(Sampler& s, std::span<const std::pair<float, int32_t>> c) {
    const SamplerParams& p = s.params;
    size_t keep = c.size();
    // Probabilities of the survivors (the softmax over them alone, as top-k leaves it).
    std::vector<double> prob(keep);
    const double mx = c[0].first;
    double sum = 0.0;
    for (size_t i = 0; i < keep; ++i) sum += prob[i] = std::exp(c[i].first - mx);
    for (auto& q : prob) q /= sum;

    // Top-p: the smallest prefix whose mass reaches top_p (at least one token).
    if (p.top_p < 1.0f) {
        double cum = 0.0;
        size_t n = 0;
        while (n < keep) {
            cum += prob[n++];
            if (cum >= p.top_p) break;
        }
        keep = n;
    }
    // Min-p: drop tokens less likely than min_p times the most likely one.
    if (p.min_p > 0.0f) {
        const double floor = p.min_p * prob[0];
        size_t n = 1;
        while (n < keep && prob[n] >= floor) ++n;
        keep = n;
    }

    double mass = 0.0;
    for (size_t i = 0; i < keep; ++i) mass += prob[i];
    const double u = next_unit(s.rng) * mass;
    double cum = 0.0;
    size_t pick = keep - 1;
    for (size_t i = 0; i < keep; ++i) {
        cum += prob[i];
        if (u < cum) {
            pick = i;
            break;
        }
    }
    return {c[pick].second, static_cast<float>(prob[pick] / mass)};
}

}  // namespace detail

}  // namespace hearth::sampling
