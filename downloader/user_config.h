// What the downloader takes from the user's setup: which Hub to ask, the access token, a catalog
// to use instead of the bundled one, and where Hearth keeps its data. app/ fills it from the
// environment (app/environment.h: HF_ENDPOINT, HF_TOKEN, HEARTH_CATALOG, XDG_DATA_HOME); the
// library itself reads no environment variable, so tests and embedders say what they mean.
#pragma once

#include <filesystem>
#include <string>

namespace hearth::dl {

struct UserConfig {
    std::string hub_endpoint;            // the Hugging Face Hub or a mirror; empty: https://huggingface.co
    std::string hf_token;                // sent to the Hub for gated models; empty: none
    std::filesystem::path catalog_file;  // a catalog used instead of the bundled one; empty: bundled
    std::filesystem::path data_dir;      // models/, the state database and a refreshed catalog
};

}  // namespace hearth::dl
