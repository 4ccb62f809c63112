// Whole models on both backends: a GGUF (synthetic, written at run time, or the shared real
// ones) loaded once, run on the CPU reference and on Vulkan with the same tokens.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "inference/arch/load_model.h"
#include "inference/arch/synthetic.h"
#include "inference/cpu/cpu_backend.h"
#include "inference/gguf/gguf_reader.h"
#include "inference/vulkan/vulkan_backend.h"
#include "tests/support/testdata.h"

namespace hearth::vk {

struct LoadedModel {
    std::optional<GgufFile> file;
    std::optional<arch::Model> model;
};

inline std::unique_ptr<LoadedModel> load_gguf(const std::filesystem::path& path) {
    auto f = GgufFile::open(path);
    EXPECT_TRUE(f) << (f ? "" : f.error().message);
    if (!f) return nullptr;
    auto lm = std::make_unique<LoadedModel>();
    lm->file.emplace(std::move(*f));
    auto m = arch::load_model(*lm->file);
    EXPECT_TRUE(m) << (m ? "" : m.error().message);
    if (!m) return nullptr;
    lm->model.emplace(std::move(*m));
    return lm;
}

inline std::unique_ptr<LoadedModel> synthetic(const arch::SyntheticSpec& spec, const std::string& name) {
    auto dir = test::scratch_dir("vulkan-model-" + name);
    auto path = dir / (name + ".gguf");
    auto st = arch::write_synthetic_model(spec, path);
    EXPECT_TRUE(st) << (st ? "" : st.error().message);
    if (!st) return nullptr;
    return load_gguf(path);
}

// max |a-b| / max |b| over a row: a relative error that is not fooled by near-zero logits.
inline double rel_error(const float* got, const float* want, size_t n) {
    double num = 0, den = 0;
    for (size_t i = 0; i < n; ++i) {
        num = std::max(num, std::abs(double(got[i]) - want[i]));
        den = std::max(den, std::abs(double(want[i])));
    }
    return den > 0 ? num / den : num;
}

}  // namespace hearth::vk
