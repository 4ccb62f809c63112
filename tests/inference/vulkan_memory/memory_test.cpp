// Predicted against allocated GPU memory. For every architecture, a synthetic model with that
// architecture's real layer shapes (two layers and a smaller vocabulary, so it fits lavapipe and
// loads fast) is planned from its file's tensor table, as `fit` plans it, then loaded: the engine
// must allocate what was predicted, within 2 % of the total. A model too large for the free
// memory is refused before anything is uploaded, with the numbers and the fixes.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <optional>

#include "inference/arch/load_model.h"
#include "inference/arch/memory_plan.h"
#include "inference/vulkan/vulkan_backend.h"
#include "tests/inference/vulkan/model_fixture.h"

namespace hearth::vk {
namespace {

struct RealShape {
    arch::Arch arch;
    const char* model;  // the published model whose layer shapes these are
    int32_t n_embd, n_head, n_head_kv, head_dim, n_ff;
    bool tied;
};

// Layer shapes of the smallest published model of each architecture.
const RealShape kShapes[] = {
    {arch::Arch::Llama, "Llama 3.2 1B", 2048, 32, 8, 64, 8192, true},
    {arch::Arch::Qwen2, "Qwen2.5 0.5B", 896, 14, 2, 64, 4864, true},
    {arch::Arch::Qwen3, "Qwen3 0.6B", 1024, 16, 8, 128, 3072, true},
    {arch::Arch::Phi3, "Phi-3 mini", 3072, 32, 32, 96, 8192, false},
    {arch::Arch::Gemma2, "Gemma 2 2B", 2304, 8, 4, 256, 9216, true},
    {arch::Arch::Gemma3, "Gemma 3 1B", 1152, 4, 1, 256, 6912, true},
};

double mib(uint64_t b) { return static_cast<double>(b) / (1024.0 * 1024.0); }

}  // namespace

class PredictedVram : public ::testing::TestWithParam<RealShape> {};

TEST_P(PredictedVram, EngineAllocatesWhatThePlanPredicts) {
    const RealShape& r = GetParam();
    arch::SyntheticSpec spec;
    spec.arch = r.arch;
    spec.n_embd = r.n_embd;
    spec.n_head = r.n_head;
    spec.n_head_kv = r.n_head_kv;
    spec.head_dim = r.head_dim;
    spec.n_ff = r.n_ff;
    spec.tied_output = r.tied;
    spec.n_layer = 2;
    spec.n_vocab = 4096;
    spec.n_ctx = 4096;
    spec.type = TensorType::Q4_K;
    spec.embd_type = TensorType::Q6_K;
    spec.fill = arch::SyntheticSpec::Fill::RandomBlocks;
    auto l = synthetic(spec, std::string("memory-") + arch::arch_name(r.arch));
    ASSERT_TRUE(l);

    // The prediction, from the file's header alone.
    arch::MemoryPlanOptions po;
    po.n_ctx = 512;
    auto hp = arch::read_hparams(*l->file);
    ASSERT_TRUE(hp) << hp.error().message;
    auto plan = arch::plan_memory(*hp, arch::tensor_shapes(*l->file), po);
    ASSERT_TRUE(plan) << plan.error().message;

    VulkanOptions vo;
    vo.n_ctx = po.n_ctx;
    vo.prepare_pipelines = false;  // allocates nothing; running every batch shape here would take minutes
    auto b = make_vulkan_backend(*l->model, vo);
    ASSERT_TRUE(b) << b.error().message;
    const VramStats v = (*b)->vram();
    const uint64_t measured = v.weights + v.kv_cache + v.scratch;
    const double diff = std::abs(static_cast<double>(plan->total()) - static_cast<double>(measured));
    std::printf("%-7s (%s layers): predicted %.2f MiB (weights %.2f, KV %.2f, scratch %.2f), measured %.2f MiB "
                "(weights %.2f, KV %.2f, scratch %.2f)\n",
                arch::arch_name(r.arch), r.model, mib(plan->total()), mib(plan->weights_bytes()),
                mib(plan->kv_bytes()), mib(plan->scratch_bytes()), mib(measured), mib(v.weights), mib(v.kv_cache),
                mib(v.scratch));
    EXPECT_LE(diff, 0.02 * static_cast<double>(measured));
    EXPECT_EQ(plan->weights_bytes(), v.weights);
    EXPECT_EQ(plan->kv_bytes(), v.kv_cache);
    EXPECT_EQ(plan->scratch_bytes(), v.scratch);

    // The embedding table is uploaded as stored (Q6_K, not widened), and a tied output shares it.
    uint64_t file_bytes = 0;
    for (const auto& t : l->file->tensors()) file_bytes += t.size_bytes;
    EXPECT_LT(v.weights, file_bytes + l->model->tok_embd.nbytes / 2)
        << "the weights take more than the file: a table uploaded twice, or widened";
}

INSTANTIATE_TEST_SUITE_P(RealLayerShapes, PredictedVram, ::testing::ValuesIn(kShapes),
                         [](const auto& info) { return std::string(arch::arch_name(info.param.arch)); });

TEST(VramBudget, AModelThatDoesNotFitIsRefusedWithTheNumbersAndTheFixes) {
    arch::SyntheticSpec spec;
    spec.n_ctx = 1 << 20;
    auto l = synthetic(spec, "too-long-context");
    ASSERT_TRUE(l);
    VulkanOptions vo;
    vo.n_ctx = 1 << 26;  // a KV cache of 16 GiB: 2 layers x (K + V) x 2^26 positions x 32 values x 2 bytes
    auto b = make_vulkan_backend(*l->model, vo);
    ASSERT_FALSE(b);
    EXPECT_EQ(b.error().code, "vulkan.wont_fit") << b.error().message;
    const std::string& m = b.error().message;
    EXPECT_NE(m.find("KV cache"), std::string::npos) << m;
    EXPECT_NE(m.find("67108864 tokens"), std::string::npos) << m;
    EXPECT_NE(m.find("smaller size level"), std::string::npos) << m;
    EXPECT_NE(m.find("shorter context"), std::string::npos) << m;
}

}  // namespace hearth::vk
