// Hugging Face folders in, GGUF out: a GGUF model written out as a Hugging Face folder (hf_export.h)
// and brought back through the importer and the quantizer computes the same logits on the CPU
// reference as the original quantized the same way, for every architecture the engine runs, from
// one file or from shards; and incomplete or foreign folders are refused with a clear reason.
#include <gtest/gtest.h>

#include <cmath>
#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "base/json.h"
#include "inference/arch/load_model.h"
#include "inference/arch/synthetic.h"
#include "inference/cpu/cpu_backend.h"
#include "inference/hf/hf_model.h"
#include "inference/quant/quantize_model.h"
#include "inference/tensor/half.h"
#include "inference/tokenizer/tokenizer.h"
#include "tests/inference/hf/hf_export.h"
#include "tests/support/run_process.h"
#include "tests/support/testdata.h"

using namespace hearth;
namespace fs = std::filesystem;

namespace {

std::string test_name() { return ::testing::UnitTest::GetInstance()->current_test_info()->name(); }

fs::path scratch() {
    std::string n = test_name();
    for (char& c : n)
        if (c == '/') c = '_';
    return test::scratch_dir("hf-" + n);
}

std::unique_ptr<GgufFile> open_gguf(const fs::path& p) {
    auto f = GgufFile::open(p);
    EXPECT_TRUE(f) << f.error().message;
    return f ? std::make_unique<GgufFile>(std::move(*f)) : nullptr;
}

std::vector<float> logits(const GgufFile& f, std::vector<int32_t> ids = {1, 17, 42, 99, 250}) {
    auto m = arch::load_model(f);
    EXPECT_TRUE(m) << m.error().message;
    if (!m) return {};
    auto b = cpu::make_cpu_backend(*m, 16);
    EXPECT_TRUE(b);
    if (!b) return {};
    for (auto& id : ids) id %= m->hp.n_vocab;
    std::vector<float> out(ids.size() * static_cast<size_t>(m->hp.n_vocab));
    EXPECT_TRUE((*b)->eval(ids, 0, out));
    return out;
}

void expect_same_logits(const std::vector<float>& a, const std::vector<float>& b) {
    ASSERT_EQ(a.size(), b.size());
    ASSERT_FALSE(a.empty());
    float scale = 0, worst = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        scale = std::max(scale, std::abs(a[i]));
        worst = std::max(worst, std::abs(a[i] - b[i]));
    }
    // Only Gemma's norms pass through float rounding (w - 1 on export, + 1 on import).
    EXPECT_LE(worst, 1e-4f * std::max(1.0f, scale));
}

// Quantizes `in` (GGUF or folder) to Q8_0 at `out`.
void quantize_q8(const fs::path& in, const fs::path& out) {
    quant::QuantizeOptions o;
    o.level = quant::Level::Q8_0;
    o.threads = 2;
    auto r = quant::quantize_model(in, out, o);
    ASSERT_TRUE(r) << r.error().message;
}

