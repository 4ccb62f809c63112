// Reading files written by GgufWriter: every metadata type, arrays, alignment, getters.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>

#include "inference/gguf/gguf_reader.h"
#include "inference/gguf/gguf_writer.h"
#include "tests/support/testdata.h"

namespace hearth {
namespace {

std::vector<uint8_t> bytes_of(const GgufWriter& w) {
    auto r = w.to_bytes();
    EXPECT_TRUE(r.ok());
    return r.ok() ? *r : std::vector<uint8_t>{};
}

GgufWriter every_type_writer() {
    GgufWriter w;
    w.set_u8("t.u8", 200);
    w.set_i8("t.i8", -100);
    w.set_u16("t.u16", 60000);
    w.set_i16("t.i16", -30000);
    w.set_u32("t.u32", 4000000000u);
    w.set_i32("t.i32", -2000000000);
    w.set_u64("t.u64", 18000000000000000000ull);
    w.set_i64("t.i64", -9000000000000000000ll);
    w.set_f32("t.f32", 0.15625f);
    w.set_f64("t.f64", -1e300);
    w.set_bool("t.true", true);
    w.set_bool("t.false", false);
    w.set_string("t.str", "héllo wörld");
    w.set_string("t.empty", "");
    w.set_string_array("t.strs", std::vector<std::string>{"a", "", "ccc"});
    const float fs[] = {1.5f, -2.25f};
    w.set_f32_array("t.f32s", fs);
    const int32_t is[] = {-1, 0, 7};
    w.set_i32_array("t.i32s", is);
    const uint32_t us[] = {1, 4000000000u};
    w.set_u32_array("t.u32s", us);
    const uint8_t u16s[] = {0x01, 0x00, 0xFF, 0xFF};
    EXPECT_TRUE(w.set_array_raw("t.u16s", GgufValueType::U16, 2, u16s));
    w.set_string_array("t.nostrings", std::vector<std::string>{});
    return w;
}

TEST(GgufReader, EveryMetadataType) {
    const auto bytes = bytes_of(every_type_writer());
    auto r = GgufFile::from_memory(bytes, "types.gguf");
    ASSERT_TRUE(r.ok()) << r.error().message;
    const GgufFile& f = *r;
    EXPECT_EQ(f.version(), 3u);
    EXPECT_EQ(f.metadata().size(), 20u);
    EXPECT_EQ(f.metadata()[0].key, "t.u8");  // file order kept
    EXPECT_EQ(f.get_uint("t.u8"), 200u);
    EXPECT_EQ(f.get_int("t.i8"), -100);
    EXPECT_EQ(f.get_uint("t.u16"), 60000u);
    EXPECT_EQ(f.get_int("t.i16"), -30000);
    EXPECT_EQ(f.get_uint("t.u32"), 4000000000u);
    EXPECT_EQ(f.get_int("t.u32"), 4000000000ll);
    EXPECT_EQ(f.get_int("t.i32"), -2000000000);
    EXPECT_EQ(f.get_uint("t.u64"), 18000000000000000000ull);
    EXPECT_FALSE(f.get_int("t.u64").has_value());  // does not fit in int64
    EXPECT_EQ(f.get_int("t.i64"), -9000000000000000000ll);
    EXPECT_FALSE(f.get_uint("t.i64").has_value()); // negative
    EXPECT_EQ(f.get_float("t.f32"), 0.15625);
    EXPECT_EQ(f.get_float("t.f64"), -1e300);
    EXPECT_EQ(f.get_float("t.u16"), 60000.0);       // integers read as floats too
    EXPECT_EQ(f.get_bool("t.true"), true);
    EXPECT_EQ(f.get_bool("t.false"), false);
    EXPECT_EQ(f.get_string("t.str"), "héllo wörld");
    EXPECT_EQ(f.get_string("t.empty"), "");
    // Wrong-type and missing lookups give nullopt.
    EXPECT_FALSE(f.get_string("t.u8").has_value());
    EXPECT_FALSE(f.get_uint("t.str").has_value());
    EXPECT_FALSE(f.get_bool("t.u8").has_value());
    EXPECT_FALSE(f.get_float("t.str").has_value());
    EXPECT_EQ(f.find("missing"), nullptr);
    EXPECT_FALSE(f.get_uint("missing").has_value());
    ASSERT_NE(f.find("t.i16"), nullptr);
    EXPECT_EQ(f.find("t.i16")->type, GgufValueType::I16);
    EXPECT_TRUE(f.find("t.i16")->is_integer());
}

TEST(GgufReader, Arrays) {
    const auto bytes = bytes_of(every_type_writer());
    auto r = GgufFile::from_memory(bytes, "types.gguf");
    ASSERT_TRUE(r.ok());
    const GgufFile& f = *r;
    EXPECT_EQ(f.get_array_count("t.strs"), 3u);
    auto strs = f.get_string_array("t.strs");
    ASSERT_TRUE(strs.has_value());
    EXPECT_EQ(*strs, (std::vector<std::string_view>{"a", "", "ccc"}));
    EXPECT_EQ(f.find("t.strs")->string_at(2), "ccc");
    EXPECT_FALSE(f.find("t.strs")->string_at(3).has_value());
    EXPECT_EQ(f.get_f32_array("t.f32s"), (std::vector<float>{1.5f, -2.25f}));
    EXPECT_EQ(f.get_i32_array("t.i32s"), (std::vector<int32_t>{-1, 0, 7}));
    EXPECT_FALSE(f.get_i32_array("t.u32s").has_value());  // 4e9 does not fit in i32
    EXPECT_EQ(f.get_i32_array("t.u16s"), (std::vector<int32_t>{1, 65535}));
    EXPECT_EQ(f.find("t.u32s")->int_at(1), 4000000000ll);
    EXPECT_EQ(f.find("t.f32s")->number_at(1), -2.25);
    EXPECT_FALSE(f.find("t.f32s")->number_at(2).has_value());
    EXPECT_FALSE(f.find("t.f32s")->int_at(0).has_value());
    EXPECT_FALSE(f.get_string_array("t.f32s").has_value());
    EXPECT_FALSE(f.get_f32_array("t.strs").has_value());
    EXPECT_FALSE(f.get_array_count("t.u8").has_value());
    EXPECT_EQ(f.get_string_array("t.nostrings"), std::vector<std::string_view>{});
    EXPECT_EQ(f.find("t.f32s")->elem_type, GgufValueType::F32);
}

TEST(GgufReader, TensorsAndAlignment) {
    for (uint32_t align : {0u, 8u, 64u, 256u}) {
        GgufWriter w;
        if (align) w.set_u32("general.alignment", align);
        std::vector<float> a(10), b(64 * 3);
        for (size_t i = 0; i < a.size(); ++i) a[i] = static_cast<float>(i);
        for (size_t i = 0; i < b.size(); ++i) b[i] = static_cast<float>(i) * 0.01f;
        const int64_t na[] = {10}, nb[] = {64, 3};
        ASSERT_TRUE(w.add_tensor_f32("a", TensorType::F32, na, a).ok());
        ASSERT_TRUE(w.add_tensor_f32("b", TensorType::Q8_0, nb, b).ok());
        const auto bytes = bytes_of(w);
        auto r = GgufFile::from_memory(bytes, "t.gguf");
        ASSERT_TRUE(r.ok()) << r.error().message;
        const uint64_t expect_align = align ? align : 32;
        EXPECT_EQ(r->alignment(), expect_align);
        EXPECT_EQ(r->data_offset() % expect_align, 0u);
        ASSERT_EQ(r->tensors().size(), 2u);
        const GgufTensorInfo* tb = r->tensor("b");
        ASSERT_NE(tb, nullptr);
        EXPECT_EQ(tb->type, TensorType::Q8_0);
        EXPECT_EQ(tb->n_dims, 2);
        EXPECT_EQ(tb->ne[0], 64);
        EXPECT_EQ(tb->ne[1], 3);
        EXPECT_EQ(tb->ne[2], 1);
        EXPECT_EQ(tb->n_elements(), 192);
        EXPECT_EQ(tb->n_rows(), 3);
        EXPECT_EQ(tb->size_bytes, 3u * 2 * 34);
        EXPECT_EQ(tb->row_size(), 68u);
        EXPECT_EQ(tb->offset % expect_align, 0u);
        EXPECT_EQ(tb->data, r->data_section().data() + tb->offset);
        const GgufTensorInfo* ta = r->tensor("a");
        ASSERT_NE(ta, nullptr);
        float a3;
        std::memcpy(&a3, ta->data + 12, 4);
        EXPECT_EQ(a3, 3.0f);
        EXPECT_EQ(r->tensor("c"), nullptr);
        EXPECT_EQ(r->file_size(), bytes.size());
        EXPECT_EQ(bytes.size() % expect_align, 0u);
    }
}

TEST(GgufReader, OpenFromDiskAndMove) {
    auto dir = test::scratch_dir("gguf_reader_open");
    GgufWriter w = every_type_writer();
    const float v[] = {1, 2, 3, 4};
    const int64_t ne[] = {4};
    ASSERT_TRUE(w.add_tensor_f32("v", TensorType::F16, ne, v).ok());
    ASSERT_TRUE(w.write(dir / "m.gguf").ok());
    EXPECT_FALSE(std::filesystem::exists(dir / "m.gguf.tmp"));
    auto r = GgufFile::open(dir / "m.gguf");
    ASSERT_TRUE(r.ok()) << r.error().message;
    GgufFile moved = std::move(*r);
    EXPECT_EQ(moved.get_string("t.str"), "héllo wörld");
    ASSERT_NE(moved.tensor("v"), nullptr);
    EXPECT_EQ(moved.tensor("v")->size_bytes, 8u);
    GgufFile again = std::move(moved);
    EXPECT_EQ(again.name(), (dir / "m.gguf").string());
    EXPECT_EQ(again.get_uint("t.u8"), 200u);

    auto missing = GgufFile::open(dir / "nope.gguf");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, "gguf.io");
    EXPECT_NE(missing.error().message.find("nope.gguf"), std::string::npos);
    auto folder = GgufFile::open(dir);
    ASSERT_FALSE(folder.ok());
    EXPECT_EQ(folder.error().code, "gguf.io");
    std::ofstream(dir / "empty.gguf").close();
    auto empty = GgufFile::open(dir / "empty.gguf");
    ASSERT_FALSE(empty.ok());
    EXPECT_EQ(empty.error().code, "gguf.truncated");
}

TEST(GgufReader, VocabOnlyFileHasNoPadding) {
    GgufWriter w;
    w.set_string("tokenizer.ggml.model", "llama");
    const auto bytes = bytes_of(w);
    auto r = GgufFile::from_memory(bytes, "vocab.gguf");
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->tensors().empty());
    EXPECT_EQ(r->data_offset(), bytes.size());
    EXPECT_TRUE(r->data_section().empty());
}

}  // namespace
}  // namespace hearth

namespace hearth {
namespace {

// The fuzz seeds in corpus/ are named for what they are: valid_* open, invalid_* are refused.
TEST(GgufCorpus, SeedsAreWhatTheirNamesSay) {
    const char* src = std::getenv("HEARTH_SOURCE_DIR");
    ASSERT_NE(src, nullptr);
    const auto dir = std::filesystem::path(src) / "tests/inference/gguf/corpus";
    int n = 0;
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
        auto r = GgufFile::open(e.path());
        const std::string name = e.path().filename().string();
        if (name.rfind("valid_", 0) == 0) EXPECT_TRUE(r.ok()) << name << ": " << r.error().message;
        else EXPECT_FALSE(r.ok()) << name;
        EXPECT_LT(std::filesystem::file_size(e.path()), 8192u) << name;
        ++n;
    }
    EXPECT_GE(n, 6);
}

}  // namespace
}  // namespace hearth
