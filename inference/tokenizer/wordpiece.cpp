// WordPiece as BERT does it (Hugging Face's BertNormalizer + BertPreTokenizer + WordPiece):
//   clean:      drop NUL, U+FFFD and control/format characters; any whitespace becomes ' '
//   CJK:        each CJK ideograph becomes a word of its own
//   uncased:    NFD, drop non-spacing marks (accents), lower-case
//   split:      at whitespace; each punctuation character is a word of its own
//   words:      greedy longest match from the left; a word with any unmatched rest, or longer
//               than 100 characters, becomes the single unknown token.
// Character classes come from ICU.
#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "inference/tokenizer/models.h"
#include "inference/tokenizer/utf8.h"

namespace hearth::detail {

namespace {

constexpr size_t kMaxWordChars = 100;

bool is_control(uint32_t c) {
    if (c == '\t' || c == '\n' || c == '\r') return false;
    switch (u_charType(static_cast<UChar32>(c))) {
        case U_CONTROL_CHAR: case U_FORMAT_CHAR: case U_UNASSIGNED: case U_PRIVATE_USE_CHAR:
        case U_SURROGATE:
            return true;
        default:
            return false;
    }
}

bool is_whitespace(uint32_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || u_isUWhiteSpace(static_cast<UChar32>(c));
}

// BERT's CJK blocks (the ranges its reference implementation lists).
bool is_cjk(uint32_t c) {
    return (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3400 && c <= 0x4DBF) ||
           (c >= 0x20000 && c <= 0x2A6DF) || (c >= 0x2A700 && c <= 0x2B73F) ||
           (c >= 0x2B740 && c <= 0x2B81F) || (c >= 0x2B920 && c <= 0x2CEAF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x2F800 && c <= 0x2FA1F);
}

// ASCII symbols such as $ + < = > ^ ` | ~ count as punctuation for BERT, as does Unicode P*.
bool is_punctuation(uint32_t c) {
    if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126))
        return true;
    return u_ispunct(static_cast<UChar32>(c));
}

std::u16string to_utf16(const std::vector<uint32_t>& cps) {
    std::u16string s;
    s.reserve(cps.size());
    for (uint32_t c : cps) {
        if (c < 0x10000) {
            s += static_cast<char16_t>(c);
        } else {
            s += static_cast<char16_t>(0xD800 + ((c - 0x10000) >> 10));
            s += static_cast<char16_t>(0xDC00 + ((c - 0x10000) & 0x3FF));
        }
    }
    return s;
}

std::vector<uint32_t> from_utf16(const std::u16string& s) {
    std::vector<uint32_t> cps;
    cps.reserve(s.size());
    for (size_t i = 0; i < s.size(); ++i) {
        uint32_t c = s[i];
        if (c >= 0xD800 && c <= 0xDBFF && i + 1 < s.size() && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF) {
            c = 0x10000 + ((c - 0xD800) << 10) + (s[i + 1] - 0xDC00);
            ++i;
        }
        cps.push_back(c);
    }
    return cps;
}

// NFD through ICU; on the (unexpected) failure the text is left as it was.
std::vector<uint32_t> nfd(const std::vector<uint32_t>& cps) {
    UErrorCode err = U_ZERO_ERROR;
    const UNormalizer2* norm = unorm2_getNFDInstance(&err);
    if (U_FAILURE(err)) return cps;
    const std::u16string in = to_utf16(cps);
    std::u16string out(in.size() * 3 + 8, u'\0');
    const int32_t n = unorm2_normalize(norm, reinterpret_cast<const UChar*>(in.data()),
                                       static_cast<int32_t>(in.size()), reinterpret_cast<UChar*>(out.data()),
                                       static_cast<int32_t>(out.size()), &err);
    if (U_FAILURE(err)) return cps;
    out.resize(static_cast<size_t>(n));
    return from_utf16(out);
}

// Full lower-case mapping of one character, without context (as BERT does it per character).
void append_lower(std::string& out, uint32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
        return;
    }
    const std::u16string in = to_utf16({c});
    char16_t buf[16];
    UErrorCode err = U_ZERO_ERROR;
    const int32_t n = u_strToLower(reinterpret_cast<UChar*>(buf), 16, reinterpret_cast<const UChar*>(in.data()),
                                   static_cast<int32_t>(in.size()), "", &err);
    if (U_FAILURE(err)) {
        utf8::append(out, c);
        return;
    }
    for (uint32_t lc : from_utf16(std::u16string(buf, static_cast<size_t>(n)))) utf8::append(out, lc);
}

// Normalized words, each as UTF-8.
std::vector<std::string> split_words(const Tokenizer& tok, std::string_view text) {
    std::vector<uint32_t> cps;
    cps.reserve(text.size());
    for (size_t pos = 0; pos < text.size();) {
        const uint32_t c = utf8::decode(text, pos);
        if (c == 0 || c == utf8::kReplacement || is_control(c)) continue;
        if (is_whitespace(c)) {
            cps.push_back(' ');
        } else if (is_cjk(c)) {
            cps.push_back(' ');
            cps.push_back(c);
            cps.push_back(' ');
        } else {
            cps.push_back(c);
        }
    }
    if (tok.wordpiece_lowercase) {
        cps = nfd(cps);
        std::erase_if(cps, [](uint32_t c) { return u_charType(static_cast<UChar32>(c)) == U_NON_SPACING_MARK; });
    }
    std::vector<std::string> words;
    std::string cur;
    auto finish = [&] {
        if (!cur.empty()) words.push_back(std::move(cur));
        cur.clear();
    };
    for (uint32_t c : cps) {
        if (is_whitespace(c)) {
            finish();
        } else if (is_punctuation(c)) {
            finish();
            if (tok.wordpiece_lowercase) append_lower(cur, c); else utf8::append(cur, c);
            finish();
        } else if (tok.wordpiece_lowercase) {
            append_lower(cur, c);
        } else {
            utf8::append(cur, c);
        }
    }
    finish();
    return words;
}

}  // namespace

void tokenize_wordpiece(const Tokenizer& tok, std::string_view text, std::vector<int32_t>& out) {
    static constexpr std::string_view kWordStart = "\xE2\x96\x81";  // ▁
    std::string key;
    std::vector<size_t> bounds;  // byte offset of each character, plus the end
    for (const std::string& word : split_words(tok, text)) {
        bounds.clear();
        for (size_t pos = 0; pos < word.size(); pos += utf8::char_len(word, pos)) bounds.push_back(pos);
        const size_t nchars = bounds.size();
        bounds.push_back(word.size());
        const size_t mark = out.size();
        bool ok = nchars <= kMaxWordChars;
        for (size_t start = 0; ok && start < nchars;) {
            size_t end = nchars;
            for (; end > start; --end) {
                key.clear();
                if (tok.wordpiece_hash_continuation) {
                    if (start > 0) key = "##";
                } else if (start == 0) {
                    key = kWordStart;
                }
                key.append(word, bounds[start], bounds[end] - bounds[start]);
                if (auto it = tok.token_to_id.find(key); it != tok.token_to_id.end()) {
                    out.push_back(it->second);
                    break;
                }
            }
            if (end == start) ok = false;
            start = end;
        }
        if (!ok) {
            out.resize(mark);
            out.push_back(tok.vocab.unk);
        }
    }
}

}  // namespace hearth::detail
