// Quantized files run the same on Vulkan and on the CPU reference: a model is quantized to
// several levels (every K-quant type and Q8_0 between them), then both backends evaluate it. The
// logits agree within the tolerance of the engine's Vulkan-vs-CPU tests, and on a trained model
// (brown-6L256) greedy generation gives the same tokens.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <optional>
#include <random>

#include "inference/arch/load_model.h"
#include "inference/arch/synthetic.h"
#include "inference/cpu/cpu_backend.h"
#include "inference/gguf/gguf_reader.h"
#include "inference/quant/quantize_model.h"
#include "inference/vulkan/vulkan_backend.h"
#include "tests/inference/vulkan/model_fixture.h"
#include "tests/support/testdata.h"

namespace hearth::quant {
namespace {

// As tests/inference/vulkan/model_test.cpp: F16 keys and values on Vulkan against F32 and double
// sums on the CPU bound the logits' relative difference near 1e-3 with the float kernels; the
// integer-dot kernels (the default for prefill on CPU drivers) also round the activations to int8
// per block of 32, about 1e-2 of the logits' scale after two layers (its kIntTol).
constexpr double kTol = 4e-3, kIntTol = 3e-2;

using Loaded = vk::LoadedModel;  // tests/inference/vulkan/model_fixture.h
using vk::rel_error;

std::unique_ptr<Loaded> quantized(const std::filesystem::path& src, Level level, const std::string& tag) {
    const auto out = test::scratch_dir("quant_backends_" + tag) / "q.gguf";
    QuantizeOptions o;
    o.level = level;
    o.threads = 2;
    auto r = quantize_model(src, out, o);
    EXPECT_TRUE(r) << (r ? "" : r.error().message);
    if (!r) return nullptr;
    return vk::load_gguf(out);
}

int32_t argmax(const std::vector<float>& v) {
    return static_cast<int32_t>(std::max_element(v.begin(), v.end()) - v.begin());
}

// Prefill logits of every row compared; then `steps` greedy tokens on each backend, each fed its
// own choice, compared when `greedy_must_match`.
void compare(const arch::Model& m, std::vector<int32_t> prompt, int steps, bool greedy_must_match,
             const std::string& level, vk::IntegerDot integer_dot) {
    const double tol = integer_dot == vk::IntegerDot::Off ? kTol : kIntTol;
    auto cpu = cpu::make_cpu_backend(m, 64);
    ASSERT_TRUE(cpu) << cpu.error().message;
    vk::VulkanOptions o;
    o.n_ctx = 64;
    o.integer_dot = integer_dot;
    auto gpu = vk::make_vulkan_backend(m, o);
    ASSERT_TRUE(gpu) << gpu.error().message;
    const size_t nv = static_cast<size_t>(m.hp.n_vocab);
    std::vector<float> a(prompt.size() * nv), b(prompt.size() * nv);
    ASSERT_TRUE((*cpu)->eval(prompt, 0, a));
    ASSERT_TRUE((*gpu)->eval(prompt, 0, b));
    for (size_t r = 0; r < prompt.size(); ++r)
        EXPECT_LT(rel_error(&b[r * nv], &a[r * nv], nv), tol) << level << ", prompt row " << r;

    std::vector<float> la(a.end() - static_cast<std::ptrdiff_t>(nv), a.end()), lb(b.end() - static_cast<std::ptrdiff_t>(nv), b.end());
    std::vector<int32_t> gen_a, gen_b;
    auto pos = static_cast<int32_t>(prompt.size());
    for (int s = 0; s < steps; ++s, ++pos) {
        const int32_t ta = argmax(la), tb = argmax(lb);
        gen_a.push_back(ta);
        gen_b.push_back(tb);
        ASSERT_TRUE((*cpu)->eval({&ta, 1}, pos, la));
        ASSERT_TRUE((*gpu)->eval({&tb, 1}, pos, lb));
        if (ta == tb) {
            EXPECT_LT(rel_error(lb.data(), la.data(), nv), tol) << level << ", decode step " << s;
        }
    }
    if (greedy_must_match) {
        EXPECT_EQ(gen_b, gen_a) << level << ": greedy generation differs";
    }
}

// A two-layer model whose rows (256, 512) fit every K-quant and IQ type, with heavy-tailed weights
// and outlier channels; `prompt` gets 12 ids of its vocabulary.
std::filesystem::path synthetic_source(const char* dir, std::vector<int32_t>& prompt) {
    arch::SyntheticSpec spec;
    spec.n_embd = 256;
    spec.n_ff = 512;
    spec.n_layer = 2;
    spec.n_head = 4;
    spec.n_head_kv = 2;
    spec.n_vocab = 320;
    spec.heavy_tailed = true;
    spec.threads = 1;
    const auto src = test::scratch_dir(dir) / "synthetic-f32.gguf";
    EXPECT_TRUE(arch::write_synthetic_model(spec, src));
    std::mt19937 rng(5);
    prompt.assign(12, 0);
    for (auto& t : prompt) t = static_cast<int32_t>(rng() % 320);
    return src;
}

TEST(QuantizedBackends, SyntheticKQuantShapesAgreeAtEveryTypeFamily) {
    std::vector<int32_t> prompt;
    const auto src = synthetic_source("quant_backends_src", prompt);
    // Between them: Q8_0, Q6_K, Q5_K, Q4_K, Q3_K and Q2_K matrices.
    for (Level l : {Level::Q8_0, Level::Q5_K_M, Level::Q3_K_M, Level::Q2_K}) {
        auto q = quantized(src, l, "synthetic");
        ASSERT_TRUE(q);
        // Float kernels only: this model's outlier channels make the integer-dot kernels' int8
        // activations differ by up to ~7% here (the activations, not the file, are rounded).
        compare(*q->model, prompt, 4, false, level_name(l), vk::IntegerDot::Off);
    }
}

// Our IQ encodings decode the same on both backends. Between them the levels hold every IQ type
// (IQ3_XXS's mix adds IQ2_S and IQ3_S, IQ1_M's IQ2_XXS and Q2_K).
TEST(QuantizedBackends, SyntheticIqLevelsAgree) {
    std::vector<int32_t> prompt;
    const auto src = synthetic_source("quant_backends_iq_src", prompt);
    for (Level l : {Level::IQ4_NL, Level::IQ4_XS, Level::IQ3_XXS, Level::IQ2_XS, Level::IQ1_M, Level::IQ1_S}) {
        auto q = quantized(src, l, "synthetic-iq");
        ASSERT_TRUE(q);
        compare(*q->model, prompt, 4, false, level_name(l), vk::IntegerDot::Off);
    }
}

TEST(QuantizedBackends, BrownGreedyGenerationMatches) {
    HEARTH_REQUIRE_TESTDATA("models/brown-6L256.gguf");
    const auto src = test::testdata_dir() / "models/brown-6L256.gguf";
    // A sentence's worth of ids from the model's own vocabulary (BOS first).
    const std::vector<int32_t> prompt = {1, 450, 2381, 310, 278, 4272, 471, 263, 1476, 29889};
    // Q2_K's mix holds Q2_K, Q3_K and Q6_K matrices; the synthetic test covers the other types.
    for (Level l : {Level::Q2_K}) {
        auto q = quantized(src, l, "brown");
        ASSERT_TRUE(q);
        std::vector<int32_t> p = prompt;
        for (auto& t : p) t %= q->model->hp.n_vocab;
        compare(*q->model, p, 12, true, level_name(l), vk::IntegerDot::Off);
        compare(*q->model, p, 12, true, std::string(level_name(l)) + " (as the app runs)", vk::IntegerDot::Auto);
    }
}

}  // namespace
}  // namespace hearth::quant
