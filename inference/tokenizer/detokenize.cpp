// Ids back to bytes: one token's piece, a whole sequence, and the streaming form that only hands
// out whole UTF-8 characters.
#include <string>

#include "inference/tokenizer/byte_level.h"
#include "inference/tokenizer/tokenizer.h"
#include "inference/tokenizer/utf8.h"

namespace hearth {

namespace {

constexpr std::string_view kSpaceMark = "\xE2\x96\x81";  // ▁

std::string unescape_spaces(std::string_view t) {
    std::string out;
    out.reserve(t.size());
    for (size_t i = 0; i < t.size();) {
        if (t.compare(i, kSpaceMark.size(), kSpaceMark) == 0) {
            out += ' ';
            i += kSpaceMark.size();
        } else {
            out += t[i++];
        }
    }
    return out;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

}  // namespace

std::string token_to_piece(const Tokenizer& tok, int32_t id, bool render_special) {
    const Vocab& v = tok.vocab;
    if (id < 0 || id >= v.size()) return {};
    const std::string& text = v.tokens[id];
    switch (v.type(id)) {
        case TokenType::Control: return render_special ? text : std::string();
        case TokenType::Unknown:
        case TokenType::UserDefined: return text;
        case TokenType::Byte:
            // <0xAB>
            if (text.size() == 6 && text.compare(0, 3, "<0x") == 0 && text[5] == '>') {
                const int hi = hex_digit(text[3]), lo = hex_digit(text[4]);
                if (hi >= 0 && lo >= 0) return std::string(1, static_cast<char>(hi * 16 + lo));
            }
            return text;
        default: break;
    }
    switch (v.model) {
        case VocabModel::Spm: return unescape_spaces(text);
        case VocabModel::Bpe: return byte_level::decode(text);
        case VocabModel::WordPiece:
            if (tok.wordpiece_hash_continuation) return text.rfind("##", 0) == 0 ? text.substr(2) : " " + text;
            return unescape_spaces(text);
    }
    return text;
}

std::string detokenize(const Tokenizer& tok, std::span<const int32_t> ids, DetokenizeOptions opt) {
    std::string out;
    for (int32_t id : ids) out += token_to_piece(tok, id, opt.render_special);
    if (opt.strip_space_prefix && tok.vocab.add_space_prefix && !out.empty() && out[0] == ' ') out.erase(0, 1);
    return out;
}

std::string push(StreamingDetokenizer& s, int32_t id) {
    if (!s.tok) return {};
    s.pending += token_to_piece(*s.tok, id, s.render_special);
    const size_t hold = utf8::incomplete_tail(s.pending);
    std::string ready = s.pending.substr(0, s.pending.size() - hold);
    s.pending.erase(0, s.pending.size() - hold);
    return ready;
}

std::string flush(StreamingDetokenizer& s) {
    std::string rest;
    rest.swap(s.pending);
    return rest;
}

}  // namespace hearth
