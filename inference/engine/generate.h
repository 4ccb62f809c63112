// The generation loop shared by hearth-cli and the app: prompt tokens -> prefill (reusing the
// part of the KV cache that still matches) -> sample -> stream text -> stop.
//
// Text is streamed through the tokenizer's StreamingDetokenizer, and held back while it could
// still be the beginning of a stop string, so a caller never shows text that is later cut.
//
// Each token is sampled from the backend's candidates (Backend::eval_candidates: the top k, the
// penalised tokens' logits and a log-sum-exp) whenever that gives exactly what sampling the full
// row gives (sampling::candidates_suffice), and from the full row otherwise. A full cache either
// stops the generation or is shifted (GenerateParams::on_context_full).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "base/stop_reason.h"
#include "base/token_info.h"
#include "inference/engine/backend.h"
#include "inference/sampling/sampler.h"
#include "inference/tokenizer/tokenizer.h"

namespace hearth::engine {

// The vocabulary shared with storage (base/stop_reason.h).
using StopReason = hearth::StopReason;
const char* to_string(StopReason r);  // stop_reason_words

// What to do when the KV cache is full in the middle of an answer.
enum class OnContextFull {
    Stop,   // stop with StopReason::ContextFull
    Shift,  // forget the older half of the tokens after `keep` (a context shift) and go on
};

struct GenerateParams {
    int32_t max_tokens = 256;
    sampling::SamplerParams sampler;
    std::vector<int32_t> stop_tokens;        // usually end_of_generation_tokens(...)
    std::vector<std::string> stop_strings;
    // Checked before every eval, and handed to the backend for the call (Backend::set_cancel)
    // so that a device wait stops too; a backend's "engine.cancelled" ends the generation with
    // StopReason::Cancelled, not an error.
    const std::atomic<bool>* cancel = nullptr;
    // Prompt tokens per eval. With a cancel flag at most kCancelChunk, so that a stop waits for
    // one short chunk at most.
    int32_t prefill_chunk = 512;
    OnContextFull on_context_full = OnContextFull::Stop;
    // With Shift: tokens at the start that are never dropped (the BOS token, which models use as
    // an attention sink, or the whole system prompt). Clamped to [0, n_ctx - 1], so that every
    // shift frees at least one position; each shift drops half of the tokens after `keep`.
    int32_t keep = 1;
    // Sample from the backend's candidates (Backend::eval_candidates) whenever that is exact
    // (sampling::candidates_suffice); false: always read the full logits row.
    bool sample_on_backend = true;
    // Fill TokenEvent::info (the untruncated probability and the top alternatives): asks the
    // backend for at least kTopAlternatives candidates and the log-sum-exp.
    bool token_details = false;
};

// The largest prefill chunk while a cancel flag is set.
inline constexpr int32_t kCancelChunk = 64;

// One generated token. `text` is the output that became ready with it (possibly empty while a
// multi-byte character or a possible stop string is pending, possibly more than one token's
// worth once it is released). A last event with token -1 carries text released at the end.
struct TokenEvent {
    int32_t token = -1;
    float probability = 0.0f;  // in the distribution it was drawn from
    std::string_view text;
    // With GenerateParams::token_details: token, probability and top alternatives (begin, end
    // and part are left for the caller). nullptr otherwise and for the last event.
    const TokenInfo* info = nullptr;
};
using TokenCallback = std::function<void(const TokenEvent&)>;

struct GenerateStats {
    int32_t n_prompt = 0;     // prompt tokens
    int32_t n_reused = 0;     // of those, already in the KV cache from the previous call
    int32_t n_generated = 0;  // sampled tokens, the stop token included
    double ttft_ms = 0;       // start to the first sampled token
    double prefill_ms = 0;    // evaluating the prompt tokens that were not reused
    double decode_ms = 0;     // evaluating generated tokens and sampling after the first
    int32_t n_decode_evals = 0;
    int32_t n_shifts = 0;     // context shifts (OnContextFull::Shift)
    int32_t n_full_rows = 0;  // sampling steps that read the full logits row
    StopReason stop = StopReason::MaxTokens;
    std::vector<int32_t> tokens;       // the generated tokens (the stop token included)
    std::vector<float> probabilities;  // each token's probability as sampled
    std::string text;                  // everything streamed

    double prefill_tok_s() const { return prefill_ms > 0 ? (n_prompt - n_reused) * 1000.0 / prefill_ms : 0; }
    double decode_tok_s() const { return decode_ms > 0 ? n_decode_evals * 1000.0 / decode_ms : 0; }
};

// A backend and what its KV cache holds for one conversation. Keep one per conversation; any
// number may share a backend (the claim below says whose tokens the cache holds). `generate`
// reuses the longest prefix of `cached` that the next prompt shares.
struct Session {
    Backend* backend = nullptr;
    std::vector<int32_t> cached;  // tokens whose keys/values are in the cache, position order
                                  // (after a context shift: with the dropped ones left out)
    std::vector<float> logits;    // scratch, n_vocab
    // This session's claim on backend's cache (Backend::claim_cache). When another session (or
    // anyone) has claimed the cache since, generate forgets `cached` and evaluates the whole
    // prompt, so switching conversations A -> B -> A never reuses B's keys for A.
    uint64_t claim = 0;
};

// Errors: those of the backend ("engine.*"), and "engine.context_full" when the prompt alone
// does not fit, with either policy: cutting a prompt the caller built (a system prompt, whole
// turns) at an arbitrary token would feed the model a mangled conversation, and the caller knows
// which turns to drop. Stopping for any StopReason is not an error.
Result<GenerateStats> generate(Session& session, const Tokenizer& tok, std::span<const int32_t> prompt,
                               const GenerateParams& params, const TokenCallback& on_token = {});

// The tokens that end a generation for this vocabulary: EOS, plus control tokens that chat
// templates use to end a turn (<|eot_id|>, <|im_end|>, <end_of_turn>, <|end|>, ...), plus
// `extra` (e.g. the file's tokenizer.ggml.eot_token_id).
std::vector<int32_t> end_of_generation_tokens(const Tokenizer& tok, std::span<const int32_t> extra = {});

}  // namespace hearth::engine
