// Models for the Vulkan generation tests: synthetic GGUFs written at run time (or the shared
// real ones), opened with their tokenizer, and both backends over them.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <span>
#include <string>

#include "inference/arch/synthetic.h"
#include "inference/cpu/cpu_backend.h"
#include "inference/engine/open_model.h"
#include "inference/vulkan/vulkan_backend.h"
#include "tests/support/testdata.h"

namespace hearth::vk::test_generate {

inline std::unique_ptr<engine::OpenModel> open(const std::filesystem::path& path) {
    auto m = engine::open_model(path);
    EXPECT_TRUE(m) << (m ? "" : m.error().message);
    return m ? std::move(*m) : nullptr;
}

inline std::unique_ptr<engine::OpenModel> synthetic(const arch::SyntheticSpec& spec, const std::string& name) {
    const auto path = test::scratch_dir("vulkan-generate-" + name) / (name + ".gguf");
    auto st = arch::write_synthetic_model(spec, path);
    EXPECT_TRUE(st) << (st ? "" : st.error().message);
    if (!st) return nullptr;
    return open(path);
}

inline arch::SyntheticSpec spec_for(arch::Arch a, int32_t n_layer = 2) {
    arch::SyntheticSpec s;
    s.arch = a;
    s.n_embd = 64;
    s.n_layer = n_layer;
    s.n_head = 4;
    s.n_head_kv = 2;
    s.n_ff = 96;
    s.n_vocab = 300;
    s.n_ctx = 64;
    s.seed = 17 + static_cast<uint64_t>(a);
    return s;
}

// Candidates are selected by the GPU kernels unless asked otherwise (Auto would pick the host on
// lavapipe, where CI runs).
inline std::unique_ptr<VulkanBackend> vulkan(const arch::Model& m, int32_t n_ctx, bool kv_f32 = false,
                                             CandidateSelect select = CandidateSelect::Gpu) {
    VulkanOptions o;
    o.n_ctx = n_ctx;
    o.kv_f32 = kv_f32;
    o.candidates = select;
    auto b = make_vulkan_backend(m, o);
    EXPECT_TRUE(b) << (b ? "" : b.error().message);
    return b ? std::move(*b) : nullptr;
}

// max |a-b| / max |b|: a relative error that near-zero logits do not fool.
inline double rel_error(std::span<const float> got, std::span<const float> want) {
    double num = 0, den = 0;
    for (size_t i = 0; i < want.size(); ++i) {
        num = std::max(num, std::abs(double(got[i]) - want[i]));
        den = std::max(den, std::abs(double(want[i])));
    }
    return den > 0 ? num / den : num;
}

}  // namespace hearth::vk::test_generate
