#include "downloader/catalog.h"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

#include "downloader/http_get.h"
#include "downloader/hub_client.h"
#include "downloader/model_paths.h"
#include "base/json.h"

#ifndef HEARTH_SOURCE_CATALOG
#define HEARTH_SOURCE_CATALOG ""
#endif

namespace hearth::dl {
namespace {

Error invalid(const std::string& where, const std::string& what) {
    return make_error("catalog.invalid", "The model catalog is invalid: " + where + " " + what + ".");
}

bool is_sha256(const std::string& s) {
    return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

// Optional string: absent or null gives "", anything but a string is an error.
Result<std::string> opt_string(const json::Value& obj, const char* key, const std::string& where) {
    const auto* v = obj.find(key);
    if (!v || v->is_null()) return std::string();
    if (!v->is_string()) return invalid(where, std::string("field '") + key + "' must be a string or null");
    return v->str;
}

Result<int64_t> opt_int(const json::Value& obj, const char* key, const std::string& where) {
    const auto* v = obj.find(key);
    if (!v || v->is_null()) return int64_t(-1);
    auto i = v->as_int();
    if (!i || *i <= 0) return invalid(where, std::string("field '") + key + "' must be a positive integer or null");
    return *i;
}

Result<CatalogQuant> parse_quant(const json::Value& q, const std::string& where) {
    if (!q.is_object()) return invalid(where, "is not an object");
    CatalogQuant out;
    out.quant = q.get_string("quant");
    if (quant_bits_per_weight(out.quant) <= 0) return invalid(where, "names an unknown quant level '" + out.quant + "'");
    auto file = opt_string(q, "file", where);
    if (!file) return file.error();
    out.file = *file;
    auto size = opt_int(q, "size", where);
    if (!size) return size.error();
    out.size = *size;
    auto sha = opt_string(q, "sha256", where);
    if (!sha) return sha.error();
    if (!sha->empty() && !is_sha256(*sha)) return invalid(where, "has a sha256 that is not 64 lowercase hex digits");
    out.sha256 = *sha;
    return out;
}

Result<CatalogModel> parse_model(const json::Value& m, const std::string& where) {
    if (!m.is_object()) return invalid(where, "is not an object");
    CatalogModel out;
    out.id = m.get_string("id");
    if (out.id.empty()) return invalid(where, "has no id");
    std::string at = "model '" + out.id + "'";
    out.name = m.get_string("name", out.id);
    out.repo = m.get_string("repo");
    if (!is_valid_repo_id(out.repo)) return invalid(at, "has an invalid repo '" + out.repo + "'");
    auto arch = opt_string(m, "arch", at);
    if (!arch) return arch.error();
    out.arch = *arch;
    out.license = m.get_string("license");
    out.gated = m.get_bool("gated").value_or(false);
    out.demo = m.get_bool("demo").value_or(false);
    auto ctx = opt_int(m, "context_length", at);
    if (!ctx) return ctx.error();
    if (*ctx < 0) return invalid(at, "has no context_length");
    out.context_length = *ctx;
    if (const auto* p = m.find("parameters_b"); p && p->is_number()) out.parameters_b = p->num;
    if (const auto* kv = m.find("kv"); kv && kv->is_object()) {
        auto get = [&](const char* k) { return static_cast<int>(std::clamp<int64_t>(kv->get_int(k).value_or(0), 0, 1 << 20)); };
        out.kv = {get("layers"), get("kv_heads"), get("head_dim"), get("heads"), get("embedding"), get("vocab")};
    }
    const auto* quants = m.find("quants");
    if (!quants || !quants->is_array() || quants->arr.empty()) return invalid(at, "lists no quant levels");
    std::set<std::string> seen;
    for (size_t i = 0; i < quants->arr.size(); ++i) {
        auto q = parse_quant(quants->arr[i], at + " quant #" + std::to_string(i + 1));
        if (!q) return q.error();
        if (!seen.insert(q->quant).second) return invalid(at, "lists quant " + q->quant + " twice");
        out.quants.push_back(std::move(*q));
    }
    out.default_quant = m.get_string("default_quant", out.quants.front().quant);
    if (!seen.count(out.default_quant)) return invalid(at, "has a default_quant that is not in its list");
    if (const auto* f16 = m.find("f16_source"); f16 && f16->is_object()) {
        out.f16_repo = f16->get_string("repo");
        out.f16_file = f16->get_string("file");
        if (!out.f16_repo.empty() && !is_valid_repo_id(out.f16_repo))
            return invalid(at, "has an invalid f16_source repo");
    }
    return out;
}

}  // namespace

const CatalogModel* Catalog::find(std::string_view id) const {
    for (const auto& m : models)
        if (m.id == id) return &m;
    return nullptr;
}

const CatalogModel* Catalog::find_by_repo(std::string_view repo) const {
    for (const auto& m : models)
        if (m.repo == repo) return &m;
    return nullptr;
}

Result<Catalog> parse_catalog(std::string_view text) {
    json::Limits lim;
    lim.max_bytes = 4u << 20;
    lim.max_depth = 16;
    auto v = json::parse(text, lim);
    if (!v) return make_error("catalog.invalid", "The model catalog is not valid JSON: " + v.error().message);
    if (!v->is_object()) return invalid("the top level", "is not an object");
    Catalog c;
    auto ver = v->get_int("schema_version");
    if (!ver) return invalid("the top level", "has no schema_version");
    if (*ver > kCatalogSchemaVersion)
        return make_error("catalog.too_new", "The model catalog uses schema version " + std::to_string(*ver) +
                                                 ", newer than this Hearth understands (" +
                                                 std::to_string(kCatalogSchemaVersion) + "); update Hearth.");
    if (*ver < 1) return invalid("the top level", "has a bad schema_version");
    c.schema_version = static_cast<int>(*ver);
    c.updated = v->get_string("updated");
    c.refresh_url = v->get_string("refresh_url");
    const auto* models = v->find("models");
    if (!models || !models->is_array()) return invalid("the top level", "has no models array");
    std::set<std::string> ids;
    for (size_t i = 0; i < models->arr.size(); ++i) {
        auto m = parse_model(models->arr[i], "model #" + std::to_string(i + 1));
        if (!m) return m.error();
        if (!ids.insert(m->id).second) return invalid("model '" + m->id + "'", "appears twice");
        c.models.push_back(std::move(*m));
    }
    return c;
}

Result<Catalog> load_catalog(const std::filesystem::path& path) {
    std::ifstream f(path, std::ios::binary);
    if (!f) return make_error("catalog.missing", "The model catalog " + path.string() + " cannot be read.");
    std::stringstream ss;
    ss << f.rdbuf();
    return parse_catalog(ss.str());
}

Result<Catalog> load_bundled_catalog(const std::filesystem::path& preferred, std::filesystem::path* from) {
    std::vector<std::filesystem::path> candidates;
    if (!preferred.empty()) candidates.push_back(preferred);
    std::error_code ec;
    auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        candidates.push_back(exe.parent_path().parent_path() / "share" / "hearth" / "catalog.json");
        candidates.push_back(exe.parent_path() / "catalog.json");
    }
    if (*HEARTH_SOURCE_CATALOG) candidates.emplace_back(HEARTH_SOURCE_CATALOG);
    for (const auto& p : candidates)
        if (std::filesystem::exists(p, ec)) {
            if (from) *from = p;
            return load_catalog(p);
        }
    return make_error("catalog.missing", "The bundled model catalog was not found; reinstall Hearth or set HEARTH_CATALOG.");
}

Result<std::pair<std::string, Catalog>> fetch_catalog(const std::string& url) {
    HttpGetOptions o;
    o.max_body_bytes = 4u << 20;
    auto r = http_get(url, o);
    if (!r) return r.error();
    if (r->status != 200)
        return make_error("catalog.fetch", "Fetching the model catalog from " + url + " failed with HTTP " +
                                               std::to_string(r->status) + "; the bundled catalog stays in use.");
    auto c = parse_catalog(r->body);
    if (!c) return c.error();
    return std::make_pair(std::move(r->body), std::move(*c));
}

std::filesystem::path refreshed_catalog_path(const std::filesystem::path& data_dir) {
    return data_dir / "catalog.json";
}

Status save_refreshed_catalog(const std::filesystem::path& data_dir, const std::string& text) {
    const auto path = refreshed_catalog_path(data_dir);
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
    auto tmp = path;
    tmp += ".tmp";
    {
        std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
        f.write(text.data(), static_cast<std::streamsize>(text.size()));
        f.flush();
        if (!f) return make_error("catalog.save", "Cannot write " + tmp.string() + "; is the disk full?");
    }
    std::filesystem::rename(tmp, path, ec);
    if (ec) return make_error("catalog.save", "Cannot put the catalog in place at " + path.string() + ": " + ec.message() + ".");
    return {};
}

Result<Catalog> load_active_catalog(const UserConfig& config, std::filesystem::path* from) {
    auto bundled = load_bundled_catalog(config.catalog_file, from);
    const auto refreshed_path = refreshed_catalog_path(config.data_dir);
    std::error_code ec;
    if (!std::filesystem::exists(refreshed_path, ec)) return bundled;
    // A damaged or outdated refresh is passed over, not an error: the bundled catalog works.
    auto refreshed = load_catalog(refreshed_path);
    if (!refreshed || (bundled && refreshed->updated < bundled->updated)) return bundled;
    if (from) *from = refreshed_path;
    return refreshed;
}

const CatalogQuant* find_quant(const CatalogModel& m, std::string_view quant) {
    std::string want(quant);
    for (auto& ch : want) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    for (const auto& q : m.quants)
        if (q.quant == want) return &q;
    return nullptr;
}

Result<std::vector<RepoFile>> resolve_quant(const CatalogQuant& q, const std::vector<RepoFile>& listing) {
    std::vector<RepoFile> files;
    if (!q.file.empty()) {
        for (const auto& f : listing)
            if (f.path == q.file) files.push_back(f);
    } else {
        for (const auto& g : group_by_quant(listing))
            if (g.quant == q.quant && g.complete) {
                files = g.files;
                break;
            }
    }
    if (files.empty())
        return make_error("catalog.quant_missing", "The repository has no complete " + q.quant + " GGUF file" +
                                                       (q.file.empty() ? "" : " named " + q.file) + ".");
    if (files.size() == 1) {
        auto& f = files.front();
        if (q.size > 0 && f.size >= 0 && f.size != q.size)
            return make_error("catalog.mismatch", f.path + " is " + std::to_string(f.size) + " bytes on the Hub but " +
                                                      std::to_string(q.size) + " in the catalog; refresh the catalog.");
        if (!q.sha256.empty() && !f.sha256.empty() && f.sha256 != q.sha256)
            return make_error("catalog.mismatch", f.path + " has a different SHA-256 on the Hub than in the catalog; "
                                                           "refresh the catalog.");
        if (f.size < 0) f.size = q.size;
        if (f.sha256.empty()) f.sha256 = q.sha256;
    }
    return files;
}

}  // namespace hearth::dl
