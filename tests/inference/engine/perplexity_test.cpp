// Perplexity bookkeeping on a backend whose answer is known: uniform logits give a perplexity of
// exactly the vocabulary size, whatever the text.
#include "inference/engine/perplexity.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace hearth;
using namespace hearth::engine;

namespace {

struct UniformBackend : Backend {
    int32_t calls = 0;
    std::vector<int32_t> first_tokens;
    const char* name() const override { return "uniform"; }
    int32_t n_ctx() const override { return 16; }
    int32_t n_vocab() const override { return 10; }
    int32_t n_cached() const override { return 0; }
    Status eval(std::span<const int32_t> tokens, int32_t, std::span<float> logits) override {
        ++calls;
        first_tokens.push_back(tokens[0]);
        std::fill(logits.begin(), logits.end(), 0.0f);
        return {};
    }
};

}  // namespace

TEST(Perplexity, UniformLogitsGiveVocabularySize) {
    UniformBackend b;
    std::vector<int32_t> tokens(35, 4);  // 4 chunks of 8, 3 tokens left over
    auto r = perplexity(b, tokens, 8, 1);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(b.calls, 4);
    EXPECT_EQ(b.first_tokens, (std::vector<int32_t>{1, 1, 1, 1}));  // BOS replaces each chunk's first
    EXPECT_EQ(r->n_scored, 4 * 3);  // positions 4, 5, 6 of each chunk of 8
    ASSERT_EQ(r->running.size(), 4u);
    EXPECT_NEAR(r->ppl, 10.0, 1e-9);
}

TEST(Perplexity, TooShortAndBadChunkAreErrors) {
    UniformBackend b;
    std::vector<int32_t> tokens(7, 4);
    auto r = perplexity(b, tokens, 8, 1);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "engine.too_short");
    auto big = perplexity(b, tokens, 32, 1);  // more than the backend's 16 positions
    ASSERT_FALSE(big);
    EXPECT_EQ(big.error().code, "engine.bad_eval");
}
