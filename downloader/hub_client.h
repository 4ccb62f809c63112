// The Hugging Face Hub's public JSON API, the parts Hearth needs: search GGUF models, read a
// model's licence and gated flag, list its files with sizes and LFS SHA-256, and build the
// download URL. HF_ENDPOINT overrides the host (mirrors, and the tests' local server).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "base/json.h"
#include "downloader/quant.h"
#include "downloader/user_config.h"

namespace hearth::dl {

struct HubOptions {
    std::string endpoint;  // empty: https://huggingface.co (UserConfig::hub_endpoint)
    std::string token;     // empty: none (UserConfig::hf_token)
    std::string ca_bundle;
    long connect_timeout_ms = 8000;
    long timeout_ms = 30000;
};

// The endpoint to use, without a trailing slash.
std::string hub_endpoint(const HubOptions& o);
// Endpoint and token from the user's configuration; the rest default.
HubOptions hub_options(const UserConfig& config);

enum class HubSort { downloads, likes, recent };

struct ModelSummary {
    std::string id;  // "owner/name"
    int64_t downloads = 0, likes = 0;
    std::string last_modified;  // ISO 8601 when the Hub sends it
    std::string pipeline_tag;
    std::vector<std::string> tags;
    std::string architecture;  // from a GGUF summary, when the answer carries one
};

struct ModelInfo {
    std::string id, sha;
    bool gated = false;
    std::string gated_mode;  // "auto" or "manual" when gated
    bool is_private = false;
    bool disabled = false;
    std::string license;     // "apache-2.0", "llama3.2", "other", or empty
    std::string architecture;         // from the Hub's GGUF summary, if any
    int64_t context_length = 0;       // ditto
    int64_t parameters = 0;           // ditto ("total")
    std::vector<std::string> tags;
};

Result<std::vector<ModelSummary>> hub_search(const HubOptions& o, const std::string& text, HubSort sort, int limit);
Result<ModelInfo> hub_model_info(const HubOptions& o, const std::string& repo);
// Every file of the repo at `revision` (recursively), with sizes and the LFS SHA-256.
Result<std::vector<RepoFile>> hub_list_files(const HubOptions& o, const std::string& repo,
                                             const std::string& revision = "main");
std::string hub_file_url(const HubOptions& o, const std::string& repo, const std::string& file,
                         const std::string& revision = "main");

// The pure parsing steps, for tests and for recorded responses.
Result<std::vector<ModelSummary>> parse_search_response(const json::Value& v);
Result<ModelInfo> parse_model_info(const json::Value& v);
Result<std::vector<RepoFile>> parse_tree_response(const json::Value& v);

// "owner/name" with the characters the Hub allows; rejects anything that could escape a URL path.
bool is_valid_repo_id(const std::string& repo);

}  // namespace hearth::dl
