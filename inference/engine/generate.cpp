#include "inference/engine/generate.h"

#include <algorithm>
#include <chrono>

namespace hearth::engine {

const char* to_string(StopReason r) {
    switch (r) {
        case StopReason::EndOfText: return "end of text";
        case StopReason::StopString: return "stop string";
        case StopReason::MaxTokens: return "max tokens";
        case StopReason::ContextFull: return "context full";
        case StopReason::Cancelled: return "cancelled";
    }
    return "?";
}

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
double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// Holds back the end of the text while it could still grow into a stop string.
struct StopMatcher {
    const std::vector<std::string>& stops;
    std::string pending;

    // Appends `piece`; returns the text that is safe to release, and sets `hit` when a stop
    // string was completed (the text up to it is released, the rest dropped).
    std::string push(const std::string& piece, bool& hit) {
        pending += piece;
        size_t cut = std::string::npos;
        for (const auto& s : stops) {
            if (s.empty()) continue;
            size_t at = pending.find(s);
            if (at != std::string::npos) cut = std::min(cut, at);
        }
        if (cut != std::string::npos) {
            hit = true;
            std::string out = pending.substr(0, cut);
            pending.clear();
            return out;
        }
        // Longest suffix of `pending` that is a proper prefix of some stop string.
        size_t keep = 0;
        for (const auto& s : stops) {
            for (size_t n = std::min(s.size() - (s.empty() ? 0 : 1), pending.size()); n > keep; --n) {
                if (pending.compare(pending.size() - n, n, s, 0, n) == 0) {
                    keep = n;
                    break;
                }
            }
        }
        std::string out = pending.substr(0, pending.size() - keep);
        pending.erase(0, pending.size() - keep);
        return out;
    }
};

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
    size_t common = 0;
    const size_t cached_ok = std::min<size_t>(session.cached.size(), static_cast<size_t>(b.n_cached()));
    while (common < cached_ok && common < prompt.size() && session.cached[common] == prompt[common]) ++common;
    if (common == prompt.size()) --common;
    st.n_reused = static_cast<int32_t>(common);
    session.cached.resize(common);
    session.logits.resize(static_cast<size_t>(b.n_vocab()));

    sampling::Sampler sampler = sampling::make_sampler(params.sampler);
    for (int32_t t : prompt) sampling::accept(sampler, t);

    // Prefill in chunks.
    const auto t_prefill = Clock::now();
    const size_t chunk = static_cast<size_t>(std::max(1, params.prefill_chunk));
    for (size_t at = common; at < prompt.size(); at += chunk) {
        if (cancelled()) {
            st.stop = StopReason::Cancelled;
            return st;
        }
        const size_t n = std::min(chunk, prompt.size() - at);
        if (auto s = b.eval(prompt.subspan(at, n), static_cast<int32_t>(at), session.logits); !s) return s.error();
        session.cached.insert(session.cached.end(), prompt.begin() + static_cast<std::ptrdiff_t>(at),
                              prompt.begin() + static_cast<std::ptrdiff_t>(at + n));
    }
    st.prefill_ms = ms_since(t_prefill);

    StreamingDetokenizer detok{&tok, false, {}};
    StopMatcher matcher{params.stop_strings, {}};
    auto emit = [&](int32_t token, float prob, const std::string& text) {
        st.text += text;
        if (on_token) on_token(TokenEvent{token, prob, text});
    };

    Clock::time_point t_decode{};
    st.stop = StopReason::MaxTokens;
    while (st.n_generated < params.max_tokens) {
        const sampling::Sampled s = sampling::sample(sampler, session.logits);
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
            emit(s.token, s.probability, {});
            break;
        }
        bool hit = false;
        std::string ready = matcher.push(push(detok, s.token), hit);
        emit(s.token, s.probability, ready);
        if (hit) {
            st.stop = StopReason::StopString;
            break;
        }
        if (st.n_generated >= params.max_tokens) break;
        if (static_cast<int32_t>(session.cached.size()) >= b.n_ctx()) {
            st.stop = StopReason::ContextFull;
            break;
        }
        if (cancelled()) {
            st.stop = StopReason::Cancelled;
            break;
        }
        const int32_t pos = static_cast<int32_t>(session.cached.size());
        if (auto e = b.eval(std::span(&s.token, 1), pos, session.logits); !e) return e.error();
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
