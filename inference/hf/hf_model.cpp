#include "inference/hf/hf_model.h"

#include <algorithm>
#include <climits>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "base/json.h"
#include "inference/arch/load_model.h"
#include "inference/gguf/gguf_writer.h"
#include "inference/hf/config.h"
#include "inference/hf/rope_permute.h"
#include "inference/hf/tensor_names.h"
#include "inference/hf/vocab.h"
#include "inference/tensor/dequantize.h"

namespace hearth::hf {
namespace fs = std::filesystem;

namespace {

std::optional<std::string> read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    if (!in) return std::nullopt;
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

Error folder_error(const char* code, const fs::path& dir, const std::string& what) {
    return make_error(std::string("hf.") + code, dir.string() + ": " + what);
}

// The GGUF tensors each architecture's forward pass needs (mirrors arch::load_model).
std::vector<std::string> required_tensors(const HfConfig& c) {
    using arch::Arch;
    const bool gemma = c.arch == Arch::Gemma2 || c.arch == Arch::Gemma3;
    std::vector<std::string> r = {"token_embd.weight", "output_norm.weight"};
    if (!c.tie_embeddings) r.push_back("output.weight");
    for (int l = 0; l < c.n_layer; ++l) {
        const std::string b = "blk." + std::to_string(l) + ".";
        std::vector<std::string> names = {"attn_norm", "attn_output", "ffn_norm", "ffn_up", "ffn_down"};
        if (c.arch == Arch::Phi3) {
            names.push_back("attn_qkv");
        } else {
            for (const char* n : {"attn_q", "attn_k", "attn_v", "ffn_gate"}) names.push_back(n);
        }
        if (c.arch == Arch::Qwen3 || c.arch == Arch::Gemma3)
            for (const char* n : {"attn_q_norm", "attn_k_norm"}) names.push_back(n);
        if (gemma)
            for (const char* n : {"post_attention_norm", "post_ffw_norm"}) names.push_back(n);
        for (const auto& n : names) r.push_back(b + n + ".weight");
        if (c.arch == Arch::Qwen2)
            for (const char* n : {"attn_q", "attn_k", "attn_v"}) r.push_back(b + n + ".bias");
    }
    return r;
}

// Token embedding first, then the blocks in order, then the output: the order llama.cpp's files
// have, so that the quantizer's progress moves through the model front to back.
bool tensor_order(const HfModel::Tensor& a, const HfModel::Tensor& b) {
    auto rank = [](const std::string& n) {
        if (n.starts_with("token_embd")) return -1;
        if (n.starts_with("blk.")) return std::atoi(n.c_str() + 4);
        return INT_MAX;
    };
    const int ra = rank(a.name), rb = rank(b.name);
    return ra != rb ? ra < rb : a.name < b.name;
}

}  // namespace

bool is_model_folder(const fs::path& dir) {
    std::error_code ec;
    return fs::is_directory(dir, ec) && fs::exists(dir / "config.json", ec);
}

Result<std::unique_ptr<HfModel>> HfModel::open(const fs::path& dir) {
    std::unique_ptr<HfModel> m(new HfModel());
    std::error_code ec;
    const auto config_text = read_text(dir / "config.json");
    if (!config_text)
        return folder_error("missing_config", dir, "the folder has no config.json, so it is not a Hugging Face model "
                                                   "folder; choose the folder that holds config.json and the .safetensors files");
    auto cfg = read_config(*config_text, (dir / "config.json").string());
    if (!cfg) return cfg.error();

    // Which files hold the weights, and which weight is in which file.
    std::vector<std::string> file_names;
    std::map<std::string, std::string> weight_map;  // HF name -> file (sharded models only)
    if (auto index = read_text(dir / "model.safetensors.index.json")) {
        const std::string iname = (dir / "model.safetensors.index.json").string();
        auto j = json::parse(*index);
        const json::Value* wm = j ? j->find("weight_map") : nullptr;
        if (!wm || !wm->is_object())
            return make_error("hf.bad_index", iname + ": it has no weight_map object; the model folder is damaged, download it again");
        std::set<std::string> seen;
        for (const auto& e : wm->obj) {
            if (!e.second.is_string() || e.second.str.empty() || e.second.str.find('/') != std::string::npos)
                return make_error("hf.bad_index", iname + ": the entry for '" + e.first + "' is not a file name in the folder");
            weight_map[e.first] = e.second.str;
            if (seen.insert(e.second.str).second) file_names.push_back(e.second.str);
        }
    } else if (fs::exists(dir / "model.safetensors", ec)) {
        file_names.push_back("model.safetensors");
    } else {
        const bool bin = fs::exists(dir / "pytorch_model.bin", ec) || fs::exists(dir / "pytorch_model.bin.index.json", ec);
        return folder_error("no_weights", dir, bin ? "the weights are PyTorch .bin files, which Hearth does not read "
                                                     "(they can run code when loaded); choose the model's safetensors version"
                                                   : "the folder has no model.safetensors (nor model.safetensors.index.json "
                                                     "with its parts); the download is incomplete");
    }
    for (const auto& f : file_names)
        if (!fs::exists(dir / f, ec))
            return folder_error("missing_part", dir, "the weights file " + f +
                                                         " listed in model.safetensors.index.json is missing; "
                                                         "download it into the folder");
    for (const auto& f : file_names) {
        auto st = SafetensorsFile::open(dir / f);
        if (!st) return st.error();
        m->files_.push_back(std::move(*st));
    }

    // Name, type and transform of every tensor.
    const bool gemma = cfg->arch == arch::Arch::Gemma2 || cfg->arch == arch::Arch::Gemma3;
    std::set<std::string> names;
    for (size_t fi = 0; fi < m->files_.size(); ++fi) {
        for (const SafeTensor& st : m->files_[fi].tensors()) {
            if (!weight_map.empty()) {
                auto it = weight_map.find(st.name);
                if (it == weight_map.end() || it->second != file_names[fi]) continue;  // not this file's
            }
            const MappedName mn = gguf_tensor_name(cfg->arch, st.name);
            if (mn.result == NameResult::Skip) continue;
            if (mn.result == NameResult::Unknown || mn.layer >= cfg->n_layer)
                return folder_error("unknown_tensor", dir, "the weight '" + st.name + "' (in " + file_names[fi] +
                                                               ") has no place in a " + arch::arch_name(cfg->arch) +
                                                               " model; the folder holds a variant Hearth cannot convert");
            if (!names.insert(mn.gguf).second)
                return folder_error("duplicate_tensor", dir, "the weight '" + st.name + "' appears twice");
            Tensor t;
            t.name = mn.gguf;
            t.ne = st.gguf_ne();
            t.file = static_cast<int>(fi);
            t.src = &st;
            t.type = st.type;
            if (st.shape.size() <= 1) {
                t.type = TensorType::F32;
                t.transform = Transform::ToF32;
                // GGUF stores Gemma's RMSNorm weights as the 1 + w the model multiplies by.
                if (gemma && mn.gguf.ends_with("norm.weight")) t.transform = Transform::AddOne;
            }
            const bool q = mn.gguf.find(".attn_q.") != std::string::npos, k = mn.gguf.find(".attn_k.") != std::string::npos;
            if (cfg->arch == arch::Arch::Llama && (q || k)) {
                t.n_head = q ? cfg->n_head : cfg->n_head_kv;
                const int64_t rows = st.shape.empty() ? 1 : st.shape[0];
                if (rows != int64_t{t.n_head} * cfg->head_dim || cfg->head_dim % 2 != 0)
                    return folder_error("bad_shape", dir, "the weight '" + st.name + "' has " + std::to_string(rows) +
                                                              " rows, but config.json's heads need " +
                                                              std::to_string(int64_t{t.n_head} * cfg->head_dim));
                t.transform = Transform::PermuteRope;
            }
            m->tensors_.push_back(std::move(t));
        }
    }
    if (!weight_map.empty())
        for (const auto& [name, file] : weight_map)
            if (gguf_tensor_name(cfg->arch, name).result == NameResult::Mapped) {
                bool found = false;
                for (size_t fi = 0; fi < file_names.size() && !found; ++fi)
                    found = file_names[fi] == file && m->files_[fi].find(name);
                if (!found)
                    return folder_error("missing_tensor", dir, "model.safetensors.index.json puts the weight '" + name +
                                                                   "' in " + file + ", but that file does not hold it; "
                                                                   "download the model again");
            }
    for (const auto& [name, values] : {std::pair{"rope_factors_long.weight", &cfg->rope_long},
                                       std::pair{"rope_factors_short.weight", &cfg->rope_short}}) {
        if (values->empty()) continue;
        Tensor t;
        t.name = name;
        t.ne = {static_cast<int64_t>(values->size())};
        t.values = *values;
        m->tensors_.push_back(std::move(t));
        names.insert(name);
    }
    for (const auto& r : required_tensors(*cfg))
        if (!names.count(r))
            return folder_error("missing_tensor", dir, "the model has no tensor for " + r +
                                                           " (GGUF name); the weights files are incomplete, download them again");
    std::stable_sort(m->tensors_.begin(), m->tensors_.end(), tensor_order);

    // Tokenizer.
    Result<HfVocab> vocab = folder_error("missing_tokenizer", dir, "the folder has neither tokenizer.json nor tokenizer.model");
    const auto tok_json = read_text(dir / "tokenizer.json");
    if (fs::exists(dir / "tokenizer.model", ec)) {
        std::ifstream in(dir / "tokenizer.model", std::ios::binary);
        std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        vocab = read_sentencepiece(bytes, (dir / "tokenizer.model").string());
        if (vocab && tok_json)
            if (auto s = add_added_tokens(*tok_json, (dir / "tokenizer.json").string(), *vocab); !s) return s.error();
    } else if (tok_json) {
        vocab = read_tokenizer_json(*tok_json, (dir / "tokenizer.json").string());
    }
    if (!vocab) return vocab.error();
    if (auto tc = read_text(dir / "tokenizer_config.json"))
        if (auto s = apply_tokenizer_config(*tc, (dir / "tokenizer_config.json").string(), *vocab); !s) return s.error();
    if (!vocab->bos && cfg->bos_id) vocab->bos = cfg->bos_id;
    if (!vocab->eos && cfg->eos_id) vocab->eos = cfg->eos_id;

    // The header, as the GGUF would have it.
    GgufWriter w;
    write_hparams(*cfg, w);
    w.set_string("general.name", dir.filename().empty() ? dir.parent_path().filename().string() : dir.filename().string());
    size_t n_rows = 0;
    for (const auto& t : m->tensors_)
        if (t.name == "token_embd.weight" && t.ne.size() == 2) n_rows = static_cast<size_t>(t.ne[1]);
    if (vocab->tokens.size() > n_rows)
        return make_error("hf.bad_tokenizer", dir.string() + ": the tokenizer has " + std::to_string(vocab->tokens.size()) +
                                                  " tokens but the model's embedding only " + std::to_string(n_rows) +
                                                  " rows; the tokenizer files belong to another model");
    write_vocab(std::move(*vocab), n_rows, w);
    for (const auto& t : m->tensors_)
        if (auto s = w.add_tensor_streamed(t.name, t.type, t.ne); !s) return s.error();
    m->header_ = w.header_bytes();
    auto table = GgufFile::from_header(m->header_, dir.string());
    if (!table) return table.error();
    m->table_ = std::make_unique<GgufFile>(std::move(*table));
    if (auto hp = arch::read_hparams(*m->table_); !hp) return hp.error();
    return m;
}

Result<std::span<const uint8_t>> HfModel::read(size_t i) {
    const Tensor& t = tensors_[i];
    if (t.file < 0) return std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(t.values.data()), t.values.size() * 4);
    const auto src = files_[static_cast<size_t>(t.file)].data(*t.src);
    switch (t.transform) {
        case Transform::None: {
            // Straight from the mapping when the tensor is aligned to its element size (the
            // reference writer pads the header so that it is); else a copy, since the quantizer
            // reads the elements through typed pointers.
            const uintptr_t elem = t.src->type == TensorType::F32 ? 4 : 2;
            if (reinterpret_cast<uintptr_t>(src.data()) % elem == 0) return src;
            tmp_.assign(src.begin(), src.end());
            return std::span<const uint8_t>(tmp_);
        }
        case Transform::ToF32:
        case Transform::AddOne: {
            tmp_.assign(src.begin(), src.end());
            const int64_t n = t.src->n_elements();
            out_.resize(static_cast<size_t>(n) * 4);
            auto* f = reinterpret_cast<float*>(out_.data());
            dequantize_row(t.src->type, tmp_.data(), f, n);
            if (t.transform == Transform::AddOne)
                for (int64_t k = 0; k < n; ++k) f[k] += 1.0f;
            return std::span<const uint8_t>(out_);
        }
        case Transform::PermuteRope: {
            const int64_t rows = t.src->shape[0];
            if (t.type == t.src->type) {
                out_.resize(src.size());
                permute_rope_rows(src, out_, rows, src.size() / static_cast<uint64_t>(rows), t.n_head);
                return std::span<const uint8_t>(out_);
            }
            // A half-precision bias (attention_bias): reordered, then widened to F32 like every vector.
            tmp_.resize(src.size());
            permute_rope_rows(src, tmp_, rows, src.size() / static_cast<uint64_t>(rows), t.n_head);
            out_.resize(static_cast<size_t>(rows) * 4);
            dequantize_row(t.src->type, tmp_.data(), reinterpret_cast<float*>(out_.data()), rows);
            return std::span<const uint8_t>(out_);
        }
    }
    return src;
}

void HfModel::release(size_t i) {
    const Tensor& t = tensors_[i];
    if (t.file >= 0) files_[static_cast<size_t>(t.file)].release(*t.src);
}

}  // namespace hearth::hf
