#include "inference/engine/chat_session.h"

#include <algorithm>
#include <ctime>

#include "inference/engine/chat_render.h"
#include "inference/engine/thinking.h"

namespace hearth::engine {

namespace {

Error error(const char* code, const std::string& message) { return make_error(code, message); }

}  // namespace

ChatSession::ChatSession(const OpenModel& model, ChatOptions options) : model_(&model), options_(options) {
    if (options_.now_unix == 0) options_.now_unix = static_cast<int64_t>(std::time(nullptr));
}

void ChatSession::set_system_prompt(std::string text) {
    const bool has = !turns_.empty() && turns_[0].role == "system";
    if (has && turns_[0].content == text) return;
    forget_from(0);
    if (text.empty()) {
        if (has) turns_.erase(turns_.begin());
    } else if (has) {
        turns_[0].content = std::move(text);
    } else {
        turns_.insert(turns_.begin(), ChatTurn{"system", std::move(text), {}, {}});
    }
}

Status ChatSession::add_message(ChatTurn turn) {
    if (turn.role != "user" && turn.role != "assistant")
        return error("chat.bad_role", "A message must come from the user or the assistant, not '" + turn.role +
                                          "'; set the system prompt with set_system_prompt.");
    if (turn.role == "user") {
        turn.thinking.clear();
        turn.reply_ids.clear();
    }
    turns_.push_back(std::move(turn));
    return {};
}

Status ChatSession::edit_message(size_t i, std::string content) {
    if (i >= turns_.size())
        return error("chat.bad_index", "There is no message " + std::to_string(i + 1) + " to edit in this chat.");
    forget_from(i);
    turns_.resize(i + 1);
    turns_[i].content = std::move(content);
    turns_[i].thinking.clear();
    turns_[i].reply_ids.clear();
    return {};
}

Status ChatSession::truncate(size_t n) {
    if (n > turns_.size())
        return error("chat.bad_index", "The chat has only " + std::to_string(turns_.size()) + " messages.");
    forget_from(n);
    turns_.resize(n);
    return {};
}

Status ChatSession::regenerate() {
    for (size_t i = turns_.size(); i-- > 0;)
        if (turns_[i].role == "assistant") return truncate(i);
    return error("chat.nothing_to_regenerate", "There is no reply to write again yet.");
}

ChatSession ChatSession::branch() const {
    ChatSession copy = *this;
    copy.engine_.backend = nullptr;
    copy.engine_.claim = 0;  // never the same claim as this session: the cache is one owner's
    return copy;
}

Status ChatSession::drop_oldest_turns(int32_t n) {
    if (n <= 0) return {};
    const size_t first = !turns_.empty() && turns_[0].role == "system" ? 1 : 0;
    if (turns_.size() - first < static_cast<size_t>(n))
        return error("chat.bad_index", "The chat has fewer than " + std::to_string(n) + " messages to drop.");
    forget_from(first);
    turns_.erase(turns_.begin() + static_cast<std::ptrdiff_t>(first),
                 turns_.begin() + static_cast<std::ptrdiff_t>(first) + n);
    return {};
}

void ChatSession::forget_from(size_t turn) {
    if (turn >= frozen_.size()) return;
    frozen_.resize(turn);
    frozen_ids_.clear();
    for (const auto& b : frozen_) frozen_ids_.insert(frozen_ids_.end(), b.begin(), b.end());
    // Which of the shifted tokens belong to the turns that stay is not tracked: the next reply
    // evaluates from the first dropped position on (generate reuses the common prefix).
    shifted_ids_.clear();
}

Result<ChatSession::Blocks> ChatSession::blocks() const {
    ChatRenderInput in;
    in.messages.reserve(turns_.size());
    for (const ChatTurn& t : turns_) {
        in.messages.push_back({t.role, t.content});
        in.content_ids.emplace_back(t.reply_ids);
    }
    in.enable_thinking = options_.enable_thinking;
    in.now_unix = options_.now_unix;
    auto r = render_chat_tokens(*model_, in);
    if (!r) return r.error();
    Blocks out{std::move(r->messages), std::move(r->tail), r->tail_opens_thinking};
    // Turns already evaluated keep their tokens.
    for (size_t i = 0; i < frozen_.size() && i < out.turns.size(); ++i) out.turns[i] = frozen_[i];
    return out;
}

std::vector<int32_t> ChatSession::prompt_of(const Blocks& b) const {
    std::vector<int32_t> p = shifted_ids_.empty() ? frozen_ids_ : shifted_ids_;
    for (size_t i = frozen_.size(); i < b.turns.size(); ++i) p.insert(p.end(), b.turns[i].begin(), b.turns[i].end());
    p.insert(p.end(), b.generation.begin(), b.generation.end());
    return p;
}

Result<ContextFit> ChatSession::fit(int32_t n_ctx, int32_t reply_reserve) const {
    auto b = blocks();
    if (!b) return b.error();
    ContextFit f;
    f.n_ctx = n_ctx;
    f.reply_reserve = reply_reserve;
    for (const auto& t : b->turns) f.turn_tokens.push_back(static_cast<int32_t>(t.size()));
    f.generation_prompt_tokens = static_cast<int32_t>(b->generation.size());
    f.total = static_cast<int32_t>(prompt_of(*b).size());
    f.reply_room = n_ctx - f.total;
    int64_t over = static_cast<int64_t>(f.total) + reply_reserve - n_ctx;
    if (over <= 0) return f;
    // Drop the oldest messages after the system prompt, a whole exchange at a time so that what
    // remains still starts with the user (templates such as Gemma's insist on alternation);
    // the last message, which the reply answers, stays.
    const size_t first = !turns_.empty() && turns_[0].role == "system" ? 1 : 0;
    int32_t dropped = 0;
    for (size_t i = first; i + 1 < turns_.size() && over > 0;) {
        over -= f.turn_tokens[i];
        ++dropped;
        ++i;
        while (i + 1 < turns_.size() && turns_[i].role == "assistant") {
            over -= f.turn_tokens[i];
            ++dropped;
            ++i;
        }
    }
    f.drop_needed = over > 0 ? -1 : dropped;
    return f;
}

Result<Reply> ChatSession::reply(Backend& backend, const ReplyParams& params, const ReplyCallback& on_token) {
    if (turns_.empty() || turns_.back().role != "user")
        return error("chat.nothing_to_answer", "There is no new message to answer.");
    auto b = blocks();
    if (!b) return b.error();
    const std::vector<int32_t> prompt = prompt_of(*b);

    GenerateParams gp;
    gp.max_tokens = params.max_tokens;
    gp.sampler = params.sampler;
    gp.stop_tokens = model_->stop_tokens;
    gp.cancel = params.cancel;
    gp.on_context_full = params.on_context_full;
    // Never shift away the conversation's start (the BOS and the system prompt).
    gp.keep = b->turns.empty() || turns_[0].role != "system" ? 1 : static_cast<int32_t>(b->turns[0].size());
    gp.sample_on_backend = params.sample_on_backend;
    gp.token_details = true;

    const Vocab& v = model_->tokenizer.vocab;
    Reply out;
    detail::ThinkSplitter split;
    if (b->opens_thinking) split.part = ReplyPart::Thinking;
    auto deliver = [&](const detail::ThinkSplitter::Pieces& pieces, const TokenInfo* info) {
        // Every piece but the last goes out as text only (token -1); the last carries the token.
        for (size_t i = 0; i < pieces.size(); ++i) {
            const auto& [part, text] = pieces[i];
            std::string& dest = part == ReplyPart::Thinking ? out.thinking : out.content;
            TokenInfo ti;
            const bool last = i + 1 == pieces.size();
            if (last && info) ti = *info;
            ti.part = part;
            ti.begin = static_cast<uint32_t>(dest.size());
            dest += text;
            ti.end = static_cast<uint32_t>(dest.size());
            if (last && info) out.tokens.push_back(ti);
            if (on_token) on_token(ReplyToken{ti, std::string_view(dest).substr(ti.begin)});
        }
        if (pieces.empty() && info) {
            TokenInfo ti = *info;
            ti.part = split.part;
            const std::string& dest = ti.part == ReplyPart::Thinking ? out.thinking : out.content;
            ti.begin = ti.end = static_cast<uint32_t>(dest.size());
            out.tokens.push_back(ti);
            if (on_token) on_token(ReplyToken{ti, {}});
        }
    };

    engine_.backend = &backend;
    auto st = generate(engine_, model_->tokenizer, prompt, gp, [&](const TokenEvent& e) {
        std::string text(e.text);
        // A thinking tag the vocabulary marks as a control token prints nothing; feed its text.
        if (e.token >= 0 && e.token < v.size() && v.type(e.token) == TokenType::Control) {
            const std::string& t = v.tokens[static_cast<size_t>(e.token)];
            if (t == "<think>" || t == "</think>") text = t + text;
        }
        auto pieces = split.push(text);
        if (e.token < 0) {
            auto rest = split.flush();
            pieces.insert(pieces.end(), rest.begin(), rest.end());
        }
        deliver(pieces, e.token >= 0 ? e.info : nullptr);
    });
    if (!st) return st.error();
    deliver(split.flush(), nullptr);

    ReplyStats& rs = out.stats;
    rs.sampler = params.sampler;
    rs.n_prompt = st->n_prompt;
    rs.n_reused = st->n_reused;
    rs.n_generated = st->n_generated;
    rs.ttft_ms = st->ttft_ms;
    rs.prefill_ms = st->prefill_ms;
    rs.decode_ms = st->decode_ms;
    rs.prefill_tok_s = st->prefill_tok_s();
    rs.decode_tok_s = st->decode_tok_s();
    rs.n_shifts = st->n_shifts;
    rs.stop = st->stop;

    // The reply as sampled; the end-of-turn token is the template's to write (it follows the
    // content in the next render), and it was never evaluated.
    std::vector<int32_t> reply_ids = st->tokens;
    if (st->stop == StopReason::EndOfText && !reply_ids.empty()) reply_ids.pop_back();

    const bool shifted = st->n_shifts > 0 || !shifted_ids_.empty();
    for (size_t i = frozen_.size(); i < b->turns.size(); ++i) {
        frozen_.push_back(b->turns[i]);
        frozen_ids_.insert(frozen_ids_.end(), b->turns[i].begin(), b->turns[i].end());
    }
    std::vector<int32_t> block = b->generation;
    block.insert(block.end(), reply_ids.begin(), reply_ids.end());
    frozen_ids_.insert(frozen_ids_.end(), block.begin(), block.end());
    frozen_.push_back(std::move(block));
    if (shifted) {
        // The cache holds the shifted prompt and all of the reply but its last sampled token.
        shifted_ids_ = engine_.cached;
        const size_t in_cache = st->tokens.empty() ? 0 : st->tokens.size() - 1;
        shifted_ids_.insert(shifted_ids_.end(), reply_ids.begin() + static_cast<std::ptrdiff_t>(std::min(in_cache, reply_ids.size())),
                            reply_ids.end());
    }
    turns_.push_back(ChatTurn{"assistant", out.content, out.thinking, std::move(reply_ids)});
    return out;
}

std::vector<int32_t> reply_ids_from_tokens(std::span<const TokenInfo> tokens, std::optional<StopReason> stop) {
    std::vector<int32_t> ids;
    ids.reserve(tokens.size());
    for (const TokenInfo& t : tokens) ids.push_back(t.token);
    if (stop == StopReason::EndOfText && !ids.empty()) ids.pop_back();
    return ids;
}

}  // namespace hearth::engine
