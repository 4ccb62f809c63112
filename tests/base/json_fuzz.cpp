// libFuzzer target for the JSON parser (it reads untrusted Hub responses): parsing must never
// crash, and whatever parses must serialize to text that parses to the same serialization.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "base/json.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    hearth::json::Limits limits;
    limits.max_bytes = 1 << 20;
    limits.max_depth = 32;
    auto v = hearth::json::parse(text, limits);
    if (!v) return 0;
    std::string once = hearth::json::serialize(*v);
    limits.max_bytes = once.size() + 1;
    auto again = hearth::json::parse(once, limits);
    if (!again || hearth::json::serialize(*again) != once) std::abort();
    return 0;
}
