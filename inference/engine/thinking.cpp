#include "inference/engine/thinking.h"

namespace hearth::engine::detail {

namespace {

constexpr std::string_view kOpen = "<think>", kClose = "</think>";

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

// The length of the longest suffix of `s` that is a proper prefix of `tag`.
size_t partial_tag(std::string_view s, std::string_view tag) {
    for (size_t n = std::min(s.size(), tag.size() - 1); n > 0; --n)
        if (s.substr(s.size() - n) == tag.substr(0, n)) return n;
    return 0;
}

}  // namespace

void ThinkSplitter::emit(std::string_view s, Pieces& out) {
    if (skip_space) {
        size_t i = 0;
        while (i < s.size() && is_space(s[i])) ++i;
        s.remove_prefix(i);
        if (!s.empty()) skip_space = false;
    }
    if (s.empty()) return;
    if (part == ReplyPart::Answer) {
        for (char c : s)
            if (!is_space(c)) seen_text = true;
    }
    if (!out.empty() && out.back().first == part) out.back().second.append(s);
    else out.emplace_back(part, std::string(s));
}

ThinkSplitter::Pieces ThinkSplitter::push(std::string_view text) {
    Pieces out;
    pending.append(text);
    auto emit = [&](std::string_view s) { this->emit(s, out); };
    for (;;) {
        // The tag that can change the part now: "</think>" while thinking, "<think>" before
        // the answer has any text.
        const std::string_view tag = part == ReplyPart::Thinking ? kClose : (seen_text ? std::string_view{} : kOpen);
        if (tag.empty()) {
            emit(pending);
            pending.clear();
            break;
        }
        const size_t at = pending.find(tag);
        if (at != std::string::npos) {
            // Before "<think>" only whitespace can stand (seen_text is false), and it is dropped.
            if (part == ReplyPart::Thinking) emit(std::string_view(pending).substr(0, at));
            pending.erase(0, at + tag.size());
            part = part == ReplyPart::Thinking ? ReplyPart::Answer : ReplyPart::Thinking;
            skip_space = true;
            continue;
        }
        const size_t keep = partial_tag(pending, tag);
        const std::string_view ready = std::string_view(pending).substr(0, pending.size() - keep);
        if (part == ReplyPart::Answer) {
            // Before the answer begins, whitespace is held too: it may precede "<think>".
            size_t i = 0;
            while (i < ready.size() && is_space(ready[i])) ++i;
            if (i == ready.size()) break;
        }
        emit(ready);
        pending.erase(0, ready.size());
        if (part == ReplyPart::Answer && seen_text) continue;  // the rest cannot be a tag any more
        break;
    }
    return out;
}

ThinkSplitter::Pieces ThinkSplitter::flush() {
    Pieces out;
    // No tag can complete any more: what is held is text of the current part.
    const std::string rest = std::move(pending);
    pending.clear();
    emit(rest, out);
    return out;
}

bool opens_thinking(std::string_view generation_prompt) {
    while (!generation_prompt.empty() && is_space(generation_prompt.back())) generation_prompt.remove_suffix(1);
    return generation_prompt.size() >= kOpen.size() &&
           generation_prompt.substr(generation_prompt.size() - kOpen.size()) == kOpen;
}

}  // namespace hearth::engine::detail