// Exports `gguf` to a folder, imports and quantizes both, compares metadata, tokenizer and logits.
// With `quantize` false, only the imported tensors are compared with the original's (for the
// larger models, where quantizing twice would cost seconds).
void round_trip(const fs::path& gguf, const fs::path& dir, const test::HfExportOptions& eo = {}, bool quantize = true) {
    auto g = open_gguf(gguf);
    ASSERT_TRUE(g);
    const fs::path folder = dir / "hf-model";
    ASSERT_EQ(test::export_hf_folder(*g, folder, eo), "");

    auto m = hf::HfModel::open(folder);
    ASSERT_TRUE(m) << m.error().message;
    auto hp_orig = arch::read_hparams(*g), hp_hf = arch::read_hparams((*m)->table());
    ASSERT_TRUE(hp_orig && hp_hf);
    EXPECT_EQ(arch::describe(*hp_hf), arch::describe(*hp_orig));
    EXPECT_NEAR(hp_hf->attn_scale, hp_orig->attn_scale, 1e-6);
    EXPECT_EQ(hp_hf->sliding_window, hp_orig->sliding_window);
    EXPECT_EQ(hp_hf->swa_pattern, hp_orig->swa_pattern);
    EXPECT_EQ(hp_hf->rope_base_local, hp_orig->rope_base_local);
    EXPECT_EQ(hp_hf->attn_softcap, hp_orig->attn_softcap);
    EXPECT_EQ(hp_hf->final_softcap, hp_orig->final_softcap);
    EXPECT_EQ(hp_hf->rope_scaling, hp_orig->rope_scaling);
    EXPECT_EQ((*m)->table().tensors().size(), g->tensors().size());
    // Every tensor reads back as the original's values: names, shapes and the Q/K row order undone.
    for (size_t i = 0; i < (*m)->table().tensors().size() && eo.dtype == TensorType::F32; ++i) {
        const GgufTensorInfo& t = (*m)->table().tensors()[i];
        const GgufTensorInfo* o = g->tensor(t.name);
        ASSERT_TRUE(o) << t.name;
        ASSERT_EQ(o->type, TensorType::F32) << t.name;
        ASSERT_EQ(t.type, TensorType::F32) << t.name;
        ASSERT_EQ(std::vector<int64_t>(t.ne, t.ne + 4), std::vector<int64_t>(o->ne, o->ne + 4)) << t.name;
        auto bytes = (*m)->read(i);
        ASSERT_TRUE(bytes) << bytes.error().message;
        ASSERT_EQ(bytes->size(), o->size_bytes);
        const auto* got = reinterpret_cast<const float*>(bytes->data());
        const auto* want = reinterpret_cast<const float*>(o->data);
        size_t bad = 0;
        for (uint64_t k = 0; k < o->size_bytes / 4; ++k)  // Gemma's norms went through w - 1 + 1
            bad += std::abs(got[k] - want[k]) > 1e-6f * std::max(1.0f, std::abs(want[k]));
        EXPECT_EQ(bad, 0u) << t.name;
        (*m)->release(i);
    }

    auto tok_orig = tokenizer_from_gguf(*g), tok_hf = tokenizer_from_gguf((*m)->table());
    ASSERT_TRUE(tok_orig && tok_hf) << (tok_hf ? "" : tok_hf.error().message);
    EXPECT_EQ(tok_hf->vocab.tokens, tok_orig->vocab.tokens);
    EXPECT_EQ(tok_hf->vocab.scores, tok_orig->vocab.scores);
    EXPECT_EQ(tok_hf->vocab.bos, tok_orig->vocab.bos);
    EXPECT_EQ(tok_hf->vocab.eos, tok_orig->vocab.eos);
    const std::string text = "Once upon a time, a little cat sat on the mat.";
    EXPECT_EQ(tokenize(*tok_hf, text), tokenize(*tok_orig, text));

    if (!quantize) return;
    quantize_q8(gguf, dir / "from-gguf.gguf");
    quantize_q8(folder, dir / "from-hf.gguf");
    auto a = open_gguf(dir / "from-gguf.gguf"), b = open_gguf(dir / "from-hf.gguf");
    ASSERT_TRUE(a && b);
    EXPECT_EQ(b->get_uint("general.file_type"), a->get_uint("general.file_type"));
    for (const auto& t : a->tensors()) {
        const GgufTensorInfo* u = b->tensor(t.name);
        ASSERT_TRUE(u) << t.name;
        EXPECT_EQ(u->type, t.type) << t.name;
        if (t.n_dims == 2 && eo.dtype == TensorType::F32) {  // the same matrices, the same blocks
            EXPECT_EQ(0, std::memcmp(u->data, t.data, t.size_bytes)) << t.name;
        }
    }
    expect_same_logits(logits(*b), logits(*a));
}

fs::path synthetic(arch::Arch a, const fs::path& dir, bool tied = false) {
    arch::SyntheticSpec s;
    s.arch = a;
    s.n_embd = 64, s.n_layer = 2, s.n_head = 4, s.n_head_kv = 2, s.n_ff = 96;
    s.n_vocab = 300, s.n_ctx = 64;
    s.tied_output = tied;
    s.threads = 1;
    const fs::path p = dir / "synthetic.gguf";
    EXPECT_TRUE(arch::write_synthetic_model(s, p));
    return p;
}

