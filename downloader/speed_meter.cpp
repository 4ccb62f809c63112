#include "downloader/speed_meter.h"

#include <cmath>

namespace hearth::dl {

double speed_sample(SpeedMeter& m, double now_s, int64_t bytes) {
    if (m.last_time_s < 0) {
        speed_reset(m, now_s, bytes);
        return m.rate;
    }
    double dt = now_s - m.last_time_s;
    if (dt <= 0) return m.rate;
    double inst = static_cast<double>(bytes - m.last_bytes) / dt;
    if (inst < 0) inst = 0;
    double alpha = 1.0 - std::exp(-dt / m.time_constant_s);
    // The first real sample replaces the initial zero outright so the estimate starts at once.
    m.rate = m.rate == 0 && inst > 0 ? inst : m.rate + alpha * (inst - m.rate);
    if (m.rate < 1) m.rate = 0;
    m.last_time_s = now_s;
    m.last_bytes = bytes;
    return m.rate;
}

void speed_reset(SpeedMeter& m, double now_s, int64_t bytes) {
    m.last_time_s = now_s;
    m.last_bytes = bytes;
    m.rate = 0;
}

double eta_seconds(const SpeedMeter& m, int64_t bytes, int64_t total) {
    if (total < 0 || m.rate <= 0) return -1;
    return static_cast<double>(total - bytes) / m.rate;
}

}  // namespace hearth::dl
