// Download speed as the user sees it: an exponentially smoothed rate that is sampled on a
// clock, not on arrivals, so it decays towards zero while a transfer is stalled instead of
// freezing at the last value.
#pragma once

#include <cstdint>

namespace hearth::dl {

struct SpeedMeter {
    double time_constant_s = 2.0;
    double rate = 0;           // bytes per second
    double last_time_s = -1;
    int64_t last_bytes = 0;
};

// Feeds the running byte count at time `now_s` (monotonic seconds); returns the new rate.
double speed_sample(SpeedMeter& m, double now_s, int64_t bytes);
// Restarts the meter at `bytes` (after a restart from zero) without a spike.
void speed_reset(SpeedMeter& m, double now_s, int64_t bytes);
// Seconds left at the current rate; -1 when unknown (no total or no rate).
double eta_seconds(const SpeedMeter& m, int64_t bytes, int64_t total);

}  // namespace hearth::dl