class EveryArch : public ::testing::TestWithParam<arch::Arch> {};

}  // namespace

TEST_P(EveryArch, ImportedFolderComputesWhatTheGgufComputes) {
    const fs::path dir = scratch();
    round_trip(synthetic(GetParam(), dir), dir);
}

INSTANTIATE_TEST_SUITE_P(HfImport, EveryArch,
                         ::testing::Values(arch::Arch::Llama, arch::Arch::Qwen2, arch::Arch::Qwen3, arch::Arch::Phi3,
                                           arch::Arch::Gemma2, arch::Arch::Gemma3),
                         [](const auto& info) { return std::string(arch::arch_name(info.param)); });

TEST(HfImport, ShardedFolderWithTiedEmbeddings) {
    const fs::path dir = scratch();
    test::HfExportOptions o;
    o.shards = 3;
    round_trip(synthetic(arch::Arch::Llama, dir, true), dir, o);
}

TEST(HfImport, HalfPrecisionWeightsKeepTheirTypeUntilQuantized) {
    const fs::path dir = scratch();
    auto g = open_gguf(synthetic(arch::Arch::Llama, dir));
    ASSERT_TRUE(g);
    for (TensorType dt : {TensorType::F16, TensorType::BF16}) {
        test::HfExportOptions o;
        o.dtype = dt;
        const fs::path folder = dir / type_name(dt);
        ASSERT_EQ(test::export_hf_folder(*g, folder, o), "");
        auto m = hf::HfModel::open(folder);
        ASSERT_TRUE(m) << m.error().message;
        const GgufTensorInfo* q = (*m)->table().tensor("blk.0.attn_q.weight");
        ASSERT_TRUE(q);
        EXPECT_EQ(q->type, dt);
        EXPECT_EQ((*m)->table().tensor("blk.0.attn_norm.weight")->type, TensorType::F32);
        quantize_q8(folder, dir / (std::string(type_name(dt)) + ".gguf"));
        auto out = open_gguf(dir / (std::string(type_name(dt)) + ".gguf"));
        ASSERT_TRUE(out);
        // Half precision changes the weights slightly: the logits stay close to the original's.
        const auto want = logits(*g), got = logits(*out);
        ASSERT_EQ(want.size(), got.size());
        double err = 0, norm = 0;
        for (size_t i = 0; i < want.size(); ++i) {
            err += (want[i] - got[i]) * double(want[i] - got[i]);
            norm += double(want[i]) * want[i];
        }
        EXPECT_LT(std::sqrt(err / norm), 0.02) << type_name(dt);
    }
}

TEST(HfImport, MisalignedTensorDataIsReadAligned) {
    const fs::path dir = scratch();
    auto g = open_gguf(synthetic(arch::Arch::Qwen2, dir));
    ASSERT_TRUE(g);
    test::HfExportOptions odd;
    odd.misalign = true;
    ASSERT_EQ(test::export_hf_folder(*g, dir / "even"), "");
    ASSERT_EQ(test::export_hf_folder(*g, dir / "odd", odd), "");
    auto a = hf::HfModel::open(dir / "even"), b = hf::HfModel::open(dir / "odd");
    ASSERT_TRUE(a && b);
    for (size_t i = 0; i < (*a)->table().tensors().size(); ++i) {
        auto x = (*a)->read(i);
        ASSERT_TRUE(x);
        const std::vector<uint8_t> want(x->begin(), x->end());
        auto y = (*b)->read(i);
        ASSERT_TRUE(y);
        EXPECT_EQ(reinterpret_cast<uintptr_t>(y->data()) % 4, 0u) << i;
        EXPECT_TRUE(std::equal(want.begin(), want.end(), y->begin(), y->end())) << i;
    }
}

// The real trained models in ../shared/testdata (llama, SentencePiece vocabularies).
class TestdataModel : public ::testing::TestWithParam<const char*> {};

