// The whole-model quantizer: per-tensor plans against llama.cpp's choices on brown-6L256 (the
// testdata README's table), exact size predictions, fallbacks, metadata, cancel and the job API.
#include <gtest/gtest.h>

#include <atomic>
#include <map>

#include "inference/arch/load_model.h"
#include "inference/arch/memory_plan.h"
#include "inference/arch/synthetic.h"
#include "inference/quant/quantize_job.h"
#include "inference/quant/quantize_model.h"
#include "tests/support/testdata.h"

namespace hearth::quant {
namespace {

std::filesystem::path synthetic(const std::string& name, int n_embd, int n_ff) {
    arch::SyntheticSpec spec;
    spec.n_embd = n_embd;
    spec.n_ff = n_ff;
    spec.n_head = 4;
    spec.n_head_kv = 2;
    spec.n_layer = 2;
    spec.n_vocab = 320;
    spec.threads = 1;
    auto path = test::scratch_dir("quant_" + name) / (name + ".gguf");
    auto st = arch::write_synthetic_model(spec, path);
    EXPECT_TRUE(st) << st.error().message;
    return path;
}

// "Q6_K x2, Q4_K x4"-style summary of the types a role gets across the model.
std::map<std::string, std::map<std::string, int>> types_by_role(const std::vector<TensorChoice>& plan) {
    std::map<std::string, std::map<std::string, int>> m;
    for (const auto& c : plan) {
        std::string role = c.name;
        if (role.starts_with("blk.")) role = role.substr(role.find('.', 4) + 1);
        m[role][type_name(c.to)]++;
    }
    return m;
}

const Level kIqLevels[] = {Level::IQ4_NL, Level::IQ4_XS,  Level::IQ3_S, Level::IQ3_XXS, Level::IQ2_S,
                           Level::IQ2_XS, Level::IQ2_XXS, Level::IQ1_M, Level::IQ1_S};

TEST(QuantizePlan, MatchesLlamaCppMixesOnBrown) {
    HEARTH_REQUIRE_TESTDATA("models/brown-6L256.gguf");
    auto f = GgufFile::open(test::testdata_dir() / "models/brown-6L256.gguf");
    ASSERT_TRUE(f) << f.error().message;
    using M = std::map<std::string, int>;
    struct Row {
        Level level;
        M output, embd, q, v, o, gate, down;
    };
    // The testdata README's table of the types llama-quantize chose.
    const Row rows[] = {
        {Level::Q8_0, {{"Q8_0", 1}}, {{"Q8_0", 1}}, {{"Q8_0", 6}}, {{"Q8_0", 6}}, {{"Q8_0", 6}}, {{"Q8_0", 6}}, {{"Q8_0", 6}}},
        {Level::Q6_K, {{"Q6_K", 1}}, {{"Q6_K", 1}}, {{"Q6_K", 6}}, {{"Q6_K", 6}}, {{"Q6_K", 6}}, {{"Q6_K", 6}}, {{"Q6_K", 6}}},
        {Level::Q5_K_M, {{"Q6_K", 1}}, {{"Q5_K", 1}}, {{"Q5_K", 6}}, {{"Q6_K", 2}, {"Q5_K", 4}}, {{"Q5_K", 6}},
         {{"Q5_K", 6}}, {{"Q6_K", 2}, {"Q5_K", 4}}},
        {Level::Q4_K_M, {{"Q6_K", 1}}, {{"Q4_K", 1}}, {{"Q4_K", 6}}, {{"Q6_K", 2}, {"Q4_K", 4}}, {{"Q4_K", 6}},
         {{"Q4_K", 6}}, {{"Q6_K", 2}, {"Q4_K", 4}}},
        {Level::Q4_K_S, {{"Q6_K", 1}}, {{"Q4_K", 1}}, {{"Q4_K", 6}}, {{"Q5_K", 4}, {"Q4_K", 2}}, {{"Q4_K", 6}},
         {{"Q4_K", 6}}, {{"Q4_K", 6}}},
        {Level::Q4_0, {{"Q6_K", 1}}, {{"Q4_0", 1}}, {{"Q4_0", 6}}, {{"Q4_0", 6}}, {{"Q4_0", 6}}, {{"Q4_0", 6}}, {{"Q4_0", 6}}},
        {Level::Q3_K_M, {{"Q6_K", 1}}, {{"Q3_K", 1}}, {{"Q3_K", 6}}, {{"Q5_K", 2}, {"Q4_K", 4}}, {{"Q4_K", 6}},
         {{"Q3_K", 6}}, {{"Q4_K", 6}}},
        {Level::Q3_K_S, {{"Q6_K", 1}}, {{"Q3_K", 1}}, {{"Q3_K", 6}}, {{"Q3_K", 6}}, {{"Q3_K", 6}}, {{"Q3_K", 6}}, {{"Q3_K", 6}}},
        {Level::Q2_K, {{"Q6_K", 1}}, {{"Q2_K", 1}}, {{"Q2_K", 6}}, {{"Q3_K", 6}}, {{"Q3_K", 6}}, {{"Q2_K", 6}}, {{"Q3_K", 6}}},
    };
    for (const auto& r : rows) {
        auto m = types_by_role(plan_tensors(*f, r.level));
        const char* n = level_name(r.level);
        EXPECT_EQ(m["output.weight"], r.output) << n;
        EXPECT_EQ(m["token_embd.weight"], r.embd) << n;
        EXPECT_EQ(m["attn_q.weight"], r.q) << n;
        EXPECT_EQ(m["attn_k.weight"], r.q) << n;
        EXPECT_EQ(m["attn_v.weight"], r.v) << n;
        EXPECT_EQ(m["attn_output.weight"], r.o) << n;
        EXPECT_EQ(m["ffn_gate.weight"], r.gate) << n;
        EXPECT_EQ(m["ffn_up.weight"], r.gate) << n;
        EXPECT_EQ(m["ffn_down.weight"], r.down) << n;
        EXPECT_EQ(m["attn_norm.weight"], (M{{"F32", 6}})) << n;
    }
    // The IQ levels, tensor by tensor against the files llama-quantize wrote with its importance
    // matrix (testdata README: brown-6L256-<TYPE>.gguf), and their general.file_type.
    for (Level level : kIqLevels) {
        const std::string file = std::string("models/brown-6L256-") + level_name(level) + ".gguf";
        auto ref = GgufFile::open(test::testdata_dir() / file);
        ASSERT_TRUE(ref) << file << ": " << ref.error().message;
        EXPECT_EQ(ref->get_uint("general.file_type"), level_file_type(level)) << file;
        const auto plan = plan_tensors(*f, level, /*with_imatrix=*/true);
        ASSERT_EQ(plan.size(), ref->tensors().size()) << file;
        for (const auto& c : plan) {
            const GgufTensorInfo* t = ref->tensor(c.name);
            ASSERT_NE(t, nullptr) << c.name;
            EXPECT_EQ(type_name(c.to), std::string(type_name(t->type))) << level_name(level) << " " << c.name;
        }
    }
    // Without an importance matrix llama.cpp's IQ3_XXS mix keeps attn_v at IQ3_S and ffn_down at
    // Q3_K (Q4_K in the first eighth of the layers); it refuses to make that file, we do not.
    auto m = types_by_role(plan_tensors(*f, Level::IQ3_XXS, false));
    EXPECT_EQ(m["attn_v.weight"], (M{{"IQ3_S", 6}}));
    EXPECT_EQ(m["ffn_down.weight"], (M{{"Q3_K", 6}}));
    EXPECT_EQ(m["ffn_gate.weight"], (M{{"IQ3_XXS", 6}}));
}

TEST(QuantizePlan, PredictsLlamaCppFileSizesOnBrown) {
    // Same mixes and the same metadata keys: the files llama-quantize wrote (without imatrix)
    // have exactly the predicted size.
    HEARTH_REQUIRE_TESTDATA("models/brown-6L256.gguf");
    auto f = GgufFile::open(test::testdata_dir() / "models/brown-6L256.gguf");
    ASSERT_TRUE(f);
    const std::pair<Level, uint64_t> sizes[] = {
        {Level::Q8_0, 6187392},   {Level::Q6_K, 4790656},   {Level::Q5_K_M, 4155264}, {Level::Q4_K_M, 3557248},
        {Level::Q4_K_S, 3455360}, {Level::Q4_0, 3438976},   {Level::Q3_K_M, 2985856}, {Level::Q3_K_S, 2742656},
        {Level::Q2_K, 2389888},
    };
    for (auto [level, bytes] : sizes) {
        QuantizeOptions o;
        o.level = level;
        auto p = plan_quantize(*f, o);
        ASSERT_TRUE(p) << p.error().message;
        EXPECT_EQ(p->file_size, bytes) << level_name(level);
    }
    // The IQ files were made with an importance matrix, whose name and dataset the file records:
    // given the same strings, the prediction is the file's size to the byte.
    for (Level level : kIqLevels) {
        const auto file = test::testdata_dir() / (std::string("models/brown-6L256-") + level_name(level) + ".gguf");
        auto ref = GgufFile::open(file);
        ASSERT_TRUE(ref) << file;
        Imatrix im;
        im.datasets = {std::string(ref->get_string("quantize.imatrix.dataset").value_or(""))};
        QuantizeOptions o;
        o.level = level;
        o.imatrix = &im;
        o.imatrix_name = std::string(ref->get_string("quantize.imatrix.file").value_or(""));
        auto p = plan_quantize(*f, o);
        ASSERT_TRUE(p) << p.error().message;
        EXPECT_EQ(p->file_size, std::filesystem::file_size(file)) << level_name(level);
    }
}

TEST(QuantizePlan, IqFallbacksAndAdvice) {
    // Rows of 320 (a multiple of 32, not of 256): the IQ types fall back to IQ4_NL, the output to
    // Q8_0; below 4 bits the plan says an importance matrix is recommended when there is none.
    const auto src = synthetic("iq_fallback", 320, 640);
    auto f = GgufFile::open(src);
    ASSERT_TRUE(f) << f.error().message;
    for (Level level : kIqLevels) {
        QuantizeOptions o;
        o.level = level;
        auto p = plan_quantize(*f, o);
        ASSERT_TRUE(p) << p.error().message;
        for (const auto& c : p->tensors) {
            if (c.name == "output.weight") {
                EXPECT_EQ(c.to, TensorType::Q8_0) << level_name(level);
            } else if (c.name == "blk.0.ffn_gate.weight" || c.name == "blk.1.attn_q.weight") {
                EXPECT_EQ(c.to, TensorType::IQ4_NL) << level_name(level) << " " << c.name;
                EXPECT_EQ(c.fallback, level != Level::IQ4_NL) << level_name(level) << " " << c.name;
                if (c.fallback) {
                    EXPECT_NE(c.note.find("do not fit"), std::string::npos) << c.note;
                }
            }
        }
        const bool advised = level >= Level::IQ3_XXS;
        bool found = false;
        for (const auto& n : p->notes) found = found || n.find("importance matrix is recommended") != std::string::npos;
        EXPECT_EQ(found, advised) << level_name(level);
    }
}

TEST(QuantizePlan, TwoAndThreeBitKQuantsFallBackToIq4Nl) {
    // Rows of 320 fit no K-quant. Below four bits the fallback is IQ4_NL, as in llama.cpp: the same
    // 4.5 bits per weight as Q4_0, with less error (its levels follow the weights' distribution).
    const auto src = synthetic("k_fallback", 320, 640);
    auto f = GgufFile::open(src);
    ASSERT_TRUE(f) << f.error().message;
    for (Level level : {Level::Q2_K, Level::Q3_K_S, Level::Q3_K_M}) {
        QuantizeOptions o;
        o.level = level;
        auto p = plan_quantize(*f, o);
        ASSERT_TRUE(p) << p.error().message;
        for (const auto& c : p->tensors) {
            if (c.name != "blk.0.ffn_gate.weight") continue;
            EXPECT_EQ(c.to, TensorType::IQ4_NL) << level_name(level);
            EXPECT_TRUE(c.fallback) << level_name(level);
        }
    }
}

TEST(QuantizePlan, SaysWhenTheSourceIsAlreadyReduced) {
    // Reducing a reduced model adds the second rounding's error to the first: allowed (a download is
    // often all a user has), but the plan says so and names what to start from instead. Q8_0 is a
    // source the issue names: no note.
    for (TensorType from : {TensorType::Q4_K, TensorType::Q8_0}) {
        arch::SyntheticSpec spec;
        spec.n_embd = 256;
        spec.n_ff = 512;
        spec.n_head = 4;
        spec.n_head_kv = 2;
        spec.n_layer = 2;
        spec.n_vocab = 320;
        spec.threads = 1;
        spec.type = from;
        const auto path = test::scratch_dir("quant_reduced") / (std::string(type_name(from)) + ".gguf");
        ASSERT_TRUE(arch::write_synthetic_model(spec, path));
        auto f = GgufFile::open(path);
        ASSERT_TRUE(f) << f.error().message;
        QuantizeOptions o;
        o.level = Level::Q2_K;
        auto p = plan_quantize(*f, o);
        ASSERT_TRUE(p) << p.error().message;
        bool said = false;
        for (const auto& n : p->notes) said = said || n.find("already reduced to Q4_K") != std::string::npos;
        EXPECT_EQ(said, from == TensorType::Q4_K) << type_name(from);
    }
}

TEST(QuantizeModel, FileSizeEqualsPredictionAndLoads) {
    const auto src = synthetic("sizes", 256, 512);
    for (Level level : {Level::Q4_K_M, Level::Q3_K_S, Level::Q8_0, Level::IQ4_XS}) {
        const auto out = src.parent_path() / (std::string(level_name(level)) + ".gguf");
        QuantizeOptions o;
        o.level = level;
        o.threads = 2;
        auto r = quantize_model(src, out, o);
        ASSERT_TRUE(r) << r.error().message;
        EXPECT_EQ(std::filesystem::file_size(out), r->plan.file_size) << level_name(level);
        auto f = GgufFile::open(out);
        ASSERT_TRUE(f) << f.error().message;
        EXPECT_EQ(f->get_uint("general.file_type"), level_file_type(level));
        EXPECT_EQ(f->get_uint("general.quantization_version"), 2u);
        EXPECT_EQ(f->tensor("blk.0.ffn_gate.weight")->type, level_base_type(level));
        auto model = arch::load_model(*f);
        ASSERT_TRUE(model) << level_name(level);
        // The GPU memory predicted from the source's shapes is what the engine's plan gives for
        // the file actually written (the plan the engine allocates by, to the byte).
        EXPECT_EQ(r->plan.vram_bytes, arch::plan_memory(*model).total()) << level_name(level);
        EXPECT_GT(r->plan.vram_bytes, r->plan.file_size / 2);
        EXPECT_FALSE(std::filesystem::exists(out.string() + ".part"));
    }
}

TEST(QuantizeModel, RowsThatDoNotFitFallBackAndSaySo) {
    const auto src = synthetic("fallback", 64, 172);  // stories260K's shapes: 64 and 172 fit no K-quant
    QuantizeOptions o;
    o.level = Level::Q4_K_M;
    const auto out = src.parent_path() / "q4km.gguf";
    auto r = quantize_model(src, out, o);
    ASSERT_TRUE(r) << r.error().message;
    auto f = GgufFile::open(out);
    ASSERT_TRUE(f);
    EXPECT_EQ(f->tensor("blk.0.ffn_gate.weight")->type, TensorType::Q5_0);  // rows of 64
    EXPECT_EQ(f->tensor("blk.0.ffn_down.weight")->type, TensorType::F16);   // rows of 172
    bool said = false;
    for (const auto& n : r->plan.notes) said |= n.find("blk.0.ffn_down.weight: rows of 172") != std::string::npos;
    EXPECT_TRUE(said);
    EXPECT_EQ(std::filesystem::file_size(out), r->plan.file_size);
}

TEST(QuantizeModel, CancelLeavesNothing) {
    const auto src = synthetic("cancel", 256, 512);
    const auto out = src.parent_path() / "cancelled.gguf";
    std::atomic<bool> cancel{false};
    QuantizeOptions o;
    o.level = Level::Q4_K_M;
    o.threads = 1;
    o.cancel = &cancel;
    int calls = 0;
    o.on_progress = [&](const QuantizeProgress& p) {
        EXPECT_LE(p.done, p.total);
        if (++calls == 3) cancel = true;
    };
    auto r = quantize_model(src, out, o);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "quant.cancelled");
    EXPECT_FALSE(std::filesystem::exists(out));
    EXPECT_FALSE(std::filesystem::exists(out.string() + ".part"));
}

TEST(QuantizeModel, RefusesToOverwriteItsSource) {
    const auto src = synthetic("same", 64, 128);
    const auto before = std::filesystem::file_size(src);
    QuantizeOptions o;
    auto r = quantize_model(src, src, o);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "quant.same_file");
    EXPECT_EQ(std::filesystem::file_size(src), before);
}

