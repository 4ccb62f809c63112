// `hearth-cli pull REPO FILE` or `hearth-cli pull --catalog ID [--quant Q4_K_M]`: downloads a
// model into the models folder, verified, resumable (run the same command again after an
// interruption), with a progress bar on a terminal and plain lines otherwise.
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <mutex>
#include <string>

#include "app/cli/commands.h"
#include "app/environment.h"
#include "downloader/catalog.h"
#include "downloader/disk_space.h"
#include "downloader/downloader.h"
#include "downloader/gguf_check.h"
#include "downloader/model_paths.h"
#include "downloader/pull_plan.h"

namespace hearth::cli {
namespace {

std::string duration(double s) {
    if (s < 0) return "--";
    long t = static_cast<long>(s + 0.5);
    char buf[32];
    if (t >= 3600) std::snprintf(buf, sizeof buf, "%ldh%02ldm", t / 3600, (t / 60) % 60);
    else std::snprintf(buf, sizeof buf, "%ldm%02lds", t / 60, t % 60);
    return buf;
}

// Draws progress: one redrawn line on a terminal, a line every few seconds otherwise.
struct ProgressPrinter {
    bool tty = ::isatty(STDOUT_FILENO) != 0;
    std::mutex mu;
    std::chrono::steady_clock::time_point last_line{};
    dl::TransferState last_state = dl::TransferState::queued;