TEST_P(TestdataModel, ImportedFolderComputesWhatTheGgufComputes) {
    const fs::path src = test::testdata_dir() / "models" / GetParam();
    if (test::testdata_dir().empty() || !fs::exists(src)) GTEST_SKIP() << src << " is absent (../shared/testdata)";
    // Quantizing brown-6L256 twice takes seconds: its tensors are compared instead.
    round_trip(src, scratch(), {}, std::string(GetParam()) != "brown-6L256.gguf");
}

INSTANTIATE_TEST_SUITE_P(HfImport, TestdataModel,
                         ::testing::Values("stories260K.gguf", "babyllama-tok105.gguf", "brown-6L256.gguf"),
                         [](const auto& info) {
                             std::string n = info.param;
                             return n.substr(0, n.find_first_of(".-"));
                         });

TEST(HfImport, CliQuantizesAFolder) {
    const fs::path dir = scratch();
    auto g = open_gguf(synthetic(arch::Arch::Qwen2, dir));
    ASSERT_TRUE(g);
    ASSERT_EQ(test::export_hf_folder(*g, dir / "folder"), "");
    // --plan predicts the exact size of the file the folder becomes.
    auto plan = test::run_command(test::cli_path() + " quantize '" + (dir / "folder").string() + "' --type Q4_K_M --plan");
    ASSERT_EQ(plan.exit_code, 0) << plan.err;
    const size_t at = plan.out.find("Q4_K_M: ");
    ASSERT_NE(at, std::string::npos) << plan.out;
    const uint64_t predicted = std::stoull(plan.out.substr(at + 8));
    auto r = test::run_command(test::cli_path() + " quantize '" + (dir / "folder").string() + "' '" +
                               (dir / "out.gguf").string() + "' --type Q4_K_M --threads 2");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(fs::file_size(dir / "out.gguf"), predicted);
    // Calibration runs the model, which needs a GGUF: the folder goes through a temporary copy,
    // which is gone afterwards, and the importance matrix is recorded in the output.
    {
        std::ofstream(dir / "cal.txt") << "Once upon a time there was a little robot. It liked to count: 1, 2, 3.\n";
    }
    auto cal = test::run_command(test::cli_path() + " quantize '" + (dir / "folder").string() + "' '" +
                                 (dir / "cal.gguf").string() + "' --type Q4_K_M --backend cpu --calibrate '" +
                                 (dir / "cal.txt").string() + "'");
    ASSERT_EQ(cal.exit_code, 0) << cal.err;
    // --plan with --calibrate predicts that file, importance-matrix metadata included.
    auto cal_plan = test::run_command(test::cli_path() + " quantize '" + (dir / "folder").string() +
                                      "' --type Q4_K_M --plan --calibrate '" + (dir / "cal.txt").string() + "'");
    ASSERT_EQ(cal_plan.exit_code, 0) << cal_plan.err;
    const size_t cal_at = cal_plan.out.find("Q4_K_M: ");
    ASSERT_NE(cal_at, std::string::npos) << cal_plan.out;
    EXPECT_EQ(fs::file_size(dir / "cal.gguf"), std::stoull(cal_plan.out.substr(cal_at + 8)));
    EXPECT_FALSE(fs::exists(dir / "cal.gguf.calibration-q8_0.gguf"));
    auto calibrated = open_gguf(dir / "cal.gguf");
    ASSERT_TRUE(calibrated);
    EXPECT_EQ(calibrated->get_string("quantize.imatrix.dataset"), "cal.txt");
    // A missing text is refused before any copy is made.
    auto missing = test::run_command(test::cli_path() + " quantize '" + (dir / "folder").string() + "' '" +
                                     (dir / "cal2.gguf").string() + "' --type Q4_K_M --calibrate '" +
                                     (dir / "absent.txt").string() + "'");
    EXPECT_NE(missing.exit_code, 0);
    EXPECT_NE(missing.err.find("absent.txt"), std::string::npos) << missing.err;
    EXPECT_FALSE(fs::exists(dir / "cal2.gguf.calibration-q8_0.gguf"));
    EXPECT_FALSE(fs::exists(dir / "cal2.gguf"));
    auto out = open_gguf(dir / "out.gguf");
    ASSERT_TRUE(out);
    EXPECT_EQ(out->get_string("general.architecture"), "qwen2");
    EXPECT_TRUE(arch::load_model(*out));
}

