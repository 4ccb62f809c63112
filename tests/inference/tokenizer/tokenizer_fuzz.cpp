// Fuzzes tokenize/detokenize on arbitrary bytes with one small vocabulary per family.
// Invariants: no crash, every id in range, byte-level BPE and SentencePiece with byte fallback
// give the input back exactly (SentencePiece writes spaces as "▁", so a "▁" in the input comes
// back as a space), and streaming detokenization equals detokenizing all at once.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "inference/tokenizer/byte_level.h"
#include "inference/tokenizer/tokenizer.h"

namespace {

using namespace hearth;

void check(bool ok, const char* what) {
    if (!ok) {
        std::fprintf(stderr, "tokenizer invariant broken: %s\n", what);
        std::abort();
    }
}

Tokenizer build(Vocab v) {
    auto t = make_tokenizer(std::move(v));
    check(t.ok(), "synthetic vocabulary refused");
    return std::move(*t);
}

Tokenizer spm() {
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
    for (int b = 0; b < 256; ++b) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "<0x%02X>", b);
        add(buf, 0, TokenType::Byte);
    }
    float score = -1;
    for (const char* p : {"\xE2\x96\x81", "a", "b", "e", "t", "h", "\xE2\x96\x81t", "he", "\xE2\x96\x81the", "ab", "ba",
                          "aa", "\xC3\xA9"})
        add(p, score--, TokenType::Normal);
    add("<|im_end|>", 0, TokenType::Control);
    v.unk = 0, v.bos = 1, v.eos = 2;
    v.add_bos = true, v.add_space_prefix = true;
    return build(std::move(v));
}

Tokenizer bpe(const char* pre) {
    Vocab v;
    v.model = VocabModel::Bpe;
    v.pre = pre;
    for (int b = 0; b < 256; ++b) v.tokens.push_back(byte_level::encode(std::string(1, static_cast<char>(b))));
    v.merges = {"\xC4\xA0 t", "h e", "\xC4\xA0t he", "a b", "ab ab", "1 2"};
    for (const char* t : {"\xC4\xA0t", "he", "\xC4\xA0the", "ab", "abab", "12"}) v.tokens.push_back(t);
    v.tokens.push_back("<|endoftext|>");
    v.token_types.assign(v.tokens.size(), static_cast<int32_t>(TokenType::Normal));
    v.token_types.back() = static_cast<int32_t>(TokenType::Control);
    v.eos = v.size() - 1;
    return build(std::move(v));
}

Tokenizer wordpiece() {
    Vocab v;
    v.model = VocabModel::WordPiece;
    for (const char* t : {"[PAD]", "[UNK]", "[CLS]", "[SEP]", "\xE2\x96\x81the", "\xE2\x96\x81" "a", "b",
                          "\xE2\x96\x81,"})
        v.tokens.push_back(t);
    v.token_types = {3, 3, 3, 3, 1, 1, 1, 1};
    v.unk = 1, v.cls = v.bos = 2, v.sep = v.eos = 3;
    v.add_bos = v.add_eos = true;
    return build(std::move(v));
}

std::string replace_space_marks(std::string s) {
    const std::string mark = "\xE2\x96\x81";
    for (size_t at; (at = s.find(mark)) != std::string::npos;) s.replace(at, mark.size(), " ");
    return s;
}

void exercise(const Tokenizer& tok, const std::string& text, bool round_trips) {
    for (bool special : {false, true}) {
        const auto ids = tokenize(tok, text, {.add_special = special, .parse_special = special});
        for (int32_t id : ids) check(id >= 0 && id < tok.vocab.size(), "id out of range");
        const std::string whole = detokenize(tok, ids, {.render_special = special});
        StreamingDetokenizer s{&tok, special, {}};
        std::string streamed;
        for (int32_t id : ids) streamed += push(s, id);
        streamed += flush(s);
        check(streamed == whole, "streaming differs from detokenize");
        if (round_trips && !special) {
            const std::string back = detokenize(tok, ids, {.strip_space_prefix = true});
            check(back == text, "text does not round-trip");
        }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const Tokenizer kSpm = spm(), kGpt2 = bpe("gpt-2"), kLlama3 = bpe("llama-bpe"),
                           kDeepseek = bpe("deepseek-llm"), kWordPiece = wordpiece();
    const std::string text(reinterpret_cast<const char*>(data), size);
    // The space prefix is one space the text did not have, so compare against the text as
    // SentencePiece will read it back: "▁" as a space.
    exercise(kSpm, replace_space_marks(text), true);
    exercise(kGpt2, text, true);
    exercise(kLlama3, text, true);
    exercise(kDeepseek, text, true);
    exercise(kWordPiece, text, false);
    return 0;
}
