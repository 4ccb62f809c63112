// Copy bandwidth: two device-local buffers, copies recorded into one Sequence per size, each
// submission timed by the GPU's own timestamps (so launch and fence latency on the CPU side do
// not count). Small sizes batch several copies per submission, since one tiny copy mostly
// measures the copy engine's start-up.
#include "inference/vulkan/copy_bandwidth.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "inference/vulkan/buffer.h"
#include "inference/vulkan/sequence.h"

namespace hearth::vk {

namespace {

constexpr uint64_t kMiB = 1ull << 20;

std::string mib_text(uint64_t b) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%.2f MiB", static_cast<double>(b) / static_cast<double>(kMiB));
    return buf;
}

uint64_t heap_size(const Device& device) {
    const auto& mem = device.memory_properties();
    return device.main_heap() < mem.memoryHeapCount ? mem.memoryHeaps[device.main_heap()].size : 0;
}

}  // namespace

Result<CopyBandwidth> measure_copy_bandwidth(Device& device, const CopyBandwidthOptions& options) {
    if (!device.info().timestamps)
        return make_error("vulkan.no_timestamps", "The GPU '" + device.info().name +
                                                      "' cannot time work on its compute queue (no timestamp "
                                                      "queries), so its copy bandwidth cannot be measured.");
    if (options.repeats < 1)
        return make_error("vulkan.bad_size", "The copy benchmark needs at least one repeat per size.");
    const uint64_t max_alloc = device.max_allocation();
    std::vector<uint64_t> sizes = options.sizes;
    if (sizes.empty()) {
        uint64_t cap = options.max_bytes ? options.max_bytes : 1024 * kMiB;
        cap = std::min(cap, max_alloc);
        if (const uint64_t heap = heap_size(device); heap) cap = std::min(cap, heap / 4);
        for (uint64_t s = kMiB; s <= cap; s *= 4) sizes.push_back(s);
        if (sizes.empty() || sizes.back() != cap) sizes.push_back(cap);
    }
    for (uint64_t s : sizes) {
        if (s == 0) return make_error("vulkan.bad_size", "A copy of 0 bytes cannot be timed; give sizes of at least 1 byte.");
        if (s > max_alloc)
            return make_error("vulkan.bad_size", "A copy of " + mib_text(s) + " does not fit in one buffer on '" +
                                                     device.info().name + "' (at most " + mib_text(max_alloc) +
                                                     " per allocation); choose a smaller size.");
    }
    const uint64_t biggest = *std::max_element(sizes.begin(), sizes.end());

    auto a = create_buffer(device, biggest, MemoryKind::DeviceLocal, MemoryUse::Scratch, "the copy benchmark's first buffer");
    if (!a) return a.error();
    auto b = create_buffer(device, biggest, MemoryKind::DeviceLocal, MemoryUse::Scratch, "the copy benchmark's second buffer");
    if (!b) return b.error();
    const BufferView va = view_of(*a), vb = view_of(*b);
    auto seq = create_sequence(device, 2);
    if (!seq) return seq.error();
    Sequence& s = **seq;

    // Touch both buffers once, so no size pays for the driver's first use of the pages.
    if (auto st = s.begin(); !st) return st.error();
    if (const uint64_t n4 = biggest / 4 * 4; n4) {
        s.fill(va.sub(0, n4), 0x3F800000u);
        s.fill(vb.sub(0, n4), 0);
    }
    if (auto st = s.end(); !st) return st.error();
    if (auto st = s.run(); !st) return st.error();

    CopyBandwidth result;
    for (uint64_t size : sizes) {
        // About 64 MiB copied per submission, 1 to 64 copies, back and forth between the buffers
        // (Sequence puts a barrier between them, so they run one after another).
        const auto copies = static_cast<uint32_t>(std::clamp<uint64_t>(64 * kMiB / size, 1, 64));
        if (auto st = s.begin(); !st) return st.error();
        for (uint32_t k = 0; k < copies; ++k) {
            if (k % 2 == 0)
                s.copy(va, vb, size);
            else
                s.copy(vb, va, size);
        }
        s.timestamp("copies");
        if (auto st = s.end(); !st) return st.error();
        if (auto st = s.run(); !st) return st.error();  // warm-up, not timed

        std::vector<double> ms;
        for (int r = 0; r < options.repeats; ++r) {
            if (auto st = s.run(); !st) return st.error();
            const auto t = s.timings();
            if (t.empty() || !(t[0].ms > 0))
                return make_error("vulkan.no_timestamps", "The GPU '" + device.info().name +
                                                              "' returned no usable timestamps for the copy benchmark.");
            ms.push_back(t[0].ms / copies);
        }
        std::sort(ms.begin(), ms.end());
        CopySample c;
        c.bytes = size;
        c.copies = copies;
        c.best_ms = ms.front();
        c.median_ms = ms[ms.size() / 2];
        const double traffic = 2.0 * static_cast<double>(size);
        c.best_rw_gbps = traffic / (c.best_ms * 1e-3) / 1e9;
        c.median_rw_gbps = traffic / (c.median_ms * 1e-3) / 1e9;
        result.best_rw_gbps = std::max(result.best_rw_gbps, c.best_rw_gbps);
        result.samples.push_back(c);
    }
    return result;
}

}  // namespace hearth::vk
