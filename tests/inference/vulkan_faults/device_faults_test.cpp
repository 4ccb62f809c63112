// Failures lavapipe never produces on its own, injected through the test layer (fault_layer.cpp):
// a device lost in the middle of generation, and a driver that refuses memory the budget allowed.
// The engine must turn each into a clear error, leak no device memory, and leave the process able
// to load the model again.
#include <dlfcn.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <vector>

#include "inference/arch/load_model.h"
#include "inference/arch/synthetic.h"
#include "inference/gguf/gguf_reader.h"
#include "inference/vulkan/vulkan_backend.h"
#include "tests/support/testdata.h"

namespace hearth::vk {
namespace {

using Counter = uint64_t (*)();

// Loads the layer library before the Vulkan loader does, so its counters survive the instance
// (the loader unloads layers when an instance is destroyed) and the test can read them.
struct FaultLayer {
    void* lib = nullptr;
    Counter devices_lost = nullptr, allocations_refused = nullptr, leaked_at_destroy = nullptr, live_devices = nullptr;

    bool open() {
        lib = dlopen(HEARTH_FAULT_LAYER_LIB, RTLD_NOW);
        if (!lib) return false;
        devices_lost = reinterpret_cast<Counter>(dlsym(lib, "hearth_fault_devices_lost"));
        allocations_refused = reinterpret_cast<Counter>(dlsym(lib, "hearth_fault_allocations_refused"));
        leaked_at_destroy = reinterpret_cast<Counter>(dlsym(lib, "hearth_fault_leaked_at_destroy"));
        live_devices = reinterpret_cast<Counter>(dlsym(lib, "hearth_fault_live_devices"));
        setenv("VK_LAYER_PATH", HEARTH_FAULT_LAYER_DIR, 1);
        setenv("VK_INSTANCE_LAYERS", "VK_LAYER_HEARTH_fault", 1);
        unsetenv("HEARTH_FAULT_LOSE_DEVICE");
        unsetenv("HEARTH_FAULT_MEMORY_LIMIT");
        return devices_lost && allocations_refused && leaked_at_destroy && live_devices;
    }
};

struct Model {
    std::optional<GgufFile> file;
    std::optional<arch::Model> model;
};

std::unique_ptr<Model> tiny_model(const char* name, int32_t n_vocab = 300) {
    arch::SyntheticSpec s;
    s.n_embd = 64;
    s.n_layer = 2;
    s.n_head = 4;
    s.n_head_kv = 2;
    s.n_ff = 96;
    s.n_vocab = n_vocab;
    s.n_ctx = 64;
    const auto path = test::scratch_dir(std::string("vulkan-faults-") + name) / "model.gguf";
    if (auto st = arch::write_synthetic_model(s, path); !st) {
        ADD_FAILURE() << st.error().message;
        return nullptr;
    }
    auto f = GgufFile::open(path);
    if (!f) {
        ADD_FAILURE() << f.error().message;
        return nullptr;
    }
    auto m = std::make_unique<Model>();
    m->file.emplace(std::move(*f));
    auto lm = arch::load_model(*m->file);
    if (!lm) {
        ADD_FAILURE() << lm.error().message;
        return nullptr;
    }
    m->model.emplace(std::move(*lm));
    return m;
}

VulkanOptions options(int32_t n_ctx) {
    VulkanOptions o;
    o.n_ctx = n_ctx;
    return o;
}

class VulkanFaults : public ::testing::Test {
protected:
    void SetUp() override { ASSERT_TRUE(layer.open()) << "could not load the test layer: " << dlerror(); }
    void TearDown() override {
        unsetenv("HEARTH_FAULT_LOSE_DEVICE");
        unsetenv("HEARTH_FAULT_MEMORY_LIMIT");
    }
    FaultLayer layer;
};

TEST_F(VulkanFaults, LostDeviceIsAnErrorAndTheModelLoadsAgain) {
    auto m = tiny_model("lost");
    ASSERT_TRUE(m);
    const std::vector<int32_t> prompt = {1, 17, 42, 99, 7};
    const size_t nv = static_cast<size_t>(m->model->hp.n_vocab);
    std::vector<float> before(nv), after(nv);

    auto be = make_vulkan_backend(*m->model, options(64));
    ASSERT_TRUE(be) << be.error().message;
    ASSERT_EQ(layer.live_devices(), 1u) << "the layer is not in the call chain";
    ASSERT_TRUE((*be)->eval(prompt, 0, before));

    setenv("HEARTH_FAULT_LOSE_DEVICE", "1", 1);
    const int32_t next = 5;
    auto s = (*be)->eval(std::span(&next, 1), 5, after);
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code, "vulkan.device_lost");
    EXPECT_NE(s.error().message.find("reload the model"), std::string::npos) << s.error().message;
    EXPECT_EQ(layer.devices_lost(), 1u);
    unsetenv("HEARTH_FAULT_LOSE_DEVICE");

