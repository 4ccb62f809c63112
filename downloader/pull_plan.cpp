#include "downloader/pull_plan.h"

#include <algorithm>

#include "downloader/model_paths.h"

namespace hearth::dl {
namespace {

DownloadRequest make_request(const HubOptions& hub, const std::string& repo, const RepoFile& f,
                             const std::filesystem::path& dest_dir) {
    DownloadRequest r;
    r.url = hub_file_url(hub, repo, f.path);
    r.dest = dest_dir / safe_file_name(f.path);
    r.repo = repo;
    r.file = f.path;
    r.expected_size = f.size;
    r.expected_sha256 = f.sha256;
    r.check_gguf = true;
    r.send_token = true;
    return r;
}

void add_files(PullPlan& plan, const HubOptions& hub, const std::vector<RepoFile>& files,
               const std::filesystem::path& dest_dir) {
    plan.total_bytes = 0;
    for (const auto& f : files) {
        plan.downloads.push_back(make_request(hub, plan.repo, f, dest_dir));
        if (f.size < 0 || plan.total_bytes < 0) plan.total_bytes = -1;
        else plan.total_bytes += f.size;
    }
}

void add_model_facts(PullPlan& plan, const HubOptions& hub) {
    // Licence and gating are shown to the user; the download itself does not depend on them.
    if (auto info = hub_model_info(hub, plan.repo)) {
        plan.license = info->license;
        plan.gated = info->gated;
    }
}

}  // namespace

Result<PullPlan> plan_repo_file(const HubOptions& hub, const std::string& repo, const std::string& file,
                                const std::filesystem::path& dest_dir) {
    auto listing = hub_list_files(hub, repo);
    if (!listing) return listing.error();
    PullPlan plan;
    plan.repo = repo;
    std::vector<RepoFile> files;
    auto split = parse_split(file.substr(file.rfind('/') == std::string::npos ? 0 : file.rfind('/') + 1));
    std::string dir = file.substr(0, file.rfind('/') == std::string::npos ? 0 : file.rfind('/') + 1);
    for (const auto& f : *listing) {
        if (f.path == file) {
            if (!split) files.push_back(f);
            continue;
        }
    }
    if (split) {
        for (const auto& f : *listing) {
            if (f.path.compare(0, dir.size(), dir) != 0) continue;
            auto p = parse_split(f.path.substr(dir.size()));
            if (p && p->base == split->base && p->count == split->count) files.push_back(f);
        }
        std::sort(files.begin(), files.end(), [](const RepoFile& a, const RepoFile& b) { return a.path < b.path; });
        if (static_cast<int>(files.size()) != split->count)
            return make_error("hub.incomplete_split", repo + " has " + std::to_string(files.size()) + " of the " +
                                                          std::to_string(split->count) + " parts of " + split->base +
                                                          "; it cannot be downloaded complete.");
    }
    if (files.empty())
        return make_error("hub.file_not_found", repo + " has no file named " + file +
                                                    ". Run 'hearth-cli files " + repo + "' to see what it has.");
    plan.quant = quant_from_filename(file);
    add_files(plan, hub, files, dest_dir);
    add_model_facts(plan, hub);
    return plan;
}

Result<PullPlan> plan_catalog_model(const HubOptions& hub, const Catalog& catalog, const std::string& id,
                                    const std::string& quant, const std::filesystem::path& dest_dir) {
    const CatalogModel* m = catalog.find(id);
    if (!m) return make_error("catalog.unknown_model", "The catalog has no model '" + id + "'.");
    std::string want = quant.empty() ? m->default_quant : quant;
    const CatalogQuant* q = find_quant(*m, want);
    if (!q) {
        std::string have;
        for (const auto& x : m->quants) have += (have.empty() ? "" : ", ") + x.quant;
        return make_error("catalog.quant_missing", m->name + " has no ready-made " + want + " file; available: " +
                                                       have + ".");
    }
    PullPlan plan;
    plan.repo = m->repo;
    plan.quant = q->quant;
    plan.license = m->license;
    plan.gated = m->gated;
    auto listing = hub_list_files(hub, m->repo);
    if (!listing) {
        bool pinned = !q->file.empty() && q->size > 0 && !q->sha256.empty();
        if (!pinned) return listing.error();
        add_files(plan, hub, {RepoFile{q->file, q->size, q->sha256}}, dest_dir);
        return plan;
    }
    auto files = resolve_quant(*q, *listing);
    if (!files) return files.error();
    add_files(plan, hub, *files, dest_dir);
    add_model_facts(plan, hub);
    if (plan.license.empty()) plan.license = m->license;
    return plan;
}

}  // namespace hearth::dl
