// Fit prediction against hand-computed cases.
#include <gtest/gtest.h>

#include "downloader/fit.h"
#include "downloader/gguf_check.h"
#include "tests/support/testdata.h"

namespace hearth::test {
namespace {

constexpr int64_t MiB = 1024 * 1024;
constexpr int64_t GiB = 1024 * MiB;

dl::ModelShape llama8b_q4() {
    dl::ModelShape m;
    m.weight_bytes = 4'920'000'000;  // a Q4_K_M 8B file
    m.layers = 32;
    m.kv_heads = 8;
    m.head_dim = 128;
    m.heads = 32;
    m.embedding = 4096;
    m.vocab = 128256;
    m.trained_context = 131072;
    return m;
}

TEST(Fit, KvCacheAndScratchByHand) {
    auto m = llama8b_q4();
    // 2 (K,V) x 32 layers x 8192 tokens x 8 heads x 128 dims x 2 bytes = 1 GiB exactly.
    EXPECT_EQ(dl::kv_cache_bytes(m, 8192), 1 * GiB);
    // The engine's scratch for its 64-token batch: the logits rows (64 x 128256 floats, 31.3 MiB)
    // dominate; the activations (64 x (3 x 4096 + 4096 + 2 x 1024 + 4096 + 2 x 16384) floats,
    // 14 MiB), split-K partials and int8 activations add the rest. Not the old 64 MiB floor.
    const int64_t logits = 64LL * 128256 * 4, acts = 64LL * (5 * 4096 + 2 * 1024 + 2 * 16384) * 4;
    EXPECT_GT(dl::scratch_bytes(m, 8192), logits + acts);
    EXPECT_LT(dl::scratch_bytes(m, 8192), logits + acts + 3 * MiB);
    // A tenth of the context: the KV cache a tenth, the scratch nearly the same.
    EXPECT_EQ(dl::kv_cache_bytes(m, 8192 / 8), GiB / 8);
}

TEST(Fit, AFileHeaderPredictsTheEnginesOwnPlan) {
    // A local file: the prediction is the engine's memory plan from the tensor table, so a tied
    // output counts once and quantized tables at their quantized size.
    arch::Hparams hp;
    hp.n_vocab = 1000;
    hp.n_ctx_train = 4096;
    hp.n_embd = 256;
    hp.n_layer = 1;
    hp.n_ff = 512;
    hp.n_head = 8;
    hp.n_head_kv = 8;
    hp.head_dim_k = hp.head_dim_v = hp.n_rot = 32;
    dl::ModelShape m;
    m.hparams = hp;
    const auto q = TensorType::Q4_K;
    m.tensors = {{"token_embd.weight", q, {256, 1000, 1, 1}},  {"output_norm.weight", TensorType::F32, {256, 1, 1, 1}},
                 {"blk.0.attn_norm.weight", TensorType::F32, {256, 1, 1, 1}},
                 {"blk.0.ffn_norm.weight", TensorType::F32, {256, 1, 1, 1}},
                 {"blk.0.attn_q.weight", q, {256, 256, 1, 1}}, {"blk.0.attn_k.weight", q, {256, 256, 1, 1}},
                 {"blk.0.attn_v.weight", q, {256, 256, 1, 1}}, {"blk.0.attn_output.weight", q, {256, 256, 1, 1}},
                 {"blk.0.ffn_gate.weight", q, {256, 512, 1, 1}}, {"blk.0.ffn_up.weight", q, {256, 512, 1, 1}},
                 {"blk.0.ffn_down.weight", q, {512, 256, 1, 1}}};
    m.weight_bytes = 1;  // ignored when the tensor table is known
    const auto plan = dl::memory_plan(m, 2048);
    EXPECT_TRUE(plan.output_tied);
    dl::GpuBudget b;
    b.device_local_total = b.device_local_free = 8 * GiB;
    const auto r = dl::predict_fit(b, m, 2048);
    EXPECT_EQ(r.weights, static_cast<int64_t>(plan.weights_bytes()));
    EXPECT_EQ(r.kv_cache, static_cast<int64_t>(plan.kv_bytes()));
    EXPECT_EQ(r.scratch, static_cast<int64_t>(plan.scratch_bytes()));
    EXPECT_EQ(r.needed, static_cast<int64_t>(plan.total()));
    // 144 bytes per 256 Q4_K values: the table is 140.6 KiB, not 500 KiB of F16.
    EXPECT_LT(r.weights, 1 * MiB);
}

TEST(Fit, DiscreteGpuFitsTightAndWontFit) {
    auto m = llama8b_q4();
    dl::GpuBudget b;
    b.device_local_total = 12 * GiB;
    b.device_local_free = 11 * GiB;
    // Usable: 11 GiB - max(256 MiB, 11 GiB / 20 = 563.2 MiB) = 11264 - 563.2 MiB.
    EXPECT_EQ(dl::usable_bytes(b), 11 * GiB - 11 * GiB / 20);
    auto r = dl::predict_fit(b, m, 8192);
    EXPECT_EQ(r.weights, 4'920'000'000);
    EXPECT_EQ(r.kv_cache, 1 * GiB);
    EXPECT_EQ(r.needed, r.weights + r.kv_cache + r.scratch);
    EXPECT_EQ(r.verdict, dl::FitVerdict::fits);  // 6.7 GB of 11.2 GB
    EXPECT_EQ(r.free_now, 11 * GiB);
    EXPECT_NE(r.summary.find("Fits"), std::string::npos);

    b.device_local_free = 13 * GiB / 2;  // usable 6.18 GiB = 6.63 GB; needs ~6.04 GB: over 85 %
    auto tight = dl::predict_fit(b, m, 8192);
    EXPECT_EQ(tight.verdict, dl::FitVerdict::tight) << tight.summary;

    b.device_local_free = 4 * GiB;
    auto no = dl::predict_fit(b, m, 8192);
    EXPECT_EQ(no.verdict, dl::FitVerdict::wont_fit);
    EXPECT_EQ(no.max_context, 0) << "the weights alone do not fit";
}

TEST(Fit, LargestContextIsTheLastMultipleOf256ThatFits) {
    auto m = llama8b_q4();
    dl::GpuBudget b;
    b.device_local_total = 8 * GiB;
    b.device_local_free = 8 * GiB;  // usable 7.6 GiB
    auto r = dl::predict_fit(b, m, 4096);
    ASSERT_GT(r.max_context, 0);
    EXPECT_EQ(r.max_context % 256, 0);
    auto at = [&](int64_t c) { return dl::weights_bytes(m) + dl::kv_cache_bytes(m, c) + dl::scratch_bytes(m, c); };
    EXPECT_LE(at(r.max_context), r.usable);
    EXPECT_GT(at(r.max_context + 256), r.usable);
    // Capped by the trained context when memory is plentiful.
    b.device_local_free = 80 * GiB;
    b.device_local_total = 80 * GiB;
    EXPECT_EQ(dl::predict_fit(b, m, 4096).max_context, 131072);
}

TEST(Fit, UnknownBudgetUsesNinetyPercentOfTheHeap) {
    dl::GpuBudget b;
    b.device_local_total = 10 * GiB;
    b.device_local_free = -1;
    EXPECT_EQ(dl::usable_bytes(b), 9 * GiB - 9 * GiB / 20);
}

TEST(Fit, IntegratedGpuSharesSystemMemoryWithHeadroom) {
    dl::GpuBudget b;
    b.unified = true;
    b.system_ram_total = 16 * GiB;
    b.system_ram_available = 12 * GiB;
    b.device_local_total = 16 * GiB;
    // min(60 % of 16 GiB = 9.6 GiB, 12 - 2 = 10 GiB, 16 GiB heap) = 9.6 GiB.
    EXPECT_EQ(dl::usable_bytes(b), 16 * GiB * 6 / 10);
    b.system_ram_available = 5 * GiB;  // a busy machine: 5 - 2 = 3 GiB
    EXPECT_EQ(dl::usable_bytes(b), 3 * GiB);
    b.system_ram_available = 1 * GiB;  // never negative
    EXPECT_EQ(dl::usable_bytes(b), 0);
    auto r = dl::predict_fit(b, llama8b_q4(), 4096);
    EXPECT_EQ(r.verdict, dl::FitVerdict::wont_fit);
    EXPECT_NE(r.summary.find("shared memory"), std::string::npos);
}

TEST(Fit, SystemMemoryIsRead) {
    dl::GpuBudget b;
    dl::fill_system_memory(b);
    EXPECT_GT(b.system_ram_total, 0);
    EXPECT_GT(b.system_ram_available, 0);
    EXPECT_LE(b.system_ram_available, b.system_ram_total);
}

TEST(Fit, ShapeFromTheStoriesModelHeader) {
    HEARTH_REQUIRE_TESTDATA("models/stories260K.gguf");
    auto facts = dl::read_gguf_facts(testdata_dir() / "models/stories260K.gguf");
    ASSERT_TRUE(facts.ok()) << facts.error().message;
    EXPECT_EQ(facts->architecture, "llama");
    const auto& s = facts->shape;
    EXPECT_EQ(s.layers, 5);
    EXPECT_EQ(s.heads, 8);
    EXPECT_EQ(s.kv_heads, 4);
    EXPECT_EQ(s.embedding, 64);
    EXPECT_EQ(s.head_dim, 8);
    EXPECT_EQ(s.vocab, 512);
    EXPECT_GT(s.weight_bytes, 1'000'000);
    EXPECT_LT(s.weight_bytes, 1'185'376);
    EXPECT_TRUE(dl::check_gguf_file(testdata_dir() / "models/stories260K.gguf").ok());
    // 2 x 5 x 512 x 4 x 8 x 2 bytes.
    EXPECT_EQ(dl::kv_cache_bytes(s, 512), 2 * 5 * 512 * 4 * 8 * 2);
    // The header's tensor table: the engine's weights, F32 norms included (within 10 % of the file).
    ASSERT_TRUE(s.hparams.has_value());
    EXPECT_GT(dl::weights_bytes(s), s.weight_bytes * 9 / 10);
    EXPECT_LT(dl::weights_bytes(s), s.weight_bytes * 11 / 10);
}

TEST(Fit, QuantNamesFromFileTypes) {
    EXPECT_EQ(dl::quant_from_file_type(15), "Q4_K_M");
    EXPECT_EQ(dl::quant_from_file_type(7), "Q8_0");
    EXPECT_EQ(dl::quant_from_file_type(30), "IQ4_XS");
    EXPECT_EQ(dl::quant_from_file_type(32), "BF16");
    EXPECT_EQ(dl::quant_from_file_type(999), "");
}

}  // namespace
}  // namespace hearth::test
