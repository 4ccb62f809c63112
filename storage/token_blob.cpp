#include "storage/token_blob.h"

#include <algorithm>
#include <cmath>

namespace hearth::storage {

namespace {

void put_u32(std::vector<uint8_t>& out, uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}
void put_u16(std::vector<uint8_t>& out, uint16_t v) {
    out.push_back(static_cast<uint8_t>(v & 0xff));
    out.push_back(static_cast<uint8_t>(v >> 8));
}
uint32_t get_u32(const uint8_t* p) {
    return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 | static_cast<uint32_t>(p[2]) << 16 |
           static_cast<uint32_t>(p[3]) << 24;
}
uint16_t get_u16(const uint8_t* p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }

uint16_t quantize(float p) {
    const float c = std::isfinite(p) ? std::clamp(p, 0.0f, 1.0f) : 0.0f;
    return static_cast<uint16_t>(std::lround(c * 65535.0f));
}

}  // namespace

void append_token_records(std::span<const TokenInfo> tokens, std::vector<uint8_t>& out) {
    out.reserve(out.size() + tokens.size() * kTokenRecordBytes);
    for (const TokenInfo& t : tokens) {
        put_u32(out, static_cast<uint32_t>(t.token));
        put_u16(out, quantize(t.probability));
        out.push_back(static_cast<uint8_t>(t.part));
        const int n_top = std::clamp(t.n_top, 0, kTopAlternatives);
        out.push_back(static_cast<uint8_t>(n_top));
        put_u32(out, t.begin);
        put_u32(out, t.end);
        for (int k = 0; k < kTopAlternatives; ++k) {
            const TokenAlternative a = k < n_top ? t.top[static_cast<size_t>(k)] : TokenAlternative{-1, 0.0f};
            put_u32(out, static_cast<uint32_t>(a.token));
            put_u16(out, quantize(a.probability));
        }
    }
}

std::vector<uint8_t> encode_token_records(std::span<const TokenInfo> tokens) {
    std::vector<uint8_t> out;
    append_token_records(tokens, out);
    return out;
}

std::vector<TokenInfo> decode_token_records(std::span<const uint8_t> blob) {
    std::vector<TokenInfo> out(blob.size() / kTokenRecordBytes);
    for (size_t i = 0; i < out.size(); ++i) {
        const uint8_t* p = blob.data() + i * kTokenRecordBytes;
        TokenInfo& t = out[i];
        t.token = static_cast<int32_t>(get_u32(p));
        t.probability = static_cast<float>(get_u16(p + 4)) / 65535.0f;
        t.part = p[6] == 1 ? ReplyPart::Thinking : ReplyPart::Answer;
        t.n_top = std::min<int32_t>(p[7], kTopAlternatives);
        t.begin = get_u32(p + 8);
        t.end = get_u32(p + 12);
        for (int k = 0; k < t.n_top; ++k) {
            const uint8_t* a = p + 16 + 6 * k;
            t.top[static_cast<size_t>(k)] = {static_cast<int32_t>(get_u32(a)), static_cast<float>(get_u16(a + 4)) / 65535.0f};
        }
    }
    return out;
}

}  // namespace hearth::storage
