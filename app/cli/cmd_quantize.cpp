// `hearth-cli quantize IN OUT --type T [--imatrix FILE | --calibrate TEXTFILE] [--threads N] [--plan]`:
// makes a smaller copy of a GGUF model, or of a Hugging Face model folder (config.json,
// safetensors, tokenizer files), at one of the size levels (Q8_0 ... Q2_K, and the IQ levels IQ4_NL
// ... IQ1_S, for which an importance matrix is recommended below 4 bits). --plan prints
// each tensor's type and the exact size of the file without writing it. Progress goes to stderr;
// the summary (size, bits per weight, speed) to stdout. --rounding plain (a measurement aid, see
// docs/ACCURACY.md) writes plain round-to-nearest blocks, the baseline the weighted encoders beat.
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>

#include <unistd.h>

#include "app/cli/commands.h"
#include "app/cli/imatrix_run.h"
#include "base/result.h"
#include "inference/quant/quantize_model.h"
#include "inference/quant/source.h"

namespace hearth::cli {
namespace {

std::string level_list() {
    std::string s;
    for (quant::Level l : quant::kAllLevels) s += (s.empty() ? "" : ", ") + std::string(quant::level_name(l));
    return s;
}

void print_plan(const quant::QuantizePlan& p) {
    for (const auto& t : p.tensors)
        std::printf("%-32s %-5s -> %-5s %s\n", t.name.c_str(), type_name(t.from), type_name(t.to), t.note.c_str());
}

// The importance matrix of `source` on the text. The engine runs GGUF files only, so a Hugging
// Face folder is first copied to a temporary Q8_0 GGUF beside the output (Q8_0 changes the
// activations far less than the calibration text's own sampling noise: mean KLD 0.00002 on
// brown-6L256), which is removed whatever happens.
Result<quant::Imatrix> calibrate_source(const std::string& source, const std::string& out, const std::string& text,
                                        const std::string& backend, int threads) {
    std::error_code ec;
    if (!std::filesystem::is_directory(source, ec)) return collect_imatrix_from_text(source, text, backend, 0);
    if (auto t = read_text_file(text); !t) return t.error();  // before minutes of converting
    const std::string tmp = out + ".calibration-q8_0.gguf";
    quant::QuantizeOptions copy;
    copy.level = quant::Level::Q8_0;
    copy.threads = threads;
    std::fprintf(stderr, "copying the folder to a temporary Q8_0 model for calibration\n");
    auto c = quant::quantize_model(source, tmp, copy);
    if (!c) return c.error();
    auto m = collect_imatrix_from_text(tmp, text, backend, 0);
    std::filesystem::remove(tmp, ec);
    return m;
}

}  // namespace

int cmd_quantize(Args& args) {
    const auto type = args.value({"--type", "-t"});
    const auto imatrix_path = args.value({"--imatrix"});
    const auto calibrate = args.value({"--calibrate"});
    const auto threads = args.integer({"--threads"}, 1, 1024);
    const bool plan_only = args.flag({"--plan"});
    const std::string backend = args.value_or({"--backend"}, "vulkan");
    const std::string rounding = args.value_or({"--rounding"}, "weighted");
    if (!args.error.empty()) return fail(args.error);
    auto words = args.positional();
    if (int rc = reject_unused(args, "quantize")) return rc;
    if (words.size() != (plan_only ? 1u : 2u) || !type) {
        std::fprintf(stderr, "usage: hearth-cli quantize IN.gguf|HF_FOLDER OUT.gguf --type T [--imatrix FILE | --calibrate TEXTFILE] "
                             "[--threads N] [--plan] [--rounding plain]\n  types: %s\n"
                             "  IQ3_XXS and smaller work best with an importance matrix (--imatrix or --calibrate).\n",
                     level_list().c_str());
        return 2;
    }
    const auto level = quant::level_from_name(*type);
    if (!level) return fail("Unknown type '" + *type + "'. Choose one of: " + level_list() + ".");
    if (imatrix_path && calibrate) return fail("Give either --imatrix or --calibrate, not both.");
    if (rounding != "weighted" && rounding != "plain") return fail("--rounding is weighted (the default) or plain.");
    if (rounding == "plain" && (imatrix_path || calibrate))
        return fail("Plain rounding uses no importance matrix; leave out --imatrix and --calibrate.");

    quant::QuantizeOptions opts;
    opts.level = *level;
    opts.threads = threads ? static_cast<int>(*threads) : 0;
    opts.rounding = rounding == "plain" ? quant::Rounding::Plain : quant::Rounding::Weighted;
    quant::Imatrix imatrix;
    if (imatrix_path) {
        auto m = quant::load_imatrix(*imatrix_path);
        if (!m) return fail(m.error().message);
        imatrix = std::move(*m);
        opts.imatrix = &imatrix;
        opts.imatrix_name = *imatrix_path;
    } else if (calibrate && !plan_only) {
        auto m = calibrate_source(words[0], words[1], *calibrate, backend, threads ? static_cast<int>(*threads) : 0);
        if (!m) return fail(m.error().message);
        imatrix = std::move(*m);
        opts.imatrix = &imatrix;
        opts.imatrix_name = *calibrate;
    }

    if (plan_only) {
        if (calibrate) {  // the file would carry an importance matrix made from this text
            opts.imatrix_pending = true;
            opts.imatrix_name = *calibrate;
        }
        auto src = quant::open_source(words[0]);
        if (!src) return fail(src.error().message);
        auto p = quant::plan_quantize((*src)->table(), opts);
        if (!p) return fail(p.error().message);
        print_plan(*p);
        for (const auto& n : p->notes) std::printf("note: %s\n", n.c_str());
        std::printf("%s: %llu bytes, %.3f bits per weight, %llu bytes of GPU memory at the training context\n",
                    quant::level_name(*level), static_cast<unsigned long long>(p->file_size), p->bits_per_weight,
                    static_cast<unsigned long long>(p->vram_bytes));
        return 0;
    }

    // On a terminal one line redrawn at every percent; into a file or pipe a line every 10 %.
    const bool tty = ::isatty(STDERR_FILENO) != 0;
    int last_pct = -1;
    opts.on_progress = [&](const quant::QuantizeProgress& p) {
        const int pct = p.total ? static_cast<int>(100 * p.done / p.total) : 100;
        if (tty ? pct == last_pct : pct / 10 == last_pct / 10) return;
        last_pct = pct;
        std::fprintf(stderr, "%s%3d%%  tensor %d/%d %-28.*s ETA %4.0f s%s", tty ? "\r" : "", pct, p.tensor + 1,
                     p.n_tensors, static_cast<int>(p.name.size()), p.name.data(), p.eta_s < 0 ? 0.0 : p.eta_s,
                     tty ? "" : "\n");
        std::fflush(stderr);
    };
    auto r = quant::quantize_model(words[0], words[1], opts);
    if (tty) std::fprintf(stderr, "\n");
    if (!r) return fail(r.error().message);
    for (const auto& n : r->plan.notes) std::printf("note: %s\n", n.c_str());
    const double gb = static_cast<double>(r->source_bytes) / 1e9;
    std::printf("wrote %s: %s, %llu bytes, %.3f bits per weight, %s, %.2f s (%.2f GB of source per minute, %d threads)\n",
                words[1].c_str(), quant::level_name(*level), static_cast<unsigned long long>(r->plan.file_size),
                r->plan.bits_per_weight,
                opts.rounding == quant::Rounding::Plain ? "plain rounding"
                : opts.imatrix                          ? "with importance matrix"
                                                        : "without importance matrix",
                r->seconds, r->seconds > 0 ? gb / (r->seconds / 60.0) : 0.0,
                opts.threads ? opts.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
    return 0;
}

}  // namespace hearth::cli
