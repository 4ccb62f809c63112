// The importance matrix collected on Vulkan (activation taps in the recorded graph) against the
// CPU reference's (its activation observer): the same matrices, the same token counts and the
// same column sums up to float rounding; and a graph without taps is the graph it always was.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <optional>
#include <random>

#include "inference/arch/load_model.h"
#include "inference/arch/synthetic.h"
#include "inference/cpu/cpu_backend.h"
#include "inference/gguf/gguf_reader.h"
#include "inference/quant/imatrix_collect.h"
#include "inference/vulkan/vulkan_backend.h"
#include "tests/inference/vulkan/model_fixture.h"
#include "tests/support/testdata.h"

namespace hearth::quant {
namespace {

using Loaded = vk::LoadedModel;  // tests/inference/vulkan/model_fixture.h

std::unique_ptr<Loaded> synthetic(arch::Arch a, const std::string& name) {
    arch::SyntheticSpec spec;
    spec.arch = a;
    spec.n_embd = 64;
    spec.n_ff = 128;
    spec.n_layer = 2;
    spec.n_vocab = 320;
    spec.threads = 1;
    auto path = test::scratch_dir("imatrix_vk_" + name) / (name + ".gguf");
    auto st = arch::write_synthetic_model(spec, path);
    EXPECT_TRUE(st) << (st ? "" : st.error().message);
    return st ? vk::load_gguf(path) : nullptr;
}

std::vector<int32_t> random_tokens(size_t n, int32_t n_vocab, uint32_t seed) {
    std::mt19937 rng(seed);
    std::uniform_int_distribution<int32_t> d(1, n_vocab - 1);
    std::vector<int32_t> t(n);
    for (auto& v : t) v = d(rng);
    return t;
}

// Measured worst difference: 8e-6 (stories260K); the bound is 5e-5.
// Chunks of 96 tokens: longer than the Vulkan graph's batch of 64, so a chunk replays two graphs
// (one without a head) and the taps add across replays.
constexpr int32_t kChunk = 96;

void expect_same_imatrix(const arch::Model& model, std::span<const int32_t> tokens) {
    auto cpu = cpu::make_cpu_backend(model, kChunk);
    ASSERT_TRUE(cpu) << cpu.error().message;
    vk::VulkanOptions opt;
    opt.n_ctx = kChunk;
    opt.kv_f32 = true;  // keys and values as the CPU keeps them: the activations then differ by float sums only
    auto gpu = vk::make_vulkan_backend(model, opt);
    ASSERT_TRUE(gpu) << gpu.error().message;

    auto want = collect_imatrix(**cpu, tokens, kChunk, 1);
    ASSERT_TRUE(want) << want.error().message;
    auto got = collect_imatrix(**gpu, tokens, kChunk, 1);
    ASSERT_TRUE(got) << got.error().message;

    ASSERT_EQ(got->entries.size(), want->entries.size());
    double worst = 0;
    for (const auto& [name, w] : want->entries) {
        const ImatrixEntry* g = got->find(name);
        ASSERT_NE(g, nullptr) << name << " is missing from the Vulkan imatrix";
        EXPECT_EQ(g->count, w.count) << name;
        ASSERT_EQ(g->sum2.size(), w.sum2.size()) << name;
        double mx = 0;
        for (double v : w.sum2) mx = std::max(mx, v);
        for (size_t c = 0; c < w.sum2.size(); ++c) {
            const double rel = std::abs(g->sum2[c] - w.sum2[c]) / (w.sum2[c] + 1e-6 * mx);
            worst = std::max(worst, rel);
            EXPECT_LT(rel, 5e-5) << name << " column " << c << ": " << g->sum2[c] << " vs " << w.sum2[c];
        }
    }
    EXPECT_EQ(got->chunk_count, want->chunk_count);
    ::testing::Test::RecordProperty("worst_relative_difference", std::to_string(worst));
}

TEST(ImatrixVulkan, EqualsCpuOnSyntheticLlama) {
    auto m = synthetic(arch::Arch::Llama, "llama");
    ASSERT_TRUE(m);
    expect_same_imatrix(*m->model, random_tokens(3 * kChunk, m->model->hp.n_vocab, 7));
}

// Phi-3 stores q|k|v and gate|up fused: one importance vector each, as on the CPU.
TEST(ImatrixVulkan, EqualsCpuWithFusedTensors) {
    auto m = synthetic(arch::Arch::Phi3, "phi3");
    ASSERT_TRUE(m);
    expect_same_imatrix(*m->model, random_tokens(2 * kChunk, m->model->hp.n_vocab, 8));
}

TEST(ImatrixVulkan, EqualsCpuOnStories260K) {
    HEARTH_REQUIRE_TESTDATA("models/stories260K.gguf");
    auto m = vk::load_gguf(test::testdata_dir() / "models/stories260K.gguf");
    ASSERT_TRUE(m);
    expect_same_imatrix(*m->model, random_tokens(2 * kChunk, m->model->hp.n_vocab, 9));
}

TEST(ImatrixVulkan, TapsOffLeaveTheGraphAsItWas) {
    auto m = synthetic(arch::Arch::Llama, "graph");
    ASSERT_TRUE(m);
    vk::VulkanOptions opt;
    opt.n_ctx = 64;
    auto b = vk::make_vulkan_backend(*m->model, opt);
    ASSERT_TRUE(b) << b.error().message;
    vk::VulkanBackend& be = **b;
    auto plain = be.graph_dispatches(8);
    ASSERT_TRUE(plain) << plain.error().message;

    ImatrixCollector col;
    ASSERT_TRUE(be.set_activation_observer(&col));
    auto tapped = be.graph_dispatches(8);
    ASSERT_TRUE(tapped) << tapped.error().message;
    // One tap per product: q, k, v, o, gate, up, down per layer, and the output.
    EXPECT_EQ(*tapped, *plain + 7u * static_cast<uint32_t>(m->model->hp.n_layer) + 1u);

    ASSERT_TRUE(be.set_activation_observer(nullptr));
    auto after = be.graph_dispatches(8);
    ASSERT_TRUE(after) << after.error().message;
    EXPECT_EQ(*after, *plain);
    EXPECT_TRUE(col.result().entries.empty()) << "nothing was evaluated, so nothing may be reported";
}

// Replacing one observer by another hands the first its sums and starts the second from zero.
TEST(ImatrixVulkan, EachObserverGetsOnlyItsOwnEvals) {
    auto m = synthetic(arch::Arch::Llama, "two");
    ASSERT_TRUE(m);
    vk::VulkanOptions opt;
    opt.n_ctx = 64;
    auto b = vk::make_vulkan_backend(*m->model, opt);
    ASSERT_TRUE(b) << b.error().message;
    const auto tokens = random_tokens(16, m->model->hp.n_vocab, 3);
    std::vector<float> logits(static_cast<size_t>(m->model->hp.n_vocab));
    ImatrixCollector a, c;
    ASSERT_TRUE((*b)->set_activation_observer(&a));
    ASSERT_TRUE((*b)->eval(tokens, 0, logits));
    ASSERT_TRUE((*b)->set_activation_observer(&c));
    ASSERT_TRUE((*b)->eval(std::span(tokens).first(4), 0, logits));
    ASSERT_TRUE((*b)->set_activation_observer(nullptr));
    const ImatrixEntry* ea = a.result().find("blk.0.attn_q.weight");
    const ImatrixEntry* ec = c.result().find("blk.0.attn_q.weight");
    ASSERT_TRUE(ea && ec);
    EXPECT_EQ(ea->count, 16);
    EXPECT_EQ(ec->count, 4);
    EXPECT_EQ(a.result().find("output.weight")->count, 1) << "the head computes the last row only";
}

}  // namespace
}  // namespace hearth::quant
