#include "inference/tokenizer/pretokenizer.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <cstdint>
#include <cstdio>
#include <utility>

namespace hearth {

struct PreTokenizer {
    std::vector<std::shared_ptr<pcre2_code>> regexes;
};

namespace {

// The GPT-2 split, also the second step of several others.
constexpr const char* kGpt2 =
    R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";
// Llama 3 (tiktoken cl100k style): case-insensitive contractions, numbers in groups of three.
constexpr const char* kLlama3 =
    R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";
// Qwen2: as Llama 3, but every digit on its own.
constexpr const char* kQwen2 =
    R"((?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+)";
// CJK ideographs and Hangul, as DeepSeek's tokenizer.json writes the range.
constexpr const char* kCjk = "[\\x{4E00}-\\x{9FA5}\\x{800}-\\x{4E00}\\x{AC00}-\\x{D7FF}]+";

constexpr const char* kBloom = R"( ?[^(\s|.,!?\x{2026}\x{3002}\x{FF0C}\x{3001}\x{0964}\x{06D4}\x{060C})]+)";

// DeepSeek LLM's letter class, as code point ranges: written as \x{...} escapes because several
// of its endpoints (U+1FD3, U+1FDB, U+2126, U+212A ...) are canonical singletons that editors and
// normalizing tools silently replace with other characters, which would break the ranges.
std::string deepseek_letters() {
    static constexpr uint32_t kRanges[][2] = {
        {0x41, 0x5A}, {0x61, 0x7A}, {0xB5, 0xB5}, {0xC0, 0xD6}, {0xD8, 0xF6}, {0xF8, 0x1BA},
        {0x1BC, 0x1BF}, {0x1C4, 0x293}, {0x295, 0x2AF}, {0x370, 0x373}, {0x376, 0x377}, {0x37B, 0x37D},
        {0x37F, 0x37F}, {0x386, 0x386}, {0x388, 0x38A}, {0x38C, 0x38C}, {0x38E, 0x3A1}, {0x3A3, 0x3F5},
        {0x3F7, 0x481}, {0x48A, 0x52F}, {0x531, 0x556}, {0x10A0, 0x10C5}, {0x13A0, 0x13F5},
        {0x13F8, 0x13FD}, {0x1C90, 0x1CBA}, {0x1CBD, 0x1CBF}, {0x1D00, 0x1D2B}, {0x1D6B, 0x1D77},
        {0x1D79, 0x1D9A}, {0x1E00, 0x1F15}, {0x1F18, 0x1F1D}, {0x1F20, 0x1F45}, {0x1F48, 0x1F4D},
        {0x1F50, 0x1F57}, {0x1F59, 0x1F59}, {0x1F5B, 0x1F5B}, {0x1F5D, 0x1F5D}, {0x1F5F, 0x1F7D},
        {0x1F80, 0x1FB4}, {0x1FB6, 0x1FBC}, {0x1FBE, 0x1FBE}, {0x1FC2, 0x1FC4}, {0x1FC6, 0x1FCC},
        {0x1FD0, 0x1FD3}, {0x1FD6, 0x1FDB}, {0x1FE0, 0x1FEC}, {0x1FF2, 0x1FF4}, {0x1FF6, 0x1FFC},
        {0x2102, 0x2102}, {0x2107, 0x2107}, {0x210A, 0x2113}, {0x2115, 0x2115}, {0x2119, 0x211D},
        {0x2124, 0x2124}, {0x2126, 0x2126}, {0x2128, 0x2128}, {0x212A, 0x212D}, {0x212F, 0x2134},
        {0x2139, 0x2139}, {0x213C, 0x213F}, {0x2145, 0x2149}, {0x214E, 0x214E}, {0x2183, 0x2184},
        {0x2C00, 0x2C7B}, {0x2C7E, 0x2CE4}, {0x2CEB, 0x2CEE}, {0x2CF2, 0x2CF3}, {0xA640, 0xA66D},
        {0xA680, 0xA69B}, {0xA722, 0xA76F}, {0xA771, 0xA787}, {0xA78B, 0xA78E}, {0xAB70, 0xABBF},
        {0xFB00, 0xFB06}, {0xFB13, 0xFB17}, {0xFF21, 0xFF3A}, {0xFF41, 0xFF5A}, {0x10400, 0x1044F},
        {0x104B0, 0x104D3}, {0x104D8, 0x104FB}, {0x10C80, 0x10CB2}, {0x10CC0, 0x10CF2},
        {0x118A0, 0x118DF}, {0x1E900, 0x1E943},
    };
    std::string cls;
    char buf[32];
    for (const auto& r : kRanges) {
        if (r[0] == r[1])
            std::snprintf(buf, sizeof buf, "\\x{%X}", r[0]);
        else
            std::snprintf(buf, sizeof buf, "\\x{%X}-\\x{%X}", r[0], r[1]);
        cls += buf;
    }
    return cls;
}

struct Entry {
    std::vector<std::string_view> names;
    std::vector<std::string> patterns;
    bool ignore_merges = false;
};

std::vector<Entry> table() {
    return {
        {{"gpt-2", "gpt2", "mpt", "olmo", "jais", "phi-2", "jina-es", "jina-de", "jina-v1-en",
          "jina-v2-es", "jina-v2-de", "jina-v2-code"},
         {kGpt2}},
        {{"llama3", "llama-bpe", "llama-v3"}, {kLlama3}, true},
        {{"dbrx", "smaug-bpe", "chatglm-bpe"}, {kLlama3}},
        {{"qwen2", "stablelm2", "deepseek-r1-qwen"}, {kQwen2}},
        {{"deepseek-coder"}, {"[\\r\\n]", "\\s?\\p{L}+", "\\s?\\p{P}+", kCjk, "\\p{N}"}},
        {{"deepseek-llm"},
         {"[\\r\\n]", "\\s?[" + deepseek_letters() + "]+",
          "\\s?[!-/:-~\\x{FF01}-\\x{FF0F}\\x{FF1A}-\\x{FF5E}\\x{2018}-\\x{201F}\\x{3000}-\\x{3002}]+",
          "\\s+$", kCjk, "\\p{N}+"}},
        {{"falcon"},
         {R"([\p{P}\$\+<=>\^~\|`]+)", R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S))",
          "[0-9][0-9][0-9]"}},
        {{"starcoder", "refact", "command-r", "smollm", "codeshell", "exaone"},
         {R"(\p{N})", R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S))"}},
        // GPT-4o (o200k): words split at case changes, contractions attached.
        {{"gpt-4o", "minimax-m2"},
         {R"([^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?)"
          R"(|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?)"
          R"(|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+)"}},
        // Mistral's Tekken: the same case-change words, without contractions; single digits.
        {{"tekken"},
         {R"([^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+)"
          R"(|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*)"
          R"(|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+)"}},
        // BLOOM and relatives: anything up to whitespace or sentence punctuation (the parentheses
        // and | are literally in the class, as in BLOOM's tokenizer.json).
        {{"bloom", "poro-chat", "gpt3-finnish"}, {kBloom}},
        {{"viking"}, {kBloom, R"(\p{N})"}},
        // What llama.cpp applies when a BPE vocabulary names no pre-tokenizer.
        {{"default", ""},
         {R"([\p{P}\$\+<=>\^~\|]+)", R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S))",
          R"(\p{N}+)", "[0-9][0-9][0-9]"}},
    };
}

}  // namespace

