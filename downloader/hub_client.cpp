#include "downloader/hub_client.h"

#include <algorithm>
#include <cctype>

#include "downloader/downloader.h"
#include "downloader/http_get.h"

namespace hearth::dl {
namespace {

HttpGetOptions http_options(const HubOptions& o) {
    HttpGetOptions h;
    h.ca_bundle = o.ca_bundle;
    h.bearer_token = o.token;
    h.connect_timeout_ms = o.connect_timeout_ms;
    h.timeout_ms = o.timeout_ms;
    return h;
}

Error bad_answer(const std::string& what) {
    return make_error("hub.bad_response", "The Hugging Face Hub sent an answer Hearth does not understand (" + what +
                                              "); try again later.");
}

// GET + status handling + JSON parse, shared by every call.
Result<json::Value> get_json(const HubOptions& o, const std::string& url, const std::string& repo,
                             std::string* link_next = nullptr) {
    auto r = http_get(url, http_options(o));
    if (!r) return r.error();
    if (r->status == 401 || r->status == 403)
        return make_error("hub.unauthorized", "The Hub refused access to " + (repo.empty() ? url : repo) +
                                                  " (HTTP " + std::to_string(r->status) +
                                                  "). It may be private or gated: accept its licence on huggingface.co "
                                                  "and set HF_TOKEN.");
    if (r->status == 404)
        return make_error("hub.not_found", (repo.empty() ? url : repo) + " was not found on the Hub.");
    if (r->status == 429)
        return make_error("hub.rate_limited", "The Hub is rate-limiting requests; wait a minute and try again.");
    if (r->status < 200 || r->status >= 300)
        return make_error("hub.http", "The Hub answered HTTP " + std::to_string(r->status) + " for " +
                                          (repo.empty() ? url : repo) + "; try again later.");
    auto v = json::parse(r->body);
    if (!v) return bad_answer(v.error().message);
    if (link_next) *link_next = r->link_next;
    return v;
}

std::vector<std::string> string_list(const json::Value* v) {
    std::vector<std::string> out;
    if (!v || !v->is_array()) return out;
    for (const auto& e : v->arr)
        if (e.is_string()) out.push_back(e.str);
    return out;
}

}  // namespace

std::string hub_endpoint(const HubOptions& o) {
    std::string e = o.endpoint.empty() ? "https://huggingface.co" : o.endpoint;
    while (!e.empty() && e.back() == '/') e.pop_back();
    return e;
}

HubOptions hub_options(const UserConfig& config) {
    HubOptions o;
    o.endpoint = config.hub_endpoint;
    o.token = config.hf_token;
    return o;
}

bool is_valid_repo_id(const std::string& repo) {
    auto slash = repo.find('/');
    if (slash == std::string::npos || slash == 0 || slash + 1 == repo.size() || repo.find('/', slash + 1) != std::string::npos)
        return false;
    if (repo.size() > 200 || repo.find("..") != std::string::npos) return false;
    for (char c : repo)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.' && c != '/') return false;
    return repo.front() != '.' && repo[slash + 1] != '.';
}

Result<std::vector<ModelSummary>> parse_search_response(const json::Value& v) {
    if (!v.is_array()) return bad_answer("the model list is not an array");
    std::vector<ModelSummary> out;
    for (const auto& m : v.arr) {
        if (!m.is_object()) continue;
        ModelSummary s;
        s.id = m.get_string("id", m.get_string("modelId"));
        if (s.id.empty()) continue;
        s.downloads = m.get_int("downloads").value_or(0);
        s.likes = m.get_int("likes").value_or(0);
        s.last_modified = m.get_string("lastModified", m.get_string("createdAt"));
        s.pipeline_tag = m.get_string("pipeline_tag");
        s.tags = string_list(m.find("tags"));
        if (const auto* g = m.find("gguf"); g && g->is_object()) s.architecture = g->get_string("architecture");
        out.push_back(std::move(s));
    }
    return out;
}

Result<ModelInfo> parse_model_info(const json::Value& v) {
    if (!v.is_object()) return bad_answer("the model information is not an object");
    ModelInfo m;
    m.id = v.get_string("id", v.get_string("modelId"));
    if (m.id.empty()) return bad_answer("the model information has no id");
    m.sha = v.get_string("sha");
    if (const auto* g = v.find("gated")) {
        // false, or "auto"/"manual" (older answers used true).
        if (g->is_bool()) m.gated = g->b;
        else if (g->is_string()) { m.gated = true; m.gated_mode = g->str; }
    }
    m.is_private = v.get_bool("private").value_or(false);
    m.disabled = v.get_bool("disabled").value_or(false);
    m.tags = string_list(v.find("tags"));
    if (const auto* card = v.find("cardData")) {
        if (const auto* lic = card->find("license")) {
            if (lic->is_string()) m.license = lic->str;
            else if (lic->is_array() && !lic->arr.empty() && lic->arr[0].is_string()) m.license = lic->arr[0].str;
        }
    }
    if (m.license.empty())
        for (const auto& t : m.tags)
            if (t.rfind("license:", 0) == 0) m.license = t.substr(8);
    if (const auto* g = v.find("gguf"); g && g->is_object()) {
        m.architecture = g->get_string("architecture");
        m.context_length = g->get_int("context_length").value_or(0);
        m.parameters = g->get_int("total").value_or(0);
    }
    return m;
}

Result<std::vector<RepoFile>> parse_tree_response(const json::Value& v) {
    if (!v.is_array()) return bad_answer("the file list is not an array");
    std::vector<RepoFile> out;
    for (const auto& e : v.arr) {
        if (!e.is_object() || e.get_string("type") != "file") continue;
        RepoFile f;
        f.path = e.get_string("path");
        if (f.path.empty()) continue;
        f.size = e.get_int("size").value_or(-1);
        if (const auto* lfs = e.find("lfs"); lfs && lfs->is_object()) {
            std::string oid = lfs->get_string("oid");
            // Older answers prefix the algorithm ("sha256:...").
            if (oid.rfind("sha256:", 0) == 0) oid = oid.substr(7);
            bool hex = oid.size() == 64;
            for (char c : oid) hex = hex && std::isxdigit(static_cast<unsigned char>(c));
            if (hex) {
                for (auto& c : oid) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                f.sha256 = oid;
            }
            if (auto s = lfs->get_int("size")) f.size = *s;
        }
        out.push_back(std::move(f));
    }
    return out;
}

Result<std::vector<ModelSummary>> hub_search(const HubOptions& o, const std::string& text, HubSort sort, int limit) {
    const char* key = sort == HubSort::downloads ? "downloads" : sort == HubSort::likes ? "likes" : "lastModified";
    std::string url = hub_endpoint(o) + "/api/models?search=" + url_escape(text) + "&filter=gguf&sort=" + key +
                      "&direction=-1&limit=" + std::to_string(std::clamp(limit, 1, 100));
    auto v = get_json(o, url, "");
    if (!v) return v.error();
    return parse_search_response(*v);
}

Result<ModelInfo> hub_model_info(const HubOptions& o, const std::string& repo) {
    if (!is_valid_repo_id(repo))
        return make_error("hub.bad_repo", "'" + repo + "' is not a Hugging Face repository name (owner/name).");
    auto v = get_json(o, hub_endpoint(o) + "/api/models/" + repo, repo);
    if (!v) return v.error();
    return parse_model_info(*v);
}

Result<std::vector<RepoFile>> hub_list_files(const HubOptions& o, const std::string& repo, const std::string& revision) {
    if (!is_valid_repo_id(repo))
        return make_error("hub.bad_repo", "'" + repo + "' is not a Hugging Face repository name (owner/name).");
    std::string url = hub_endpoint(o) + "/api/models/" + repo + "/tree/" + url_escape(revision) + "?recursive=1";
    std::vector<RepoFile> all;
    // Large repositories are paginated with a Link: <...>; rel="next" header.
    for (int page = 0; page < 50 && !url.empty(); ++page) {
        std::string next;
        auto v = get_json(o, url, repo, &next);
        if (!v) return v.error();
        auto files = parse_tree_response(*v);
        if (!files) return files.error();
        all.insert(all.end(), files->begin(), files->end());
        // Follow only links on the same endpoint: a listing must not send us elsewhere.
        url = next.rfind(hub_endpoint(o) + "/", 0) == 0 ? next : std::string();
    }
    return all;
}

std::string hub_file_url(const HubOptions& o, const std::string& repo, const std::string& file,
                         const std::string& revision) {
    return hub_endpoint(o) + "/" + repo + "/resolve/" + url_escape(revision) + "/" + url_escape_path(file);
}

}  // namespace hearth::dl
