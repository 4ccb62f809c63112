// `hearth-cli files REPO`: a repository's GGUF files grouped by quant level, with sizes,
// SHA-256, licence and gating, and, for what Hearth cannot run, the reason.
#include <cstdio>
#include <string>

#include "app/cli/commands.h"
#include "app/environment.h"
#include "downloader/disk_space.h"
#include "downloader/hub_client.h"
#include "base/json.h"
#include "downloader/quant.h"
#include "downloader/runnable.h"

namespace hearth::cli {

int cmd_files(Args& args) {
    const bool as_json = args.flag({"--json"});
    auto words = args.positional();  // before reject_unused, which counts untaken words
    if (int rc = reject_unused(args, "files")) return rc;
    if (words.size() != 1) {
        std::fprintf(stderr, "usage: hearth-cli files OWNER/REPO [--json]\n");
        return 2;
    }
    const std::string& repo = words[0];
    const dl::HubOptions hub = dl::hub_options(app::user_config_from_environment());
    auto files = dl::hub_list_files(hub, repo);
    if (!files) return fail(files.error().message);
    auto info = dl::hub_model_info(hub, repo);  // licence and gating; the listing is what matters
    auto groups = dl::group_by_quant(*files);
    // An architecture the engine lacks rules out every file; the Hub's GGUF summary names it.
    const std::string arch_problem = info ? dl::arch_cannot_run(info->architecture) : std::string();
    for (auto& g : groups)
        if (!arch_problem.empty() && g.cannot_run.empty()) g.cannot_run = arch_problem;
    if (as_json) {
        auto root = json::Value::object_value();
        root.set("repo", json::Value::string_value(repo));
        if (info) {
            root.set("license", json::Value::string_value(info->license));
            root.set("gated", json::Value::boolean_value(info->gated));
            root.set("architecture", json::Value::string_value(info->architecture));
        }
        auto arr = json::Value::array_value();
        for (const auto& g : groups) {
            auto o = json::Value::object_value();
            o.set("quant", json::Value::string_value(g.quant));
            o.set("size", json::Value::integer_value(g.total_size));
            o.set("complete", json::Value::boolean_value(g.complete));
            o.set("runs", json::Value::boolean_value(g.cannot_run.empty()));
            if (!g.cannot_run.empty()) o.set("cannot_run", json::Value::string_value(g.cannot_run));
            auto fl = json::Value::array_value();
            for (const auto& f : g.files) {
                auto fo = json::Value::object_value();
                fo.set("path", json::Value::string_value(f.path));
                fo.set("size", json::Value::integer_value(f.size));
                fo.set("sha256", f.sha256.empty() ? json::Value::null_value() : json::Value::string_value(f.sha256));
                fl.push(std::move(fo));
            }
            o.set("files", std::move(fl));
            arr.push(std::move(o));
        }
        root.set("quants", std::move(arr));
        std::printf("%s\n", json::serialize(root, 2).c_str());
        return 0;
    }
    std::printf("%s\n", repo.c_str());
    if (info) {
        std::printf("  licence: %s%s\n", info->license.empty() ? "unknown" : info->license.c_str(),
                    info->gated ? "   (gated: accept the licence on huggingface.co and set HF_TOKEN)" : "");
    }
    if (groups.empty()) {
        std::printf("  no GGUF files\n");
        return 0;
    }
    if (!arch_problem.empty()) std::printf("  %s\n", arch_problem.c_str());
    std::printf("  %-10s %10s  %s\n", "QUANT", "SIZE", "FILE");
    for (const auto& g : groups) {
        std::string size = g.total_size >= 0 ? dl::human_bytes(g.total_size) : "?";
        for (size_t i = 0; i < g.files.size(); ++i) {
            std::printf("  %-10s %10s  %s%s\n", i ? "" : (g.quant.empty() ? "?" : g.quant.c_str()), i ? "" : size.c_str(),
                        g.files[i].path.c_str(), g.complete ? "" : "  (incomplete split)");
        }
        // The whole-repo reason was said once above.
        if (!g.cannot_run.empty() && g.cannot_run != arch_problem)
            std::printf("  %-10s %10s  cannot run: %s\n", "", "", g.cannot_run.c_str());
    }
    return 0;
}

}  // namespace hearth::cli
