// Splits a streamed reply into thinking and answer: models such as Qwen3 write
// "<think>\n…\n</think>\n\n" before the answer. Internal to ChatSession.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/token_info.h"

namespace hearth::engine::detail {

struct ThinkSplitter {
    ReplyPart part = ReplyPart::Answer;
    bool seen_text = false;     // the answer has begun: a later "<think>" is plain text
    bool skip_space = false;    // drop the whitespace right after a tag
    std::string pending;        // the end of the text while it could still become a tag

    using Pieces = std::vector<std::pair<ReplyPart, std::string>>;
    // Feeds released text; returns the pieces that are ready, each with its part.
    Pieces push(std::string_view text);
    // The rest at the end of the reply.
    Pieces flush();

private:
    void emit(std::string_view s, Pieces& out);
};

// Whether a generation prompt leaves the model inside its thinking ("...<think>\n"), as
// templates that force thinking do.
bool opens_thinking(std::string_view generation_prompt);

}  // namespace hearth::engine::detail
