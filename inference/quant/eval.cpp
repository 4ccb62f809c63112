#include "inference/quant/eval.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <numeric>

#include "inference/gguf/gguf_writer.h"

namespace hearth::quant {
namespace {

// Runs the chunks and calls `score(log_probs, target)` for every scored position, in order:
// log_probs is the row's log-softmax (n_vocab doubles).
Status for_each_scored(engine::Backend& b, std::span<const int32_t> tokens, int32_t n_ctx, int32_t bos,
                       const std::function<void(const std::vector<double>&, int32_t)>& score) {
    if (n_ctx < 4 || n_ctx > b.n_ctx())
        return make_error("engine.bad_eval", "The evaluation chunk of " + std::to_string(n_ctx) +
                                                 " tokens must be between 4 and the context size " +
                                                 std::to_string(b.n_ctx()) + ".");
    const size_t chunks = tokens.size() / static_cast<size_t>(n_ctx);
    if (chunks == 0)
        return make_error("engine.too_short", "The text is " + std::to_string(tokens.size()) +
                                                  " tokens long, shorter than one chunk of " + std::to_string(n_ctx) +
                                                  "; use a longer text or a smaller context.");
    const int64_t nv = b.n_vocab();
    std::vector<int32_t> chunk(static_cast<size_t>(n_ctx));
    std::vector<float> logits(static_cast<size_t>(n_ctx * nv));
    std::vector<double> lp(static_cast<size_t>(nv));
    for (size_t c = 0; c < chunks; ++c) {
        std::copy_n(tokens.begin() + static_cast<std::ptrdiff_t>(c * n_ctx), n_ctx, chunk.begin());
        if (bos >= 0) chunk[0] = bos;
        if (auto st = b.eval(chunk, 0, logits); !st) return st;
        for (int32_t j = n_ctx / 2; j < n_ctx - 1; ++j) {
            const float* row = &logits[static_cast<size_t>(j * nv)];
            const double mx = *std::max_element(row, row + nv);
            double sum = 0;
            for (int64_t v = 0; v < nv; ++v) sum += std::exp(row[v] - mx);
            const double lse = mx + std::log(sum);
            for (int64_t v = 0; v < nv; ++v) lp[static_cast<size_t>(v)] = row[v] - lse;
            score(lp, tokens[c * static_cast<size_t>(n_ctx) + static_cast<size_t>(j) + 1]);
        }
    }
    return {};
}

void mean_se(const std::vector<double>& v, double& mean, double& se) {
    const double n = static_cast<double>(v.size());
    mean = std::accumulate(v.begin(), v.end(), 0.0) / n;
    double ss = 0;
    for (double x : v) ss += (x - mean) * (x - mean);
    se = v.size() > 1 ? std::sqrt(ss / (n - 1) / n) : 0;
}

Error bad_reference(const std::filesystem::path& p, const std::string& why) {
    return make_error("eval.bad_reference", p.string() + " is not a usable reference: " + why +
                                                ". Save one again with 'hearth-cli eval --save-reference'.");
}

std::vector<float> f32_tensor(const GgufFile& f, const char* name, uint64_t expect) {
    const GgufTensorInfo* t = f.tensor(name);
    if (!t || t->type != TensorType::F32 || static_cast<uint64_t>(t->n_elements()) != expect) return {};
    std::vector<float> v(expect);
    std::memcpy(v.data(), t->data, expect * 4);
    return v;
}

}  // namespace

Result<ReferenceData> collect_reference(engine::Backend& b, std::span<const int32_t> tokens, int32_t n_ctx,
                                        int32_t bos, int32_t top_k) {
    ReferenceData r;
    r.n_ctx = n_ctx;
    r.n_vocab = b.n_vocab();
    r.top_k = top_k <= 0 || top_k >= r.n_vocab ? r.n_vocab : top_k;
    r.tokens.assign(tokens.begin(), tokens.end());
    if (bos >= 0 && !r.tokens.empty()) r.tokens[0] = bos;
    std::vector<int32_t> order(static_cast<size_t>(r.n_vocab));
    auto st = for_each_scored(b, tokens, n_ctx, bos, [&](const std::vector<double>& lp, int32_t target) {
        std::iota(order.begin(), order.end(), 0);
        std::partial_sort(order.begin(), order.begin() + r.top_k, order.end(),
                          [&](int32_t a, int32_t c) { return lp[size_t(a)] > lp[size_t(c)] || (lp[size_t(a)] == lp[size_t(c)] && a < c); });
        for (int32_t k = 0; k < r.top_k; ++k) {
            r.ids.push_back(order[size_t(k)]);
            r.logp.push_back(static_cast<float>(lp[size_t(order[size_t(k)])]));
        }
        r.target_logp.push_back(static_cast<float>(lp[size_t(target)]));
    });
    if (!st) return st.error();
    return r;
}

Status save_reference(const ReferenceData& r, const std::filesystem::path& path) {
    GgufWriter w;
    w.set_string("general.type", "eval-reference");
    w.set_u32("eval.n_ctx", static_cast<uint32_t>(r.n_ctx));
    w.set_u32("eval.n_vocab", static_cast<uint32_t>(r.n_vocab));
    w.set_u32("eval.top_k", static_cast<uint32_t>(r.top_k));
    w.set_string("eval.reference", r.reference);
    w.set_string("eval.text", r.text);
    const std::vector<float> toks(r.tokens.begin(), r.tokens.end()), ids(r.ids.begin(), r.ids.end());
    const int64_t ne_tok[] = {static_cast<int64_t>(toks.size())};
    const int64_t ne_k[] = {r.top_k, static_cast<int64_t>(r.n_pos())};
    const int64_t ne_pos[] = {static_cast<int64_t>(r.n_pos())};
    for (auto s : {w.add_tensor_f32("tokens", TensorType::F32, ne_tok, toks),
                   w.add_tensor_f32("ids", TensorType::F32, ne_k, ids),
                   w.add_tensor_f32("logp", TensorType::F32, ne_k, r.logp),
                   w.add_tensor_f32("target_logp", TensorType::F32, ne_pos, r.target_logp)})
        if (!s) return s;
    return w.write(path);
}

Result<ReferenceData> load_reference(const std::filesystem::path& path) {
    auto f = GgufFile::open(path);
    if (!f) return f.error();
    if (f->get_string("general.type") != std::optional<std::string_view>("eval-reference"))
        return bad_reference(path, "its general.type is not \"eval-reference\"");
    ReferenceData r;
    r.n_ctx = static_cast<int32_t>(f->get_uint("eval.n_ctx").value_or(0));
    r.n_vocab = static_cast<int32_t>(f->get_uint("eval.n_vocab").value_or(0));
    r.top_k = static_cast<int32_t>(f->get_uint("eval.top_k").value_or(0));
    r.reference = std::string(f->get_string("eval.reference").value_or(""));
    r.text = std::string(f->get_string("eval.text").value_or(""));
    const GgufTensorInfo* tp = f->tensor("target_logp");
    const GgufTensorInfo* tt = f->tensor("tokens");
    if (r.n_ctx < 4 || r.n_vocab < 1 || r.top_k < 1 || r.top_k > r.n_vocab || !tp || !tt)
        return bad_reference(path, "its sizes are missing or inconsistent");
    const auto n_pos = static_cast<uint64_t>(tp->n_elements());
    const auto toks = f32_tensor(*f, "tokens", static_cast<uint64_t>(tt->n_elements()));
    const auto ids = f32_tensor(*f, "ids", n_pos * static_cast<uint64_t>(r.top_k));
    r.logp = f32_tensor(*f, "logp", n_pos * static_cast<uint64_t>(r.top_k));
    r.target_logp = f32_tensor(*f, "target_logp", n_pos);
    if (toks.empty() || ids.empty() || r.logp.empty() || r.target_logp.empty())
        return bad_reference(path, "a tensor is missing or has the wrong size");
    const uint64_t chunks = toks.size() / static_cast<uint64_t>(r.n_ctx);
    if (n_pos != chunks * static_cast<uint64_t>(r.n_ctx - 1 - r.n_ctx / 2))
        return bad_reference(path, "its positions do not match its text and context");
    for (float v : toks) {
        if (!(v >= 0 && v < static_cast<float>(r.n_vocab))) return bad_reference(path, "a token id is out of range");
        r.tokens.push_back(static_cast<int32_t>(v));
    }
    for (float v : ids) {
        if (!(v >= 0 && v < static_cast<float>(r.n_vocab))) return bad_reference(path, "a token id is out of range");
        r.ids.push_back(static_cast<int32_t>(v));
    }
    return r;
}

void reference_perplexity(const ReferenceData& ref, double& ppl, double& se) {
    std::vector<double> nll(ref.target_logp.size());
    for (size_t i = 0; i < nll.size(); ++i) nll[i] = -static_cast<double>(ref.target_logp[i]);
    double m = 0, s = 0;
    if (!nll.empty()) mean_se(nll, m, s);
    ppl = std::exp(m);
    se = ppl * s;
}

Result<EvalResult> evaluate(engine::Backend& b, int32_t bos, const ReferenceData& ref) {
    if (b.n_vocab() != ref.n_vocab)
        return make_error("eval.vocab_mismatch", "The model has " + std::to_string(b.n_vocab()) +
                                                     " tokens but the reference has " + std::to_string(ref.n_vocab) +
                                                     "; compare a model only with its own original.");
    std::vector<double> nll, kld, dp;
    std::vector<double> same;
    size_t pos = 0;
    const auto k = static_cast<size_t>(ref.top_k);
    auto st = for_each_scored(b, ref.tokens, ref.n_ctx, bos, [&](const std::vector<double>& lq, int32_t target) {
        if (pos >= ref.n_pos()) return;
        const int32_t* ids = &ref.ids[pos * k];
        const float* lp = &ref.logp[pos * k];
        double kl = 0, p_top = 0, q_top = 0;
        for (size_t i = 0; i < k; ++i) {
            const double p = std::exp(static_cast<double>(lp[i]));
            kl += p * (lp[i] - lq[size_t(ids[i])]);
            p_top += p;
            q_top += std::exp(lq[size_t(ids[i])]);
        }
        // The mass outside the kept tokens, as one more outcome (zero when every token is kept).
        const double p_rest = std::max(0.0, 1.0 - p_top), q_rest = std::max(1e-30, 1.0 - q_top);
        if (k < lq.size() && p_rest > 0) kl += p_rest * std::log(p_rest / q_rest);
        kld.push_back(std::max(0.0, kl));
        const auto best = static_cast<int32_t>(std::max_element(lq.begin(), lq.end()) - lq.begin());
        same.push_back(best == ids[0] ? 1.0 : 0.0);
        nll.push_back(-lq[size_t(target)]);
        dp.push_back(std::exp(lq[size_t(target)]) - std::exp(static_cast<double>(ref.target_logp[pos])));
        ++pos;
    });
    if (!st) return st.error();
    if (pos != ref.n_pos() || pos == 0)
        return make_error("eval.bad_reference", "The reference holds " + std::to_string(ref.n_pos()) +
                                                    " positions but the text gave " + std::to_string(pos) + ".");
    EvalResult r;
    r.tokens = static_cast<int64_t>(pos);
    double m, s;
    mean_se(nll, m, s);
    r.perplexity = std::exp(m);
    r.perplexity_se = r.perplexity * s;
    reference_perplexity(ref, r.ref_perplexity, r.ref_perplexity_se);
    mean_se(kld, r.kld_mean, r.kld_mean_se);
    mean_se(same, r.top1, r.top1_se);
    mean_se(dp, r.delta_p, r.delta_p_se);
    // The 99th percentile, and its standard error from the spread of the order statistics a
    // binomial standard deviation away.
    std::vector<double> sorted = kld;
    std::sort(sorted.begin(), sorted.end());
    const double n = static_cast<double>(sorted.size()), q = 0.99;
    auto at = [&](double f) {
        const double idx = std::clamp(f, 0.0, 1.0) * (n - 1);
        const auto lo = static_cast<size_t>(std::floor(idx));
        const size_t hi = std::min(lo + 1, sorted.size() - 1);
        return sorted[lo] + (idx - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
    };
    r.kld_p99 = at(q);
    const double d = std::sqrt(q * (1 - q) / n);
    r.kld_p99_se = (at(q + d) - at(q - d)) / 2;
    return r;
}

}  // namespace hearth::quant
