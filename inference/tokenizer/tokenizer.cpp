#include "inference/tokenizer/tokenizer.h"

#include <algorithm>
#include <cstdio>

#include "inference/gguf/gguf_reader.h"
#include "inference/tokenizer/byte_level.h"
#include "inference/tokenizer/models.h"
#include "inference/tokenizer/pretokenizer.h"

namespace hearth {

namespace {

void build_byte_tokens(Tokenizer& tok) {
    const Vocab& v = tok.vocab;
    tok.byte_token.fill(-1);
    if (v.model == VocabModel::WordPiece) return;
    for (int b = 0; b < 256; ++b) {
        std::string text;
        if (v.model == VocabModel::Spm) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "<0x%02X>", b);
            text = buf;
        } else {
            text = byte_level::encode(std::string(1, static_cast<char>(b)));
        }
        if (auto it = tok.token_to_id.find(text); it != tok.token_to_id.end()) tok.byte_token[b] = it->second;
    }
}

void build_specials(Tokenizer& tok) {
    const Vocab& v = tok.vocab;
    for (int32_t id = 0; id < v.size(); ++id) {
        const TokenType t = v.type(id);
        if ((t == TokenType::Control || t == TokenType::UserDefined || t == TokenType::Unknown) &&
            !v.tokens[id].empty())
            tok.specials.push_back(id);
    }
    std::stable_sort(tok.specials.begin(), tok.specials.end(), [&](int32_t a, int32_t b) {
        return v.tokens[a].size() > v.tokens[b].size();
    });
}

void build_merges(Tokenizer& tok) {
    const Vocab& v = tok.vocab;
    tok.merges.reserve(v.merges.size());
    std::string joined;
    for (size_t rank = 0; rank < v.merges.size(); ++rank) {
        const std::string& m = v.merges[rank];
        const size_t sp = m.find(' ', 1);  // validate_vocab made sure there is one
        const std::string_view left(m.data(), sp), right(m.data() + sp + 1, m.size() - sp - 1);
        joined.assign(left);
        joined.append(right);
        auto l = tok.token_to_id.find(left), r = tok.token_to_id.find(right), j = tok.token_to_id.find(joined);
        // A merge whose pieces are not tokens can never apply; skip it as unusable.
        if (l == tok.token_to_id.end() || r == tok.token_to_id.end() || j == tok.token_to_id.end()) continue;
        const uint64_t key =
            (static_cast<uint64_t>(static_cast<uint32_t>(l->second)) << 32) | static_cast<uint32_t>(r->second);
        tok.merges.try_emplace(key, static_cast<int32_t>(rank), j->second);  // first (best) rank wins
    }
}

// EOS, EOT, and the control tokens chat formats end a turn with, found by text since most files
// name only EOS.
void build_end_of_generation(Tokenizer& tok) {
    static constexpr std::string_view kTurnEnds[] = {
        "<|eot_id|>", "<|eom_id|>", "<|im_end|>", "<|end|>", "<end_of_turn>", "<|endoftext|>", "<EOT>",
        "<|EOT|>", "<|end_of_text|>",
        "<\xEF\xBD\x9C" "end\xE2\x96\x81of\xE2\x96\x81sentence\xEF\xBD\x9C>",  // DeepSeek's <｜end▁of▁sentence｜>
    };
    const Vocab& v = tok.vocab;
    auto& eog = tok.end_of_generation;
    for (int32_t id : {v.eos, v.eot})
        if (id >= 0) eog.push_back(id);
    for (int32_t id = 0; id < v.size(); ++id) {
        const TokenType t = v.type(id);
        if (t != TokenType::Control && t != TokenType::UserDefined) continue;
        for (auto e : kTurnEnds)
            if (v.tokens[id] == e) eog.push_back(id);
    }
    std::sort(eog.begin(), eog.end());
    eog.erase(std::unique(eog.begin(), eog.end()), eog.end());
}

