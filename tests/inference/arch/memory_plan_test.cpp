// The memory plan from tensor shapes alone: block packing, the KV cache and scratch formulas,
// tied outputs counted once, and a plan from a file's tensor list equal to the plan from the
// loaded model. (That the engine allocates what the plan says is tested in vulkan_memory.)
#include <gtest/gtest.h>

#include <optional>

#include "inference/arch/load_model.h"
#include "inference/arch/memory_plan.h"
#include "inference/arch/synthetic.h"
#include "inference/gguf/gguf_reader.h"
#include "tests/support/testdata.h"

using namespace hearth;
using namespace hearth::arch;

TEST(BlockPacker, OneBlockOfTheExpectedSizeHoldsEverything) {
    BlockPacker p(256ull << 20);
    const uint64_t sizes[] = {1000, 4, 70000, 256, 3};
    uint64_t expected = 0;
    for (uint64_t s : sizes) expected += (std::max<uint64_t>(s, 4) + 255) / 256 * 256;
    p.expect(expected);
    for (uint64_t s : sizes) {
        auto at = p.place(s);
        EXPECT_EQ(at.block, 0u);
        EXPECT_EQ(at.offset % kPlanAlign, 0u);
    }
    EXPECT_EQ(p.blocks(), 1u);
    EXPECT_EQ(p.allocated(), expected);
}

TEST(BlockPacker, LargeRangesGetBlocksOfTheirOwnAndGapsAreReused) {
    BlockPacker p(1 << 20);
    auto a = p.place(3 << 20);  // larger than a block
    EXPECT_EQ(a.new_block, uint64_t(3) << 20);
    auto b = p.place(600 << 10);
    EXPECT_EQ(b.block, 1u);
    auto c = p.place(600 << 10);  // does not fit beside b: a new block
    EXPECT_EQ(c.block, 2u);
    auto d = p.place(100 << 10);  // fits into b's block
    EXPECT_EQ(d.block, 1u);
    EXPECT_EQ(d.new_block, 0u);
    p.drop_last_block();
    EXPECT_EQ(p.blocks(), 2u);
}

TEST(BlockPacker, EqualRangesLargerThanACappedBlockLeaveNoGaps) {
    // Ten KV-cache-like buffers of 300 KiB into 1 MiB blocks: three per block, the last block
    // only what is left, so nothing is allocated beyond their sum.
    BlockPacker p(1 << 20);
    p.expect(10 * (300 << 10));
    for (int i = 0; i < 10; ++i) p.place(300 << 10);
    EXPECT_EQ(p.blocks(), 4u);
    EXPECT_EQ(p.allocated(), 10u * (300 << 10));
}

TEST(ArenaPlan, AllocatedMatchesAPackerFedTheSameSizes) {
    ArenaPlan a;
    a.block_cap = 1 << 20;
    a.sizes = {900 << 10, 900 << 10, 5000, 2 << 20, 17};
    BlockPacker p(a.block_cap);
    p.expect(a.expected());
    for (uint64_t s : a.sizes) p.place(s);
    EXPECT_EQ(a.allocated(), p.allocated());
    EXPECT_GE(a.allocated(), a.expected());
}

namespace {

Hparams small_hparams() {
    Hparams hp;
    hp.arch = Arch::Llama;
    hp.n_vocab = 1000;
    hp.n_ctx_train = 2048;
    hp.n_embd = 256;
    hp.n_layer = 2;
    hp.n_ff = 512;
    hp.n_head = 8;
    hp.n_head_kv = 2;
    hp.head_dim_k = hp.head_dim_v = hp.n_rot = 32;
    return hp;
}

std::vector<TensorShape> llama_shapes(const Hparams& hp, TensorType t, bool tied) {
    std::vector<TensorShape> v;
    v.push_back({"token_embd.weight", t, {hp.n_embd, hp.n_vocab, 1, 1}});
    v.push_back({"output_norm.weight", TensorType::F32, {hp.n_embd, 1, 1, 1}});
    if (!tied) v.push_back({"output.weight", t, {hp.n_embd, hp.n_vocab, 1, 1}});
    for (int il = 0; il < hp.n_layer; ++il) {
        const std::string b = "blk." + std::to_string(il) + ".";
        v.push_back({b + "attn_norm.weight", TensorType::F32, {hp.n_embd, 1, 1, 1}});
        v.push_back({b + "ffn_norm.weight", TensorType::F32, {hp.n_embd, 1, 1, 1}});
        v.push_back({b + "attn_q.weight", t, {hp.n_embd, hp.n_embd_q(), 1, 1}});
        v.push_back({b + "attn_k.weight", t, {hp.n_embd, hp.n_embd_k_gqa(), 1, 1}});
        v.push_back({b + "attn_v.weight", t, {hp.n_embd, hp.n_embd_v_gqa(), 1, 1}});
        v.push_back({b + "attn_output.weight", t, {hp.n_embd_q(), hp.n_embd, 1, 1}});
        v.push_back({b + "ffn_gate.weight", t, {hp.n_embd, hp.n_ff, 1, 1}});
        v.push_back({b + "ffn_up.weight", t, {hp.n_embd, hp.n_ff, 1, 1}});
        v.push_back({b + "ffn_down.weight", t, {hp.n_ff, hp.n_embd, 1, 1}});
    }
    return v;
}

}  // namespace

