#include "inference/engine/generate.h"

#include <algorithm>
#include <chrono>

#include "inference/engine/decode_step.h"
#include "inference/engine/stop_matcher.h"

namespace hearth::engine {

const char* to_string(StopReason r) { return stop_reason_words(r).data(); }

std::vector<int32_t> end_of_generation_tokens(const Tokenizer& tok, std::span<const int32_t> extra) {
    std::vector<int32_t> out;
    auto add = [&](int32_t id) {
        if (id >= 0 && id < tok.vocab.size() && std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
    };
    add(tok.vocab.eos);
    for (const char* text : {"<|eot_id|>", "<|im_end|>", "<end_of_turn>", "<|end|>", "<|endoftext|>",
                             "<|end_of_text|>", "<|eom_id|>"}) {
        auto it = tok.token_to_id.find(std::string_view(text));
        if (it != tok.token_to_id.end() && tok.vocab.type(it->second) == TokenType::Control) add(it->second);
    }
    for (int32_t id : extra) add(id);
    return out;
}

namespace {

using Clock = std::chrono::steady_clock;

// A backend that waits on a device checks the Stop flag while waiting (Backend::set_cancel) and
// then fails the call with "engine.cancelled": for generate that is a stop, not an error.
bool is_cancel(const Error& e) { return e.code == "engine.cancelled"; }

// Hands the flag to the backend for the call's duration only: the flag may not outlive it.
struct BackendCancel {
    Backend& b;
    bool set;
    BackendCancel(Backend& backend, const std::atomic<bool>* cancel) : b(backend), set(cancel != nullptr) {
        if (set) b.set_cancel(cancel);
    }
    ~BackendCancel() {
        if (set) b.set_cancel(nullptr);
    }
    BackendCancel(const BackendCancel&) = delete;
    BackendCancel& operator=(const BackendCancel&) = delete;
};
double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

}  // namespace

Result<GenerateStats> generate(Session& session, const Tokenizer& tok, std::span<const int32_t> prompt,
                               const GenerateParams& params, const TokenCallback& on_token) {
    Backend& b = *session.backend;
    GenerateStats st;
    st.n_prompt = static_cast<int32_t>(prompt.size());
    const auto t_start = Clock::now();
    auto cancelled = [&] { return params.cancel && params.cancel->load(std::memory_order_relaxed); };

    if (prompt.empty()) return make_error("engine.empty_prompt", "There is nothing to answer: the prompt is empty.");
    if (st.n_prompt >= b.n_ctx()) {
        return make_error("engine.context_full", "The prompt is " + std::to_string(st.n_prompt) +
                                                     " tokens long, which does not fit the " + std::to_string(b.n_ctx()) +
                                                     "-token context; shorten it or raise the context size.");
    }

    // Reuse the cached prefix, but always evaluate at least the last prompt token: its logits
    // choose the first new token.
    // Only while this session still owns the cache: another conversation (or anyone who
    // evaluated since) replaced what `cached` describes.
    if (!b.owns_cache(session.claim)) {
        session.cached.clear();
        session.claim = b.claim_cache();
    }
    size_t common = 0;
    const size_t cached_ok = std::min<size_t>(session.cached.size(), static_cast<size_t>(b.n_cached()));
    while (common < cached_ok && common < prompt.size() && session.cached[common] == prompt[common]) ++common;
    if (common == prompt.size()) --common;
    st.n_reused = static_cast<int32_t>(common);
    session.cached.resize(common);
    session.logits.resize(static_cast<size_t>(b.n_vocab()));

    const BackendCancel backend_cancel(b, params.cancel);
    sampling::Sampler sampler = sampling::make_sampler(params.sampler);
    for (int32_t t : prompt) sampling::accept(sampler, t);

    const detail::StepOptions step{params.sample_on_backend, params.token_details};

    // Prefill in chunks; the last one also samples the first token.
    const auto t_prefill = Clock::now();
    const int32_t chunk_limit = params.cancel ? std::min(params.prefill_chunk, kCancelChunk) : params.prefill_chunk;
    const size_t chunk = static_cast<size_t>(std::max(1, chunk_limit));
    sampling::Sampled next;
    for (size_t at = common; at < prompt.size(); at += chunk) {
        if (cancelled()) {
            st.stop = StopReason::Cancelled;
            return st;
        }
        const size_t n = std::min(chunk, prompt.size() - at);
        const auto part = prompt.subspan(at, n);
        Status ok;
        if (at + n < prompt.size()) {
            ok = b.eval(part, static_cast<int32_t>(at), session.logits);
        } else if (auto s = detail::eval_and_sample(session, sampler, part, static_cast<int32_t>(at), step, st)) {
            next = *s;
        } else {
            ok = s.error();
        }
        if (!ok) {
            if (!is_cancel(ok.error())) return ok.error();
            st.stop = StopReason::Cancelled;
            st.prefill_ms = ms_since(t_prefill);
            return st;
        }
        session.cached.insert(session.cached.end(), part.begin(), part.end());
    }
    st.prefill_ms = ms_since(t_prefill);

    StreamingDetokenizer detok{&tok, false, {}};
    detail::StopMatcher matcher{params.stop_strings, {}};
    auto emit = [&](const sampling::Sampled& s, const std::string& text) {
        st.text += text;
        if (on_token) on_token(TokenEvent{s.token, s.probability, text, params.token_details ? &s.info : nullptr});
    };

    Clock::time_point t_decode{};
    st.stop = StopReason::MaxTokens;
    while (st.n_generated < params.max_tokens) {
        const sampling::Sampled s = next;
        sampling::accept(sampler, s.token);
        ++st.n_generated;
        st.tokens.push_back(s.token);
        st.probabilities.push_back(s.probability);
        if (st.n_generated == 1) {
            st.ttft_ms = ms_since(t_start);
            t_decode = Clock::now();
        }
        if (std::find(params.stop_tokens.begin(), params.stop_tokens.end(), s.token) != params.stop_tokens.end()) {
            st.stop = StopReason::EndOfText;
            emit(s, {});
            break;
        }
        bool hit = false;
        std::string ready = matcher.push(push(detok, s.token), hit);
        emit(s, ready);
        if (hit) {
            st.stop = StopReason::StopString;
            break;
        }
        if (st.n_generated >= params.max_tokens) break;
        if (static_cast<int32_t>(session.cached.size()) >= b.n_ctx()) {
            if (params.on_context_full == OnContextFull::Stop) {
                st.stop = StopReason::ContextFull;
                break;
            }
            if (auto e = detail::shift_context(session, params.keep); !e) return e.error();
            ++st.n_shifts;
        }
        if (cancelled()) {
            st.stop = StopReason::Cancelled;
            break;
        }
        const int32_t pos = static_cast<int32_t>(session.cached.size());
        auto e = detail::eval_and_sample(session, sampler, std::span(&s.token, 1), pos, step, st);
        if (!e && is_cancel(e.error())) {
            st.stop = StopReason::Cancelled;
            break;
        }
        if (!e) return e.error();
        next = *e;
        session.cached.push_back(s.token);
        ++st.n_decode_evals;
    }
    if (st.n_generated > 0) st.decode_ms = ms_since(t_decode);

    // Release what is still held back (not after a stop string: that text was cut).
    if (st.stop != StopReason::StopString) {
        bool hit = false;
        std::string rest = matcher.push(flush(detok), hit);
        rest += matcher.pending;
        if (!rest.empty()) {
            st.text += rest;
            if (on_token) on_token(TokenEvent{-1, 0.0f, rest});
        }
    }
    return st;
}

}  // namespace hearth::engine
