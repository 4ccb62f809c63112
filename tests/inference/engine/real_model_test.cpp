// The whole path on real models: open_model -> tokenize -> generate on the CPU backend, and
// hearth-cli run as a user would call it, against the golden generations.
#include <gtest/gtest.h>

#include "inference/arch/synthetic.h"
#include "inference/cpu/cpu_backend.h"
#include "inference/engine/generate.h"
#include "inference/engine/open_model.h"
#include "inference/engine/perplexity.h"
#include "tests/inference/cpu/golden_util.h"
#include "tests/support/run_process.h"
#include "tests/support/testdata.h"

using namespace hearth;

namespace {

std::string golden_text(const std::string& model) {
    std::string json = test::read_text(test::testdata_dir() / "golden" / (model + ".greedy.json"));
    // The one string field we need, with its JSON escapes (\n, \", \\) undone.
    const std::string key = "\"generated_text\": \"";
    auto at = json.find(key);
    if (at == std::string::npos) return {};
    std::string out;
    for (size_t i = at + key.size(); i < json.size() && json[i] != '"'; ++i) {
        if (json[i] == '\\' && i + 1 < json.size()) {
            const char c = json[++i];
            out += c == 'n' ? '\n' : c == 't' ? '\t' : c;
        } else {
            out += json[i];
        }
    }
    return out;
}

}  // namespace

TEST(EngineReal, GreedyGenerationReproducesGoldenIdsAndText) {
    HEARTH_REQUIRE_TESTDATA("models/stories260K.gguf");
    auto m = engine::open_model(test::testdata_dir() / "models" / "stories260K.gguf");
    ASSERT_TRUE(m) << m.error().message;
    std::string json = test::read_text(test::testdata_dir() / "golden" / "stories260K.greedy.json");
    const auto prompt_ids = test::json_int_array(json, "prompt_ids");
    const auto generated = test::json_int_array(json, "generated_ids");

    const auto ids = tokenize((*m)->tokenizer, "Once upon a time");
    EXPECT_EQ(ids, prompt_ids);

    auto b = cpu::make_cpu_backend((*m)->model, 512);
    ASSERT_TRUE(b);
    engine::Session s{b->get(), {}, {}};
    engine::GenerateParams p;
    p.sampler = sampling::greedy_params();
    p.max_tokens = static_cast<int32_t>(generated.size());
    p.stop_tokens = (*m)->stop_tokens;
    std::string streamed;
    auto r = engine::generate(s, (*m)->tokenizer, prompt_ids, p,
                              [&](const engine::TokenEvent& e) { streamed += e.text; });
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->tokens, generated);
    EXPECT_EQ(r->text, golden_text("stories260K"));
    EXPECT_EQ(streamed, r->text);
    for (float prob : r->probabilities) {
        EXPECT_GT(prob, 0.0f);
        EXPECT_LE(prob, 1.0f);
    }
}

