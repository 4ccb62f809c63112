// Split models (gguf_split.h): a model cut into parts with GgufWriter the way llama.cpp's
// gguf-split cuts it loads as one model and computes what the whole file computes; a missing or
// wrong part is refused with a message naming it.
#include <gtest/gtest.h>

#include <string>

#include <filesystem>

#include "inference/arch/load_model.h"
#include "inference/arch/synthetic.h"
#include "inference/cpu/cpu_backend.h"
#include "inference/gguf/gguf_reader.h"
#include "inference/gguf/gguf_split.h"
#include "inference/gguf/gguf_writer.h"
#include "tests/support/testdata.h"

using namespace hearth;

namespace {

// Cuts `whole` into `count` parts in `dir` named <prefix>-0000i-of-0000N.gguf: the metadata in the
// first, the tensors dealt out in order. Returns the first part's path.
std::filesystem::path split_model(const GgufFile& whole, const std::filesystem::path& dir, const std::string& prefix,
                                  uint32_t count) {
    const auto& tensors = whole.tensors();
    const size_t per = (tensors.size() + count - 1) / count;
    for (uint32_t i = 0; i < count; ++i) {
        GgufWriter w;
        if (i == 0)
            for (const auto& kv : whole.metadata()) w.set_value(kv.key, kv.value);
        w.set_u16("split.no", static_cast<uint16_t>(i));
        w.set_u16("split.count", static_cast<uint16_t>(count));
        w.set_i32("split.tensors.count", static_cast<int32_t>(tensors.size()));
        for (size_t t = i * per; t < std::min(tensors.size(), (i + 1) * per); ++t)
            EXPECT_TRUE(w.add_tensor_from(tensors[t]));
        EXPECT_TRUE(w.write(dir / split_part_name(prefix, i + 1, count)));
    }
    return dir / split_part_name(prefix, 1, count);
}

class SplitModel : public ::testing::Test {
protected:
    void SetUp() override {
        // One folder per test: ctest runs the tests of this fixture in parallel processes.
        dir_ = test::scratch_dir(std::string("gguf-split-") +
                                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        arch::SyntheticSpec spec;
        spec.arch = arch::Arch::Qwen2;
        spec.n_embd = 64, spec.n_layer = 2, spec.n_head = 4, spec.n_head_kv = 2, spec.n_ff = 96;
        spec.n_vocab = 300, spec.n_ctx = 64;
        whole_path_ = dir_ / "whole.gguf";
        ASSERT_TRUE(arch::write_synthetic_model(spec, whole_path_));
        auto f = GgufFile::open(whole_path_);
        ASSERT_TRUE(f) << f.error().message;
        whole_ = std::make_unique<GgufFile>(std::move(*f));
    }

    std::vector<float> logits(const GgufFile& f) {
        auto m = arch::load_model(f);
        EXPECT_TRUE(m) << m.error().message;
        if (!m) return {};
        auto b = cpu::make_cpu_backend(*m, 16);
        EXPECT_TRUE(b);
        const std::vector<int32_t> ids = {1, 17, 42, 99, 250};
        std::vector<float> out(ids.size() * static_cast<size_t>(m->hp.n_vocab));
        EXPECT_TRUE((*b)->eval(ids, 0, out));
        return out;
    }

    std::filesystem::path dir_, whole_path_;
    std::unique_ptr<GgufFile> whole_;
};

TEST(SplitName, ParsesAndFormatsTheNumbering) {
    auto s = parse_split_name("/models/Qwen2.5-7B-Instruct-Q4_K_M-00002-of-00003.gguf");
    ASSERT_TRUE(s);
    EXPECT_EQ(s->prefix, "Qwen2.5-7B-Instruct-Q4_K_M");
    EXPECT_EQ(s->no, 2u);
    EXPECT_EQ(s->count, 3u);
    EXPECT_EQ(split_part_name(s->prefix, 1, 3), "Qwen2.5-7B-Instruct-Q4_K_M-00001-of-00003.gguf");
    EXPECT_FALSE(parse_split_name("model-Q4_K_M.gguf"));
    EXPECT_FALSE(parse_split_name("model-00004-of-00003.gguf"));
    EXPECT_FALSE(parse_split_name("model-00000-of-00003.gguf"));
    EXPECT_FALSE(parse_split_name("model-0001-of-00003.gguf"));
    EXPECT_FALSE(parse_split_name("-00001-of-00003.gguf"));
}

TEST_F(SplitModel, PartsLoadAsOneModelThatComputesTheSame) {
    const auto first = split_model(*whole_, dir_, "tiny-F32", 3);
    auto f = GgufFile::open(first);
    ASSERT_TRUE(f) << f.error().message;
    EXPECT_EQ(f->part_count(), 3u);
    EXPECT_EQ(f->tensors().size(), whole_->tensors().size());
    const auto want = logits(*whole_);
    const auto got = logits(*f);
    ASSERT_FALSE(want.empty());
    EXPECT_EQ(got, want);  // the same bytes, the same arithmetic
}

TEST_F(SplitModel, MissingPartIsNamed) {
    const auto first = split_model(*whole_, dir_, "tiny-F32", 3);
    std::filesystem::remove(dir_ / split_part_name("tiny-F32", 3, 3));
    auto f = GgufFile::open(first);
    ASSERT_FALSE(f);
    EXPECT_EQ(f.error().code, "gguf.split_part_missing");
    EXPECT_NE(f.error().message.find("tiny-F32-00003-of-00003.gguf"), std::string::npos) << f.error().message;
    EXPECT_NE(f.error().message.find("Part 3 of 3"), std::string::npos) << f.error().message;
}

TEST_F(SplitModel, OpeningALaterPartPointsToTheFirst) {
    split_model(*whole_, dir_, "tiny-F32", 2);
    auto f = GgufFile::open(dir_ / split_part_name("tiny-F32", 2, 2));
    ASSERT_FALSE(f);
    EXPECT_EQ(f.error().code, "gguf.split_not_first");
    EXPECT_NE(f.error().message.find("tiny-F32-00001-of-00002.gguf"), std::string::npos) << f.error().message;
}

TEST_F(SplitModel, PartsOfDifferentModelsAreRefused) {
    split_model(*whole_, dir_, "a", 2);
    // A second part that claims to be part 2 of 3: it belongs to another split.
    GgufWriter w;
    w.set_u16("split.no", 1);
    w.set_u16("split.count", 3);
    ASSERT_TRUE(w.write(dir_ / split_part_name("a", 2, 2)));
    auto f = GgufFile::open(dir_ / split_part_name("a", 1, 2));
    ASSERT_FALSE(f);
    EXPECT_EQ(f.error().code, "gguf.split_mismatch");
}

TEST_F(SplitModel, RenamedFirstPartCannotFindTheOthers) {
    const auto first = split_model(*whole_, dir_, "tiny", 2);
    std::filesystem::rename(first, dir_ / "renamed.gguf");
    auto f = GgufFile::open(dir_ / "renamed.gguf");
    ASSERT_FALSE(f);
    EXPECT_EQ(f.error().code, "gguf.split_mismatch");
    EXPECT_NE(f.error().message.find("-00001-of-00002.gguf"), std::string::npos) << f.error().message;
}

}  // namespace
