// The card's achievable memory bandwidth, measured the simplest honest way: vkCmdCopyBuffer
// between two device-local buffers, timed with GPU timestamps. It is the yardstick decode speed
// is judged by ("decode reads the weights at N% of what a plain copy achieves").
//
// Convention: a copy of B bytes reads B and writes B, so it moves 2B bytes through memory.
// `rw_gbps` counts both (the memory traffic, comparable with the card's datasheet figure and with
// decode's "weights read per second", which is also traffic); `copy_gbps` counts B only.
#pragma once

#include <cstdint>
#include <vector>

#include "base/result.h"
#include "inference/vulkan/device.h"

namespace hearth::vk {

struct CopyBandwidthOptions {
    // Bytes per copy, each measured separately. Empty: powers of 4 from 1 MiB up to `max_bytes`.
    std::vector<uint64_t> sizes;
    // Largest default size; 0: 1 GiB, capped by the device's largest allocation and a quarter of
    // its device-local heap (two buffers of this size are needed).
    uint64_t max_bytes = 0;
    int repeats = 7;  // timed submissions per size (after one untimed warm-up)
};

struct CopySample {
    uint64_t bytes = 0;         // per copy
    uint32_t copies = 0;        // copies per timed submission (small sizes batch several)
    double best_ms = 0;         // per copy
    double median_ms = 0;       // per copy
    double best_rw_gbps = 0;    // 2 * bytes / best time, in 1e9 bytes per second
    double median_rw_gbps = 0;  // 2 * bytes / median time
};

struct CopyBandwidth {
    std::vector<CopySample> samples;  // in the order of the sizes
    double best_rw_gbps = 0;          // the best over all sizes (read + write)
    double copy_gbps() const { return best_rw_gbps / 2; }  // bytes copied per second
};

// Each size's destination is read back after its timed runs and compared with the source
// (a pattern that differs along the buffer): "vulkan.copy_mismatch" when the copies did not
// happen or moved the wrong bytes.
// Errors: "vulkan.bad_size" (a size of 0, or larger than one allocation may be),
// "vulkan.no_timestamps" (the queue cannot time GPU work), "vulkan.out_of_memory", and the
// driver's errors.
Result<CopyBandwidth> measure_copy_bandwidth(Device& device, const CopyBandwidthOptions& options = {});

}  // namespace hearth::vk
