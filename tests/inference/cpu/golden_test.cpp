// The CPU reference against llama2.c's float32 generations for the two real models in the shared
// test data: every logits row within 1e-4 (row error max|a-b| / max|b|), and greedy decoding from
// the prompt reproduces the golden continuation exactly.
#include <gtest/gtest.h>

#include <algorithm>

#include "inference/arch/load_model.h"
#include "inference/cpu/cpu_backend.h"
#include "tests/inference/cpu/golden_util.h"
#include "tests/support/testdata.h"

using namespace hearth;

namespace {

struct Golden {
    std::vector<int32_t> prompt, generated;
    std::vector<float> logits;  // (n_positions, n_vocab)
};

Golden load_golden(const std::string& model) {
    auto dir = test::testdata_dir() / "golden";
    std::string json = test::read_text(dir / (model + ".greedy.json"));
    return {test::json_int_array(json, "prompt_ids"), test::json_int_array(json, "generated_ids"),
            test::read_f32(dir / (model + ".logits.f32"))};
}

class GoldenModel : public ::testing::TestWithParam<const char*> {};

TEST_P(GoldenModel, EveryLogitsRowMatchesAllAtOnceAndTokenByToken) {
    const std::string name = GetParam();
    HEARTH_REQUIRE_TESTDATA("models/" + name + ".gguf");
    auto f = GgufFile::open(test::testdata_dir() / "models" / (name + ".gguf"));
    ASSERT_TRUE(f) << f.error().message;
    auto m = arch::load_model(*f);
    ASSERT_TRUE(m) << m.error().message;
    Golden g = load_golden(name);
    std::vector<int32_t> ids = g.prompt;
    ids.insert(ids.end(), g.generated.begin(), g.generated.end());
    const int64_t nv = m->hp.n_vocab;
    ASSERT_EQ(g.logits.size() % static_cast<size_t>(nv), 0u);
    const size_t rows = std::min(ids.size(), g.logits.size() / static_cast<size_t>(nv));
    ASSERT_GT(rows, 100u);
    auto b = cpu::make_cpu_backend(*m, static_cast<int32_t>(rows));
    ASSERT_TRUE(b) << b.error().message;

    // One batched call for every position.
    std::vector<float> all(rows * static_cast<size_t>(nv));
    auto st = (*b)->eval(std::span(ids.data(), rows), 0, all);
    ASSERT_TRUE(st) << st.error().message;
    double worst = 0.0;
    for (size_t r = 0; r < rows; ++r) worst = std::max(worst, test::row_rel_error(&all[r * nv], &g.logits[r * nv], nv));
    EXPECT_LE(worst, 1e-4);
    std::printf("[ %s ] batched: worst row error %.3g over %zu rows\n", name.c_str(), worst, rows);

    // Token by token through the KV cache.
    std::vector<float> row(static_cast<size_t>(nv));
    double worst1 = 0.0;
    for (size_t r = 0; r < rows; ++r) {
        ASSERT_TRUE((*b)->eval(std::span(&ids[r], 1), static_cast<int32_t>(r), row));
        worst1 = std::max(worst1, test::row_rel_error(row.data(), &g.logits[r * nv], nv));
    }
    EXPECT_LE(worst1, 1e-4);
    std::printf("[ %s ] token by token: worst row error %.3g\n", name.c_str(), worst1);
}

TEST_P(GoldenModel, GreedyFromPromptReproducesGeneratedIds) {
    const std::string name = GetParam();
    HEARTH_REQUIRE_TESTDATA("models/" + name + ".gguf");
    auto f = GgufFile::open(test::testdata_dir() / "models" / (name + ".gguf"));
    ASSERT_TRUE(f) << f.error().message;
    auto m = arch::load_model(*f);
    ASSERT_TRUE(m) << m.error().message;
    Golden g = load_golden(name);
    auto b = cpu::make_cpu_backend(*m, 512);
    ASSERT_TRUE(b) << b.error().message;
    const int64_t nv = m->hp.n_vocab;
    std::vector<float> logits(static_cast<size_t>(nv));
    ASSERT_TRUE((*b)->eval(g.prompt, 0, logits));
    std::vector<int32_t> out;
    int32_t pos = static_cast<int32_t>(g.prompt.size());
    while (out.size() < g.generated.size()) {
        const int32_t next = static_cast<int32_t>(std::max_element(logits.begin(), logits.end()) - logits.begin());
        out.push_back(next);
        ASSERT_TRUE((*b)->eval(std::span(&next, 1), pos++, logits));
    }
    EXPECT_EQ(out, g.generated);
}

INSTANTIATE_TEST_SUITE_P(Real, GoldenModel, ::testing::Values("stories260K", "babyllama-tok105"));

}  // namespace
