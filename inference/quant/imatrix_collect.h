// Collecting an importance matrix: calibration text is run through a backend in chunks of n_ctx
// tokens (BOS first, as in perplexity), and every matrix product's input rows are squared and
// summed per column (the backend's ActivationObserver).
#pragma once

#include <cstdint>
#include <functional>
#include <span>

#include "base/result.h"
#include "inference/engine/backend.h"
#include "inference/quant/imatrix.h"

namespace hearth::quant {

// Accumulates observed activations into an Imatrix.
class ImatrixCollector final : public engine::ActivationObserver {
public:
    void observe(std::string_view weight, const float* rows, int64_t n_rows, int64_t n_cols) override;
    void observe_sums(std::string_view weight, const double* sum2, int64_t n_cols, double n_rows) override;
    Imatrix& result() { return m_; }

private:
    Imatrix m_;
};

// Runs every whole chunk of `tokens`; on_chunk(done, total) after each. Errors:
// "engine.too_short", "engine.no_observer", the backend's.
Result<Imatrix> collect_imatrix(engine::Backend& b, std::span<const int32_t> tokens, int32_t n_ctx, int32_t bos,
                                const std::function<void(int, int)>& on_chunk = {});

}  // namespace hearth::quant