TEST(EngineReal, CliRunPrintsGoldenStory) {
    HEARTH_REQUIRE_TESTDATA("models/stories260K.gguf");
    const auto model = (test::testdata_dir() / "models" / "stories260K.gguf").string();
    auto r = test::run_command(test::cli_path() + " run -m '" + model + "' -p 'Once upon a time' --temp 0 -n 200 --backend cpu");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string expected = "Once upon a time" + golden_text("stories260K");
    ASSERT_GE(r.out.size(), expected.size()) << r.out;
    EXPECT_EQ(r.out.substr(0, expected.size()), expected);
    EXPECT_NE(r.err.find("tok/s"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("[cpu]"), std::string::npos) << r.err;
}

TEST(EngineReal, CliRunStopsOrShiftsAtAFullContext) {
    HEARTH_REQUIRE_TESTDATA("models/stories260K.gguf");
    const auto model = (test::testdata_dir() / "models" / "stories260K.gguf").string();
    const std::string run = test::cli_path() + " run -m '" + model + "' -p 'Once upon a time' --temp 0 -n 40 --ctx 24 --backend cpu";
    auto stop = test::run_command(run);
    ASSERT_EQ(stop.exit_code, 0) << stop.err;
    EXPECT_NE(stop.err.find("0 context shifts; stopped: context full"), std::string::npos) << stop.err;
    // The golden story has no end of text in its first 40 tokens: shifting reaches -n.
    auto shift = test::run_command(run + " --context-full shift --keep 1");
    ASSERT_EQ(shift.exit_code, 0) << shift.err;
    EXPECT_NE(shift.err.find("40 tokens generated"), std::string::npos) << shift.err;
    EXPECT_EQ(shift.err.find(" 0 context shifts"), std::string::npos) << shift.err;
    EXPECT_NE(shift.err.find("stopped: max tokens"), std::string::npos) << shift.err;
    auto bad = test::run_command(run + " --context-full sometimes");
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_NE(bad.err.find("--context-full"), std::string::npos) << bad.err;
}

TEST(EngineReal, CliRunReportsBadModelAndUsage) {
    auto missing = test::run_command(test::cli_path() + " run -m /nonexistent/model.gguf -p hi");
    EXPECT_EQ(missing.exit_code, 1);
    EXPECT_NE(missing.err.find("error:"), std::string::npos);
    auto usage = test::run_command(test::cli_path() + " run -p hi");
    EXPECT_EQ(usage.exit_code, 2);
}

TEST(EngineReal, ChatPromptOnSyntheticModelUsesFallbackTemplate) {
    arch::SyntheticSpec spec;
    auto path = test::scratch_dir("engine_chat") / "m.gguf";
    ASSERT_TRUE(arch::write_synthetic_model(spec, path));
    auto m = engine::open_model(path);
    ASSERT_TRUE(m) << m.error().message;
    EXPECT_FALSE((*m)->has_own_template);
    auto ids = engine::chat_prompt_tokens(**m, {{"user", "hi"}});
    ASSERT_TRUE(ids) << ids.error().message;
    ASSERT_FALSE(ids->empty());
    EXPECT_EQ(ids->front(), 1);  // BOS
    const std::string text = detokenize((*m)->tokenizer, *ids);
    EXPECT_NE(text.find("user"), std::string::npos) << text;
    EXPECT_NE(text.find("hi"), std::string::npos) << text;
    // And a short sampled generation runs and stops for a stated reason.
    auto b = cpu::make_cpu_backend((*m)->model, 128);
    ASSERT_TRUE(b);
    engine::Session s{b->get(), {}, {}};
    engine::GenerateParams p;
    p.max_tokens = 8;
    p.sampler.seed = 3;
    p.stop_tokens = (*m)->stop_tokens;
    auto r1 = engine::generate(s, (*m)->tokenizer, *ids, p);
    ASSERT_TRUE(r1) << r1.error().message;
    engine::Session s2{b->get(), {}, {}};
    auto r2 = engine::generate(s2, (*m)->tokenizer, *ids, p);
    ASSERT_TRUE(r2);
    EXPECT_EQ(r1->tokens, r2->tokens);  // seeded: the same again
}

TEST(EngineReal, PerplexityMatchesLlamaCppReference) {
    HEARTH_REQUIRE_TESTDATA("models/stories260K.gguf");
    HEARTH_REQUIRE_TESTDATA("text/stories-eval.txt");
    auto m = engine::open_model(test::testdata_dir() / "models" / "stories260K.gguf");
    ASSERT_TRUE(m) << m.error().message;
    const std::string text = test::read_text(test::testdata_dir() / "text" / "stories-eval.txt");
    const auto ids = tokenize((*m)->tokenizer, text);
    auto b = cpu::make_cpu_backend((*m)->model, 128);
    ASSERT_TRUE(b);
    auto r = engine::perplexity(**b, ids, 128, (*m)->tokenizer.vocab.bos);
    ASSERT_TRUE(r) << r.error().message;
    // llama.cpp b3906, CPU float32 (see testdata/README.md), printed to 4 decimals.
    const std::vector<double> expected = {2.5496, 3.2543, 3.3234, 2.9221, 3.1010, 3.0839, 3.3627, 3.3638,
                                          3.3878, 3.3335, 3.2485, 3.2535, 3.3308, 3.4215, 3.4184};
    ASSERT_EQ(r->running.size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) EXPECT_NEAR(r->running[i], expected[i], 6e-4) << "chunk " << i;
    std::printf("[ stories260K ] PPL %.4f over %d predictions\n", r->ppl, r->n_scored);
}
