// The bundled catalog parses and is complete; the validator rejects what it should; missing
// values are resolved from a Hub listing.
#include <gtest/gtest.h>

#include <cstdlib>

#include "downloader/catalog.h"
#include "downloader/hub_client.h"
#include "downloader/pull_plan.h"
#include "closed_port.h"
#include "tests/support/testdata.h"

namespace hearth::test {
namespace {

std::filesystem::path bundled_path() {
    const char* src = std::getenv("HEARTH_SOURCE_DIR");
    return std::filesystem::path(src ? src : ".") / "resources" / "catalog.json";
}

TEST(Catalog, BundledCatalogHasTheRecommendedModels) {
    auto c = dl::load_catalog(bundled_path());
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->schema_version, dl::kCatalogSchemaVersion);
    for (const char* id : {"qwen2.5-0.5b-instruct", "qwen2.5-1.5b-instruct", "qwen2.5-3b-instruct", "qwen2.5-7b-instruct",
                           "llama-3.2-1b-instruct", "llama-3.2-3b-instruct", "llama-3.1-8b-instruct",
                           "phi-3.5-mini-instruct", "gemma-2-2b-it", "mistral-7b-instruct-v0.3",
                           "smollm2-1.7b-instruct", "stories260k"}) {
        const auto* m = c->find(id);
        ASSERT_NE(m, nullptr) << id;
        EXPECT_GT(m->context_length, 0) << id;
        EXPECT_FALSE(m->license.empty()) << id;
        EXPECT_NE(dl::find_quant(*m, m->default_quant), nullptr) << id;
        EXPECT_GT(m->kv.layers, 0) << id;
        EXPECT_GT(m->kv.kv_heads, 0) << id;
        EXPECT_GT(m->kv.head_dim, 0) << id;
    }
    const auto* demo = c->find("stories260k");
    EXPECT_TRUE(demo->demo);
    EXPECT_EQ(demo->repo, "ggml-org/models");
    ASSERT_EQ(demo->quants.size(), 1u);
    EXPECT_EQ(demo->quants[0].file, "tinyllamas/stories260K.gguf");
    EXPECT_EQ(demo->quants[0].sha256, "270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d");
    EXPECT_EQ(c->find_by_repo("ggml-org/models"), demo);
}

TEST(Catalog, DemoModelSizeMatchesTheSharedFile) {
    HEARTH_REQUIRE_TESTDATA("models/stories260K.gguf");
    auto c = dl::load_catalog(bundled_path());
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->find("stories260k")->quants[0].size,
              static_cast<int64_t>(std::filesystem::file_size(testdata_dir() / "models/stories260K.gguf")));
}

TEST(Catalog, LoadsThePreferredFileFirst) {
    std::filesystem::path from;
    auto c = dl::load_bundled_catalog(bundled_path(), &from);
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(from, bundled_path());
    EXPECT_GE(c->models.size(), 12u);
}

// The library reads no environment variable: HEARTH_CATALOG is app/'s to read
// (app/environment.h), so a broken one set here changes nothing.
TEST(Catalog, IgnoresTheEnvironment) {
    ::setenv("HEARTH_CATALOG", "/nonexistent/catalog.json", 1);
    std::filesystem::path from;
    auto c = dl::load_bundled_catalog({}, &from);
    ::unsetenv("HEARTH_CATALOG");
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_NE(from, std::filesystem::path("/nonexistent/catalog.json"));
}

std::string one_model(const std::string& quants, const std::string& extra = "") {
    return R"({"schema_version":1,"models":[{"id":"m","repo":"o/r","license":"mit","context_length":4096,)" + extra +
           R"("quants":)" + quants + "}]}";
}

TEST(Catalog, ValidationRejectsBadEntries) {
    EXPECT_TRUE(dl::parse_catalog(one_model(R"([{"quant":"Q4_K_M","file":null,"size":null,"sha256":null}])")).ok());
    struct Case { std::string text, why; };
    std::vector<Case> bad = {
        {"[]", "not an object"},
        {R"({"models":[]})", "no schema version"},
        {one_model(R"([])"), "no quants"},
        {one_model(R"([{"quant":"Q9_Z"}])"), "unknown quant"},
        {one_model(R"([{"quant":"Q4_0","sha256":"ABC"}])"), "bad hash"},
        {one_model(R"([{"quant":"Q4_0","size":-5}])"), "negative size"},
        {one_model(R"([{"quant":"Q4_0"},{"quant":"Q4_0"}])"), "duplicate quant"},
        {one_model(R"([{"quant":"Q4_0"}])", R"("default_quant":"Q8_0",)"), "default not listed"},
        {R"({"schema_version":1,"models":[{"id":"m","repo":"bad repo","context_length":1,"quants":[{"quant":"Q4_0"}]}]})", "repo"},
        {R"({"schema_version":1,"models":[{"id":"m","repo":"o/r","quants":[{"quant":"Q4_0"}]}]})", "no context"},
    };
    for (const auto& c : bad) {
        auto r = dl::parse_catalog(c.text);
        EXPECT_FALSE(r.ok()) << c.why;
        if (!r.ok()) {
            EXPECT_EQ(r.error().code, "catalog.invalid") << c.why;
        }
    }
    std::string dup = R"({"schema_version":1,"models":[{"id":"m","repo":"o/r","context_length":1,"quants":[{"quant":"Q4_0"}]},)"
                      R"({"id":"m","repo":"o/s","context_length":1,"quants":[{"quant":"Q4_0"}]}]})";
    EXPECT_FALSE(dl::parse_catalog(dup).ok());
    auto newer = dl::parse_catalog(R"({"schema_version":2,"models":[]})");
    ASSERT_FALSE(newer.ok());
    EXPECT_EQ(newer.error().code, "catalog.too_new");
}

