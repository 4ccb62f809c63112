#include "inference/tokenizer/vocab.h"

#include <optional>
#include <string_view>

#include "inference/gguf/gguf_reader.h"

namespace hearth {

const char* to_string(VocabModel m) {
    switch (m) {
        case VocabModel::Spm: return "llama";
        case VocabModel::Bpe: return "gpt2";
        case VocabModel::WordPiece: return "bert";
    }
    return "?";
}

// 0xFFFFFFFF is how some converters (llama2.c's among them) write "no such token".
static std::optional<int32_t> special_id(const GgufFile& f, std::string_view key) {
    auto v = f.get_uint(key);
    if (!v) {
        auto s = f.get_int(key);
        if (s && *s < 0) return -1;
        return std::nullopt;
    }
    if (*v == 0xFFFFFFFFull) return -1;
    if (*v > 0x7FFFFFFFull) return static_cast<int32_t>(0x7FFFFFFF);  // caught by validation
    return static_cast<int32_t>(*v);
}

Result<Vocab> vocab_from_gguf(const GgufFile& f) {
    const std::string& name = f.name();
    auto model = f.get_string("tokenizer.ggml.model");
    if (!model)
        return make_error("tokenizer.missing",
                          name + ": the file has no tokenizer (tokenizer.ggml.model is missing); "
                                 "use a GGUF that includes its vocabulary");
    Vocab v;
    if (*model == "llama") {
        v.model = VocabModel::Spm;
        v.bos = 1, v.eos = 2, v.unk = 0;
        v.add_bos = true, v.add_space_prefix = true;
    } else if (*model == "gpt2") {
        v.model = VocabModel::Bpe;
    } else if (*model == "bert") {
        v.model = VocabModel::WordPiece;
        v.unk = 100, v.cls = 101, v.sep = 102, v.mask = 103, v.pad = 0;
        v.add_bos = true, v.add_eos = true;
    } else {
        return make_error("tokenizer.unknown_model",
                          name + ": tokenizer model '" + std::string(*model) +
                              "' is not supported (supported: llama, gpt2, bert)");
    }

    auto tokens = f.get_string_array("tokenizer.ggml.tokens");
    if (!tokens)
        return make_error("tokenizer.missing",
                          name + ": tokenizer.ggml.tokens is missing or is not an array of strings");
    v.tokens.assign(tokens->begin(), tokens->end());
    if (f.find("tokenizer.ggml.scores")) {
        auto scores = f.get_f32_array("tokenizer.ggml.scores");
        if (!scores)
            return make_error("tokenizer.size_mismatch",
                              name + ": tokenizer.ggml.scores is not an array of numbers");
        v.scores = std::move(*scores);
    }
    if (f.find("tokenizer.ggml.token_type")) {
        auto types = f.get_i32_array("tokenizer.ggml.token_type");
        if (!types)
            return make_error("tokenizer.bad_token_type",
                              name + ": tokenizer.ggml.token_type is not an array of integers");
        v.token_types = std::move(*types);
    }
    if (f.find("tokenizer.ggml.merges")) {
        auto merges = f.get_string_array("tokenizer.ggml.merges");
        if (!merges)
            return make_error("tokenizer.bad_merge",
                              name + ": tokenizer.ggml.merges is not an array of strings");
        v.merges.assign(merges->begin(), merges->end());
    }
    if (auto pre = f.get_string("tokenizer.ggml.pre")) v.pre = std::string(*pre);

    struct Key { const char* key; int32_t* id; };
    const Key keys[] = {
        {"tokenizer.ggml.bos_token_id", &v.bos},     {"tokenizer.ggml.eos_token_id", &v.eos},
        {"tokenizer.ggml.unknown_token_id", &v.unk}, {"tokenizer.ggml.padding_token_id", &v.pad},
        {"tokenizer.ggml.seperator_token_id", &v.sep},  // sic: the GGUF spec's spelling
        {"tokenizer.ggml.cls_token_id", &v.cls},     {"tokenizer.ggml.mask_token_id", &v.mask},
        {"tokenizer.ggml.eot_token_id", &v.eot},
    };
    for (const auto& k : keys)
        if (auto id = special_id(f, k.key)) *k.id = *id;
    if (auto b = f.get_bool("tokenizer.ggml.add_bos_token")) v.add_bos = *b;
    if (auto b = f.get_bool("tokenizer.ggml.add_eos_token")) v.add_eos = *b;
    if (auto b = f.get_bool("tokenizer.ggml.add_space_prefix")) v.add_space_prefix = *b;

    if (v.model == VocabModel::WordPiece) {
        // BERT's "BOS" and "EOS" are [CLS] and [SEP].
        if (v.bos < 0) v.bos = v.cls;
        if (v.eos < 0) v.eos = v.sep;
    }
    // Defaults that point past a small vocabulary are dropped rather than refused.
    for (const auto& k : keys)
        if (*k.id >= v.size() && !f.find(k.key)) *k.id = -1;

    if (auto st = validate_vocab(v); !st) {
        Error e = st.error();
        e.message = name + ": " + e.message;
        return e;
    }
    return v;
}

Status validate_vocab(const Vocab& v) {
    const size_t n = v.tokens.size();
    if (n == 0)
        return make_error("tokenizer.empty", "the vocabulary has no tokens; the file is damaged");
    if (n > 0x7FFFFFFF)
        return make_error("tokenizer.size_mismatch", "the vocabulary has more tokens than an id can hold");
    if (!v.scores.empty() && v.scores.size() != n)
        return make_error("tokenizer.size_mismatch",
                          "the vocabulary has " + std::to_string(n) + " tokens but " +
                              std::to_string(v.scores.size()) + " scores; the file is damaged");
    if (!v.token_types.empty() && v.token_types.size() != n)
        return make_error("tokenizer.size_mismatch",
                          "the vocabulary has " + std::to_string(n) + " tokens but " +
                              std::to_string(v.token_types.size()) + " token types; the file is damaged");
    for (size_t i = 0; i < v.token_types.size(); ++i)
        if (v.token_types[i] < 0 || v.token_types[i] > 6)
            return make_error("tokenizer.bad_token_type",
                              "token " + std::to_string(i) + " has unknown type " +
                                  std::to_string(v.token_types[i]) + " (expected 0..6)");
    struct Named { const char* what; int32_t id; };
    const Named ids[] = {{"BOS", v.bos}, {"EOS", v.eos}, {"unknown", v.unk}, {"padding", v.pad},
                         {"separator", v.sep}, {"CLS", v.cls}, {"mask", v.mask}, {"end-of-turn", v.eot}};
    for (const auto& s : ids)
        if (s.id < -1 || s.id >= static_cast<int64_t>(n))
            return make_error("tokenizer.bad_special_id",
                              std::string("the ") + s.what + " token id " + std::to_string(s.id) +
                                  " is outside the vocabulary of " + std::to_string(n) + " tokens");
    if (v.add_bos && v.bos < 0)
        return make_error("tokenizer.bad_special_id",
                          "the tokenizer asks for a BOS token but names none");
    if (v.add_eos && v.eos < 0)
        return make_error("tokenizer.bad_special_id",
                          "the tokenizer asks for an EOS token but names none");
    if (v.model == VocabModel::Bpe) {
        if (v.merges.empty())
            return make_error("tokenizer.bad_merge", "a byte-level BPE vocabulary needs merges, and this one has none");
        for (size_t i = 0; i < v.merges.size(); ++i) {
            const auto& m = v.merges[i];
            const auto sp = m.find(' ', 1);
            if (sp == std::string::npos || sp + 1 >= m.size())
                return make_error("tokenizer.bad_merge",
                                  "merge " + std::to_string(i) + " ('" + m +
                                      "') is not two pieces separated by a space");
        }
    }
    if (v.model == VocabModel::WordPiece && v.unk < 0)
        return make_error("tokenizer.no_unk", "a WordPiece vocabulary needs an unknown token, and this one names none");
    return {};
}

}  // namespace hearth
