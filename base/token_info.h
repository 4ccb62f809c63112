// What the app's confidence view needs about one generated token, as plain data shared by the
// engine (which fills it while generating) and storage (which keeps it with the message), so
// neither has to know the other.
#pragma once

#include <array>
#include <cstdint>

namespace hearth {

// Which part of a reply a piece of text belongs to: models such as Qwen3 think first
// (<think>…</think>) and then answer; the two are streamed and stored apart.
enum class ReplyPart : uint8_t { Answer = 0, Thinking = 1 };

struct TokenAlternative {
    int32_t token = -1;
    float probability = 0.0f;
};

inline constexpr int kTopAlternatives = 5;

struct TokenInfo {
    int32_t token = -1;
    // The model's probability for this token: the softmax at temperature 1 of the logits after the
    // repetition penalties, before temperature, top-k, top-p and min-p cut the distribution. (A
    // token drawn after truncation can be unlikely under it; that is what the confidence view shows.)
    float probability = 0.0f;
    // The most likely tokens under the same distribution, best first; n_top of them are valid
    // (fewer only for a vocabulary under kTopAlternatives tokens). The token itself may be among them.
    std::array<TokenAlternative, kTopAlternatives> top{};
    int32_t n_top = 0;
    // The bytes [begin, end) of the part's text (answer or thinking) that became ready with this
    // token. Usually the token's own text; empty for tokens that print nothing (the end-of-turn
    // token, the <think> tags) or whose bytes finish a character only with a later token.
    uint32_t begin = 0, end = 0;
    ReplyPart part = ReplyPart::Answer;
};

}  // namespace hearth
