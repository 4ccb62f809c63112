// Why a reply ended: the one vocabulary the engine reports and storage keeps. The engine names
// the reason (StopReason), storage writes its code ("eos", "length", ...) in messages.stop_reason,
// and both read the code back through parse_stop_reason, so the two cannot drift apart.
#pragma once

#include <optional>
#include <string_view>

namespace hearth {

enum class StopReason {
    EndOfText,    // the model produced an end-of-generation token (EOS, <|eot_id|>, ...)
    StopString,   // the text reached one of the stop strings (which is not part of the output)
    MaxTokens,    // the reply reached its token limit
    ContextFull,  // the KV cache is full
    Cancelled,    // the user stopped it (the cancel flag was set)
    Error,        // generation failed (the error is reported separately)
};

// The stored code: "eos", "stop", "length", "context_full", "cancelled", "error".
constexpr std::string_view stop_reason_code(StopReason r) {
    switch (r) {
        case StopReason::EndOfText: return "eos";
        case StopReason::StopString: return "stop";
        case StopReason::MaxTokens: return "length";
        case StopReason::ContextFull: return "context_full";
        case StopReason::Cancelled: return "cancelled";
        case StopReason::Error: return "error";
    }
    return "error";
}

// Plain words for a person: "end of text", "stop string", "max tokens", ...
constexpr std::string_view stop_reason_words(StopReason r) {
    switch (r) {
        case StopReason::EndOfText: return "end of text";
        case StopReason::StopString: return "stop string";
        case StopReason::MaxTokens: return "max tokens";
        case StopReason::ContextFull: return "context full";
        case StopReason::Cancelled: return "cancelled";
        case StopReason::Error: return "error";
    }
    return "error";
}

// The reason for a stored code; nullopt for "" (still streaming) and unknown codes.
constexpr std::optional<StopReason> parse_stop_reason(std::string_view code) {
    for (StopReason r : {StopReason::EndOfText, StopReason::StopString, StopReason::MaxTokens,
                         StopReason::ContextFull, StopReason::Cancelled, StopReason::Error})
        if (stop_reason_code(r) == code) return r;
    return std::nullopt;
}

}  // namespace hearth