    void operator()(const dl::Progress& p) {
        std::lock_guard lock(mu);
        const std::string name = p.dest.filename().string();
        const double frac = p.total > 0 ? static_cast<double>(p.bytes_done) / static_cast<double>(p.total) : 0;
        char line[256];
        std::snprintf(line, sizeof line, "%5.1f%%  %s / %s  %s/s  ETA %s", 100 * frac,
                      dl::human_bytes(p.bytes_done).c_str(), p.total >= 0 ? dl::human_bytes(p.total).c_str() : "?",
                      dl::human_bytes(static_cast<int64_t>(p.bytes_per_second)).c_str(), duration(p.eta_seconds).c_str());
        bool state_changed = p.state != last_state;
        last_state = p.state;
        if (tty) {
            const int width = 30;
            int filled = static_cast<int>(frac * width);
            std::string bar = std::string(static_cast<size_t>(filled), '#') + std::string(static_cast<size_t>(width - filled), '-');
            std::printf("\r\033[K[%s] %s  %s", bar.c_str(), line, p.note.empty() ? name.c_str() : p.note.c_str());
            if (dl::is_finished(p.state)) std::printf("\n");
            std::fflush(stdout);
            return;
        }
        auto now = std::chrono::steady_clock::now();
        if (!state_changed && now - last_line < std::chrono::seconds(2)) return;
        last_line = now;
        std::printf("%s: %s %s%s%s\n", name.c_str(), dl::to_string(p.state), line, p.note.empty() ? "" : "  ",
                    p.note.c_str());
        std::fflush(stdout);
    }
};

}  // namespace

int cmd_pull(Args& args) {
    const auto catalog_id = args.value({"--catalog", "-c"});
    const std::string quant = args.value_or({"--quant", "-q"}, "");
    const auto dir = args.value({"--dir", "-d"});
    const auto ca_bundle = args.value({"--ca-bundle"});
    if (!args.error.empty()) return usage_error(args.error);
    auto words = args.positional();  // before reject_unused, which counts untaken words
    if (int rc = reject_unused(args, "pull")) return rc;
    if ((catalog_id && !words.empty()) || (!catalog_id && words.size() != 2)) {
        std::fprintf(stderr, "usage: hearth-cli pull OWNER/REPO FILE [--dir D]\n"
                             "       hearth-cli pull --catalog ID [--quant Q4_K_M] [--dir D]\n");
        return 2;
    }
    const dl::UserConfig config = app::user_config_from_environment();
    const std::filesystem::path dest_dir = dir ? std::filesystem::path(*dir) : dl::models_dir(config.data_dir);
    dl::HubOptions hub = dl::hub_options(config);
    if (ca_bundle) hub.ca_bundle = *ca_bundle;

    Result<dl::PullPlan> plan = make_error("", "");
    if (catalog_id) {
        auto catalog = dl::load_active_catalog(config);
        if (!catalog) return fail(catalog.error().message);
        plan = dl::plan_catalog_model(hub, *catalog, *catalog_id, quant, dest_dir);
    } else {
        plan = dl::plan_repo_file(hub, words[0], words[1], dest_dir);
    }
    if (!plan) return fail(plan.error().message);
    std::printf("%s %s: %zu file%s, %s, licence %s%s\n", plan->repo.c_str(), plan->quant.c_str(),
                plan->downloads.size(), plan->downloads.size() == 1 ? "" : "s",
                plan->total_bytes >= 0 ? dl::human_bytes(plan->total_bytes).c_str() : "size unknown",
                plan->license.empty() ? "unknown" : plan->license.c_str(),
                plan->gated ? " (gated: accept it on huggingface.co and set HF_TOKEN)" : "");

    std::error_code ec;
    std::filesystem::create_directories(dest_dir, ec);
    std::filesystem::create_directories(config.data_dir, ec);
    std::unique_ptr<dl::StateStore> store;
    if (auto db = dl::open_database_store(dl::state_db_path(config.data_dir).string())) {
        store = std::move(*db);
    } else {
        std::fprintf(stderr, "warning: %s; this download cannot be resumed by a later run.\n",
                     db.error().message.c_str());
        store = std::make_unique<dl::MemoryStateStore>();
    }
    dl::NetworkOptions net;
    net.hf_token = config.hf_token;
    if (ca_bundle) net.ca_bundle = *ca_bundle;
    net.gguf_check = dl::check_gguf_download;
    ProgressPrinter printer;
    dl::Downloader downloader(*store, net, [&printer](const dl::Progress& p) { printer(p); });

    std::vector<int64_t> ids;
    for (const auto& req : plan->downloads) {
        if (req.expected_size >= 0 && std::filesystem::exists(req.dest, ec) &&
            static_cast<int64_t>(std::filesystem::file_size(req.dest, ec)) == req.expected_size) {
            std::printf("%s is already downloaded.\n", req.dest.string().c_str());
            continue;
        }
        // An interrupted earlier run: carry on from its .part and recorded state.
        auto resumed = downloader.restore_unfinished(
            [&](const dl::TransferRecord& r) { return r.dest_path == req.dest.string() && r.url == req.url; });
        if (resumed && !resumed->empty()) {
            for (int64_t id : *resumed) {
                (void)downloader.resume(id);
                ids.push_back(id);
            }
            continue;
        }
        auto id = downloader.add(req);
        if (!id) return fail(id.error().message);
        ids.push_back(*id);
    }
    int rc = 0;
    for (int64_t id : ids) {
        auto p = downloader.wait(id);
        if (p.state != dl::TransferState::done) {
            rc = fail(p.error ? p.error->message : std::string("the download stopped: ") + dl::to_string(p.state));
            continue;
        }
        std::string header_note;
        if (auto facts = dl::read_gguf_facts(p.dest); facts && !facts->quant.empty()) {
            header_note = " (" + facts->architecture + ", " + facts->quant + " by its header";
            if (!plan->quant.empty() && facts->quant != plan->quant) header_note += "; the file name said " + plan->quant;
            header_note += ")";
        }
        std::printf("saved %s%s\n", p.dest.string().c_str(), header_note.c_str());
    }
    // The parts of a split model are checked one by one as they arrive; together they must open
    // as the one model the engine will load.
    if (rc == 0 && plan->downloads.size() > 1) {
        const auto& first = plan->downloads.front().dest;
        if (auto st = dl::check_gguf_file(first); !st) return fail(st.error().message);
        std::printf("the %zu parts open as one model: load %s\n", plan->downloads.size(), first.string().c_str());
    }
    return rc;
}

}  // namespace hearth::cli
