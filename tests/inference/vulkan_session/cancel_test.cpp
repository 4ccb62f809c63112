// Stop on the GPU side: a set cancel flag makes a prefill, a decode step and a load return
// "cancelled" within a GPU wait slice, the cache keeps only what was there before the call,
// and the engine computes the same logits afterwards as if nothing had been stopped.
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "session_fixture.h"

namespace hearth::vk::test_session {
namespace {

std::vector<int32_t> tokens(size_t n) {
    std::vector<int32_t> t(n);
    for (size_t i = 0; i < n; ++i) t[i] = static_cast<int32_t>((i * 37 + 11) % 500);
    return t;
}

}  // namespace

TEST(VulkanCancel, ASetFlagStopsEvalAndTheCacheKeepsWhatCameBefore) {
    auto l = synthetic(small_spec(), "cancel-flag");
    ASSERT_TRUE(l);
    VulkanOptions o;
    o.n_ctx = 256;
    auto b = make_vulkan_backend(*l->model, o);
    ASSERT_TRUE(b) << b.error().message;
    const auto prompt = tokens(100);
    std::vector<float> want(l->model->hp.n_vocab), got(want.size());
    ASSERT_TRUE((*b)->eval(std::span(prompt).first(40), 0, want));
    ASSERT_TRUE((*b)->eval(std::span(prompt).subspan(40), 40, want));

    std::atomic<bool> cancel{false};
    (*b)->set_cancel(&cancel);
    ASSERT_TRUE((*b)->eval(std::span(prompt).first(40), 0, got));
    cancel = true;
    auto st = (*b)->eval(std::span(prompt).subspan(40), 40, got);
    ASSERT_FALSE(st);
    EXPECT_EQ(st.error().code, "engine.cancelled");
    EXPECT_EQ((*b)->n_cached(), 40);
    auto g = (*b)->eval_greedy(std::span(prompt).subspan(40, 1), 40);
    ASSERT_FALSE(g);
    EXPECT_EQ(g.error().code, "engine.cancelled");

    // Cleared: the rest of the prompt on top of the kept 40 positions gives the uncancelled logits.
    cancel = false;
    ASSERT_TRUE((*b)->eval(std::span(prompt).subspan(40), 40, got));
    EXPECT_EQ(got, want);
}

TEST(VulkanCancel, AStopFromAnotherThreadEndsALongPrefillWithoutWaitingForIt) {
    auto spec = small_spec();
    spec.n_layer = 4;
    spec.n_embd = 256;
    spec.n_ff = 768;
    auto l = synthetic(spec, "cancel-thread");
    ASSERT_TRUE(l);
    // The whole prompt is one GPU submission: a stop checked only between submissions would
    // wait for all of it.
    VulkanOptions o;
    o.n_ctx = 512;
    o.max_batch = 256;
    auto b = make_vulkan_backend(*l->model, o);
    ASSERT_TRUE(b) << b.error().message;
    std::atomic<bool> cancel{false};
    (*b)->set_cancel(&cancel);
    const auto prompt = tokens(256);
    const auto t0 = std::chrono::steady_clock::now();
    ASSERT_TRUE((*b)->eval_greedy(prompt, 0));
    const auto full = std::chrono::steady_clock::now() - t0;

    Status result;
    std::chrono::steady_clock::time_point returned;
    std::vector<float> logits(l->model->hp.n_vocab);
    std::thread worker([&] {
        result = (*b)->eval(prompt, 0, logits);
        returned = std::chrono::steady_clock::now();
    });
    std::this_thread::sleep_for(full / 4);
    const auto stopped = std::chrono::steady_clock::now();
    cancel = true;
    worker.join();
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, "engine.cancelled");
    // Far sooner than the rest of the submission (three quarters of `full`): a wait slice plus
    // scheduling.
    EXPECT_LT(returned - stopped, full / 2) << "the stop waited for the prefill";
    EXPECT_EQ((*b)->n_cached(), 0);
    cancel = false;
    EXPECT_TRUE((*b)->eval_greedy(std::span(prompt).first(8), 0));  // waits for the stopped work first
}

TEST(VulkanCancel, ALoadStopsWhenTheFlagIsSetOrTheProgressSaysSo) {
    auto l = synthetic(small_spec(), "cancel-load");
    ASSERT_TRUE(l);
    std::atomic<bool> cancel{true};
    VulkanOptions o;
    o.n_ctx = 128;
    o.cancel = &cancel;
    auto b = make_vulkan_backend(*l->model, o);
    ASSERT_FALSE(b);
    EXPECT_EQ(b.error().code, "vulkan.cancelled");

    // Stopped while the pipelines are being created.
    VulkanOptions p;
    p.n_ctx = 128;
    uint32_t calls = 0, last_total = 0;
    p.pipeline_progress = [&](uint32_t done, uint32_t total) {
        ++calls;
        last_total = total;
        return done < 2;
    };
    auto c = make_vulkan_backend(*l->model, p);
    ASSERT_FALSE(c);
    EXPECT_EQ(c.error().code, "vulkan.cancelled");
    EXPECT_EQ(calls, 3u);
    EXPECT_GT(last_total, 2u);
}

}  // namespace hearth::vk::test_session
