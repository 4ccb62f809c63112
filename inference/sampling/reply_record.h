// The statistics and settings of one generated reply, and the project's one JSON form of them
// and of the sampler settings. The app stores this JSON with the message and the conversation,
// hearth-cli prints the same numbers, so a reply can be explained and reproduced (the seed and
// every setting are in it).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"
#include "base/stop_reason.h"
#include "inference/sampling/sampler.h"

namespace hearth::sampling {

struct ReplyRecord {
    SamplerParams sampler;      // the settings used, the seed included
    int32_t n_prompt = 0;       // tokens of the prompt the reply answered (the whole conversation)
    int32_t n_reused = 0;       // of those, already in the KV cache: not evaluated again
    int32_t n_generated = 0;    // sampled tokens, the end-of-turn token included
    double ttft_ms = 0;         // start of the call to the first sampled token
    double prefill_ms = 0;      // evaluating the n_prompt - n_reused new prompt tokens
    double decode_ms = 0;       // the tokens after the first
    double prefill_tok_s = 0;   // (n_prompt - n_reused) / prefill time
    double decode_tok_s = 0;    // tokens per second after the first
    int32_t n_shifts = 0;       // context shifts during the reply
    StopReason stop = StopReason::MaxTokens;
};

// {"temperature":0.8,"top_k":40,...,"seed":42}. Every field is written.
std::string sampler_params_json(const SamplerParams& p);
// Reads what sampler_params_json writes. Missing fields keep their defaults (older rows store
// "{}"); errors: "sampling.bad_json" for text that is not a JSON object or a field of the wrong type.
Result<SamplerParams> sampler_params_from_json(std::string_view json);

// {"n_prompt":..,"n_reused":..,...,"stop":"eos","sampler":{...}}; stop uses stop_reason_code.
std::string reply_record_json(const ReplyRecord& r);
// Reads what reply_record_json writes. Errors: "sampling.bad_json".
Result<ReplyRecord> reply_record_from_json(std::string_view json);

}  // namespace hearth::sampling
