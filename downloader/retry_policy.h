// When to try a failed transfer again, and after how long: exponential backoff with jitter,
// and the server's own Retry-After when it sends one (429, 503).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace hearth::dl {

// Delay before attempt number `attempt` (1 = first retry): initial * 2^(attempt-1) capped at
// max_ms, then scaled by a factor in [0.5, 1) taken from `unit_random` in [0, 1) ("equal
// jitter"), so many clients that failed together do not come back together.
long backoff_delay_ms(int attempt, long initial_ms, long max_ms, double unit_random);

// Parses a Retry-After value: delta-seconds ("120") or an HTTP-date ("Wed, 21 Oct 2015 07:28:00 GMT")
// relative to `now_unix_s`. nullopt when it is neither.
std::optional<long> parse_retry_after_ms(std::string_view value, int64_t now_unix_s);

// HTTP statuses worth retrying: 408, 425, 429, 500, 502, 503, 504.
bool is_retryable_status(long status);

}  // namespace hearth::dl
