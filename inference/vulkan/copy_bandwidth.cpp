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

// The source's content: a word pattern that differs along the buffer, so a copy that did not
// happen, or moved the wrong range, shows in the destination.
uint8_t pattern_byte(uint64_t i) {
    const uint32_t word = static_cast<uint32_t>(i / 4) * 2654435761u + 12345u;
    return static_cast<uint8_t>(word >> (8 * (i % 4)));
}

void fill_pattern(std::vector<uint8_t>& chunk, uint64_t at) {
    for (size_t j = 0; j < chunk.size(); ++j) chunk[j] = pattern_byte(at + j);
}

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

    // The source gets the pattern (which also touches its pages, so no size pays for the
    // driver's first use of them); the destination is cleared before each size.
    Uploader staging(device);
    constexpr uint64_t kChunk = 16 * kMiB;
    std::vector<uint8_t> chunk, readback;
    for (uint64_t at = 0; at < biggest; at += kChunk) {
        chunk.resize(std::min(kChunk, biggest - at));
        fill_pattern(chunk, at);
        if (auto st = staging.upload(va.sub(at, chunk.size()), chunk.data(), chunk.size()); !st) return st.error();
    }

    CopyBandwidth result;
    for (uint64_t size : sizes) {
        // About 64 MiB copied per submission, 1 to 64 copies, back and forth between the buffers
        // (Sequence puts a barrier between them, so they run one after another).
        const auto copies = static_cast<uint32_t>(std::clamp<uint64_t>(64 * kMiB / size, 1, 64));
        if (auto st = s.begin(); !st) return st.error();
        if (const uint64_t n4 = size / 4 * 4; n4) s.fill(vb.sub(0, n4), 0);  // fills take whole words
        if (auto st = s.end(); !st) return st.error();
        if (auto st = s.run(); !st) return st.error();
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
        // The first copy of each submission went from the source to the destination; the rest
        // move the same bytes back and forth. Every byte of the destination must be the source's.
        for (uint64_t at = 0; at < size; at += kChunk) {
            readback.resize(std::min(kChunk, size - at));
            chunk.resize(readback.size());
            if (auto st = staging.download(vb.sub(at, readback.size()), readback.data(), readback.size()); !st)
                return st.error();
            fill_pattern(chunk, at);
            if (readback != chunk)
                return make_error("vulkan.copy_mismatch",
                                  "The GPU '" + device.info().name + "' did not copy " + mib_text(size) +
                                      " correctly in the copy benchmark: the destination differs from the source.");
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
