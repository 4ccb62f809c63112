#include "synthetic_vocab.h"

#include <gtest/gtest.h>

#include <cstdio>

#include "inference/tokenizer/byte_level.h"

namespace hearth::test {

Vocab spm_vocab(const std::vector<std::pair<std::string, float>>& pieces, bool byte_tokens) {
    Vocab v;
    v.model = VocabModel::Spm;
    auto add = [&](std::string t, float s, TokenType type) {
        v.tokens.push_back(std::move(t));
        v.scores.push_back(s);
        v.token_types.push_back(static_cast<int32_t>(type));
    };
    add("<unk>", 0, TokenType::Unknown);
    add("<s>", 0, TokenType::Control);
    add("</s>", 0, TokenType::Control);
    if (byte_tokens) {
        for (int b = 0; b < 256; ++b) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "<0x%02X>", b);
            add(buf, 0, TokenType::Byte);
        }
    }
    for (const auto& [t, s] : pieces) add(t, s, TokenType::Normal);
    v.unk = 0, v.bos = 1, v.eos = 2;
    v.add_bos = true, v.add_space_prefix = true;
    return v;
}

Vocab bpe_vocab(const std::vector<std::string>& merges, std::string pre) {
    Vocab v;
    v.model = VocabModel::Bpe;
    v.pre = std::move(pre);
    for (int b = 0; b < 256; ++b) v.tokens.push_back(byte_level::encode(std::string(1, static_cast<char>(b))));
    for (const auto& m : merges) {
        const size_t sp = m.find(' ');
        const std::string joined = m.substr(0, sp) + m.substr(sp + 1);
        bool seen = false;
        for (const auto& t : v.tokens) seen = seen || t == joined;
        if (!seen) v.tokens.push_back(joined);
    }
    v.merges = merges;
    v.token_types.assign(v.tokens.size(), static_cast<int32_t>(TokenType::Normal));
    v.tokens.push_back("<|endoftext|>");
    v.token_types.push_back(static_cast<int32_t>(TokenType::Control));
    v.bos = v.eos = v.size() - 1;
    return v;
}

Vocab wordpiece_vocab(const std::vector<std::string>& words) {
    Vocab v;
    v.model = VocabModel::WordPiece;
    for (const char* s : {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"}) {
        v.tokens.push_back(s);
        v.token_types.push_back(static_cast<int32_t>(TokenType::Control));
    }
    for (const auto& w : words) {
        v.tokens.push_back(w);
        v.token_types.push_back(static_cast<int32_t>(TokenType::Normal));
    }
    v.pad = 0, v.unk = 1, v.cls = v.bos = 2, v.sep = v.eos = 3, v.mask = 4;
    v.add_bos = v.add_eos = true;
    return v;
}

Tokenizer make(Vocab v) {
    auto t = make_tokenizer(std::move(v));
    EXPECT_TRUE(t.ok()) << (t.ok() ? "" : t.error().message);
    if (!t.ok()) return Tokenizer{};
    return std::move(*t);
}

int32_t id_of(const Tokenizer& tok, const std::string& text) {
    auto it = tok.token_to_id.find(text);
    return it == tok.token_to_id.end() ? -1 : it->second;
}

std::vector<std::string> texts(const Tokenizer& tok, const std::vector<int32_t>& ids) {
    std::vector<std::string> out;
    for (int32_t id : ids)
        out.push_back(id >= 0 && id < tok.vocab.size() ? tok.vocab.tokens[id] : "<bad id>");
    return out;
}

}  // namespace hearth::test
