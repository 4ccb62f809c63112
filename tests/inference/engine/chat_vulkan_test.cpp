// ChatSession on the Vulkan engine (lavapipe in CI) with stories260K: the same reuse counts as on
// the CPU, the same greedy replies, and per-token data from the GPU's candidates (top-k and
// log-sum-exp kernels) that matches the CPU's.
#include <gtest/gtest.h>

#include "chat_real_model.h"
#include "inference/cpu/cpu_backend.h"
#include "inference/vulkan/vulkan_backend.h"

namespace hearth::engine {
namespace {

// The Vulkan engine (lavapipe here) with the GPU selecting candidates: the same turns reuse the
// same counts, the same greedy replies come out as on the CPU reference, and the per-token data
// (top-5 and probabilities from the GPU's top-k and log-sum-exp) matches the CPU's.
TEST(ChatSessionRealModel, VulkanBackendReusesAndAnswersLikeTheCpu) {
    HEARTH_REQUIRE_TESTDATA("models/stories260K.gguf");
    auto m = stories();
    ASSERT_TRUE(m);
    vk::VulkanOptions o;
    o.n_ctx = 256;
    o.candidates = vk::CandidateSelect::Gpu;
    auto gpu = vk::make_vulkan_backend(m->model, o);
    if (!gpu) GTEST_SKIP() << "no Vulkan device: " << gpu.error().message;
    auto cpu = cpu::make_cpu_backend(m->model, 256);
    ASSERT_TRUE(cpu);
    std::vector<Reply> by_backend[2];
    Backend* backends[2] = {gpu->get(), cpu->get()};
    for (int k = 0; k < 2; ++k) {
        ChatSession a(*m, {.now_unix = 1, .enable_thinking = true}), b(*m, {.now_unix = 1, .enable_thinking = true});
        for (const char* text : {"Once upon a time", "Tom was sad", "The sun came out"}) {
            ASSERT_TRUE(a.add_user(text));
            const auto before = static_cast<int32_t>(a.ids().size());
            auto r = a.reply(*backends[k], params(10));
            ASSERT_TRUE(r) << r.error().message;
            EXPECT_EQ(r->stats.n_reused, before);
            by_backend[k].push_back(std::move(*r));
        }
        ASSERT_TRUE(b.add_user("Lily"));
        ASSERT_TRUE(b.reply(*backends[k], params(4)));
        ASSERT_TRUE(a.add_user("The end"));
        auto r = a.reply(*backends[k], params(10));
        ASSERT_TRUE(r);
        EXPECT_EQ(r->stats.n_reused, 0);  // B took the cache
        by_backend[k].push_back(std::move(*r));
    }
    for (size_t i = 0; i < by_backend[0].size(); ++i) {
        const Reply &g = by_backend[0][i], &c = by_backend[1][i];
        EXPECT_EQ(g.content, c.content) << "turn " << i;
        ASSERT_EQ(g.tokens.size(), c.tokens.size());
        for (size_t t = 0; t < g.tokens.size(); ++t) {
            EXPECT_NEAR(g.tokens[t].probability, c.tokens[t].probability, 1e-2);  // an F16 KV cache
            EXPECT_EQ(g.tokens[t].top[0].token, c.tokens[t].top[0].token);
        }
    }
}

}  // namespace
}  // namespace hearth::engine
