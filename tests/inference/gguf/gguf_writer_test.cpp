// GgufWriter: byte-exact round trips, layout, and refusal of bad tensors.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "inference/gguf/gguf_reader.h"
#include "inference/gguf/gguf_writer.h"
#include "inference/tensor/dequantize.h"
#include "tests/support/testdata.h"

namespace hearth {
namespace {

// Rebuilds a writer from a parsed file: same metadata (raw values) and tensors, same order.
GgufWriter copy_of(const GgufFile& f) {
    GgufWriter w;
    for (const auto& kv : f.metadata()) w.set_value(kv.key, kv.value);
    for (const auto& t : f.tensors()) EXPECT_TRUE(w.add_tensor_from(t).ok()) << t.name;
    return w;
}

GgufWriter synthetic_model() {
    GgufWriter w;
    w.set_string("general.architecture", "llama");
    w.set_u32("llama.block_count", 2);
    w.set_f32("llama.rope.freq_base", 10000.0f);
    w.set_string_array("tokenizer.ggml.tokens", std::vector<std::string>{"<unk>", "<s>", "</s>", "a", "b"});
    const float scores[] = {0, 0, 0, -1, -2};
    w.set_f32_array("tokenizer.ggml.scores", scores);
    // A nested array (array of arrays of u32), written as raw encoding.
    std::vector<uint8_t> nested = {4, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0};  // [u32 x 1] = {9}
    std::vector<uint8_t> enc = {9, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0};                  // array of 2 arrays
    enc.insert(enc.end(), nested.begin(), nested.end());
    enc.insert(enc.end(), nested.begin(), nested.end());
    w.set_encoded("test.nested", GgufValueType::ARRAY, enc);
    std::mt19937 rng(3);
    std::normal_distribution<float> dist;
    const TensorType types[] = {TensorType::F32, TensorType::F16, TensorType::BF16, TensorType::Q8_0,
                                TensorType::Q4_0, TensorType::Q4_1, TensorType::Q5_0, TensorType::Q5_1,
                                TensorType::Q2_K, TensorType::Q3_K, TensorType::Q4_K, TensorType::Q5_K,
                                TensorType::Q6_K};
    int i = 0;
    for (TensorType t : types) {
        const int64_t ne[] = {256, 3};
        std::vector<float> v(768);
        for (auto& x : v) x = dist(rng);
        EXPECT_TRUE(w.add_tensor_f32("blk." + std::to_string(i++) + "." + type_name(t), t, ne, v).ok());
    }
    const int64_t odd[] = {7};  // 28 bytes: forces padding before the next tensor
    const float seven[] = {1, 2, 3, 4, 5, 6, 7};
    EXPECT_TRUE(w.add_tensor_f32("odd", TensorType::F32, odd, seven).ok());
    return w;
}

TEST(GgufWriter, SyntheticRoundTripIsByteExact) {
    const auto first = synthetic_model().to_bytes();
    ASSERT_TRUE(first.ok());
    auto f = GgufFile::from_memory(*first, "synthetic.gguf");
    ASSERT_TRUE(f.ok()) << f.error().message;
    EXPECT_EQ(f->tensors().size(), 14u);
    EXPECT_EQ(f->find("test.nested")->count, 2u);
    const auto second = copy_of(*f).to_bytes();
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(*first, *second);
}

TEST(GgufWriter, QuantizedTensorsDecodeBack) {
    GgufWriter w;
    std::vector<float> v(512);
    for (size_t i = 0; i < v.size(); ++i) v[i] = std::sin(static_cast<float>(i) * 0.1f);
    const int64_t ne[] = {256, 2};
    ASSERT_TRUE(w.add_tensor_f32("w", TensorType::Q6_K, ne, v).ok());
    const auto bytes = w.to_bytes();
    ASSERT_TRUE(bytes.ok());
    auto f = GgufFile::from_memory(*bytes, "q.gguf");
    ASSERT_TRUE(f.ok());
    const GgufTensorInfo* t = f->tensor("w");
    ASSERT_NE(t, nullptr);
    std::vector<float> y(256);
    dequantize_row(t->type, t->data + t->row_size(), y.data(), 256);  // second row
    for (int i = 0; i < 256; ++i) EXPECT_NEAR(y[i], v[256 + i], 0.03) << i;
}

TEST(GgufWriter, ConvertsTensorsFromAFile) {
    GgufWriter src;
    std::vector<float> v(512);
    for (size_t i = 0; i < v.size(); ++i) v[i] = std::cos(static_cast<float>(i) * 0.05f);
    const int64_t ne[] = {256, 2};
    ASSERT_TRUE(src.add_tensor_f32("w", TensorType::F32, ne, v).ok());
    const int64_t odd[] = {172, 1};  // a row no block format can hold
    ASSERT_TRUE(src.add_tensor_f32("ffn", TensorType::F32, odd, std::vector<float>(172, 1.0f)).ok());
    const auto bytes = src.to_bytes();
    ASSERT_TRUE(bytes.ok());
    auto f = GgufFile::from_memory(*bytes, "src.gguf");
    ASSERT_TRUE(f.ok());
    GgufWriter q;
    ASSERT_TRUE(q.add_tensor_converted(*f->tensor("w"), TensorType::Q8_0).ok());
    EXPECT_EQ(q.add_tensor_converted(*f->tensor("ffn"), TensorType::Q4_K).error().code, "tensor.row_size");
    ASSERT_TRUE(q.add_tensor_converted(*f->tensor("ffn"), TensorType::F16).ok());
    const auto qb = q.to_bytes();
    ASSERT_TRUE(qb.ok());
    auto g = GgufFile::from_memory(*qb, "q.gguf");
    ASSERT_TRUE(g.ok());
    const GgufTensorInfo* w = g->tensor("w");
    ASSERT_EQ(w->type, TensorType::Q8_0);
    std::vector<float> y(256);
    dequantize_row(w->type, w->data + w->row_size(), y.data(), 256);
    for (int i = 0; i < 256; ++i) EXPECT_NEAR(y[i], v[256 + i], 0.01) << i;
}

TEST(GgufWriter, HeaderLayout) {
    GgufWriter w;
    w.set_u32("k", 7);
    const auto b = w.to_bytes();
    ASSERT_TRUE(b.ok());
    // magic, version 3, 0 tensors, 1 kv, key "k", type u32 (4), value 7: 24 + 9 + 4 + 4 bytes.
    const std::vector<uint8_t> want = {'G', 'G', 'U', 'F', 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0,
                                       0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 'k', 4, 0, 0, 0, 7, 0, 0, 0};
    EXPECT_EQ(*b, want);
}

TEST(GgufWriter, SettingAKeyAgainReplacesInPlace) {
    GgufWriter w;
    w.set_u32("a", 1);
    w.set_u32("b", 2);
    w.set_string("a", "x");
    EXPECT_EQ(w.metadata_count(), 2u);
    EXPECT_TRUE(w.has("b"));
    EXPECT_TRUE(w.remove("b"));
    EXPECT_FALSE(w.remove("b"));
    const auto b = w.to_bytes();
    ASSERT_TRUE(b.ok());
    auto f = GgufFile::from_memory(*b, "m");
    ASSERT_TRUE(f.ok());
    ASSERT_EQ(f->metadata().size(), 1u);
    EXPECT_EQ(f->get_string("a"), "x");
}

TEST(GgufWriter, RefusesBadTensors) {
    GgufWriter w;
    const std::vector<uint8_t> bytes(64);
    const int64_t ok[] = {16};
    EXPECT_TRUE(w.add_tensor("t", TensorType::F32, ok, bytes).ok());
    EXPECT_EQ(w.add_tensor("t", TensorType::F32, ok, bytes).error().code, "gguf.bad_tensor");  // duplicate
    const int64_t zero[] = {16, 0};
    EXPECT_EQ(w.add_tensor("z", TensorType::F32, zero, bytes).error().code, "gguf.bad_tensor");
    const int64_t five[] = {1, 1, 1, 1, 16};
    EXPECT_EQ(w.add_tensor("f", TensorType::F32, five, bytes).error().code, "gguf.bad_tensor");
    EXPECT_EQ(w.add_tensor("s", TensorType::F16, ok, bytes).error().code, "gguf.bad_tensor");  // 32 bytes needed
    const int64_t row48[] = {48};
    EXPECT_EQ(w.add_tensor("r", TensorType::Q4_0, row48, bytes).error().code, "tensor.row_size");
    EXPECT_EQ(w.add_tensor("u", static_cast<TensorType>(5), ok, bytes).error().code, "tensor.unsupported_type");
    const std::vector<float> v(48, 1.0f);
    EXPECT_EQ(w.add_tensor_f32("q", TensorType::Q4_0, row48, v).error().code, "tensor.row_size");
    EXPECT_EQ(w.add_tensor_f32("q", TensorType::IQ2_XXS, ok, v).error().code, "tensor.unsupported_type");
    EXPECT_EQ(w.add_tensor_f32("q", TensorType::F32, ok, v).error().code, "gguf.bad_tensor");  // 48 values, 16 needed
    EXPECT_EQ(w.add_tensor("", TensorType::F32, ok, bytes).error().code, "gguf.bad_tensor");
    EXPECT_EQ(w.add_tensor(std::string(64, 'n'), TensorType::F32, ok, bytes).error().code, "gguf.bad_tensor");
    EXPECT_TRUE(w.add_tensor(std::string(63, 'n'), TensorType::F32, ok, bytes).ok());
    EXPECT_EQ(w.tensor_count(), 2u);
    EXPECT_FALSE(w.set_array_raw("x", GgufValueType::U32, 3, std::span<const uint8_t>(bytes.data(), 11)));
    EXPECT_FALSE(w.set_array_raw("x", GgufValueType::STRING, 1, bytes));
    EXPECT_FALSE(w.has("x"));
}

TEST(GgufWriter, WriteErrors) {
    GgufWriter w;
    w.set_u32("k", 1);
    auto s = w.write("/nonexistent-folder-for-hearth-tests/x.gguf");
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, "gguf.write");
}

// The real models, read and written back: identical bytes show the reader keeps everything and
// the writer lays files out exactly as llama.cpp's tools do.
TEST(GgufWriter, RealModelsRoundTripByteForByte) {
    HEARTH_REQUIRE_TESTDATA("models/stories260K.gguf");
    for (const char* name : {"models/stories260K.gguf", "models/babyllama-tok105.gguf",
                             "vocab/ggml-vocab-llama-spm.gguf"}) {
        SCOPED_TRACE(name);
        const auto path = test::testdata_dir() / name;
        if (!std::filesystem::exists(path)) continue;
        auto f = GgufFile::open(path);
        ASSERT_TRUE(f.ok()) << f.error().message;
        const auto out = copy_of(*f).to_bytes();
        ASSERT_TRUE(out.ok());
        ASSERT_EQ(out->size(), f->file_size());
        EXPECT_TRUE(std::equal(out->begin(), out->end(), f->bytes().begin()));
    }
}

}  // namespace
}  // namespace hearth
