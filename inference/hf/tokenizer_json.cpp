// tokenizer.json (Hugging Face `tokenizers`): byte-level BPE vocabularies and their pre-tokenizer.
#include <algorithm>
#include <map>

#include "base/json.h"
#include "inference/hf/vocab.h"
#include "inference/tokenizer/pretokenizer.h"

namespace hearth::hf {
namespace {

Error bad(const std::string& file, const std::string& what) {
    return make_error("hf.bad_tokenizer", file + ": " + what + "; the model folder's tokenizer is damaged");
}

// The GPT-2 split, which ByteLevel applies itself when use_regex is on.
constexpr const char* kGpt2Regex = R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";

// The tokenizer.ggml.pre names whose splits inference/tokenizer implements, one per distinct
// spec; the pre-tokenizer found in tokenizer.json must equal one of them exactly.
constexpr const char* kPreNames[] = {"gpt-2",    "llama-bpe", "dbrx",   "qwen2",  "deepseek-coder", "deepseek-llm",
                                     "falcon",   "starcoder", "gpt-4o", "tekken", "bloom",          "viking"};

struct PreScan {
    std::vector<std::string> patterns;
    bool byte_level = false;
    std::string unknown;  // the first step we cannot express, if any
};

void scan_pre(const json::Value& p, PreScan& s) {
    const std::string type = p.get_string("type");
    if (type == "Sequence") {
        if (const json::Value* list = p.find("pretokenizers"); list && list->is_array())
            for (const auto& x : list->arr) scan_pre(x, s);
    } else if (type == "ByteLevel") {
        s.byte_level = true;
        if (p.get_bool("use_regex").value_or(true)) s.patterns.push_back(kGpt2Regex);
    } else if (type == "Split") {
        const json::Value* pat = p.find("pattern");
        const json::Value* re = pat ? pat->find("Regex") : nullptr;
        if (!re || !re->is_string() || p.get_string("behavior") != "Isolated" || p.get_bool("invert").value_or(false)) {
            if (s.unknown.empty()) s.unknown = "a Split step that is not an isolating regex";
        } else {
            s.patterns.push_back(re->str);
        }
    } else if (type == "Digits") {
        s.patterns.push_back(p.get_bool("individual_digits").value_or(false) ? R"(\p{N})" : R"(\p{N}+)");
    } else if (s.unknown.empty()) {
        s.unknown = "a '" + type + "' step";
    }
}

std::string describe(const std::vector<std::string>& pats) {
    std::string d;
    for (const auto& p : pats) d += (d.empty() ? "" : " then ") + p;
    return d.empty() ? "none" : d;
}

// The special tokens a TemplateProcessing post-processor puts around a single text: Llama 3 adds
// its BOS this way rather than through tokenizer_config.json's add_bos_token.
void scan_post(const json::Value& p, std::string& first, std::string& last) {
    const std::string type = p.get_string("type");
    if (type == "Sequence") {
        if (const json::Value* list = p.find("processors"); list && list->is_array())
            for (const auto& x : list->arr) scan_post(x, first, last);
        return;
    }
    const json::Value* single = type == "TemplateProcessing" ? p.find("single") : nullptr;
    if (!single || !single->is_array() || single->arr.empty()) return;
    auto special = [](const json::Value& item) {
        const json::Value* st = item.find("SpecialToken");
        return st ? st->get_string("id") : std::string();
    };
    first = special(single->arr.front());
    last = single->arr.size() > 1 ? special(single->arr.back()) : std::string();
}

}  // namespace

Result<HfVocab> read_tokenizer_json(std::string_view text, const std::string& file) {
    auto root = json::parse(text);
    if (!root) return bad(file, "not valid JSON (" + root.error().message + ")");
    const json::Value* model = root->find("model");
    if (!model || !model->is_object()) return bad(file, "it has no 'model' object");
    const std::string mtype = model->get_string("type", "BPE");
    PreScan scan;
    if (const json::Value* pre = root->find("pre_tokenizer"); pre && pre->is_object()) scan_pre(*pre, scan);
    if (const json::Value* dec = root->find("decoder"); dec && dec->is_object() && dec->get_string("type") == "ByteLevel")
        scan.byte_level = true;
    if (mtype != "BPE" || !scan.byte_level)
        return make_error("hf.unknown_pretokenizer",
                          file + ": the tokenizer is " + (mtype != "BPE" ? "a " + mtype + " model" : "a BPE without byte-level encoding") +
                              ", which Hearth reads only from a SentencePiece tokenizer.model; this folder has none.");
    if (!scan.unknown.empty())
        return make_error("hf.unknown_pretokenizer", file + ": the pre-tokenizer has " + scan.unknown +
                                                         ", which Hearth's tokenizer cannot do; this model is not supported yet.");
    const bool ignore_merges = model->get_bool("ignore_merges").value_or(false);
    HfVocab v;
    v.model = "gpt2";
    for (const char* name : kPreNames) {
        auto spec = pretokenizer_spec(name);
        if (spec && spec->patterns == scan.patterns && spec->ignore_merges == ignore_merges) {
            v.pre = name;
            break;
        }
    }
    if (v.pre.empty())
        return make_error("hf.unknown_pretokenizer",
                          file + ": the byte-level BPE splits text as " + describe(scan.patterns) +
                              (ignore_merges ? " (ignoring merges of whole words)" : "") +
                              ", which matches none of the pre-tokenizers Hearth knows (gpt-2, llama-bpe, qwen2, "
                              "deepseek, falcon, starcoder, gpt-4o, tekken, bloom); this model is not supported yet.");

    const json::Value* vocab = model->find("vocab");
    if (!vocab || !vocab->is_object()) return bad(file, "model.vocab is not an object");
    std::map<int64_t, std::pair<std::string, int32_t>> by_id;
    for (const auto& m : vocab->obj) {
        auto id = m.second.as_int();
        if (!id || *id < 0 || *id >= (1 << 24)) return bad(file, "the token '" + m.first + "' has no valid id");
        if (!by_id.emplace(*id, std::make_pair(m.first, int32_t{kNormal})).second)
            return bad(file, "the id " + std::to_string(*id) + " is given to two tokens");
    }
    if (const json::Value* added = root->find("added_tokens"); added && added->is_array()) {
        for (const auto& a : added->arr) {
            auto id = a.get_int("id");
            const json::Value* content = a.find("content");
            if (!id || *id < 0 || *id >= (1 << 24) || !content || !content->is_string())
                return bad(file, "an added token has no valid id or content");
            const int32_t type = a.get_bool("special").value_or(false) ? kControl : kUserDefined;
            auto [it, fresh] = by_id.emplace(*id, std::make_pair(content->str, type));
            if (!fresh) {
                if (it->second.first != content->str)
                    return bad(file, "the added token '" + content->str + "' reuses the id of '" + it->second.first + "'");
                it->second.second = type;
            }
        }
    }
    if (by_id.empty()) return bad(file, "the vocabulary is empty");
    const auto n = static_cast<size_t>(by_id.rbegin()->first + 1);
    v.tokens.resize(n);
    v.types.assign(n, kUnused);
    for (size_t i = 0; i < n; ++i) v.tokens[i] = "[PAD" + std::to_string(i) + "]";
    for (auto& [id, t] : by_id) {
        v.tokens[static_cast<size_t>(id)] = std::move(t.first);
        v.types[static_cast<size_t>(id)] = t.second;
    }
    if (const json::Value* post = root->find("post_processor"); post && post->is_object()) {
        std::string first, last;
        scan_post(*post, first, last);
        auto id_of = [&](const std::string& t) -> std::optional<int64_t> {
            for (size_t i = 0; i < v.tokens.size() && !t.empty(); ++i)
                if (v.tokens[i] == t) return static_cast<int64_t>(i);
            return std::nullopt;
        };
        if (auto b = id_of(first)) {
            v.bos = b;
            v.add_bos = true;
        }
        if (auto e = id_of(last)) {
            v.eos = e;
            v.add_eos = true;
        }
    }
    const json::Value* merges = model->find("merges");
    if (!merges || !merges->is_array()) return bad(file, "model.merges is missing");
    v.merges.reserve(merges->arr.size());
    for (const auto& m : merges->arr) {
        if (m.is_string() && m.str.find(' ') != std::string::npos) {
            v.merges.push_back(m.str);
        } else if (m.is_array() && m.arr.size() == 2 && m.arr[0].is_string() && m.arr[1].is_string()) {
            v.merges.push_back(m.arr[0].str + " " + m.arr[1].str);
        } else {
            return bad(file, "a merge is neither \"a b\" nor [\"a\", \"b\"]");
        }
    }
    return v;
}

Status add_added_tokens(std::string_view text, const std::string& file, HfVocab& v) {
    auto root = json::parse(text);
    if (!root) return bad(file, "not valid JSON (" + root.error().message + ")");
    const json::Value* added = root->find("added_tokens");
    if (!added || !added->is_array()) return {};
    for (const auto& a : added->arr) {
        auto id = a.get_int("id");
        const json::Value* content = a.find("content");
        if (!id || *id < 0 || *id >= (1 << 24) || !content || !content->is_string())
            return bad(file, "an added token has no valid id or content");
        const auto i = static_cast<size_t>(*id);
        if (i >= v.tokens.size()) {
            const size_t old = v.tokens.size();
            v.tokens.resize(i + 1);
            for (size_t k = old; k <= i; ++k) v.tokens[k] = "[PAD" + std::to_string(k) + "]";
            v.types.resize(i + 1, kUnused);
            v.scores.resize(i + 1, 0.0f);
        }
        // An added token at an id the SentencePiece model also uses replaces its piece: the
        // transformers tokenizer matches added tokens first, so that id only ever means this text.
        v.tokens[i] = content->str;
        v.types[i] = a.get_bool("special").value_or(false) ? kControl : kUserDefined;
    }
    return {};
}

Status apply_tokenizer_config(std::string_view text, const std::string& file, HfVocab& v) {
    auto root = json::parse(text);
    if (!root) return bad(file, "not valid JSON (" + root.error().message + ")");
    if (!root->is_object()) return bad(file, "not a JSON object");
    if (const json::Value* t = root->find("chat_template")) {
        if (t->is_string()) {
            v.chat_template = t->str;
        } else if (t->is_array()) {  // named templates: the default one is the chat template
            for (const auto& e : t->arr)
                if (e.get_string("name") == "default") v.chat_template = e.get_string("template");
        }
    }
    auto id_of = [&](const char* key) -> std::optional<int64_t> {
        const json::Value* t = root->find(key);
        if (!t) return std::nullopt;
        const std::string content = t->is_string() ? t->str : t->get_string("content");
        if (content.empty()) return std::nullopt;
        for (size_t i = 0; i < v.tokens.size(); ++i)
            if (v.tokens[i] == content) return static_cast<int64_t>(i);
        return std::nullopt;
    };
    if (auto b = id_of("bos_token")) v.bos = b;
    if (auto e = id_of("eos_token")) v.eos = e;
    if (auto u = id_of("unk_token")) v.unk = u;
    if (auto p = id_of("pad_token")) v.pad = p;
    if (auto b = root->get_bool("add_bos_token")) v.add_bos = b;
    if (auto e = root->get_bool("add_eos_token")) v.add_eos = e;
    return {};
}

void write_vocab(HfVocab v, size_t n_rows, GgufWriter& w) {
    for (size_t i = v.tokens.size(); i < n_rows; ++i) {
        v.tokens.push_back("[PAD" + std::to_string(i) + "]");
        v.types.push_back(kUnused);
        if (!v.scores.empty()) v.scores.push_back(0.0f);
    }
    w.set_string("tokenizer.ggml.model", v.model);
    if (!v.pre.empty()) w.set_string("tokenizer.ggml.pre", v.pre);
    w.set_string_array("tokenizer.ggml.tokens", v.tokens);
    if (!v.scores.empty()) w.set_f32_array("tokenizer.ggml.scores", v.scores);
    w.set_i32_array("tokenizer.ggml.token_type", v.types);
    if (!v.merges.empty()) w.set_string_array("tokenizer.ggml.merges", v.merges);
    auto id = [&](const char* key, const std::optional<int64_t>& x) {
        if (x && *x >= 0 && static_cast<size_t>(*x) < v.tokens.size()) w.set_u32(key, static_cast<uint32_t>(*x));
    };
    id("tokenizer.ggml.bos_token_id", v.bos);
    id("tokenizer.ggml.eos_token_id", v.eos);
    id("tokenizer.ggml.unknown_token_id", v.unk);
    id("tokenizer.ggml.padding_token_id", v.pad);
    if (v.add_bos) w.set_bool("tokenizer.ggml.add_bos_token", *v.add_bos);
    if (v.add_eos) w.set_bool("tokenizer.ggml.add_eos_token", *v.add_eos);
    if (v.add_space_prefix) w.set_bool("tokenizer.ggml.add_space_prefix", *v.add_space_prefix);
    if (!v.chat_template.empty()) w.set_string("tokenizer.chat_template", v.chat_template);
}

}  // namespace hearth::hf
