// The VRAM counters are read by the app's indicator on its own thread while the engine works
// on another: reads must be race-free (run under ThreadSanitizer too) and never show a total
// that was not true at some moment.
#include <atomic>
#include <thread>
#include <vector>

#include "session_fixture.h"

namespace hearth::vk::test_session {

TEST(VulkanVram, CountersAreReadSafelyWhileTheEngineAllocatesAndComputes) {
    auto l = synthetic(small_spec(), "vram-threads");
    ASSERT_TRUE(l);
    VulkanOptions o;
    o.n_ctx = 256;
    auto b = make_vulkan_backend(*l->model, o);
    ASSERT_TRUE(b) << b.error().message;
    const VramStats at_load = (*b)->vram();
    std::atomic<bool> done{false};
    std::atomic<int> reads{0}, bad{0};
    std::thread reader([&] {
        while (!done) {
            const VramStats v = (*b)->vram();
            // Weights and the cache never change; scratch only grows while a shift's temporary lives.
            if (v.weights != at_load.weights || v.kv_cache != at_load.kv_cache || v.scratch < at_load.scratch) ++bad;
            ++reads;
        }
    });
    // Work that allocates (each context shift takes a temporary buffer) and computes.
    std::vector<int32_t> toks(200, 5);
    for (int i = 0; i < 4; ++i) {
        ASSERT_TRUE((*b)->eval_greedy(toks, 0));
        ASSERT_TRUE((*b)->shift(1, 100));
        ASSERT_TRUE((*b)->eval_greedy(std::vector<int32_t>{9}, (*b)->n_cached()));
    }
    done = true;
    reader.join();
    EXPECT_GT(reads.load(), 0);
    EXPECT_EQ(bad.load(), 0);
    EXPECT_EQ((*b)->vram().scratch, at_load.scratch) << "the shift's temporary buffer was not freed";
}

}  // namespace hearth::vk::test_session
