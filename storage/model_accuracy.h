// Accuracy measurements of a local model (what a quantization cost, from hearth-cli eval), kept
// with the text, context and reference they were measured on. Recording one also sets the
// model's kl_divergence and top1_agreement (models.h), which the app's indicator shows.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"

namespace hearth::storage {

struct Connection;

struct AccuracyRecord {
    int64_t id = 0;
    int64_t model_id = 0;
    std::string reference, text;
    int32_t n_ctx = 0;
    int64_t tokens = 0;
    double perplexity = 0, perplexity_se = 0;
    double kld_mean = 0, kld_mean_se = 0, kld_p99 = 0, kld_p99_se = 0;
    double top1 = 0, top1_se = 0, delta_p = 0, delta_p_se = 0;
    int64_t measured_at = 0;  // ms since the epoch; 0: now
};

// Returns the new row's id. Errors: storage.not_found (no such model), SQLite's.
Result<int64_t> record_accuracy(Connection& c, const AccuracyRecord& r);
// Newest first.
Result<std::vector<AccuracyRecord>> list_accuracy(Connection& c, int64_t model_id);

}  // namespace hearth::storage
