// The bundled catalog of recommended chat models (resources/catalog.json): which repository,
// which quant levels exist ready-made, licence, context length, KV-cache geometry, and where
// the F16 source for in-app quantization lives. Values Hearth could not verify offline are
// null and are filled from the Hub's file listing before a download (resolve_quant()).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "downloader/quant.h"
#include "downloader/user_config.h"

namespace hearth::dl {

inline constexpr int kCatalogSchemaVersion = 1;

struct CatalogQuant {
    std::string quant;   // "Q4_K_M"
    std::string file;    // empty: find it in the Hub listing by its quant tag
    int64_t size = -1;   // -1: take it from the listing
    std::string sha256;  // empty: take it from the listing (LFS oid)
};

struct KvGeometry {
    int layers = 0, kv_heads = 0, head_dim = 0;  // 0: unknown until the GGUF header is read
    int heads = 0, embedding = 0, vocab = 0;      // for the scratch estimate; 0 if unknown
};

struct CatalogModel {
    std::string id;           // stable key: "qwen2.5-7b-instruct"
    std::string name;         // "Qwen2.5 7B Instruct"
    std::string repo;         // "owner/name" on the Hub
    std::string arch;         // the files' GGUF general.architecture ("qwen2"); empty if not given
    std::string license;
    bool gated = false;
    bool demo = false;        // the tiny test model, not for chatting
    int64_t context_length = 0;
    double parameters_b = 0;  // billions, for display
    KvGeometry kv;
    std::string default_quant;
    std::vector<CatalogQuant> quants;
    std::string f16_repo;     // where an F16 GGUF lives (for in-app quantization)
    std::string f16_file;     // empty: find the F16 file in that repo's listing
};

struct Catalog {
    int schema_version = 0;
    std::string updated;       // date of the data
    std::string refresh_url;   // where a newer catalog can be fetched; may be empty
    std::vector<CatalogModel> models;

    const CatalogModel* find(std::string_view id) const;
    const CatalogModel* find_by_repo(std::string_view repo) const;
};

// Parses and validates (schema version, unique ids, repo names, hashes, sizes, quant names).
Result<Catalog> parse_catalog(std::string_view json_text);
Result<Catalog> load_catalog(const std::filesystem::path& path);
// The catalog shipped with Hearth: `preferred` when given (UserConfig::catalog_file), else
// <exe>/../share/hearth/catalog.json, else the source tree's resources/catalog.json. `from`
// (optional) gets the file's path.
Result<Catalog> load_bundled_catalog(const std::filesystem::path& preferred = {}, std::filesystem::path* from = nullptr);
// Downloads a newer catalog from `url`, validates it and returns its text (to save) and data.
Result<std::pair<std::string, Catalog>> fetch_catalog(const std::string& url);

// Where a refreshed catalog is kept: catalog.json in the data folder (UserConfig::data_dir).
std::filesystem::path refreshed_catalog_path(const std::filesystem::path& data_dir);
// Saves a fetched catalog's text there, atomically (a half-written file is never read).
Status save_refreshed_catalog(const std::filesystem::path& data_dir, const std::string& text);
// The catalog to use: the refreshed copy in config.data_dir when it is valid and not older than
// the bundled one (an app update brings a newer bundled catalog), else the bundled one
// (config.catalog_file when given). `from` (optional) gets the path it came from.
Result<Catalog> load_active_catalog(const UserConfig& config, std::filesystem::path* from = nullptr);

const CatalogQuant* find_quant(const CatalogModel& m, std::string_view quant);
// Fills file, size and sha256 of `q` from a repo listing (by name, else by quant tag);
// catalog.quant_missing when the repo has no such file, catalog.mismatch when the listing
// contradicts a value the catalog pins.
Result<std::vector<RepoFile>> resolve_quant(const CatalogQuant& q, const std::vector<RepoFile>& listing);

}  // namespace hearth::dl
