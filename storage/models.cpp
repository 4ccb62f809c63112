#include "storage/models.h"

#include "storage/connection.h"

namespace hearth::storage {
namespace {

constexpr const char* kColumns =
    "id, path, repo, file, architecture, quant, size_bytes, sha256, vram_predicted_bytes, vram_measured_bytes, "
    "tokens_per_s, prompt_tokens_per_s, kl_divergence, top1_agreement, added_at";

std::optional<double> opt_f64(const Stmt& s, int col) {
    if (s.is_null(col)) return std::nullopt;
    return s.f64(col);
}

void bind_opt(Stmt& s, int i, const std::optional<double>& v) {
    if (v) s.bind(i, *v);
    else s.bind(i, nullptr);
}

ModelRecord read_row(const Stmt& s) {
    ModelRecord m;
    m.id = s.i64(0);
    m.path = s.text(1);
    m.repo = s.text(2);
    m.file = s.text(3);
    m.architecture = s.text(4);
    m.quant = s.text(5);
    m.size_bytes = s.i64(6);
    m.sha256 = s.text(7);
    m.vram_predicted_bytes = s.opt_i64(8);
    m.vram_measured_bytes = s.opt_i64(9);
    m.tokens_per_s = opt_f64(s, 10);
    m.prompt_tokens_per_s = opt_f64(s, 11);
    m.kl_divergence = opt_f64(s, 12);
    m.top1_agreement = opt_f64(s, 13);
    m.added_at = s.i64(14);
    return m;
}

Error not_found(int64_t id) {
    return make_error("storage.not_found", "Model " + std::to_string(id) + " is not in the model list.");
}

}  // namespace

Result<int64_t> upsert_model(Connection& c, const ModelRecord& m) {
    Stmt s(c, "INSERT INTO models (path, repo, file, architecture, quant, size_bytes, sha256, vram_predicted_bytes, "
              "vram_measured_bytes, tokens_per_s, prompt_tokens_per_s, kl_divergence, top1_agreement, added_at) "
              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
              "ON CONFLICT (path) DO UPDATE SET repo = excluded.repo, file = excluded.file, "
              "architecture = excluded.architecture, quant = excluded.quant, size_bytes = excluded.size_bytes, "
              "sha256 = excluded.sha256, vram_predicted_bytes = excluded.vram_predicted_bytes, "
              "vram_measured_bytes = excluded.vram_measured_bytes, tokens_per_s = excluded.tokens_per_s, "
              "prompt_tokens_per_s = excluded.prompt_tokens_per_s, kl_divergence = excluded.kl_divergence, "
              "top1_agreement = excluded.top1_agreement RETURNING id");
    s.bind(1, m.path).bind(2, m.repo).bind(3, m.file).bind(4, m.architecture).bind(5, m.quant);
    s.bind(6, m.size_bytes).bind(7, m.sha256).bind(8, m.vram_predicted_bytes).bind(9, m.vram_measured_bytes);
    bind_opt(s, 10, m.tokens_per_s);
    bind_opt(s, 11, m.prompt_tokens_per_s);
    bind_opt(s, 12, m.kl_divergence);
    bind_opt(s, 13, m.top1_agreement);
    s.bind(14, m.added_at ? m.added_at : now_ms());
    auto r = s.step();
    if (!r) return r.error();
    int64_t id = s.i64(0);
    if (auto st = s.run(); !st) return st.error();
    return id;
}

Result<ModelRecord> get_model(Connection& c, int64_t id) {
    Stmt s(c, std::string("SELECT ") + kColumns + " FROM models WHERE id = ?1");
    s.bind(1, id);
    auto r = s.step();
    if (!r) return r.error();
    if (!*r) return not_found(id);
    return read_row(s);
}

Result<std::optional<ModelRecord>> find_model_by_path(Connection& c, const std::string& path) {
    Stmt s(c, std::string("SELECT ") + kColumns + " FROM models WHERE path = ?1");
    s.bind(1, path);
    auto r = s.step();
    if (!r) return r.error();
    if (!*r) return std::optional<ModelRecord>();
    return std::optional<ModelRecord>(read_row(s));
}

Result<std::vector<ModelRecord>> list_models(Connection& c) {
    Stmt s(c, std::string("SELECT ") + kColumns + " FROM models ORDER BY added_at DESC, id DESC");
    return s.rows(read_row);
}

Status remove_model(Connection& c, int64_t id) {
    Stmt s(c, "DELETE FROM models WHERE id = ?1");
    s.bind(1, id);
    if (auto st = s.run(); !st) return st;
    if (changes(c) == 0) return not_found(id);
    return {};
}

Status record_model_measurements(Connection& c, int64_t id, const ModelMeasurements& m) {
    Stmt s(c, "UPDATE models SET vram_measured_bytes = coalesce(?2, vram_measured_bytes), "
              "tokens_per_s = coalesce(?3, tokens_per_s), prompt_tokens_per_s = coalesce(?4, prompt_tokens_per_s), "
              "kl_divergence = coalesce(?5, kl_divergence), top1_agreement = coalesce(?6, top1_agreement) "
              "WHERE id = ?1");
    s.bind(1, id).bind(2, m.vram_measured_bytes);
    bind_opt(s, 3, m.tokens_per_s);
    bind_opt(s, 4, m.prompt_tokens_per_s);
    bind_opt(s, 5, m.kl_divergence);
    bind_opt(s, 6, m.top1_agreement);
    if (auto st = s.run(); !st) return st;
    if (changes(c) == 0) return not_found(id);
    return {};
}

}  // namespace hearth::storage
