// One conversation with a loaded model: its messages and the exact token ids the engine saw for
// them, so that each turn evaluates only what is new.
//
//   engine::ChatSession chat(*open_model);                 // OpenModel from open_model()
//   chat.set_system_prompt("Be brief.");
//   chat.add_user("Hello");
//   auto r = chat.reply(*backend, params, [](const engine::ReplyToken& t) { show(t.text, t.info.part); });
//   chat.add_user("And then?");
//   r = chat.reply(*backend, params, on_token);            // r->stats.n_reused: the whole first turn
//
// How the tokens are made (and why):
// - The template is rendered with a placeholder for each message's content; the template's own
//   text is tokenized with special tokens parsed, the content without (tokenize_pieces), so a
//   user who types "<|im_start|>system" gets those characters, never the control token.
// - A reply is kept as the ids that were sampled, never re-tokenized from its text; the template
//   supplies the tokens around it (the header before, the end-of-turn after).
// - Once a turn has been evaluated, its tokens are frozen: later turns render only what follows,
//   and the date a template prints is fixed when the conversation starts (ChatOptions::now_unix),
//   so the same history gives the same prefix every turn even for templates that would render
//   an earlier turn differently later (Qwen3 drops old thinking).
// - The backend's KV cache has one owner at a time (Backend::claim_cache). reply() reuses the
//   cache only when this session still owns it, so A → B → A re-evaluates A instead of reading
//   B's keys. Editing or regenerating keeps exactly the tokens before the first change.
// - After a context shift the session keeps the shifted ids (what the cache holds), so the next
//   turn still reuses the cache.
//
// Threads: a ChatSession is plain data with no locks. Use it, and the Backend it drives, from one
// thread at a time (the app's engine worker thread). Only the cancel flag in ReplyParams is meant
// to be set from another thread.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/stop_reason.h"
#include "base/token_info.h"
#include "inference/engine/backend.h"
#include "inference/engine/generate.h"
#include "inference/engine/open_model.h"
#include "inference/sampling/reply_record.h"
#include "inference/sampling/sampler.h"

namespace hearth::engine {

// One message of the conversation.
struct ChatTurn {
    std::string role;      // "system", "user" or "assistant"
    std::string content;   // the text (for a thinking model's reply: the answer only)
    std::string thinking;  // assistant only: the reasoning before the answer, "" when none
    // Assistant only: the ids that were sampled for it (thinking and answer, without the
    // end-of-turn token). Filled by reply(); pass them back when restoring a conversation from
    // storage so the reply is not re-tokenized. Empty: the content is tokenized instead.
    std::vector<int32_t> reply_ids;
};

struct ChatOptions {
    // The time templates print (strftime_now, "Today Date: ..."), seconds since the epoch, UTC.
    // Fixed for the conversation's life so every turn renders the same prefix; 0: the clock when
    // the session is made (pass the conversation's creation time when restoring one).
    int64_t now_unix = 0;
    // Passed to templates that read enable_thinking (Qwen3): false asks the model to answer
    // without thinking first.
    bool enable_thinking = true;
};

// How the conversation fills the context (for the app's context meter and its warning).
struct ContextFit {
    // Tokens per message, in turns() order. A message's count includes the template's text that
    // belongs to it (the role header before it, the end-of-turn of the message before it).
    std::vector<int32_t> turn_tokens;
    int32_t generation_prompt_tokens = 0;  // what opens the reply ("<|im_start|>assistant\n")
    int32_t total = 0;          // all of the above: the prompt reply() would evaluate
    int32_t n_ctx = 0;          // the context it is measured against
    int32_t reply_room = 0;     // n_ctx - total (negative when the prompt alone does not fit)
    int32_t reply_reserve = 0;  // the room the caller asked to keep for the reply
    // How many of the oldest non-system messages drop_oldest_turns would have to drop so that
    // reply_reserve tokens are left (0: it fits as is). The system prompt is never dropped; -1
    // when even dropping everything but the system prompt and the last message is not enough.
    int32_t drop_needed = 0;
    bool fits() const { return drop_needed == 0; }
};

struct ReplyParams {
    int32_t max_tokens = 1024;
    sampling::SamplerParams sampler;
    // Set from any thread to stop: checked before every prefill chunk of at most 64 tokens and
    // before every generated token. The reply so far is kept (StopReason::Cancelled).
    const std::atomic<bool>* cancel = nullptr;
    OnContextFull on_context_full = OnContextFull::Stop;
    bool sample_on_backend = true;  // see GenerateParams::sample_on_backend
};

// One generated token as it streams. An event with info.token == -1 carries text only: text
// released at the end of the reply, or the first part of text that straddles the switch from
// thinking to answer (the token's own event follows with the rest).
struct ReplyToken {
    TokenInfo info;         // id, probabilities, top alternatives, byte range, part
    std::string_view text;  // the text that became ready with it, in info.part (may be empty)
};
using ReplyCallback = std::function<void(const ReplyToken&)>;

// Statistics, settings (seed included) and stop reason of one reply; sampling::reply_record_json
// is its JSON form.
using ReplyStats = sampling::ReplyRecord;

struct Reply {
    std::string content;            // the answer
    std::string thinking;           // the reasoning streamed before it ("" for most models)
    std::vector<TokenInfo> tokens;  // one per sampled token, in order
    ReplyStats stats;
};

class ChatSession {
public:
    // `model` must outlive the session (the app keeps one OpenModel per loaded model).
    explicit ChatSession(const OpenModel& model, ChatOptions options = {});

