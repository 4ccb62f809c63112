#include "app/environment.h"

#include <cstdlib>

namespace hearth::app {

namespace {

const char* non_empty(const EnvLookup& lookup, const char* name) {
    const char* v = lookup(name);
    return v && *v ? v : nullptr;
}

}  // namespace

dl::UserConfig user_config_from_environment(const EnvLookup& lookup) {
    dl::UserConfig c;
    if (const char* v = non_empty(lookup, "HF_ENDPOINT")) c.hub_endpoint = v;
    for (const char* name : {"HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"})
        if (const char* v = non_empty(lookup, name); v && c.hf_token.empty()) c.hf_token = v;
    if (const char* v = non_empty(lookup, "HEARTH_CATALOG")) c.catalog_file = v;
    // XDG_DATA_HOME counts only when absolute, as the XDG base directory specification says.
    if (const char* x = non_empty(lookup, "XDG_DATA_HOME"); x && *x == '/')
        c.data_dir = std::filesystem::path(x) / "hearth";
    else if (const char* home = non_empty(lookup, "HOME"))
        c.data_dir = std::filesystem::path(home) / ".local" / "share" / "hearth";
    else
        c.data_dir = std::filesystem::current_path() / ".hearth";
    return c;
}

dl::UserConfig user_config_from_environment() {
    return user_config_from_environment([](const char* name) -> const char* { return std::getenv(name); });
}

}  // namespace hearth::app
