// `hearth-cli search TEXT`: GGUF models on the Hugging Face Hub matching TEXT.
#include <cstdio>
#include <string>

#include "app/cli/commands.h"
#include "app/environment.h"
#include "downloader/hub_client.h"
#include "downloader/runnable.h"
#include "base/json.h"

namespace hearth::cli {

int cmd_search(Args& args) {
    const std::string sort_name = args.value_or({"--sort"}, "downloads");
    const auto limit = args.integer({"--limit", "-n"}, 1, 1000);
    const bool as_json = args.flag({"--json"});
    if (!args.error.empty()) return usage_error(args.error);
    auto words = args.positional();  // before reject_unused, which counts untaken words
    if (int rc = reject_unused(args, "search")) return rc;
    if (words.empty()) {
        std::fprintf(stderr, "usage: hearth-cli search TEXT [--sort downloads|likes|recent] [--limit N] [--json]\n");
        return 2;
    }
    std::string text;
    for (const auto& w : words) text += (text.empty() ? "" : " ") + w;
    dl::HubSort sort;
    if (sort_name == "downloads") sort = dl::HubSort::downloads;
    else if (sort_name == "likes") sort = dl::HubSort::likes;
    else if (sort_name == "recent") sort = dl::HubSort::recent;
    else return fail("--sort must be downloads, likes or recent, not '" + sort_name + "'");

    auto models = dl::hub_search(dl::hub_options(app::user_config_from_environment()), text, sort, static_cast<int>(limit.value_or(20)));
    if (!models) return fail(models.error().message);
    if (as_json) {
        auto arr = json::Value::array_value();
        for (const auto& m : *models) {
            auto o = json::Value::object_value();
            o.set("id", json::Value::string_value(m.id));
            o.set("downloads", json::Value::integer_value(m.downloads));
            o.set("likes", json::Value::integer_value(m.likes));
            o.set("last_modified", json::Value::string_value(m.last_modified));
            if (const std::string why = dl::arch_cannot_run(m.architecture); !why.empty())
                o.set("cannot_run", json::Value::string_value(why));
            arr.push(std::move(o));
        }
        std::printf("%s\n", json::serialize(arr, 2).c_str());
        return 0;
    }
    if (models->empty()) {
        std::printf("No GGUF models match '%s'.\n", text.c_str());
        return 0;
    }
    std::printf("%-60s %12s %8s\n", "MODEL", "DOWNLOADS", "LIKES");
    for (const auto& m : *models) {
        std::printf("%-60s %12lld %8lld\n", m.id.c_str(), static_cast<long long>(m.downloads),
                    static_cast<long long>(m.likes));
        // Known only when the Hub's answer carries a GGUF summary; `files` checks each quant.
        if (const std::string why = dl::arch_cannot_run(m.architecture); !why.empty())
            std::printf("  cannot run: %s\n", why.c_str());
    }
    return 0;
}

}  // namespace hearth::cli
