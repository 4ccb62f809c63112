// quantize_model on its own thread, for a user interface: start it, poll its progress, cancel it,
// collect the result. Destroying a running job cancels it and waits (nothing is left behind).
#pragma once

#include <atomic>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "inference/quant/quantize_model.h"

namespace hearth::quant {

struct JobProgress {
    int tensor = 0, n_tensors = 0;
    std::string name;
    uint64_t done = 0, total = 0;
    double elapsed_s = 0, eta_s = -1;
};

class QuantizeJob {
public:
    // opts.cancel and opts.on_progress are the job's own; the imatrix must outlive the job.
    QuantizeJob(std::filesystem::path in, std::filesystem::path out, QuantizeOptions opts);
    ~QuantizeJob();
    QuantizeJob(const QuantizeJob&) = delete;
    QuantizeJob& operator=(const QuantizeJob&) = delete;

    void cancel() { cancel_ = true; }
    JobProgress progress() const;
    bool finished() const { return finished_; }
    // Blocks until the job ends; returns its result (once).
    Result<QuantizeResult> wait();

private:
    std::atomic<bool> cancel_{false};
    std::atomic<bool> finished_{false};
    mutable std::mutex mu_;
    JobProgress progress_;
    std::optional<Result<QuantizeResult>> result_;
    std::thread thread_;
};

}  // namespace hearth::quant