bool is_cased_token(std::string_view t) {
    if (t.size() >= 2 && t.front() == '[' && t.back() == ']') return false;  // [CLS], [unused0]
    return std::any_of(t.begin(), t.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

// Which WordPiece convention the vocabulary uses, and whether it is uncased (no upper-case
// letters in any normal token), since GGUF records neither.
void detect_wordpiece_style(Tokenizer& tok) {
    const Vocab& v = tok.vocab;
    bool hash = false, phantom = false, cased = false;
    for (int32_t id = 0; id < v.size(); ++id) {
        const std::string& t = v.tokens[id];
        if (t.size() > 2 && t.rfind("##", 0) == 0) hash = true;
        if (t.rfind("\xE2\x96\x81", 0) == 0) phantom = true;
        if (v.type(id) == TokenType::Normal && is_cased_token(t)) cased = true;
    }
    tok.wordpiece_hash_continuation = hash && !phantom;
    tok.wordpiece_lowercase = !cased;
}

}  // namespace

Result<Tokenizer> make_tokenizer(Vocab vocab) {
    if (auto st = validate_vocab(vocab); !st) return st.error();
    Tokenizer tok;
    tok.vocab = std::move(vocab);
    tok.token_to_id.reserve(tok.vocab.tokens.size());
    // A text that appears twice maps to its last id, as llama.cpp's loader does.
    for (int32_t id = 0; id < tok.vocab.size(); ++id) tok.token_to_id[tok.vocab.tokens[id]] = id;
    build_byte_tokens(tok);
    build_specials(tok);
    build_end_of_generation(tok);
    if (tok.vocab.model == VocabModel::Bpe) {
        build_merges(tok);
        auto spec = pretokenizer_spec(tok.vocab.pre);
        if (!spec) return spec.error();
        auto pre = compile_pretokenizer(spec->patterns);
        if (!pre) return pre.error();
        tok.pre = std::move(*pre);
        tok.ignore_merges = spec->ignore_merges;
    }
    if (tok.vocab.model == VocabModel::WordPiece) detect_wordpiece_style(tok);
    return tok;
}

Result<Tokenizer> tokenizer_from_gguf(const GgufFile& file) {
    auto vocab = vocab_from_gguf(file);
    if (!vocab) return vocab.error();
    auto tok = make_tokenizer(std::move(*vocab));
    if (!tok) {
        Error e = tok.error();
        e.message = file.name() + ": " + e.message;
        return e;
    }
    return tok;
}

namespace {

struct Fragment {
    int32_t id;  // >= 0: a special token; -1: text
    size_t off, len;
};

// Which special tokens a piece of text may contain.
enum class Specials {
    All,    // control and added tokens (parse_special)
    Added,  // added (user-defined) tokens only: they are part of the text's vocabulary
    Plain,  // message content: added tokens unless they look like markup (see tokenize_pieces)
};

// Added tokens such as "<think>" or "<start_of_turn>" (some GGUF files mark turn markers as
// user-defined rather than control) would let message content open a turn.
bool looks_like_markup(const std::string& s) {
    return s.size() >= 3 && ((s.front() == '<' && s.back() == '>') || (s.front() == '[' && s.back() == ']'));
}

// Cuts the special tokens out of the text, longest first, so "<|im_start|>" wins over "<".
std::vector<Fragment> split_specials(const Tokenizer& tok, std::string_view text, Specials mode) {
    std::vector<Fragment> frags{{-1, 0, text.size()}};
    std::vector<Fragment> next;
    for (int32_t id : tok.specials) {
        const std::string& s = tok.vocab.tokens[id];
        if (mode != Specials::All && tok.vocab.type(id) != TokenType::UserDefined) continue;
        if (mode == Specials::Plain && looks_like_markup(s)) continue;
        if (text.find(s) == std::string_view::npos) continue;
        next.clear();
        for (const Fragment& f : frags) {
            if (f.id >= 0) {
                next.push_back(f);
                continue;
            }
            const std::string_view body = text.substr(f.off, f.len);
            size_t from = 0;
            for (size_t at; (at = body.find(s, from)) != std::string_view::npos; from = at + s.size()) {
                if (at > from) next.push_back({-1, f.off + from, at - from});
                next.push_back({id, f.off + at, s.size()});
            }
            if (from < body.size()) next.push_back({-1, f.off + from, body.size() - from});
        }
        frags.swap(next);
    }
    return frags;
}

// SentencePiece writes spaces as U+2581.
std::string escape_spaces(std::string_view text, bool space_prefix) {
    std::string out;
    out.reserve(text.size() + text.size() / 4 + 3);
    if (space_prefix) out += "\xE2\x96\x81";
    for (char c : text) {
        if (c == ' ')
            out += "\xE2\x96\x81";
        else
            out += c;
    }
    return out;
}

}  // namespace

bool is_end_of_generation(const Tokenizer& tok, int32_t id) {
    return std::binary_search(tok.end_of_generation.begin(), tok.end_of_generation.end(), id);
}

namespace {

// Appends the tokens of `text`; `after_special` carries the SPM space-prefix rule across pieces.
void tokenize_text(const Tokenizer& tok, std::string_view text, Specials mode, bool& after_special,
                   std::vector<int32_t>& out) {
    const Vocab& v = tok.vocab;
    // The space prefix goes before the text and after each special token, as SentencePiece
    // would see each run of text on its own.
    for (const Fragment& f : split_specials(tok, text, mode)) {
        if (f.id >= 0) {
            out.push_back(f.id);
            after_special = true;
            continue;
        }
        const std::string_view body = text.substr(f.off, f.len);
        switch (v.model) {
            case VocabModel::Spm:
                detail::tokenize_spm(tok, escape_spaces(body, v.add_space_prefix && after_special), out);
                break;
            case VocabModel::Bpe: detail::tokenize_bpe(tok, body, out); break;
            case VocabModel::WordPiece: detail::tokenize_wordpiece(tok, body, out); break;
        }
        after_special = false;
    }
}

}  // namespace

std::vector<int32_t> tokenize(const Tokenizer& tok, std::string_view text, TokenizeOptions opt) {
    const Vocab& v = tok.vocab;
    std::vector<int32_t> out;
    if (v.tokens.empty()) return out;  // a Tokenizer that make_tokenizer did not build
    out.reserve(text.size() / 3 + 4);
    if (opt.add_special && v.add_bos && v.bos >= 0) out.push_back(v.bos);
    bool after_special = true;
    if (!text.empty()) tokenize_text(tok, text, opt.parse_special ? Specials::All : Specials::Added, after_special, out);
    if (opt.add_special && v.add_eos && v.eos >= 0) out.push_back(v.eos);
    return out;
}

std::vector<int32_t> tokenize_pieces(const Tokenizer& tok, std::span<const TextPiece> pieces) {
    std::vector<int32_t> out;
    if (tok.vocab.tokens.empty()) return out;
    bool after_special = true;
    for (const TextPiece& p : pieces)
        if (!p.text.empty())
            tokenize_text(tok, p.text, p.is_template ? Specials::All : Specials::Plain, after_special, out);
    return out;
}

}  // namespace hearth
