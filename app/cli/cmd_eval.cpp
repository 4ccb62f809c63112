// `hearth-cli eval --model Q --reference R [--text FILE] [--ctx N] [--json] [--backend cpu|vulkan]
// [--top-k K] [--save-reference FILE]`: what a quantization cost. R is the original model (a
// GGUF, run first and then unloaded) or a reference file saved earlier with --save-reference, so
// the two models are never in memory together. Prints perplexity, mean and 99th-percentile KL
// divergence, same top-1 and mean change of the true token's probability, each with its standard
// error (inference/quant/eval.h). Without --model it only saves the reference. --record stores the
// result with the model in Hearth's database (--db FILE: in that database instead).
#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "app/cli/backends.h"
#include "app/cli/commands.h"
#include "app/environment.h"
#include "app/cli/imatrix_run.h"
#include "downloader/model_paths.h"
#include "inference/quant/eval.h"
#include "storage/database.h"
#include "storage/model_accuracy.h"
#include "storage/models.h"

namespace hearth::cli {
namespace {

bool is_reference_file(const std::string& path) {
    auto f = GgufFile::open(path);
    return f && f->get_string("general.type") == std::optional<std::string_view>("eval-reference");
}

void print_json(const quant::EvalResult& r, const quant::ReferenceData& ref) {
    std::printf("{\"perplexity\": %.6f, \"perplexity_se\": %.6f, \"kld_mean\": %.8f, \"kld_mean_se\": %.8f, "
                "\"kld_p99\": %.8f, \"kld_p99_se\": %.8f, \"top1\": %.6f, \"top1_se\": %.6f, \"delta_p\": %.8f, "
                "\"delta_p_se\": %.8f, \"tokens\": %lld, \"reference_perplexity\": %.6f, "
                "\"reference_perplexity_se\": %.6f, \"ctx\": %d, \"top_k\": %d}\n",
                r.perplexity, r.perplexity_se, r.kld_mean, r.kld_mean_se, r.kld_p99, r.kld_p99_se, r.top1, r.top1_se,
                r.delta_p, r.delta_p_se, static_cast<long long>(r.tokens), r.ref_perplexity, r.ref_perplexity_se,
                ref.n_ctx, ref.top_k);
}

void print_text(const quant::EvalResult& r, const quant::ReferenceData& ref) {
    std::printf("%lld positions scored (%s, context %d)\n", static_cast<long long>(r.tokens), ref.text.c_str(), ref.n_ctx);
    std::printf("perplexity      %10.4f ± %.4f   (reference %.4f ± %.4f)\n", r.perplexity, r.perplexity_se,
                r.ref_perplexity, r.ref_perplexity_se);
    std::printf("mean KLD        %10.6f ± %.6f\n", r.kld_mean, r.kld_mean_se);
    std::printf("99%% KLD         %10.6f ± %.6f\n", r.kld_p99, r.kld_p99_se);
    std::printf("same top-1      %9.3f %% ± %.3f %%\n", 100 * r.top1, 100 * r.top1_se);
    std::printf("mean Δp         %+10.6f ± %.6f\n", r.delta_p, r.delta_p_se);
}

// Stores the result with the model (added to the model list if it is not there yet).
Status record(const std::filesystem::path& db_path, const std::string& model, const engine::OpenModel& m,
              const quant::EvalResult& r, const quant::ReferenceData& ref) {
    std::error_code ec;
    std::filesystem::create_directories(db_path.parent_path(), ec);
    auto db = storage::Database::open(db_path);
    if (!db) return db.error();
    const std::string path = std::filesystem::absolute(model).lexically_normal().string();
    auto id = (*db)->write<int64_t>([&](storage::Connection& c) -> Result<int64_t> {
        auto found = storage::find_model_by_path(c, path);
        if (!found) return found.error();
        if (*found) return (*found)->id;
        storage::ModelRecord rec;
        rec.path = path;
        rec.file = std::filesystem::path(model).filename().string();
        rec.architecture = std::string(m.file->get_string("general.architecture").value_or(""));
        rec.size_bytes = static_cast<int64_t>(m.file->file_size());
        return storage::upsert_model(c, rec);
    }).get();
    if (!id) return id.error();
    storage::AccuracyRecord a;
    a.model_id = *id;
    a.reference = ref.reference;
    a.text = ref.text;
    a.n_ctx = ref.n_ctx;
    a.tokens = r.tokens;
    a.perplexity = r.perplexity;
    a.perplexity_se = r.perplexity_se;
    a.kld_mean = r.kld_mean;
    a.kld_mean_se = r.kld_mean_se;
    a.kld_p99 = r.kld_p99;
    a.kld_p99_se = r.kld_p99_se;
    a.top1 = r.top1;
    a.top1_se = r.top1_se;
    a.delta_p = r.delta_p;
    a.delta_p_se = r.delta_p_se;
    auto done = (*db)->write<int64_t>([&](storage::Connection& c) { return storage::record_accuracy(c, a); }).get();
    if (!done) return done.error();
    return {};
}

}  // namespace

int cmd_eval(Args& args) {
    const auto model = args.value({"-m", "--model"});
    const auto reference = args.value({"--reference", "-r"});
    const auto text_file = args.value({"--text", "-f"});
    const auto ctx = args.integer({"--ctx", "-c"}, 4, 1 << 20);
    const auto top_k = args.integer({"--top-k"}, 0, 1 << 24);
    const auto save = args.value({"--save-reference"});
    const bool json = args.flag({"--json"});
    const bool record_default = args.flag({"--record"});
    const auto db_file = args.value({"--db"});
    const std::string backend = args.value_or({"--backend"}, "vulkan");
    if (!args.error.empty()) return fail(args.error);
    if (int rc = reject_unused(args, "eval")) return rc;
    if (!reference || (!model && !save)) {
        std::fprintf(stderr, "usage: hearth-cli eval --model Q.gguf --reference R.gguf|R.ref [--text FILE] [--ctx N] "
                             "[--json] [--backend cpu|vulkan] [--top-k K] [--save-reference FILE] [--record | --db FILE]\n");
        return 2;
    }

    quant::ReferenceData ref;
    if (is_reference_file(*reference)) {
        auto r = quant::load_reference(*reference);
        if (!r) return fail(r.error().message);
        ref = std::move(*r);
        if (ctx && *ctx != ref.n_ctx)
            return fail("The reference was measured with a context of " + std::to_string(ref.n_ctx) + ", not " +
                        std::to_string(*ctx) + ".");
    } else {
        if (!text_file) return fail("Give the text to measure on with --text FILE.");
        auto text = read_text_file(*text_file);
        if (!text) return fail(text.error().message);
        auto m = engine::open_model(*reference);
        if (!m) return fail(m.error().message);
        const int32_t n_ctx = ctx ? static_cast<int32_t>(*ctx) : std::min<int32_t>(512, (*m)->model.hp.n_ctx_train);
        auto b = make_backend(backend, **m, n_ctx);
        if (!b) return fail(b.error().message);
        const auto tokens = tokenize((*m)->tokenizer, *text, TokenizeOptions{true, false});
        // Every token when the vocabulary is small enough to keep whole; else the 512 most likely.
        const int32_t k = top_k ? static_cast<int32_t>(*top_k) : ((*m)->model.hp.n_vocab <= 8192 ? 0 : 512);
        auto r = quant::collect_reference(**b, tokens, n_ctx, (*m)->tokenizer.vocab.bos, k);
        if (!r) return fail(r.error().message);
        ref = std::move(*r);
        ref.reference = std::filesystem::path(*reference).filename().string();
        ref.text = std::filesystem::path(*text_file).filename().string();
        if (save) {
            if (auto s = quant::save_reference(ref, *save); !s) return fail(s.error().message);
            std::fprintf(stderr, "saved the reference distributions to %s\n", save->c_str());
        }
    }
    if (!model) {
        double ppl, se;
        quant::reference_perplexity(ref, ppl, se);
        std::printf("reference perplexity %.4f ± %.4f over %zu positions\n", ppl, se, ref.n_pos());
        return 0;
    }
    auto m = engine::open_model(*model);
    if (!m) return fail(m.error().message);
    auto b = make_backend(backend, **m, ref.n_ctx);
    if (!b) return fail(b.error().message);
    auto r = quant::evaluate(**b, (*m)->tokenizer.vocab.bos, ref);
    if (!r) return fail(r.error().message);
    if (json)
        print_json(*r, ref);
    else
        print_text(*r, ref);
    if (record_default || db_file) {
        const std::filesystem::path db_path = db_file ? std::filesystem::path(*db_file) : dl::state_db_path(app::user_config_from_environment().data_dir);
        if (auto s = record(db_path, *model, **m, *r, ref); !s) return fail(s.error().message);
        std::fprintf(stderr, "stored with the model in %s\n", db_path.string().c_str());
    }
    return 0;
}

}  // namespace hearth::cli