    const std::vector<ChatTurn>& turns() const { return turns_; }
    const ChatOptions& options() const { return options_; }

    // Sets, replaces or (with "") removes the system prompt: always turns()[0] when present.
    void set_system_prompt(std::string text);
    // Appends a message (from the user, or an assistant reply restored from storage).
    // Errors: "chat.bad_role" for a role other than user/assistant (use set_system_prompt).
    Status add_message(ChatTurn turn);
    Status add_user(std::string text) { return add_message({"user", std::move(text), {}, {}}); }

    // Replaces the content of message i and drops every message after it (an edit starts a new
    // branch). The next reply reuses the cache up to the first token that changed.
    // Errors: "chat.bad_index".
    Status edit_message(size_t i, std::string content);
    // Keeps the first n messages (n <= turns().size()).
    Status truncate(size_t n);
    // Drops the last assistant message (and anything after it) so that reply() answers the same
    // prompt again; the cache keeps everything before the reply. Errors: "chat.nothing_to_regenerate".
    Status regenerate();
    // A copy of the conversation that continues on its own (its own cache claim: the first
    // reply of either re-evaluates what the other replaced in the cache).
    ChatSession branch() const;

    // How the conversation would fill an n_ctx-token context if reply() ran now, keeping
    // reply_reserve tokens for the answer. Renders and tokenizes; changes nothing.
    // Errors: those of the template ("template.*").
    Result<ContextFit> fit(int32_t n_ctx, int32_t reply_reserve) const;
    // Removes the n oldest non-system messages (the caller's decision, e.g. after fit()). The
    // next reply evaluates the conversation again from the system prompt on.
    // Errors: "chat.bad_index" when fewer than n such messages exist.
    Status drop_oldest_turns(int32_t n);

    // Answers the last message: renders what is new, evaluates it on `backend` (reusing what the
    // cache holds for this session) and samples the reply, streaming each token to on_token.
    // The reply is appended to turns() as an assistant message (also when cancelled or cut at
    // max_tokens, with what was generated). Errors: "chat.nothing_to_answer" when the last message
    // is not the user's, "engine.context_full" when the prompt does not fit (see fit()), the
    // template's and the backend's errors; the conversation is unchanged after an error.
    Result<Reply> reply(Backend& backend, const ReplyParams& params, const ReplyCallback& on_token = {});

    // The tokens the engine has seen for this conversation, position order (after a context
    // shift: what the cache holds), up to the end of the last reply.
    const std::vector<int32_t>& ids() const { return engine_.cached; }

private:
    // The prompt cut per turn (chat_session.cpp).
    struct Blocks {
        std::vector<std::vector<int32_t>> turns;  // turn i's tokens: template text, then content
        std::vector<int32_t> generation;          // the generation prompt's tokens
        bool opens_thinking = false;              // it leaves the model inside <think>
    };
    Result<Blocks> blocks() const;                           // frozen blocks, then a fresh render
    std::vector<int32_t> prompt_of(const Blocks& b) const;   // what reply() evaluates
    void forget_from(size_t turn);                           // unfreezes turn and the ones after it

    const OpenModel* model_;
    ChatOptions options_;
    std::vector<ChatTurn> turns_;
    // Frozen token blocks: frozen_[i] holds turn i's tokens as they were evaluated. Later turns
    // are rendered after them, never instead of them. frozen_.size() <= turns_.size().
    std::vector<std::vector<int32_t>> frozen_;
    std::vector<int32_t> frozen_ids_;  // their concatenation
    // After a context shift: what stands for frozen_ids_ in the prompt (the cache's tokens and
    // the reply's last token); empty otherwise.
    std::vector<int32_t> shifted_ids_;
    Session engine_;  // the backend claim and what the cache holds for this conversation
};

// The ChatTurn::reply_ids of a stored reply: the ids of its per-token data (storage keeps one
// TokenInfo per sampled token) without the end-of-turn token when the reply ended with one
// (stop == EndOfText), since the template writes that one. For restoring a conversation whose
// replies this same model wrote; another model's ids mean nothing to this vocabulary.
std::vector<int32_t> reply_ids_from_tokens(std::span<const TokenInfo> tokens, std::optional<StopReason> stop);

}  // namespace hearth::engine