    // The device stays lost: later calls fail at once with the same error instead of hanging.
    auto again = (*be)->eval(prompt, 0, after);
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().code, "vulkan.device_lost");
    auto greedy = (*be)->eval_greedy(prompt, 0);
    ASSERT_FALSE(greedy);
    EXPECT_EQ(greedy.error().code, "vulkan.device_lost");

    be->reset();
    EXPECT_EQ(layer.live_devices(), 0u);
    EXPECT_EQ(layer.leaked_at_destroy(), 0u) << "device memory was still allocated when the device was destroyed";

    // "Reload the model": a new backend on a new device gives the same answer as before the loss.
    auto be2 = make_vulkan_backend(*m->model, options(64));
    ASSERT_TRUE(be2) << be2.error().message;
    ASSERT_TRUE((*be2)->eval(prompt, 0, after));
    EXPECT_EQ(before, after);
}

TEST_F(VulkanFaults, RefusedWeightMemoryNamesWhatDidNotFitAndLeaksNothing) {
    auto m = tiny_model("oom-weights", 20000);  // a 20000 x 64 F32 embedding: 5 MB of weights
    ASSERT_TRUE(m);
    setenv("HEARTH_FAULT_MEMORY_LIMIT", "1000000", 1);
    auto be = make_vulkan_backend(*m->model, options(64));
    ASSERT_FALSE(be);
    EXPECT_EQ(be.error().code, "vulkan.out_of_memory");
    EXPECT_NE(be.error().message.find("has no room for"), std::string::npos) << be.error().message;
    EXPECT_GE(layer.allocations_refused(), 1u);
    EXPECT_EQ(layer.live_devices(), 0u);
    EXPECT_EQ(layer.leaked_at_destroy(), 0u);
}

TEST_F(VulkanFaults, RefusedCacheMemorySaysToShrinkTheContext) {
    auto m = tiny_model("oom-cache");
    ASSERT_TRUE(m);
    // Find what the weights alone take, then allow a little more than that: the KV cache of a
    // 4096-token context (2 layers x 2 x 4096 x 32 x 2 bytes = 1 MiB) cannot fit.
    uint64_t weights = 0;
    {
        auto probe = make_vulkan_backend(*m->model, options(8));
        ASSERT_TRUE(probe) << probe.error().message;
        const VramStats v = (*probe)->vram();
        weights = v.weights + v.other;
    }
    setenv("HEARTH_FAULT_MEMORY_LIMIT", std::to_string(weights + 256 * 1024).c_str(), 1);
    auto be = make_vulkan_backend(*m->model, options(4096));
    ASSERT_FALSE(be);
    EXPECT_EQ(be.error().code, "vulkan.out_of_memory");
    EXPECT_NE(be.error().message.find("KV cache"), std::string::npos) << be.error().message;
    EXPECT_NE(be.error().message.find("smaller context"), std::string::npos) << be.error().message;
    EXPECT_EQ(layer.live_devices(), 0u);
    EXPECT_EQ(layer.leaked_at_destroy(), 0u);

    // With the limit lifted the same process loads it.
    unsetenv("HEARTH_FAULT_MEMORY_LIMIT");
    auto ok = make_vulkan_backend(*m->model, options(4096));
    ASSERT_TRUE(ok) << ok.error().message;
}

}  // namespace
}  // namespace hearth::vk
