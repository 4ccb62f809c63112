#include "chat_fixture.h"

#include <gtest/gtest.h>

#include "inference/engine/generate.h"
#include "tests/inference/tokenizer/synthetic_vocab.h"

namespace hearth::test {

std::unique_ptr<engine::OpenModel> char_model(const std::string& chat_template, const std::vector<std::string>& controls,
                                              const std::vector<std::string>& added) {
    std::vector<std::pair<std::string, float>> pieces{{"\xE2\x96\x81", 0.0f}};
    for (char c = '!'; c <= '~'; ++c) pieces.emplace_back(std::string(1, c), 0.0f);
    Vocab v = spm_vocab(pieces);
    for (const auto& c : controls) {
        v.tokens.push_back(c);
        v.scores.push_back(0);
        v.token_types.push_back(static_cast<int32_t>(TokenType::Control));
    }
    for (const auto& a : added) {
        v.tokens.push_back(a);
        v.scores.push_back(0);
        v.token_types.push_back(static_cast<int32_t>(TokenType::UserDefined));
    }
    auto m = std::make_unique<engine::OpenModel>();
    m->tokenizer = make(std::move(v));
    m->chat_template = chat_template;
    m->has_own_template = true;
    m->stop_tokens = engine::end_of_generation_tokens(m->tokenizer);
    return m;
}

int32_t token_id(const engine::OpenModel& m, const std::string& text) { return id_of(m.tokenizer, text); }

Status ScriptedBackend::eval(std::span<const int32_t> tokens, int32_t pos0, std::span<float> logits) {
    if (pos0 > cached_n || tokens.empty() || pos0 + static_cast<int32_t>(tokens.size()) > ctx)
        return make_error("engine.bad_eval", "bad eval");
    batch_sizes.push_back(static_cast<int32_t>(tokens.size()));
    evaluated += static_cast<int32_t>(tokens.size());
    cached_n = pos0 + static_cast<int32_t>(tokens.size());
    // A gentle slope so that the alternatives have a defined order, and one clear favourite.
    for (size_t i = 0; i < logits.size(); ++i) logits[i] = -0.01f * static_cast<float>(i % 97);
    auto it = next.find(tokens.back());
    logits[static_cast<size_t>(it == next.end() ? fallback : it->second)] = 8.0f;
    return {};
}

Status ScriptedBackend::shift(int32_t keep, int32_t discard) {
    if (auto st = engine::check_shift(keep, discard, cached_n); !st) return st;
    cached_n -= discard;
    return {};
}

}  // namespace hearth::test
