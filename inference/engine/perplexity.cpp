#include "inference/engine/perplexity.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace hearth::engine {

Result<PerplexityResult> perplexity(Backend& b, std::span<const int32_t> tokens, int32_t n_ctx, int32_t bos) {
    if (n_ctx < 4 || n_ctx > b.n_ctx()) {
        return make_error("engine.bad_eval", "The perplexity chunk of " + std::to_string(n_ctx) +
                                                 " tokens must be between 4 and the context size " +
                                                 std::to_string(b.n_ctx()) + ".");
    }
    const size_t chunks = tokens.size() / static_cast<size_t>(n_ctx);
    if (chunks == 0) {
        return make_error("engine.too_short", "The text is " + std::to_string(tokens.size()) +
                                                  " tokens long, shorter than one chunk of " + std::to_string(n_ctx) +
                                                  "; use a longer text or a smaller context.");
    }
    // It overwrites the cache: no conversation may reuse what it finds there afterwards.
    b.claim_cache();
    const int64_t nv = b.n_vocab();
    const int32_t first = n_ctx / 2;
    std::vector<int32_t> chunk(static_cast<size_t>(n_ctx));
    std::vector<float> logits(static_cast<size_t>(n_ctx * nv));
    PerplexityResult r;
    double nll = 0.0;
    for (size_t c = 0; c < chunks; ++c) {
        std::copy_n(tokens.begin() + static_cast<std::ptrdiff_t>(c * n_ctx), n_ctx, chunk.begin());
        if (bos >= 0) chunk[0] = bos;
        if (auto st = b.eval(chunk, 0, logits); !st) return st.error();
        for (int32_t j = first; j < n_ctx - 1; ++j) {
            const float* row = &logits[static_cast<size_t>(j * nv)];
            const int32_t target = tokens[c * n_ctx + static_cast<size_t>(j) + 1];
            const float mx = *std::max_element(row, row + nv);
            double sum = 0.0;
            for (int64_t v = 0; v < nv; ++v) sum += std::exp(static_cast<double>(row[v]) - mx);
            nll += std::log(sum) - (static_cast<double>(row[target]) - mx);
            ++r.n_scored;
        }
        r.running.push_back(std::exp(nll / r.n_scored));
    }
    r.ppl = r.running.back();
    return r;
}

}  // namespace hearth::engine
