#include "inference/tokenizer/utf8.h"

#include "base/text.h"

namespace hearth::utf8 {

static size_t expected_len(unsigned char lead) {
    if (lead < 0x80) return 1;
    if (lead >= 0xC2 && lead <= 0xDF) return 2;
    if (lead >= 0xE0 && lead <= 0xEF) return 3;
    if (lead >= 0xF0 && lead <= 0xF4) return 4;
    return 0;  // continuation byte, overlong lead (C0, C1) or beyond U+10FFFF
}

// Whether byte `b` may follow `lead` as the first continuation byte (excludes overlongs,
// surrogates and code points above U+10FFFF, as RFC 3629 does).
static bool second_ok(unsigned char lead, unsigned char b) {
    if ((b & 0xC0) != 0x80) return false;
    if (lead == 0xE0) return b >= 0xA0;
    if (lead == 0xED) return b <= 0x9F;
    if (lead == 0xF0) return b >= 0x90;
    if (lead == 0xF4) return b <= 0x8F;
    return true;
}

size_t char_len(std::string_view s, size_t pos) {
    const auto lead = static_cast<unsigned char>(s[pos]);
    const size_t n = expected_len(lead);
    if (n <= 1) return 1;
    if (pos + n > s.size()) return 1;
    if (!second_ok(lead, static_cast<unsigned char>(s[pos + 1]))) return 1;
    for (size_t k = 2; k < n; ++k)
        if ((static_cast<unsigned char>(s[pos + k]) & 0xC0) != 0x80) return 1;
    return n;
}

uint32_t decode(std::string_view s, size_t& pos) {
    const auto lead = static_cast<unsigned char>(s[pos]);
    const size_t n = char_len(s, pos);
    if (n == 1) {
        ++pos;
        return lead < 0x80 ? lead : kReplacement;
    }
    uint32_t cp = lead & (0x7F >> n);
    for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[pos + k]) & 0x3F);
    pos += n;
    return cp;
}

void append(std::string& out, uint32_t cp) { append_utf8(out, cp); }

size_t incomplete_tail(std::string_view s) {
    // A sequence is at most 4 bytes, so only the last 3 can belong to an unfinished one.
    const size_t n = s.size();
    for (size_t back = 1; back <= 3 && back <= n; ++back) {
        const auto b = static_cast<unsigned char>(s[n - back]);
        if ((b & 0xC0) == 0x80) continue;  // continuation: keep looking for the lead
        const size_t need = expected_len(b);
        if (need <= back) return 0;  // ASCII, invalid lead, or a finished sequence
        if (back >= 2 && !second_ok(b, static_cast<unsigned char>(s[n - back + 1]))) return 0;
        return back;
    }
    return 0;
}

}  // namespace hearth::utf8
