// `hearth-cli fit REPO|FILE [--ctx N]`: will the model run on this machine's GPU? A local GGUF
// file gives exact numbers from its header; a Hub repository gives one line per quant level,
// using the file sizes and the catalog's KV-cache geometry.
#include <algorithm>
#include <cstdio>
#include <string>

#include "app/cli/commands.h"
#include "app/environment.h"
#include "downloader/catalog.h"
#include "downloader/disk_space.h"
#include "downloader/fit.h"
#include "downloader/gguf_check.h"
#include "downloader/hub_client.h"
#include "downloader/quant.h"
#include "inference/vulkan/device_info.h"

namespace hearth::cli {
namespace {

// The first discrete GPU, else the first device; its device-local memory and budget.
dl::GpuBudget detect_budget(std::string& device_name) {
    dl::GpuBudget b;
    dl::fill_system_memory(b);
    auto devs = vk::list_devices();
    if (!devs || devs->empty()) {
        device_name = "no Vulkan device (shared system memory assumed)";
        b.unified = true;
        return b;
    }
    const vk::DeviceInfo* pick = &devs->front();
    for (const auto& d : *devs)
        if (d.type == vk::DeviceType::Discrete) { pick = &d; break; }
    device_name = pick->name;
    b.unified = pick->unified_memory || pick->type != vk::DeviceType::Discrete;
    b.device_local_total = static_cast<int64_t>(vk::device_local_bytes(*pick));
    int64_t free = 0;
    bool known = false;
    for (const auto& h : pick->heaps) {
        if (!h.device_local || !h.budget) continue;
        known = true;
        free += static_cast<int64_t>(h.budget > h.usage ? h.budget - h.usage : 0);
    }
    b.device_local_free = known ? free : -1;
    return b;
}

void print_report(const std::string& label, const dl::FitReport& r) {
    std::printf("%-12s %-10s %s\n", label.c_str(), dl::to_string(r.verdict), r.summary.c_str());
}

}  // namespace

int cmd_fit(Args& args) {
    const auto ctx_opt = args.integer({"--ctx", "-c"}, 1, INT32_MAX);
    if (!args.error.empty()) return usage_error(args.error);
    auto words = args.positional();  // before reject_unused, which counts untaken words
    if (int rc = reject_unused(args, "fit")) return rc;
    if (words.size() != 1) {
        std::fprintf(stderr, "usage: hearth-cli fit OWNER/REPO|FILE.gguf [--ctx N]\n");
        return 2;
    }
    std::string device;
    dl::GpuBudget budget = detect_budget(device);
    std::printf("device: %s\n", device.c_str());

    const std::string& what = words[0];
    std::error_code ec;
    if (std::filesystem::exists(what, ec)) {
        auto facts = dl::read_gguf_facts(what);
        if (!facts) return fail(facts.error().message);
        int64_t ctx = ctx_opt.value_or(std::min<int64_t>(facts->shape.trained_context > 0 ? facts->shape.trained_context : 4096, 8192));
        print_report(facts->quant.empty() ? "model" : facts->quant, dl::predict_fit(budget, facts->shape, ctx));
        return 0;
    }
    if (!dl::is_valid_repo_id(what)) return fail(what + " is neither a GGUF file nor a Hugging Face repository name.");
    const dl::UserConfig config = app::user_config_from_environment();
    auto files = dl::hub_list_files(dl::hub_options(config), what);
    if (!files) return fail(files.error().message);
    dl::ModelShape shape;
    if (auto catalog = dl::load_active_catalog(config)) {
        if (const auto* m = catalog->find_by_repo(what)) {
            shape.layers = m->kv.layers;
            shape.kv_heads = m->kv.kv_heads;
            shape.head_dim = m->kv.head_dim;
            shape.heads = m->kv.heads;
            shape.embedding = m->kv.embedding;
            shape.vocab = m->kv.vocab;
            shape.trained_context = m->context_length;
        }
    }
    if (shape.layers == 0)
        std::printf("note: %s is not in the catalog, so its KV-cache size is unknown here; the numbers cover the "
                    "weights only. Download a file and run 'hearth-cli fit FILE' for the exact answer.\n",
                    what.c_str());
    int64_t ctx = ctx_opt.value_or(std::min<int64_t>(shape.trained_context > 0 ? shape.trained_context : 4096, 8192));
    auto groups = dl::group_by_quant(*files);
    if (groups.empty()) return fail(what + " has no GGUF files.");
    for (const auto& g : groups) {
        if (g.total_size < 0 || !g.complete) continue;
        shape.weight_bytes = g.total_size;  // a GGUF file is its weights plus a small header
        print_report(g.quant.empty() ? "?" : g.quant, dl::predict_fit(budget, shape, ctx));
    }
    return 0;
}

}  // namespace hearth::cli
