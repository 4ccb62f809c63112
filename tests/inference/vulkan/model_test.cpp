// Whole synthetic models of every architecture on Vulkan against the CPU reference forward:
// a prompt (prefill, all rows of logits), then decode steps, then a rewind that reuses a prefix.
#include <gtest/gtest.h>

#include <random>

#include "model_fixture.h"

namespace hearth::vk {
namespace {

using arch::Arch;

struct ArchCase {
    const char* name;
    arch::SyntheticSpec spec;
};

arch::SyntheticSpec spec_for(Arch a) {
    arch::SyntheticSpec s;
    s.arch = a;
    s.n_embd = 64;
    s.n_layer = 2;
    s.n_head = 4;
    s.n_head_kv = 2;
    s.n_ff = 96;
    s.n_vocab = 300;
    s.n_ctx = 64;
    s.seed = 7 + static_cast<uint64_t>(a);
    if (a == Arch::Gemma2 || a == Arch::Gemma3) s.sliding_window = 6;  // shorter than the prompt
    return s;
}

// The tolerance: K and V are stored as F16 (relative rounding 2^-11 ~ 4.9e-4 per element), and
// the CPU reference keeps them in F32 and sums in double; through two layers and the attention
// softmax that bounds the logits' relative error near 1e-3. 4e-3 leaves room for float sums.
constexpr double kTol = 4e-3;

void compare_backends(const LoadedModel& lm, const VulkanOptions& opt = {}, std::vector<int32_t> prompt = {}) {
    const auto& m = *lm.model;
    auto cpu = cpu::make_cpu_backend(m, 64);
    ASSERT_TRUE(cpu) << cpu.error().message;
    VulkanOptions o = opt;
    o.n_ctx = 64;
    auto vk = make_vulkan_backend(m, o);
    ASSERT_TRUE(vk) << vk.error().message;
    const size_t nv = static_cast<size_t>(m.hp.n_vocab);

    std::mt19937 rng(3);
    if (prompt.empty()) {
        prompt.resize(11);
        for (auto& t : prompt) t = static_cast<int32_t>(rng() % nv);
    }
    std::vector<float> a(prompt.size() * nv), b(prompt.size() * nv);
    ASSERT_TRUE((*cpu)->eval(prompt, 0, a));
    ASSERT_TRUE((*vk)->eval(prompt, 0, b));
    for (size_t r = 0; r < prompt.size(); ++r)
        EXPECT_LT(rel_error(&b[r * nv], &a[r * nv], nv), kTol) << "prefill row " << r;

    std::vector<float> la(nv), lb(nv);
    int32_t pos = static_cast<int32_t>(prompt.size());
    for (int step = 0; step < 4; ++step, ++pos) {
        const int32_t tok = static_cast<int32_t>(rng() % nv);
        ASSERT_TRUE((*cpu)->eval({&tok, 1}, pos, la));
        ASSERT_TRUE((*vk)->eval({&tok, 1}, pos, lb));
        EXPECT_LT(rel_error(lb.data(), la.data(), nv), kTol) << "decode step " << step;
    }
    EXPECT_EQ((*vk)->n_cached(), pos);

    // Rewind: keep the first 5 prompt tokens, continue with different ones.
    std::vector<int32_t> tail = {1, 2, 3};
    ASSERT_TRUE((*cpu)->eval(tail, 5, la));
    ASSERT_TRUE((*vk)->eval(tail, 5, lb));
    EXPECT_LT(rel_error(lb.data(), la.data(), nv), kTol) << "after rewinding to position 5";
    EXPECT_EQ((*vk)->n_cached(), 8);
}

class ArchTest : public ::testing::TestWithParam<Arch> {};

TEST_P(ArchTest, MatchesCpuReference) {
    auto lm = synthetic(spec_for(GetParam()), arch::arch_name(GetParam()));
    ASSERT_TRUE(lm);
    compare_backends(*lm);
}

INSTANTIATE_TEST_SUITE_P(EveryArchitecture, ArchTest,
                         ::testing::Values(Arch::Llama, Arch::Qwen2, Arch::Qwen3, Arch::Phi3, Arch::Gemma2,
                                           Arch::Gemma3),
                         [](const auto& info) { return std::string(arch::arch_name(info.param)); });

TEST(VulkanModel, SmallBatchesSplitTheTokensIntoChunksWithTheSameResult) {
    auto lm = synthetic(spec_for(Arch::Llama), "llama-chunks");
    ASSERT_TRUE(lm);
    VulkanOptions o;
    o.max_batch = 4;  // 11 prompt tokens: chunks of 4, 4, 3
    compare_backends(*lm, o);
}

TEST(VulkanModel, SplitKDecodeMatchesCpuReference) {
    auto lm = synthetic(spec_for(Arch::Qwen2), "qwen2-split");
    ASSERT_TRUE(lm);
    VulkanOptions o;
    o.attn_split = 3;
    compare_backends(*lm, o);
}

TEST(VulkanModel, QuantizedWeightsAndTiedF16EmbeddingMatchCpuReference) {
    auto s = spec_for(Arch::Llama);
    s.type = TensorType::Q8_0;
    s.embd_type = TensorType::F16;
    s.tied_output = true;
    auto lm = synthetic(s, "llama-q8");
    ASSERT_TRUE(lm);
    VulkanOptions o;
    o.integer_dot = IntegerDot::Off;  // the float kernels; IntegerDotKernelsMatchCpuReference has the others
    compare_backends(*lm, o);
}

// The integer-dot kernels (matvec_q8 for decode, matmul_q8 for the 11-token prefill) quantize the
// activations to int8 per block of 32, which the CPU reference does not: a relative rounding of
// up to 1/254 of each block's largest value, about 1e-2 of the logits' scale after two layers.
// The float kernels of the same device must stay within kTol, and the two must differ (so the
// integer path really ran: lavapipe only runs it when asked, its integer dot being emulated).
TEST(VulkanModel, IntegerDotKernelsMatchCpuReference) {
    constexpr double kIntTol = 3e-2;
    for (TensorType t : {TensorType::Q8_0, TensorType::Q4_K, TensorType::Q2_K}) {
        SCOPED_TRACE(type_name(t));
        auto s = spec_for(Arch::Llama);
        s.type = t;
        s.n_embd = 256;  // K-quant rows are 256 long
        s.n_ff = 256;
        auto lm = synthetic(s, std::string("llama-int-dot-") + type_name(t));
        ASSERT_TRUE(lm);
        const auto& m = *lm->model;
        const size_t nv = static_cast<size_t>(m.hp.n_vocab);
        auto cpu = cpu::make_cpu_backend(m, 64);
        ASSERT_TRUE(cpu) << cpu.error().message;
        VulkanOptions on, off;
        on.n_ctx = off.n_ctx = 64;
        on.integer_dot = IntegerDot::On;
        off.integer_dot = IntegerDot::Off;
        auto vk_on = make_vulkan_backend(m, on);
        ASSERT_TRUE(vk_on) << vk_on.error().message;
        auto vk_off = make_vulkan_backend(m, off);
        ASSERT_TRUE(vk_off) << vk_off.error().message;

        std::vector<int32_t> prompt(11);
        std::mt19937 rng(5);
        for (auto& tok : prompt) tok = static_cast<int32_t>(rng() % nv);
        std::vector<float> want(nv), got_on(nv), got_off(nv);
        ASSERT_TRUE((*cpu)->eval(prompt, 0, want));
        ASSERT_TRUE((*vk_on)->eval(prompt, 0, got_on));
        ASSERT_TRUE((*vk_off)->eval(prompt, 0, got_off));
        EXPECT_LT(rel_error(got_on.data(), want.data(), nv), kIntTol) << "prefill";
        EXPECT_LT(rel_error(got_off.data(), want.data(), nv), kTol) << "prefill, float kernels";
        EXPECT_GT(rel_error(got_on.data(), got_off.data(), nv), 1e-6) << "the integer kernels did not run";
        for (int step = 0; step < 3; ++step) {
            const int32_t tok = static_cast<int32_t>(rng() % nv);
            const int32_t pos = 11 + step;
            ASSERT_TRUE((*cpu)->eval({&tok, 1}, pos, want));
            ASSERT_TRUE((*vk_on)->eval({&tok, 1}, pos, got_on));
            EXPECT_LT(rel_error(got_on.data(), want.data(), nv), kIntTol) << "decode step " << step;
        }
    }
}

TEST(VulkanModel, QuantizedEmbeddingIsWidenedForLookups) {
    auto s = spec_for(Arch::Llama);
    s.type = TensorType::Q4_K;
    s.embd_type = TensorType::Q4_K;
    s.n_embd = 256;  // Q4_K rows are 256 long
    s.n_ff = 256;
    s.n_head = 4;
    auto lm = synthetic(s, "llama-q4k");
    ASSERT_TRUE(lm);
    VulkanOptions o;
    o.integer_dot = IntegerDot::Off;  // the float kernels; IntegerDotKernelsMatchCpuReference has the others
    compare_backends(*lm, o);
}

TEST(VulkanModel, Llama3RopeScalingMatchesCpuReference) {
    auto s = spec_for(Arch::Llama);
    s.llama3_rope_factor = 8.0f;
    s.rope_base = 500000.0f;
    auto lm = synthetic(s, "llama3");
    ASSERT_TRUE(lm);
    compare_backends(*lm);
}

// A token embedding larger than one storage-buffer binding may address (maxStorageBufferRange,
// 128 MiB on lavapipe) is split into parts of whole rows: lookups and the tied output matmul
// must see all of it. Kept lean: one layer, a few tokens, the file deleted afterwards.
TEST(VulkanModel, EmbeddingLargerThanOneBufferBindingIsSplit) {
    auto probe = create_device();
    ASSERT_TRUE(probe) << probe.error().message;
    const uint64_t range = (*probe)->max_binding_range();
    probe->reset();
    if (range > (512ull << 20)) GTEST_SKIP() << "this device binds " << range << " bytes; the file would be too big";
    auto s = spec_for(Arch::Llama);
    s.n_layer = 1;
    s.n_embd = 128;
    s.n_head = 2;
    s.n_head_kv = 1;
    s.n_ff = 64;
    s.tied_output = true;
    s.n_vocab = static_cast<int32_t>(range / (128 * 4) + 5000);  // ~2% of the rows beyond the first part
    auto lm = synthetic(s, "llama-big-embd");
    ASSERT_TRUE(lm);
    ASSERT_GT(lm->model->tok_embd.nbytes, range);
    const int32_t nv = s.n_vocab;
    // Tokens on both sides of the split, the very last row included.
    compare_backends(*lm, {}, {1, nv - 1, 7, nv - 4000, static_cast<int32_t>(range / 512) - 1,
                               static_cast<int32_t>(range / 512), 3});
    lm.reset();
    std::filesystem::remove_all(test::binary_dir() / "test-scratch" / "vulkan-model-llama-big-embd");
}

TEST(VulkanModel, KvCacheLargerThanTheGpuIsACleanErrorAndTheProcessCarriesOn) {
    auto s = spec_for(Arch::Llama);
    s.n_layer = 24;
    auto lm = synthetic(s, "llama-oom");
    ASSERT_TRUE(lm);
    // 24 layers x (K + V) x 1.5M positions x 32 halves = 4.3 GiB, each buffer under 128 MiB: the
    // memory plan is checked against the free memory before anything is allocated.
    VulkanOptions o;
    o.n_ctx = 1500000;
    auto vk = make_vulkan_backend(*lm->model, o);
    ASSERT_FALSE(vk);
    EXPECT_EQ(vk.error().code, "vulkan.wont_fit") << vk.error().message;
    EXPECT_NE(vk.error().message.find("KV cache"), std::string::npos) << vk.error().message;
    o.n_ctx = 64;
    auto ok = make_vulkan_backend(*lm->model, o);
    ASSERT_TRUE(ok) << ok.error().message;
    std::vector<int32_t> one = {1};
    std::vector<float> logits(lm->model->hp.n_vocab);
    EXPECT_TRUE((*ok)->eval(one, 0, logits));
}

// A context shift drops positions [keep, keep+discard): later values move down unchanged and
// later keys move down rotated back by `discard` positions (checked in float against the
// rotation of the cache read before the shift; F16 rounding allows 2e-3 relative).
void check_shift(Arch a, bool kv_f32) {
    auto lm = synthetic(spec_for(a), std::string("shift-") + arch::arch_name(a) + (kv_f32 ? "-f32" : ""));
    ASSERT_TRUE(lm);
    VulkanOptions o;
    o.n_ctx = 32;
    o.kv_f32 = kv_f32;
    auto vk = make_vulkan_backend(*lm->model, o);
    ASSERT_TRUE(vk) << vk.error().message;
    std::vector<int32_t> toks(20);
    for (size_t i = 0; i < toks.size(); ++i) toks[i] = static_cast<int32_t>(i * 7 % 300);
    std::vector<float> logits(lm->model->hp.n_vocab);
    ASSERT_TRUE((*vk)->eval(toks, 0, logits));
    const auto& hp = lm->model->hp;
    const auto& r = lm->model->recipe;
    const int keep = 4, discard = 6, layer = 1;
    auto k0 = (*vk)->read_kv(layer, false), v0 = (*vk)->read_kv(layer, true);
    ASSERT_TRUE(k0 && v0);
    ASSERT_TRUE((*vk)->shift(keep, discard));
    EXPECT_EQ((*vk)->n_cached(), 14);
    auto k1 = (*vk)->read_kv(layer, false), v1 = (*vk)->read_kv(layer, true);
    ASSERT_TRUE(k1 && v1);
    const int wk = hp.n_embd_k_gqa(), wv = hp.n_embd_v_gqa(), hd = hp.head_dim_k;
    const auto& lr = r.layers[layer];
    std::vector<double> want, got;
    for (int p = 0; p < 14; ++p) {
        const int src = p < keep ? p : p + discard;
        for (int i = 0; i < wv; ++i) EXPECT_EQ((*v1)[p * wv + i], (*v0)[src * wv + i]) << "value row " << p;
        for (int h = 0; h < hp.n_head_kv; ++h) {
            std::vector<float> head((*k0).begin() + src * wk + h * hd, (*k0).begin() + src * wk + (h + 1) * hd);
            if (p >= keep) {
                // rope at position -discard: the CPU reference's rope with a negative position
                for (int i = 0; i < r.n_rot / 2; ++i) {
                    double f = std::pow(double(lr.rope_base), -2.0 * i / r.n_rot) * lr.rope_freq_scale;
                    const double th = -discard * f;
                    const bool neox = r.rope_style == arch::RopeStyle::Neox;
                    const int ia = neox ? i : 2 * i, ib = neox ? i + r.n_rot / 2 : 2 * i + 1;
                    const double x0 = head[ia], x1 = head[ib];
                    head[ia] = static_cast<float>(x0 * std::cos(th) - x1 * std::sin(th));
                    head[ib] = static_cast<float>(x0 * std::sin(th) + x1 * std::cos(th));
                }
            }
            for (int i = 0; i < hd; ++i) {
                want.push_back(head[i]);
                got.push_back((*k1)[p * wk + h * hd + i]);
            }
        }
    }
    double err = 0, mx = 0;
    for (size_t i = 0; i < want.size(); ++i) {
        err = std::max(err, std::abs(got[i] - want[i]));
        mx = std::max(mx, std::abs(want[i]));
    }
    EXPECT_LT(err / mx, kv_f32 ? 1e-5 : 2e-3);
    // Generation carries on from the shifted cache.
    std::vector<int32_t> one = {5};
    EXPECT_TRUE((*vk)->eval(one, 14, logits));
    EXPECT_FALSE((*vk)->shift(10, 10));  // beyond what is cached
}

TEST(VulkanModel, ContextShiftMovesValuesAndReRotatesKeys) {
    check_shift(Arch::Llama, false);
    check_shift(Arch::Qwen2, false);  // NeoX
    check_shift(Arch::Qwen2, true);
}

TEST(VulkanModel, BadEvalsAreErrorsAndContextFullIsReported) {
    auto lm = synthetic(spec_for(Arch::Llama), "llama-errors");
    ASSERT_TRUE(lm);
    VulkanOptions o;
    o.n_ctx = 8;
    auto vk = make_vulkan_backend(*lm->model, o);
    ASSERT_TRUE(vk) << vk.error().message;
    std::vector<float> logits(lm->model->hp.n_vocab);
    std::vector<int32_t> toks(9, 1);
    auto st = (*vk)->eval(toks, 0, logits);
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().code, "engine.context_full");
    EXPECT_EQ((*vk)->eval({}, 0, logits).error().code, "engine.bad_eval");
    std::vector<int32_t> bad = {lm->model->hp.n_vocab};
    EXPECT_EQ((*vk)->eval(bad, 0, logits).error().code, "engine.bad_eval");
    std::vector<int32_t> one = {1};
    EXPECT_EQ((*vk)->eval(one, 3, logits).error().code, "engine.bad_eval");  // nothing cached yet
    std::vector<float> wrong(5);
    EXPECT_EQ((*vk)->eval(one, 0, wrong).error().code, "engine.bad_eval");
    EXPECT_TRUE((*vk)->eval(one, 0, logits));
    EXPECT_EQ((*vk)->n_cached(), 1);
}

TEST(VulkanModel, LoadReportsProgressAndCanBeCancelled) {
    auto lm = synthetic(spec_for(Arch::Llama), "llama-progress");
    ASSERT_TRUE(lm);
    std::vector<float> seen;
    VulkanOptions o;
    o.progress = [&](float f) {
        seen.push_back(f);
        return true;
    };
    auto vk = make_vulkan_backend(*lm->model, o);
    ASSERT_TRUE(vk);
    ASSERT_FALSE(seen.empty());
    EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
    EXPECT_NEAR(seen.back(), 1.0f, 1e-6);
    const auto used = (*vk)->vram();
    EXPECT_GT(used.weights, 0u);
    EXPECT_GT(used.kv_cache, 0u);
    EXPECT_GT(used.scratch, 0u);

    int calls = 0;
    o.progress = [&](float) { return ++calls < 3; };
    auto cancelled = make_vulkan_backend(*lm->model, o);
    ASSERT_FALSE(cancelled);
    EXPECT_EQ(cancelled.error().code, "vulkan.cancelled");
}

TEST(VulkanModel, GreedyOnTheGpuAgreesWithTheLogits) {
    auto lm = synthetic(spec_for(Arch::Qwen3), "qwen3-greedy");
    ASSERT_TRUE(lm);
    auto vk = make_vulkan_backend(*lm->model, {});
    ASSERT_TRUE(vk);
    std::vector<int32_t> prompt = {5, 17, 42, 8};
    std::vector<float> logits(lm->model->hp.n_vocab);
    ASSERT_TRUE((*vk)->eval(prompt, 0, logits));
    const auto want = static_cast<int32_t>(std::max_element(logits.begin(), logits.end()) - logits.begin());
    auto got = (*vk)->eval_greedy(prompt, 0);
    ASSERT_TRUE(got);
    EXPECT_EQ(*got, want);

    // The top 10 selected on the GPU (whatever this device's default), best first.
    VulkanOptions gpu_select;
    gpu_select.candidates = CandidateSelect::Gpu;
    auto vk2 = make_vulkan_backend(*lm->model, gpu_select);
    ASSERT_TRUE(vk2) << vk2.error().message;
    sampling::CandidateRequest req;
    req.k = 10;
    req.n_vocab = lm->model->hp.n_vocab;
    sampling::RowSummary top;
    ASSERT_TRUE((*vk2)->eval_candidates(prompt, 0, req, top));
    ASSERT_EQ(top.top.size(), 10u);
    std::vector<int32_t> order(logits.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int32_t>(i);
    std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) { return logits[a] > logits[b]; });
    for (size_t q = 0; q < 10; ++q) {
        EXPECT_EQ(top.top[q].token, order[q]) << "rank " << q;
        EXPECT_EQ(top.top[q].logit, logits[order[q]]);
    }
    req.k = 0;
    EXPECT_FALSE((*vk2)->eval_candidates(prompt, 0, req, top));
}

TEST(VulkanModel, ProfileReportsPerOpTimes) {
    auto lm = synthetic(spec_for(Arch::Llama), "llama-profile");
    ASSERT_TRUE(lm);
    VulkanOptions o;
    o.profile = true;
    auto vk = make_vulkan_backend(*lm->model, o);
    ASSERT_TRUE(vk);
    if (!(*vk)->device().info().timestamps) GTEST_SKIP() << "the device has no timestamp queries";
    std::vector<int32_t> prompt = {1, 2, 3};
    std::vector<float> logits(lm->model->hp.n_vocab);
    ASSERT_TRUE((*vk)->eval(prompt, 0, logits));
    auto prof = (*vk)->profile();
    auto has = [&](const char* l) {
        return std::any_of(prof.begin(), prof.end(), [&](const OpTime& t) { return t.label == l; });
    };
    EXPECT_TRUE(has("attention"));
    EXPECT_TRUE(has("wq"));
    EXPECT_TRUE(has("head"));
}

}  // namespace
}  // namespace hearth::vk
