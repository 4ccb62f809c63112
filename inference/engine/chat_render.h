// A conversation rendered through the model's chat template into token ids, injection-safe:
// the template renders placeholders instead of the messages' contents, its own text is
// tokenized with special tokens parsed and each content as plain text (tokenize_pieces), or
// replaced by ids the caller already has (a reply as it was sampled). Used by ChatSession and
// chat_prompt_tokens.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/result.h"
#include "inference/engine/open_model.h"

namespace hearth::engine {

struct ChatRenderInput {
    std::vector<ChatMessage> messages;
    // Per message (may be shorter than messages): ids that stand for its content instead of
    // tokenizing it; an empty entry tokenizes the content.
    std::vector<std::span<const int32_t>> content_ids;
    bool add_generation_prompt = true;
    bool enable_thinking = true;  // the template variable enable_thinking
    int64_t now_unix = 0;         // what strftime_now() prints
};

struct ChatTokens {
    // Message i's tokens: the template text since the previous content (its role header, the
    // previous message's end-of-turn), then its content. BOS, when the template does not write
    // it, opens the first block that has tokens.
    std::vector<std::vector<int32_t>> messages;
    std::vector<int32_t> tail;      // after the last content: the generation prompt
    bool tail_opens_thinking = false;  // the tail ends inside "<think>"

    std::vector<int32_t> joined() const;
};

// Errors: the template's ("template.*").
Result<ChatTokens> render_chat_tokens(const OpenModel& m, const ChatRenderInput& in);

}  // namespace hearth::engine
