// `hearth-cli catalog`: the recommended models, from the refreshed catalog when there is one,
// else the one bundled with Hearth. `hearth-cli catalog --refresh [URL]` fetches a newer
// catalog (from URL, else the address the catalog names), validates it and keeps it for the
// next runs; a broken or unreachable one changes nothing.
#include <cstdio>
#include <string>

#include "app/cli/commands.h"
#include "app/environment.h"
#include "downloader/catalog.h"

namespace hearth::cli {
namespace {

void print_model(const dl::CatalogModel& m) {
    std::string quants;
    for (const auto& q : m.quants)
        quants += (quants.empty() ? "" : " ") + q.quant + (q.quant == m.default_quant ? "*" : "");
    std::printf("%-26s %-28s %6.2fB  ctx %-7lld %s%s%s\n", m.id.c_str(), m.name.c_str(), m.parameters_b,
                static_cast<long long>(m.context_length), m.license.c_str(), m.gated ? " (gated)" : "",
                m.demo ? " (demo)" : "");
    std::printf("%-26s quants: %s%s\n", "", quants.c_str(), m.f16_repo.empty() ? "" : "  (F16 source for quantizing)");
}

}  // namespace

int cmd_catalog(Args& args) {
    const bool refresh = args.flag({"--refresh"});
    if (!args.error.empty()) return usage_error(args.error);
    auto words = args.positional();
    if (int rc = reject_unused(args, "catalog")) return rc;
    if (words.size() > (refresh ? 1u : 0u)) {
        std::fprintf(stderr, "usage: hearth-cli catalog [--refresh [URL]]\n");
        return 2;
    }
    std::filesystem::path from;
    const dl::UserConfig config = app::user_config_from_environment();
    auto current = dl::load_active_catalog(config, &from);
    if (refresh) {
        std::string url = !words.empty() ? words[0] : current ? current->refresh_url : "";
        if (url.empty())
            return fail("this catalog names no address to refresh it from; give one: hearth-cli catalog --refresh URL");
        auto fetched = dl::fetch_catalog(url);
        if (!fetched) return fail(fetched.error().message);
        if (auto st = dl::save_refreshed_catalog(config.data_dir, fetched->first); !st) return fail(st.error().message);
        const auto& c = fetched->second;
        std::printf("saved the catalog of %s (%zu models) to %s\n", c.updated.c_str(), c.models.size(),
                    dl::refreshed_catalog_path(config.data_dir).string().c_str());
        if (current && c.updated < current->updated)
            std::printf("note: it is older than the catalog in use (%s), which stays in use.\n",
                        current->updated.c_str());
        return 0;
    }
    if (!current) return fail(current.error().message);
    std::printf("catalog of %s, %zu models, from %s (* = default quant)\n\n", current->updated.c_str(),
                current->models.size(), from.string().c_str());
    for (const auto& m : current->models) print_model(m);
    return 0;
}

}  // namespace hearth::cli
