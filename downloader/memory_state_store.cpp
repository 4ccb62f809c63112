#include <chrono>

#include "downloader/state_store.h"

namespace hearth::dl {

static int64_t now_seconds() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch()).count();
}

static Error missing(int64_t id) {
    return make_error("download.not_found", "There is no download with id " + std::to_string(id) + ".");
}

Result<int64_t> MemoryStateStore::add(const TransferRecord& record) {
    std::lock_guard lock(mu_);
    TransferRecord r = record;
    r.id = next_id_++;
    r.created_at = r.updated_at = now_seconds();
    records_[r.id] = r;
    return r.id;
}

Result<std::optional<TransferRecord>> MemoryStateStore::get(int64_t id) {
    std::lock_guard lock(mu_);
    auto it = records_.find(id);
    if (it == records_.end()) return std::optional<TransferRecord>{};
    return std::optional<TransferRecord>{it->second};
}

Result<std::vector<TransferRecord>> MemoryStateStore::list() {
    std::lock_guard lock(mu_);
    std::vector<TransferRecord> out;
    for (const auto& [id, r] : records_) out.push_back(r);
    return out;
}

Status MemoryStateStore::update_progress(int64_t id, int64_t bytes_done, const std::string& etag,
                                         const std::string& last_modified) {
    std::lock_guard lock(mu_);
    auto it = records_.find(id);
    if (it == records_.end()) return missing(id);
    it->second.bytes_done = bytes_done;
    it->second.etag = etag;
    it->second.last_modified = last_modified;
    it->second.updated_at = now_seconds();
    return {};
}

Status MemoryStateStore::set_state(int64_t id, const std::string& state, const std::string& error) {
    std::lock_guard lock(mu_);
    auto it = records_.find(id);
    if (it == records_.end()) return missing(id);
    it->second.state = state;
    it->second.error = error;
    it->second.updated_at = now_seconds();
    return {};
}

Status MemoryStateStore::remove(int64_t id) {
    std::lock_guard lock(mu_);
    records_.erase(id);
    return {};
}

}  // namespace hearth::dl
