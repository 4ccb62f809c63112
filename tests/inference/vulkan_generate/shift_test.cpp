// Context shift on Vulkan against the CPU reference: the same logits after a shift, keys
// re-rotated to their new positions (per-layer rope base, NeoX, Llama 3 frequency factors), and
// generate() stopping or shifting at a tiny context.
#include <gtest/gtest.h>

#include "generate_fixture.h"
#include "inference/engine/generate.h"

namespace hearth::vk::test_generate {
namespace {

using arch::Arch;

// F16 keys and values (2^-11 relative each) through two layers, as in the model tests.
constexpr double kTol = 4e-3;

std::vector<int32_t> some_tokens(size_t n) {
    std::vector<int32_t> t(n);
    for (size_t i = 0; i < n; ++i) t[i] = static_cast<int32_t>((i * 41 + 3) % 300);
    return t;
}

void compare_shift(const arch::SyntheticSpec& spec, const std::string& name) {
    auto m = synthetic(spec, name);
    ASSERT_TRUE(m);
    auto cpu = cpu::make_cpu_backend(m->model, 32);
    ASSERT_TRUE(cpu);
    auto vk = vulkan(m->model, 32);
    ASSERT_TRUE(vk);
    const auto toks = some_tokens(24);
    std::vector<float> a(300), b(300);
    ASSERT_TRUE((*cpu)->eval(toks, 0, a));
    ASSERT_TRUE(vk->eval(toks, 0, b));
    for (auto [keep, discard] : {std::pair{3, 9}, {0, 5}, {4, 6}}) {
        ASSERT_TRUE((*cpu)->shift(keep, discard));
        ASSERT_TRUE(vk->shift(keep, discard));
        ASSERT_EQ((*cpu)->n_cached(), vk->n_cached());
        const int32_t pos = vk->n_cached();
        const std::vector<int32_t> next = {7, 8};
        ASSERT_TRUE((*cpu)->eval(next, pos, a));
        ASSERT_TRUE(vk->eval(next, pos, b));
        EXPECT_LT(rel_error(b, a), kTol) << name << " after shift(" << keep << ", " << discard << ")";
    }
}

TEST(VulkanShift, SameLogitsAsTheCpuReferenceAfterShifts) {
    compare_shift(spec_for(Arch::Llama), "llama");
    compare_shift(spec_for(Arch::Qwen2), "qwen2");
    auto l3 = spec_for(Arch::Llama);
    l3.llama3_rope_factor = 8.0f;
    l3.rope_base = 500000.0f;
    compare_shift(l3, "llama3");
    auto g3 = spec_for(Arch::Gemma3);
    g3.sliding_window = 6;
    compare_shift(g3, "gemma3");
}

// One layer: a key depends only on its token and position, so after a shift the cache must hold
// the keys that evaluating the surviving tokens at their new positions writes.
void compare_keys(const arch::SyntheticSpec& spec, const std::string& name) {
    auto m = synthetic(spec, name);
    ASSERT_TRUE(m);
    auto shifted = vulkan(m->model, 32, true), fresh = vulkan(m->model, 32, true);
    ASSERT_TRUE(shifted && fresh);
    const auto toks = some_tokens(20);
    std::vector<float> logits(300);
    ASSERT_TRUE(shifted->eval(toks, 0, logits));
    ASSERT_TRUE(shifted->shift(5, 8));
    std::vector<int32_t> kept(toks.begin(), toks.begin() + 5);
    kept.insert(kept.end(), toks.begin() + 13, toks.end());
    ASSERT_TRUE(fresh->eval(kept, 0, logits));
    auto got = shifted->read_kv(0, false), want = fresh->read_kv(0, false);
    ASSERT_TRUE(got && want);
    const size_t used = kept.size() * static_cast<size_t>(m->model.hp.n_embd_k_gqa());
    EXPECT_LT(rel_error(std::span(*got).first(used), std::span(*want).first(used)), 1e-5) << name;
    auto gv = shifted->read_kv(0, true), wv = fresh->read_kv(0, true);
    ASSERT_TRUE(gv && wv);
    const size_t used_v = kept.size() * static_cast<size_t>(m->model.hp.n_embd_v_gqa());
    EXPECT_LT(rel_error(std::span(*gv).first(used_v), std::span(*wv).first(used_v)), 1e-6) << name;
}

TEST(VulkanShift, KeysAreRotatedToTheirNewPositions) {
    compare_keys(spec_for(Arch::Llama, 1), "keys-llama");
    compare_keys(spec_for(Arch::Qwen2, 1), "keys-qwen2");
    auto l3 = spec_for(Arch::Llama, 1);
    l3.llama3_rope_factor = 8.0f;
    l3.rope_base = 500000.0f;
    compare_keys(l3, "keys-llama3");
    auto g3 = spec_for(Arch::Gemma3, 1);
    g3.sliding_window = 6;
    compare_keys(g3, "keys-gemma3");
}

TEST(VulkanShift, BadShiftsAreErrors) {
    auto m = synthetic(spec_for(Arch::Llama), "bad-shift");
    ASSERT_TRUE(m);
    auto vk = vulkan(m->model, 32);
    ASSERT_TRUE(vk);
    std::vector<float> logits(300);
    ASSERT_TRUE(vk->eval(some_tokens(10), 0, logits));
    for (auto [keep, discard] : {std::pair{-1, 2}, {0, 0}, {5, 6}, {10, 1}}) {
        auto st = vk->shift(keep, discard);
        ASSERT_FALSE(st);
        EXPECT_EQ(st.error().code, "engine.bad_shift");
        EXPECT_EQ(vk->n_cached(), 10);
    }
}

TEST(VulkanShift, GenerateStopsOrShiftsAtATinyContext) {
    auto m = synthetic(spec_for(Arch::Qwen3), "generate");
    ASSERT_TRUE(m);
    const std::vector<int32_t> prompt = {1, 20, 30, 40, 50};
    engine::GenerateParams p;
    p.max_tokens = 100;
    p.sampler.seed = 3;
    p.keep = 2;
    for (auto policy : {engine::OnContextFull::Stop, engine::OnContextFull::Shift}) {
        auto vk = vulkan(m->model, 32);
        ASSERT_TRUE(vk);
        engine::Session s{vk.get(), {}, {}};
        p.on_context_full = policy;
        auto r = engine::generate(s, m->tokenizer, prompt, p);
        ASSERT_TRUE(r) << r.error().message;
        if (policy == engine::OnContextFull::Stop) {
            EXPECT_EQ(r->stop, engine::StopReason::ContextFull);
            EXPECT_EQ(r->n_generated, 32 - 5 + 1);
            EXPECT_EQ(r->n_shifts, 0);
        } else {
            EXPECT_EQ(r->stop, engine::StopReason::MaxTokens);
            EXPECT_EQ(r->n_generated, 100);
            EXPECT_GT(r->n_shifts, 0);
            EXPECT_EQ(s.cached[0], 1);
            EXPECT_EQ(s.cached[1], 20);
            EXPECT_EQ(static_cast<int32_t>(s.cached.size()), vk->n_cached());
        }
    }
}

}  // namespace
}  // namespace hearth::vk::test_generate
