#include "inference/tokenizer/byte_level.h"

#include "inference/tokenizer/utf8.h"

namespace hearth::byte_level {

static constexpr bool stands_for_itself(uint32_t b) {
    return (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
}

struct Tables {
    uint32_t to_cp[256] = {};
    int16_t to_byte[256 + 68] = {};
};

// The n-th byte (in byte order) that does not stand for itself gets U+0100 + n.
static constexpr Tables make_tables() {
    Tables t;
    for (auto& b : t.to_byte) b = -1;
    uint32_t n = 0;
    for (uint32_t b = 0; b < 256; ++b) {
        t.to_cp[b] = stands_for_itself(b) ? b : 256 + n++;
        t.to_byte[t.to_cp[b]] = static_cast<int16_t>(b);
    }
    return t;
}

static constexpr Tables kTables = make_tables();

uint32_t byte_to_codepoint(uint8_t b) { return kTables.to_cp[b]; }

int codepoint_to_byte(uint32_t cp) { return cp < 256 + 68 ? kTables.to_byte[cp] : -1; }

std::string encode(std::string_view bytes) {
    std::string out;
    out.reserve(bytes.size() * 2);
    for (char c : bytes) utf8::append(out, byte_to_codepoint(static_cast<uint8_t>(c)));
    return out;
}

std::string decode(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    size_t pos = 0;
    while (pos < text.size()) {
        const size_t start = pos;
        const uint32_t cp = utf8::decode(text, pos);
        const int b = codepoint_to_byte(cp);
        if (b >= 0)
            out += static_cast<char>(b);
        else
            out.append(text.substr(start, pos - start));
    }
    return out;
}

}  // namespace hearth::byte_level