TEST(MemoryPlan, KvCacheAndScratchFollowTheContextAndBatch) {
    const Hparams hp = small_hparams();
    MemoryPlanOptions o;
    o.n_ctx = 1024;
    auto p = plan_memory(hp, llama_shapes(hp, TensorType::Q4_K, false), o);
    ASSERT_TRUE(p) << p.error().message;
    // K and V: 2 layers x 1024 positions x 64 values x 2 bytes each.
    EXPECT_EQ(p->kv_k_layer, 1024u * 64 * 2);
    EXPECT_EQ(p->kv_bytes(), 4u * 1024 * 64 * 2);
    EXPECT_EQ(p->s.batch, 64u);
    EXPECT_EQ(p->s.logits, 64u * 1000 * 4 + 16);
    EXPECT_EQ(p->s.gate, 64u * 512 * 4 + 16);
    EXPECT_EQ(p->attn_split, 4u);                         // 1024 / 256
    EXPECT_EQ(p->s.mm, 64u * (512 / 32) * 48);            // ffn_down's 512-wide rows are the widest
    o.kv_f32 = true;
    o.n_ctx = 2048;
    auto q = plan_memory(hp, llama_shapes(hp, TensorType::Q4_K, false), o);
    ASSERT_TRUE(q);
    EXPECT_EQ(q->kv_bytes(), 4 * p->kv_bytes());
    EXPECT_EQ(q->weights_bytes(), p->weights_bytes());
    // A short context caps the batch.
    o.n_ctx = 16;
    auto r = plan_memory(hp, llama_shapes(hp, TensorType::Q4_K, false), o);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->s.batch, 16u);
}

TEST(MemoryPlan, WeightsAreTheTensorBytesAndATiedOutputCountsOnce) {
    const Hparams hp = small_hparams();
    auto untied = plan_memory(hp, llama_shapes(hp, TensorType::Q8_0, false));
    auto tied = plan_memory(hp, llama_shapes(hp, TensorType::Q8_0, true));
    ASSERT_TRUE(untied && tied);
    EXPECT_FALSE(untied->output_tied);
    EXPECT_TRUE(tied->output_tied);
    const uint64_t table = row_bytes(TensorType::Q8_0, hp.n_embd) * hp.n_vocab;
    EXPECT_EQ(untied->weight_bytes - tied->weight_bytes, table);
    // The quantized embedding stays quantized: Q8_0 is 34 bytes per 32 values, not F16's 64.
    uint64_t sum = 0;
    for (const auto& t : llama_shapes(hp, TensorType::Q8_0, true))
        sum += t.ne[1] > 1 ? row_bytes(t.type, t.ne[0]) * t.ne[1] : uint64_t(t.ne[0]) * 4;
    const uint64_t rope = hp.n_layer * (hp.n_rot / 2) * 4;
    EXPECT_EQ(tied->weight_bytes, sum + rope);
    EXPECT_GE(tied->weights_bytes(), tied->weight_bytes);
    EXPECT_LT(tied->weights_bytes(), tied->weight_bytes + 64 * kPlanAlign);
}

TEST(MemoryPlan, MissingTensorIsNamed) {
    const Hparams hp = small_hparams();
    auto shapes = llama_shapes(hp, TensorType::F16, false);
    std::erase_if(shapes, [](const TensorShape& t) { return t.name == "blk.1.ffn_up.weight"; });
    auto p = plan_memory(hp, shapes);
    ASSERT_FALSE(p);
    EXPECT_EQ(p.error().code, "arch.missing_tensor");
    EXPECT_NE(p.error().message.find("blk.1.ffn_up.weight"), std::string::npos);
}

TEST(MemoryPlan, WithoutTensorsPlansCacheAndScratchOnly) {
    const Hparams hp = small_hparams();
    auto p = plan_memory(hp, {});
    ASSERT_TRUE(p);
    EXPECT_EQ(p->weights_bytes(), 0u);
    EXPECT_EQ(p->n_ctx, 2048);
    EXPECT_GT(p->kv_bytes(), 0u);
    EXPECT_GT(p->s.mm, 0u);
}

class MemoryPlanArch : public ::testing::TestWithParam<Arch> {};

// Every architecture: the plan from the file's tensor table (what fit and a quantizer have)
// equals the plan from the loaded model (what the engine uses).
TEST_P(MemoryPlanArch, FileTensorListAndLoadedModelAgree) {
    SyntheticSpec spec;
    spec.arch = GetParam();
    spec.type = TensorType::Q4_K;
    spec.embd_type = TensorType::Q6_K;
    spec.n_embd = 256;
    spec.n_ff = 512;
    auto dir = test::scratch_dir(std::string("memory_plan_") + arch_name(spec.arch));
    auto path = dir / "m.gguf";
    ASSERT_TRUE(write_synthetic_model(spec, path));
    auto f = GgufFile::open(path);
    ASSERT_TRUE(f) << f.error().message;
    auto m = load_model(*f);
    ASSERT_TRUE(m) << m.error().message;
    const auto shapes = tensor_shapes(*f);
    MemoryPlanOptions o;
    o.n_ctx = 128;
    auto from_file = plan_memory(m->hp, shapes, o);
    ASSERT_TRUE(from_file) << from_file.error().message;
    const MemoryPlan from_model = plan_memory(*m, o);
    EXPECT_EQ(from_file->weights.sizes, from_model.weights.sizes);
    EXPECT_EQ(from_file->total(), from_model.total());
    EXPECT_EQ(from_file->output_tied, m->output_tied);
}

INSTANTIATE_TEST_SUITE_P(All, MemoryPlanArch,
                         ::testing::Values(Arch::Llama, Arch::Qwen2, Arch::Qwen3, Arch::Phi3, Arch::Gemma2,
                                           Arch::Gemma3),
                         [](const auto& info) { return std::string(arch_name(info.param)); });
