#include "inference/quant/imatrix_collect.h"

#include <string>
#include <vector>

namespace hearth::quant {

void ImatrixCollector::observe(std::string_view weight, const float* rows, int64_t n_rows, int64_t n_cols) {
    ImatrixEntry& e = m_.entries[std::string(weight)];
    if (e.sum2.size() != static_cast<size_t>(n_cols)) e.sum2.assign(static_cast<size_t>(n_cols), 0.0);
    for (int64_t r = 0; r < n_rows; ++r) {
        const float* x = rows + r * n_cols;
        for (int64_t c = 0; c < n_cols; ++c) e.sum2[static_cast<size_t>(c)] += static_cast<double>(x[c]) * x[c];
    }
    e.count += static_cast<double>(n_rows);
}

void ImatrixCollector::observe_sums(std::string_view weight, const double* sum2, int64_t n_cols, double n_rows) {
    ImatrixEntry& e = m_.entries[std::string(weight)];
    if (e.sum2.size() != static_cast<size_t>(n_cols)) e.sum2.assign(static_cast<size_t>(n_cols), 0.0);
    for (int64_t c = 0; c < n_cols; ++c) e.sum2[static_cast<size_t>(c)] += sum2[c];
    e.count += n_rows;
}

Result<Imatrix> collect_imatrix(engine::Backend& b, std::span<const int32_t> tokens, int32_t n_ctx, int32_t bos,
                                const std::function<void(int, int)>& on_chunk) {
    if (n_ctx < 4 || n_ctx > b.n_ctx())
        return make_error("engine.bad_eval", "The calibration chunk of " + std::to_string(n_ctx) +
                                                 " tokens must be between 4 and the context size " +
                                                 std::to_string(b.n_ctx()) + ".");
    const auto chunks = static_cast<int>(tokens.size() / static_cast<size_t>(n_ctx));
    if (chunks == 0)
        return make_error("engine.too_short", "The calibration text is " + std::to_string(tokens.size()) +
                                                  " tokens long, shorter than one chunk of " + std::to_string(n_ctx) +
                                                  "; use a longer text or a smaller context.");
    ImatrixCollector col;
    if (auto st = b.set_activation_observer(&col); !st) return st.error();
    std::vector<int32_t> chunk(static_cast<size_t>(n_ctx));
    std::vector<float> last(static_cast<size_t>(b.n_vocab()));
    Status st;
    for (int c = 0; c < chunks && st.ok(); ++c) {
        std::copy_n(tokens.begin() + static_cast<std::ptrdiff_t>(c) * n_ctx, n_ctx, chunk.begin());
        if (bos >= 0) chunk[0] = bos;
        st = b.eval(chunk, 0, last);
        if (on_chunk) on_chunk(c + 1, chunks);
    }
    // Detaching is when a backend that sums on the device hands its sums over.
    const Status detached = b.set_activation_observer(nullptr);
    if (!st) return st.error();
    if (!detached) return detached.error();
    Imatrix m = std::move(col.result());
    m.chunk_count = static_cast<uint32_t>(chunks);
    m.chunk_size = static_cast<uint32_t>(n_ctx);
    return m;
}

}  // namespace hearth::quant
