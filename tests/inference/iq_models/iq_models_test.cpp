// Reading what the ecosystem's quantizer writes: brown-6L256 quantized by llama.cpp to every IQ
// type (testdata README, "Quantized by llama.cpp"). The README gives llama.cpp's perplexity on the
// whole of text/brown-eval.txt (54 chunks of 256), and the F32 model's running perplexity after
// each of the first chunks. The whole text takes minutes on the CPU reference (the figures are in
// docs/PERFORMANCE.md, from hearth_bench_perplexity), so this test scores the first two chunks and
// checks the quant's cost there against its cost on the whole text: a decoder with a wrong bit
// position or scale multiplies the perplexity, it does not move it by a few percent.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "inference/cpu/cpu_backend.h"
#include "inference/engine/open_model.h"
#include "inference/engine/perplexity.h"
#include "inference/vulkan/vulkan_backend.h"
#include "tests/support/testdata.h"

using namespace hearth;

namespace {

struct IqFile {
    const char* type;   // file suffix
    double ppl_full;    // llama.cpp, whole text (README)
};

constexpr double kF32Full = 57.3095;        // the F32 model, whole text
constexpr double kF32TwoChunks = 53.4912;   // ... after chunk 2
constexpr int32_t kCtx = 256;

void PrintTo(const IqFile& f, std::ostream* os) { *os << f.type; }

class IqModel : public ::testing::TestWithParam<IqFile> {
protected:
    void SetUp() override {
        const std::string rel = std::string("models/brown-6L256-") + GetParam().type + ".gguf";
        HEARTH_REQUIRE_TESTDATA(rel);
        HEARTH_REQUIRE_TESTDATA("text/brown-eval.txt");
        auto m = engine::open_model(test::testdata_dir() / rel);
        ASSERT_TRUE(m) << m.error().message;
        model_ = std::move(*m);
        std::ifstream in(test::testdata_dir() / "text" / "brown-eval.txt", std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        tokens_ = tokenize(model_->tokenizer, ss.str());
        ASSERT_GE(tokens_.size(), size_t{2 * kCtx});
    }

    std::unique_ptr<engine::OpenModel> model_;
    std::vector<int32_t> tokens_;
};

TEST_P(IqModel, CpuPerplexityCostsWhatTheReferenceQuantCosts) {
    auto b = cpu::make_cpu_backend(model_->model, kCtx);
    ASSERT_TRUE(b) << b.error().message;
    auto r = engine::perplexity(**b, std::span(tokens_.data(), 2 * kCtx), kCtx, model_->tokenizer.vocab.bos);
    ASSERT_TRUE(r) << r.error().message;
    const double cost_here = r->ppl / kF32TwoChunks;
    const double cost_full = GetParam().ppl_full / kF32Full;
    std::printf("[ %s ] two chunks: PPL %.4f (x%.4f of F32; whole text x%.4f)\n", GetParam().type, r->ppl, cost_here,
                cost_full);
    EXPECT_NEAR(cost_here, cost_full, 0.05);  // two chunks vs 54: IQ2_S differs most, by 0.03
}

// The Vulkan kernels on the reference quantizer's blocks: a prompt batch (matrix-matrix kernels)
// and decode steps (matrix-vector kernels) against the CPU reference's logits.
TEST_P(IqModel, VulkanMatchesTheCpuReference) {
    constexpr int32_t kPrompt = 40, kSteps = 3;
    const int64_t nv = model_->model.hp.n_vocab;
    auto cpu = cpu::make_cpu_backend(model_->model, 64);
    ASSERT_TRUE(cpu) << cpu.error().message;
    vk::VulkanOptions o;
    o.n_ctx = 64;
    o.kv_f32 = true;  // the kernels' error only
    auto gpu = vk::make_vulkan_backend(model_->model, o);
    ASSERT_TRUE(gpu) << gpu.error().message;
    std::vector<float> want(static_cast<size_t>(kPrompt * nv)), got(want.size());
    ASSERT_TRUE((*cpu)->eval(std::span(tokens_.data(), kPrompt), 0, want));
    ASSERT_TRUE((*gpu)->eval(std::span(tokens_.data(), kPrompt), 0, got));
    double worst = 0;
    auto compare = [&](const float* a, const float* b) {
        double num = 0, den = 0;
        for (int64_t i = 0; i < nv; ++i) {
            num = std::max(num, std::fabs(double(a[i]) - b[i]));
            den = std::max(den, std::fabs(double(b[i])));
        }
        worst = std::max(worst, num / den);
    };
    for (int32_t r = 0; r < kPrompt; ++r) compare(&got[size_t(r) * nv], &want[size_t(r) * nv]);
    for (int32_t s = 0; s < kSteps; ++s) {
        const int32_t pos = kPrompt + s;
        ASSERT_TRUE((*cpu)->eval(std::span(&tokens_[pos], 1), pos, std::span(want.data(), nv)));
        ASSERT_TRUE((*gpu)->eval(std::span(&tokens_[pos], 1), pos, std::span(got.data(), nv)));
        compare(got.data(), want.data());
    }
    std::printf("[ %s ] Vulkan against the CPU: worst row error %.3g\n", GetParam().type, worst);
    // The engine keeps a quantized embedding table as F16 (about 5e-4 relative per value): every
    // file lands at 3e-3 to 4e-3 on lavapipe. A misread block field gives errors of order 1.
    EXPECT_LT(worst, 1e-2);
}

std::string file_name(const ::testing::TestParamInfo<IqFile>& info) { return info.param.type; }

INSTANTIATE_TEST_SUITE_P(ReferenceQuants, IqModel,
                         ::testing::Values(IqFile{"IQ4_NL", 57.416357}, IqFile{"IQ4_XS", 57.457429},
                                           IqFile{"IQ3_S", 57.846779}, IqFile{"IQ3_XXS", 58.285878},
                                           IqFile{"IQ2_S", 59.279913}, IqFile{"IQ2_XS", 59.893089},
                                           IqFile{"IQ2_XXS", 61.213835}, IqFile{"IQ1_M", 64.175421},
                                           IqFile{"IQ1_S", 65.660459}),
                         file_name);

}  // namespace
