#include "inference/engine/chat_render.h"

#include <string>
#include <string_view>

#include "inference/engine/thinking.h"
#include "inference/template/chat_template.h"

namespace hearth::engine {

namespace {

// What stands for message i's content while the template renders: the template never sees the
// content, so nothing a user types can become template text or a special token. The brackets
// are U+27EA/U+27EB, which no template writes and trim/upper leave alone.
constexpr std::string_view kMarkOpen = "\xE2\x9F\xAAhearth-content-", kMarkClose = "\xE2\x9F\xAB";

std::string placeholder(size_t i) { return std::string(kMarkOpen) + std::to_string(i) + std::string(kMarkClose); }

// The rendered text cut at the placeholders.
struct Piece {
    std::string_view text;  // template text (when content < 0)
    long content = -1;      // else the message whose content stands here
};

std::vector<Piece> cut(std::string_view text, size_t n_messages) {
    std::vector<Piece> out;
    size_t from = 0;
    for (size_t scan = 0, at; (at = text.find(kMarkOpen, scan)) != std::string_view::npos;) {
        const size_t num = at + kMarkOpen.size();
        scan = num;
        const size_t close = text.find(kMarkClose, num);
        if (close == std::string_view::npos) break;
        const std::string_view digits = text.substr(num, close - num);
        if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string_view::npos)
            continue;
        const auto index = std::stoul(std::string(digits));
        if (index >= n_messages) continue;
        if (at > from) out.push_back({text.substr(from, at - from), -1});
        out.push_back({{}, static_cast<long>(index)});
        from = scan = close + kMarkClose.size();
    }
    out.push_back({text.substr(from), -1});
    return out;
}

}  // namespace

std::vector<int32_t> ChatTokens::joined() const {
    std::vector<int32_t> out;
    for (const auto& b : messages) out.insert(out.end(), b.begin(), b.end());
    out.insert(out.end(), tail.begin(), tail.end());
    return out;
}

Result<ChatTokens> render_chat_tokens(const OpenModel& m, const ChatRenderInput& in) {
    const Tokenizer& tok = m.tokenizer;
    const Vocab& v = tok.vocab;
    auto text_of = [&](int32_t id) { return id >= 0 && id < v.size() ? v.tokens[static_cast<size_t>(id)] : std::string(); };

    ChatTemplateInput t;
    t.messages.reserve(in.messages.size());
    for (size_t i = 0; i < in.messages.size(); ++i) t.messages.push_back({in.messages[i].role, placeholder(i)});
    t.add_generation_prompt = in.add_generation_prompt;
    t.bos_token = text_of(v.bos);
    t.eos_token = text_of(v.eos);
    t.extra_bools = {{"enable_thinking", in.enable_thinking}};
    t.now_unix = in.now_unix;
    auto text = render_chat_template(m.chat_template, t);
    if (!text) return text.error();

    ChatTokens out;
    out.messages.resize(in.messages.size());
    std::vector<TextPiece> run;  // pieces not yet tokenized
    std::vector<int32_t> ids;    // the current block
    auto flush_run = [&] {
        auto part = tokenize_pieces(tok, run);
        ids.insert(ids.end(), part.begin(), part.end());
        run.clear();
    };
    // Most templates write the BOS themselves; add it only when they do not (as tokenize would).
    if (v.add_bos && v.bos >= 0 && !(t.bos_token.size() && text->rfind(t.bos_token, 0) == 0)) ids.push_back(v.bos);
    std::string tail_text;
    for (const Piece& p : cut(*text, in.messages.size())) {
        if (p.content < 0) {
            run.push_back({p.text, true});
            tail_text.append(p.text);
            continue;
        }
        tail_text.clear();
        const auto i = static_cast<size_t>(p.content);
        if (i < in.content_ids.size() && !in.content_ids[i].empty()) {
            flush_run();
            ids.insert(ids.end(), in.content_ids[i].begin(), in.content_ids[i].end());
        } else {
            run.push_back({in.messages[i].content, false});
            flush_run();
        }
        auto& block = out.messages[i];
        block.insert(block.end(), ids.begin(), ids.end());
        ids.clear();
    }
    flush_run();
    out.tail = std::move(ids);
    out.tail_opens_thinking = detail::opens_thinking(tail_text);
    return out;
}

}  // namespace hearth::engine