// --- refusals --------------------------------------------------------------------------------

class Refusal : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = scratch();
        g_ = open_gguf(synthetic(arch::Arch::Llama, dir_));
        ASSERT_TRUE(g_);
    }
    Error refused(const fs::path& folder) {
        auto m = hf::HfModel::open(folder);
        EXPECT_FALSE(m);
        if (m) return {};
        EXPECT_NE(m.error().message.find(folder.string()), std::string::npos) << m.error().message;
        // And the quantizer leaves nothing behind.
        quant::QuantizeOptions o;
        o.level = quant::Level::Q8_0;
        EXPECT_FALSE(quant::quantize_model(folder, dir_ / "out.gguf", o));
        EXPECT_FALSE(fs::exists(dir_ / "out.gguf"));
        return m.error();
    }
    fs::path dir_;
    std::unique_ptr<GgufFile> g_;
};

TEST_F(Refusal, MissingConfig) {
    ASSERT_EQ(test::export_hf_folder(*g_, dir_ / "m"), "");
    fs::remove(dir_ / "m" / "config.json");
    EXPECT_EQ(refused(dir_ / "m").code, "hf.missing_config");
}

TEST_F(Refusal, UnknownArchitecture) {
    test::HfExportOptions o;
    o.architecture = "MambaForCausalLM";
    ASSERT_EQ(test::export_hf_folder(*g_, dir_ / "m", o), "");
    const Error e = refused(dir_ / "m");
    EXPECT_EQ(e.code, "hf.unknown_arch");
    EXPECT_NE(e.message.find("MambaForCausalLM"), std::string::npos);
}

TEST_F(Refusal, MissingTensor) {
    test::HfExportOptions o;
    o.drop = {"blk.1.ffn_down.weight"};
    ASSERT_EQ(test::export_hf_folder(*g_, dir_ / "m", o), "");
    const Error e = refused(dir_ / "m");
    EXPECT_EQ(e.code, "hf.missing_tensor");
    EXPECT_NE(e.message.find("blk.1.ffn_down.weight"), std::string::npos);
}

TEST_F(Refusal, MissingShard) {
    test::HfExportOptions o;
    o.shards = 3;
    ASSERT_EQ(test::export_hf_folder(*g_, dir_ / "m", o), "");
    fs::remove(dir_ / "m" / "model-00002-of-00003.safetensors");
    const Error e = refused(dir_ / "m");
    EXPECT_EQ(e.code, "hf.missing_part");
    EXPECT_NE(e.message.find("model-00002-of-00003.safetensors"), std::string::npos);
}

TEST_F(Refusal, OnlyPyTorchWeights) {
    ASSERT_EQ(test::export_hf_folder(*g_, dir_ / "m"), "");
    fs::rename(dir_ / "m" / "model.safetensors", dir_ / "m" / "pytorch_model.bin");
    EXPECT_EQ(refused(dir_ / "m").code, "hf.no_weights");
}

TEST_F(Refusal, NoTokenizer) {
    ASSERT_EQ(test::export_hf_folder(*g_, dir_ / "m"), "");
    fs::remove(dir_ / "m" / "tokenizer.model");
    EXPECT_EQ(refused(dir_ / "m").code, "hf.missing_tokenizer");
}

TEST_F(Refusal, DamagedSafetensors) {
    ASSERT_EQ(test::export_hf_folder(*g_, dir_ / "m"), "");
    fs::resize_file(dir_ / "m" / "model.safetensors", fs::file_size(dir_ / "m" / "model.safetensors") - 4);
    EXPECT_EQ(refused(dir_ / "m").code, "safetensors.out_of_bounds");
}

