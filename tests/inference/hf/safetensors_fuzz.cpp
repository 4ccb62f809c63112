// libFuzzer entry point: any bytes through SafetensorsFile::from_memory, then every tensor it
// accepts read end to end. The input is copied into an exactly-sized buffer so ASan catches
// over-reads.
#include <cstdint>
#include <vector>

#include "inference/hf/safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::vector<uint8_t> buf(data, data + size);
    auto r = hearth::hf::SafetensorsFile::from_memory(buf, "fuzz.safetensors");
    if (!r.ok()) return 0;
    volatile uint64_t sink = 0;
    for (const auto& t : r->tensors()) {
        (void)r->find(t.name);
        (void)t.gguf_ne();
        sink = sink + static_cast<uint64_t>(t.n_elements());
        const auto d = r->data(t);
        if (!d.empty()) sink = sink + d.front() + d.back();
    }
    for (const auto& kv : r->metadata()) sink = sink + kv.first.size() + kv.second.size();
    return 0;
}
