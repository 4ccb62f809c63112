// From "this repo, this file" or "this catalog model at Q4_K_M" to the exact downloads:
// URLs, destination paths, published sizes and SHA-256 from the Hub listing, every part of
// a split model, and the licence / gated facts the user must see first.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "base/result.h"
#include "downloader/catalog.h"
#include "downloader/hub_client.h"
#include "downloader/transfer_types.h"

namespace hearth::dl {

struct PullPlan {
    std::string repo;
    std::string quant;    // from the file name; the header confirms it after download
    std::string license;  // may be empty when the Hub could not be asked
    bool gated = false;
    std::vector<DownloadRequest> downloads;  // one, or every part of a split model
    int64_t total_bytes = 0;                 // -1 when a size is unknown
};

// `file` may be any part of a split model: every part is planned.
Result<PullPlan> plan_repo_file(const HubOptions& hub, const std::string& repo, const std::string& file,
                                const std::filesystem::path& dest_dir);
// A catalog model at a quant level (empty: its default). Uses the catalog's pinned file, size
// and hash where it has them, the Hub listing for the rest; with no network, a fully pinned
// entry still plans.
Result<PullPlan> plan_catalog_model(const HubOptions& hub, const Catalog& catalog, const std::string& id,
                                    const std::string& quant, const std::filesystem::path& dest_dir);

}  // namespace hearth::dl