TEST_F(Refusal, TokenizerLargerThanTheEmbedding) {
    ASSERT_EQ(test::export_hf_folder(*g_, dir_ / "m"), "");
    // tokenizer.json's added tokens extend a SentencePiece vocabulary, here past the 300 rows.
    std::ofstream(dir_ / "m" / "tokenizer.json")
        << R"({"model":{"type":"BPE"},"added_tokens":[{"id":400,"content":"<|end|>","special":true}]})";
    const Error e = refused(dir_ / "m");
    EXPECT_EQ(e.code, "hf.bad_tokenizer");
    EXPECT_NE(e.message.find("401 tokens"), std::string::npos) << e.message;
}

TEST(HfImport, AddedTokensExtendASentencePieceVocabulary) {
    const fs::path dir = scratch();
    auto g = open_gguf(synthetic(arch::Arch::Llama, dir));
    ASSERT_TRUE(g);
    ASSERT_EQ(test::export_hf_folder(*g, dir / "m"), "");
    std::ofstream(dir / "m" / "tokenizer.json")
        << R"({"model":{"type":"BPE"},"added_tokens":[{"id":298,"content":"<|user|>","special":true},)"
        << R"({"id":1,"content":"<s>","special":true}]})";
    auto m = hf::HfModel::open(dir / "m");
    ASSERT_TRUE(m) << m.error().message;
    auto tok = tokenizer_from_gguf((*m)->table());
    ASSERT_TRUE(tok) << tok.error().message;
    EXPECT_EQ(tok->vocab.tokens[298], "<|user|>");
    EXPECT_EQ(tok->vocab.type(298), TokenType::Control);
    EXPECT_EQ(tok->vocab.tokens.size(), 300u);
}

TEST(HfImport, HalfPrecisionQueryBiasIsReorderedAndWidened) {
    // A llama with attention_bias: its q_proj bias rows move with the weight's rows.
    const fs::path dir = scratch();
    auto g = open_gguf(synthetic(arch::Arch::Llama, dir));
    ASSERT_TRUE(g);
    test::HfExportOptions o;
    o.shards = 2;
    ASSERT_EQ(test::export_hf_folder(*g, dir / "m", o), "");
    const int64_t rows = 64, d = 16;  // 4 heads of 16
    test::StEntry bias{"model.layers.0.self_attn.q_proj.bias", "BF16", {rows}, {}};
    for (int64_t r = 0; r < rows; ++r) {  // bias value = its HF row number (exact in bf16)
        const uint16_t b = f32_to_bf16(static_cast<float>(r));
        bias.bytes.push_back(static_cast<uint8_t>(b));
        bias.bytes.push_back(static_cast<uint8_t>(b >> 8));
    }
    const auto bytes = test::safetensors_bytes({bias});
    std::ofstream(dir / "m" / "bias.safetensors", std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    std::ifstream in(dir / "m" / "model.safetensors.index.json");
    std::stringstream ss;
    ss << in.rdbuf();
    auto idx = json::parse(ss.str());
    ASSERT_TRUE(idx);
    json::Value wm = *idx->find("weight_map");
    wm.set(bias.name, json::Value::string_value("bias.safetensors"));
    idx->set("weight_map", wm);
    std::ofstream(dir / "m" / "model.safetensors.index.json") << json::serialize(*idx);

    auto m = hf::HfModel::open(dir / "m");
    ASSERT_TRUE(m) << m.error().message;
    const auto& ts = (*m)->table().tensors();
    size_t i = 0;
    while (i < ts.size() && ts[i].name != "blk.0.attn_q.bias") ++i;
    ASSERT_LT(i, ts.size());
    EXPECT_EQ(ts[i].type, TensorType::F32);
    auto data = (*m)->read(i);
    ASSERT_TRUE(data);
    ASSERT_EQ(data->size(), static_cast<size_t>(rows) * 4);
    const auto* v = reinterpret_cast<const float*>(data->data());
    for (int64_t h = 0; h < rows / d; ++h)
        for (int64_t r = 0; r < d; ++r) {  // GGUF row r of a head holds HF row r/2 (+ d/2 if odd)
            const int64_t hf_row = h * d + (r % 2) * (d / 2) + r / 2;
            EXPECT_EQ(v[h * d + r], static_cast<float>(hf_row)) << "head " << h << " row " << r;
        }
}
