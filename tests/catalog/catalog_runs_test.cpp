// Everything resources/catalog.json offers must run: each quant level's tensor type is one the
// engine reads (inference/tensor's type table), and each model's architecture is one the engine
// builds (inference/arch). A catalog edit that offers, say, a TQ1_0 file or a Mamba model fails
// here rather than on a user's machine after a download.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "downloader/catalog.h"
#include "downloader/runnable.h"
#include "inference/arch/hparams.h"
#include "inference/tensor/quant_level.h"

using namespace hearth;

namespace {

dl::Catalog bundled() {
    const char* src = std::getenv("HEARTH_SOURCE_DIR");
    auto c = dl::load_catalog(std::filesystem::path(src ? src : ".") / "resources" / "catalog.json");
    EXPECT_TRUE(c.ok()) << c.error().message;
    return c.ok() ? *c : dl::Catalog{};
}

TEST(CatalogRuns, EveryOfferedQuantIsATypeTheEngineReads) {
    const dl::Catalog c = bundled();
    ASSERT_FALSE(c.models.empty());
    size_t checked = 0;
    for (const auto& m : c.models) {
        for (const auto& q : m.quants) {
            const auto t = level_main_type(q.quant);
            ASSERT_TRUE(t) << m.id << " offers '" << q.quant << "', which names no GGUF tensor type";
            EXPECT_TRUE(is_supported(*t)) << m.id << " offers " << q.quant << " (" << type_name(*t)
                                          << "), which the engine does not read";
            EXPECT_EQ(dl::quant_cannot_run(q.quant), "") << m.id << " " << q.quant;
            ++checked;
        }
    }
    EXPECT_GE(checked, c.models.size());
}

TEST(CatalogRuns, EveryModelNamesAnArchitectureTheEngineBuilds) {
    for (const auto& m : bundled().models) {
        ASSERT_FALSE(m.arch.empty()) << m.id << " does not say its architecture (\"arch\")";
        EXPECT_TRUE(arch::arch_from_name(m.arch)) << m.id << " is a '" << m.arch << "' model, which the engine lacks";
        EXPECT_EQ(dl::arch_cannot_run(m.arch), "") << m.id;
    }
}

// The checks above can fail: what the engine lacks is named as such.
TEST(CatalogRuns, TheChecksRejectWhatTheEngineLacks) {
    EXPECT_FALSE(is_supported(*level_main_type("TQ1_0")));
    EXPECT_NE(dl::quant_cannot_run("TQ2_0"), "");
    EXPECT_FALSE(arch::arch_from_name("mamba"));
    EXPECT_NE(dl::arch_cannot_run("mamba").find("'mamba'"), std::string::npos);
    auto c = dl::parse_catalog(R"({"schema_version":1,"models":[{"id":"m","repo":"o/r","arch":"qwen2",)"
                               R"("license":"mit","context_length":2048,"quants":[{"quant":"Q8_0"}]}]})");
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_EQ(c->models[0].arch, "qwen2");
}

}  // namespace