TEST(Catalog, ResolvesMissingValuesFromTheListing) {
    std::vector<dl::RepoFile> listing = {
        {"README.md", 100, ""},
        {"M-Q4_K_M.gguf", 4000, std::string(64, 'a')},
        {"M-Q8_0.gguf", 8000, std::string(64, 'b')},
        {"f16/M-f16-00001-of-00002.gguf", 7000, std::string(64, 'c')},
        {"f16/M-f16-00002-of-00002.gguf", 7100, std::string(64, 'd')},
    };
    dl::CatalogQuant q{"Q4_K_M", "", -1, ""};
    auto r = dl::resolve_quant(q, listing);
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r->size(), 1u);
    EXPECT_EQ((*r)[0].path, "M-Q4_K_M.gguf");
    EXPECT_EQ((*r)[0].size, 4000);
    EXPECT_EQ((*r)[0].sha256, std::string(64, 'a'));

    auto f16 = dl::resolve_quant({"F16", "", -1, ""}, listing);
    ASSERT_TRUE(f16.ok());
    EXPECT_EQ(f16->size(), 2u);

    auto missing = dl::resolve_quant({"Q6_K", "", -1, ""}, listing);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, "catalog.quant_missing");

    auto pinned_wrong = dl::resolve_quant({"Q8_0", "M-Q8_0.gguf", 8000, std::string(64, 'e')}, listing);
    ASSERT_FALSE(pinned_wrong.ok());
    EXPECT_EQ(pinned_wrong.error().code, "catalog.mismatch");
    auto pinned_size = dl::resolve_quant({"Q8_0", "M-Q8_0.gguf", 8001, ""}, listing);
    ASSERT_FALSE(pinned_size.ok());
}

TEST(Catalog, FullyPinnedDemoPlansWithoutTheNetwork) {
    auto c = dl::load_catalog(bundled_path());
    ASSERT_TRUE(c.ok());
    ClosedPort dead;
    ASSERT_NE(dead.port(), 0);
    dl::HubOptions offline;
    offline.endpoint = dead.url();
    offline.connect_timeout_ms = 2000;
    auto plan = dl::plan_catalog_model(offline, *c, "stories260k", "", "/m");
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    ASSERT_EQ(plan->downloads.size(), 1u);
    EXPECT_EQ(plan->downloads[0].url, dead.url() + "/ggml-org/models/resolve/main/tinyllamas/stories260K.gguf");
    EXPECT_EQ(plan->downloads[0].dest, std::filesystem::path("/m/stories260K.gguf"));
    EXPECT_EQ(plan->downloads[0].expected_size, 1185376);
    auto unpinned = dl::plan_catalog_model(offline, *c, "qwen2.5-0.5b-instruct", "Q4_K_M", "/m");
    ASSERT_FALSE(unpinned.ok());
    EXPECT_EQ(unpinned.error().code, "net.offline");
    auto bad_quant = dl::plan_catalog_model(offline, *c, "qwen2.5-0.5b-instruct", "Q1_0", "/m");
    ASSERT_FALSE(bad_quant.ok());
    EXPECT_EQ(bad_quant.error().code, "catalog.quant_missing");
}

// A refreshed catalog is used only while it is valid and not older than the bundled one (an
// app update ships a newer bundled catalog than a refresh from months ago).
TEST(Catalog, TheActiveCatalogIsTheRefreshedOneOnlyWhenValidAndNotOlder) {
    dl::UserConfig config;
    config.data_dir = scratch_dir("catalog-active") / "hearth";
    auto with_date = [](const std::string& date) {
        return R"({"schema_version":1,"updated":")" + date +
               R"(","models":[{"id":"m","repo":"o/r","license":"mit","context_length":2048,"quants":[{"quant":"Q8_0"}]}]})";
    };
    std::filesystem::path bundled, from;
    ASSERT_TRUE(dl::load_bundled_catalog({}, &bundled).ok());

    auto none = dl::load_active_catalog(config, &from);
    ASSERT_TRUE(none.ok());
    EXPECT_EQ(from, bundled) << "no refresh yet";

    ASSERT_TRUE(dl::save_refreshed_catalog(config.data_dir, with_date("2999-01-01")).ok());
    EXPECT_EQ(dl::refreshed_catalog_path(config.data_dir), config.data_dir / "catalog.json");
    auto newer = dl::load_active_catalog(config, &from);
    ASSERT_TRUE(newer.ok());
    EXPECT_EQ(from, dl::refreshed_catalog_path(config.data_dir));
    EXPECT_EQ(newer->models.size(), 1u);

    ASSERT_TRUE(dl::save_refreshed_catalog(config.data_dir, with_date("2000-01-01")).ok());
    auto older = dl::load_active_catalog(config, &from);
    ASSERT_TRUE(older.ok());
    EXPECT_EQ(from, bundled) << "an outdated refresh was preferred to the bundled catalog";

    ASSERT_TRUE(dl::save_refreshed_catalog(config.data_dir, "{ not json").ok());
    auto damaged = dl::load_active_catalog(config, &from);
    ASSERT_TRUE(damaged.ok()) << damaged.error().message;
    EXPECT_EQ(from, bundled);

    // A preferred bundled catalog (HEARTH_CATALOG) is the one compared and used.
    config.catalog_file = bundled_path();
    auto preferred = dl::load_active_catalog(config, &from);
    ASSERT_TRUE(preferred.ok());
    EXPECT_EQ(from, bundled_path());
}

}  // namespace
}  // namespace hearth::test