TEST(QuantizeModel, ImatrixOfAnotherModelIsRefused) {
    const auto src = synthetic("mismatch", 256, 512);
    Imatrix m;
    m.entries["blk.0.ffn_down.weight"] = ImatrixEntry{std::vector<double>(100, 1.0), 1};
    QuantizeOptions o;
    o.imatrix = &m;
    auto r = quantize_model(src, src.parent_path() / "x.gguf", o);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "imatrix.mismatch");
}

TEST(QuantizeJob, ReportsProgressAndFinishes) {
    const auto src = synthetic("job", 256, 512);
    const auto out = src.parent_path() / "job-q2_k.gguf";
    QuantizeOptions o;
    o.level = Level::Q2_K;
    QuantizeJob job(src, out, o);
    auto r = job.wait();
    ASSERT_TRUE(r) << r.error().code << ": " << r.error().message;
    const JobProgress p = job.progress();
    EXPECT_EQ(p.done, p.total);
    EXPECT_EQ(p.n_tensors, static_cast<int>(r->plan.tensors.size()));
    EXPECT_TRUE(job.finished());
    EXPECT_FALSE(job.wait());  // the result is handed out once
}

TEST(Imatrix, SavesAndLoads) {
    Imatrix m;
    m.chunk_count = 3;
    m.chunk_size = 256;
    m.datasets = {"calibration.txt"};
    m.entries["blk.0.attn_q.weight"] = ImatrixEntry{{1.0, 4.0, 9.0}, 2};
    const auto path = test::scratch_dir("quant_imatrix") / "m.imatrix";
    ASSERT_TRUE(save_imatrix(m, path));
    auto back = load_imatrix(path);
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(back->chunk_count, 3u);
    EXPECT_EQ(back->datasets, m.datasets);
    const auto imp = back->find("blk.0.attn_q.weight")->importance();
    EXPECT_EQ(imp, (std::vector<float>{0.5f, 2.0f, 4.5f}));
    // A model is not an importance matrix.
    const auto model = synthetic("not_imatrix", 64, 128);
    auto bad = load_imatrix(model);
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, "imatrix.bad_file");
}

}  // namespace
}  // namespace hearth::quant
