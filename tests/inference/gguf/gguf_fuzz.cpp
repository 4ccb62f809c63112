// libFuzzer entry point: any bytes through GgufFile::from_memory, then every accessor on what
// it accepts. The input is copied into an exactly-sized buffer so ASan catches over-reads.
#include <cstdint>
#include <cstring>
#include <vector>

#include "inference/gguf/gguf_reader.h"
#include "inference/tensor/dequantize.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::vector<uint8_t> buf(data, data + size);
    auto r = hearth::GgufFile::from_memory(buf, "fuzz.gguf");
    if (!r.ok()) return 0;
    const hearth::GgufFile& f = *r;
    volatile uint64_t sink = 0;
    for (const auto& kv : f.metadata()) {
        sink = sink + kv.key.size();
        (void)f.find(kv.key);
        (void)f.get_string(kv.key);
        (void)f.get_uint(kv.key);
        (void)f.get_int(kv.key);
        (void)f.get_float(kv.key);
        (void)f.get_bool(kv.key);
        if (kv.value.is_array()) {
            (void)f.get_string_array(kv.key);
            (void)f.get_f32_array(kv.key);
            (void)f.get_i32_array(kv.key);
            const uint64_t n = kv.value.count;
            for (uint64_t i : {uint64_t{0}, n / 2, n ? n - 1 : 0, n}) {
                (void)kv.value.number_at(i);
                (void)kv.value.int_at(i);
            }
            if (n) (void)kv.value.string_at(n - 1);
        }
    }
    float row[256];
    for (const auto& t : f.tensors()) {
        (void)f.tensor(t.name);
        sink = sink + t.data[0] + t.data[t.size_bytes - 1];
        // Decode the first block (or up to 256 plain elements) of the first row.
        const int64_t n = t.ne[0] < 256 ? t.ne[0] : 256;
        const auto bs = static_cast<int64_t>(hearth::traits(t.type).block_size);
        const int64_t m = n - n % bs;
        if (m > 0) hearth::dequantize_row(t.type, t.data, row, m);
    }
    return 0;
}
