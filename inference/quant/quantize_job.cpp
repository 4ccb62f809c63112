#include "inference/quant/quantize_job.h"

namespace hearth::quant {

QuantizeJob::QuantizeJob(std::filesystem::path in, std::filesystem::path out, QuantizeOptions opts) {
    opts.cancel = &cancel_;
    opts.on_progress = [this](const QuantizeProgress& p) {
        std::lock_guard lk(mu_);
        progress_ = JobProgress{p.tensor, p.n_tensors, std::string(p.name), p.done, p.total, p.elapsed_s, p.eta_s};
    };
    thread_ = std::thread([this, in = std::move(in), out = std::move(out), opts = std::move(opts)] {
        auto r = quantize_model(in, out, opts);
        std::lock_guard lk(mu_);
        result_.emplace(std::move(r));
        finished_ = true;
    });
}

QuantizeJob::~QuantizeJob() {
    cancel_ = true;
    if (thread_.joinable()) thread_.join();
}

JobProgress QuantizeJob::progress() const {
    std::lock_guard lk(mu_);
    return progress_;
}

Result<QuantizeResult> QuantizeJob::wait() {
    if (thread_.joinable()) thread_.join();
    std::lock_guard lk(mu_);
    if (!result_) return make_error("quant.no_result", "The job's result was already collected.");
    auto r = std::move(*result_);
    result_.reset();
    return r;
}

}  // namespace hearth::quant
