#include "storage/model_accuracy.h"

#include "storage/connection.h"
#include "storage/models.h"

namespace hearth::storage {

Result<int64_t> record_accuracy(Connection& c, const AccuracyRecord& r) {
    if (auto m = get_model(c, r.model_id); !m) return m.error();
    Stmt s(c, "INSERT INTO model_accuracy (model_id, reference, text, n_ctx, tokens, perplexity, perplexity_se, "
              "kld_mean, kld_mean_se, kld_p99, kld_p99_se, top1, top1_se, delta_p, delta_p_se, measured_at) "
              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16) RETURNING id");
    s.bind(1, r.model_id).bind(2, r.reference).bind(3, r.text).bind(4, r.n_ctx).bind(5, r.tokens);
    s.bind(6, r.perplexity).bind(7, r.perplexity_se).bind(8, r.kld_mean).bind(9, r.kld_mean_se);
    s.bind(10, r.kld_p99).bind(11, r.kld_p99_se).bind(12, r.top1).bind(13, r.top1_se);
    s.bind(14, r.delta_p).bind(15, r.delta_p_se).bind(16, r.measured_at ? r.measured_at : now_ms());
    auto row = s.step();
    if (!row) return row.error();
    const int64_t id = s.i64(0);
    if (auto st = s.run(); !st) return st.error();
    ModelMeasurements mm;
    mm.kl_divergence = r.kld_mean;
    mm.top1_agreement = r.top1;
    if (auto st = record_model_measurements(c, r.model_id, mm); !st) return st.error();
    return id;
}

Result<std::vector<AccuracyRecord>> list_accuracy(Connection& c, int64_t model_id) {
    Stmt s(c, "SELECT id, model_id, reference, text, n_ctx, tokens, perplexity, perplexity_se, kld_mean, kld_mean_se, "
              "kld_p99, kld_p99_se, top1, top1_se, delta_p, delta_p_se, measured_at FROM model_accuracy "
              "WHERE model_id = ?1 ORDER BY measured_at DESC, id DESC");
    s.bind(1, model_id);
    return s.rows([](const Stmt& row) {
        AccuracyRecord r;
        r.id = row.i64(0);
        r.model_id = row.i64(1);
        r.reference = row.text(2);
        r.text = row.text(3);
        r.n_ctx = static_cast<int32_t>(row.i64(4));
        r.tokens = row.i64(5);
        r.perplexity = row.f64(6);
        r.perplexity_se = row.f64(7);
        r.kld_mean = row.f64(8);
        r.kld_mean_se = row.f64(9);
        r.kld_p99 = row.f64(10);
        r.kld_p99_se = row.f64(11);
        r.top1 = row.f64(12);
        r.top1_se = row.f64(13);
        r.delta_p = row.f64(14);
        r.delta_p_se = row.f64(15);
        r.measured_at = row.i64(16);
        return r;
    });
}

}  // namespace hearth::storage