Result<PreTokenizerSpec> pretokenizer_spec(std::string_view pre) {
    std::string known;
    for (const auto& e : table()) {
        for (auto n : e.names) {
            if (n == pre) return PreTokenizerSpec{e.patterns, e.ignore_merges};
            if (!n.empty()) known += (known.empty() ? "" : ", ") + std::string(n);
        }
    }
    return make_error("tokenizer.unknown_pre",
                      "the BPE pre-tokenizer '" + std::string(pre) +
                          "' (tokenizer.ggml.pre) is not supported; known: " + known);
}

Result<std::shared_ptr<const PreTokenizer>> compile_pretokenizer(const std::vector<std::string>& patterns) {
    auto pre = std::make_shared<PreTokenizer>();
    for (const auto& p : patterns) {
        int err = 0;
        PCRE2_SIZE err_offset = 0;
        pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(p.data()), p.size(),
                                         PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF, &err,
                                         &err_offset, nullptr);
        if (!code) {
            PCRE2_UCHAR msg[256];
            pcre2_get_error_message(err, msg, sizeof msg);
            return make_error("tokenizer.bad_regex",
                              "the pre-tokenizer regex '" + p + "' does not compile at offset " +
                                  std::to_string(err_offset) + ": " + reinterpret_cast<char*>(msg));
        }
        // JIT is an optimisation only: where it is unavailable the interpreter runs instead.
        (void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
        pre->regexes.emplace_back(code, pcre2_code_free);
    }
    return std::shared_ptr<const PreTokenizer>(std::move(pre));
}

std::vector<std::string_view> pretokenize(const PreTokenizer& pre, std::string_view text) {
    std::vector<std::string_view> pieces;
    if (text.empty()) return pieces;
    pieces.push_back(text);
    std::vector<std::string_view> next;
    for (const auto& re : pre.regexes) {
        std::unique_ptr<pcre2_match_data, decltype(&pcre2_match_data_free)> md(
            pcre2_match_data_create_from_pattern(re.get(), nullptr), pcre2_match_data_free);
        next.clear();
        for (std::string_view piece : pieces) {
            const auto* subject = reinterpret_cast<PCRE2_SPTR>(piece.data());
            size_t gap_start = 0, offset = 0;
            while (offset < piece.size()) {
                // The subject is the piece alone, so lookarounds such as (?!\S) stop at its end.
                const int rc = pcre2_match(re.get(), subject, piece.size(), offset, 0, md.get(), nullptr);
                // No match, or PCRE2 gave up (match or JIT stack limit on a pathological
                // input): the rest of the piece stays one piece; the text is still covered.
                if (rc < 0) break;
                const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(md.get());
                const size_t ms = ov[0], me = ov[1];
                if (me == ms) {  // an empty match cuts nothing; look again one byte on
                    offset = me + 1;
                    continue;
                }
                if (ms > gap_start) next.push_back(piece.substr(gap_start, ms - gap_start));
                next.push_back(piece.substr(ms, me - ms));
                gap_start = offset = me;
            }
            if (gap_start < piece.size()) next.push_back(piece.substr(gap_start));
        }
        std::swap(pieces, next);
    }
    return pieces;
}

}  // namespace hearth
