// The shared real models (skipped when ../shared/testdata, or the folder HEARTH_TESTDATA names, is
// absent): their tables as the README describes them, and damaged copies that must give an error
// or a valid file, never a crash (this file also runs under ASan/UBSan in CI).
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "inference/gguf/gguf_reader.h"
#include "inference/tensor/dequantize.h"
#include "tests/support/testdata.h"

namespace hearth {
namespace {

std::vector<uint8_t> read_all(const std::filesystem::path& p) {
    auto f = GgufFile::open(p);  // the reader's own mapping, copied out
    std::vector<uint8_t> out;
    if (f.ok()) out.assign(f->bytes().begin(), f->bytes().end());
    return out;
}

// Reads everything a valid file offers, so that ASan sees any pointer that escaped the buffer.
uint64_t touch_everything(const GgufFile& f) {
    uint64_t sum = 0;
    for (const auto& kv : f.metadata()) {
        sum += kv.key.size() + kv.value.raw.size();
        if (kv.value.type == GgufValueType::STRING && !kv.value.str.empty())
            sum += static_cast<uint8_t>(kv.value.str.back());
        if (kv.value.is_array()) {
            if (auto strs = f.get_string_array(kv.key))
                for (auto s : *strs) sum += s.empty() ? 0 : static_cast<uint8_t>(s.back());
            if (kv.value.count) {
                sum += kv.value.number_at(kv.value.count - 1).has_value();
                sum += kv.value.string_at(kv.value.count - 1).has_value();
            }
        }
    }
    for (const auto& t : f.tensors()) sum += t.data[0] + t.data[t.size_bytes - 1];
    return sum;
}

TEST(GgufReal, Stories260KTable) {
    HEARTH_REQUIRE_TESTDATA("models/stories260K.gguf");
    auto r = GgufFile::open(test::testdata_dir() / "models/stories260K.gguf");
    ASSERT_TRUE(r.ok()) << r.error().message;
    const GgufFile& f = *r;
    EXPECT_EQ(f.version(), 3u);
    EXPECT_EQ(f.alignment(), 32u);
    EXPECT_EQ(f.get_string("general.architecture"), "llama");
    EXPECT_EQ(f.get_uint("llama.block_count"), 5u);
    EXPECT_EQ(f.get_uint("llama.embedding_length"), 64u);
    EXPECT_EQ(f.get_uint("llama.attention.head_count"), 8u);
    EXPECT_EQ(f.get_uint("llama.attention.head_count_kv"), 4u);
    EXPECT_EQ(f.get_uint("llama.feed_forward_length"), 172u);
    EXPECT_EQ(f.get_uint("llama.context_length"), 2048u);
    EXPECT_EQ(f.get_string("tokenizer.ggml.model"), "llama");
    EXPECT_EQ(f.get_array_count("tokenizer.ggml.tokens"), 512u);
    auto tokens = f.get_string_array("tokenizer.ggml.tokens");
    ASSERT_TRUE(tokens.has_value());
    EXPECT_EQ((*tokens)[0], "<unk>");
    EXPECT_EQ((*tokens)[1], "<s>");
    EXPECT_EQ(f.get_f32_array("tokenizer.ggml.scores")->size(), 512u);
    EXPECT_EQ(f.get_i32_array("tokenizer.ggml.token_type")->size(), 512u);
    ASSERT_EQ(f.tensors().size(), 3u + 5u * 9u);
    for (const auto& t : f.tensors()) EXPECT_EQ(t.type, TensorType::F32) << t.name;
    const GgufTensorInfo* emb = f.tensor("token_embd.weight");
    ASSERT_NE(emb, nullptr);
    EXPECT_EQ(emb->n_dims, 2);
    EXPECT_EQ(emb->ne[0], 64);
    EXPECT_EQ(emb->ne[1], 512);
    for (int l = 0; l < 5; ++l) {
        const std::string b = "blk." + std::to_string(l) + ".";
        ASSERT_NE(f.tensor(b + "attn_q.weight"), nullptr);
        EXPECT_EQ(f.tensor(b + "attn_k.weight")->ne[1], 32);  // 4 KV heads x 8
        EXPECT_EQ(f.tensor(b + "ffn_gate.weight")->ne[1], 172);
        EXPECT_EQ(f.tensor(b + "ffn_down.weight")->ne[0], 172);
    }
    // Weights are real numbers, finite and not all zero.
    std::vector<float> row(64);
    dequantize_row(emb->type, emb->data + emb->row_size() * 100, row.data(), 64);
    double sq = 0;
    for (float v : row) {
        ASSERT_TRUE(std::isfinite(v));
        sq += double(v) * v;
    }
    EXPECT_GT(sq, 0.0);
}

TEST(GgufReal, BabyLlamaTable) {
    HEARTH_REQUIRE_TESTDATA("models/babyllama-tok105.gguf");
    auto r = GgufFile::open(test::testdata_dir() / "models/babyllama-tok105.gguf");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->get_uint("llama.embedding_length"), 128u);
    EXPECT_EQ(r->get_uint("llama.block_count"), 5u);
    EXPECT_EQ(r->get_uint("llama.feed_forward_length"), 352u);
    EXPECT_EQ(r->get_array_count("tokenizer.ggml.tokens"), 105u);
    EXPECT_EQ(r->tensors().size(), 48u);
}

TEST(GgufReal, VersionOneIsRefused) {
    HEARTH_REQUIRE_TESTDATA("models/stories260K-gguf-v1.gguf");
    auto r = GgufFile::open(test::testdata_dir() / "models/stories260K-gguf-v1.gguf");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "gguf.bad_version");
    EXPECT_NE(r.error().message.find("GGUF version 1 is not supported"), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find("stories260K-gguf-v1.gguf"), std::string::npos);
}

TEST(GgufReal, VocabFilesOpen) {
    HEARTH_REQUIRE_TESTDATA("vocab/ggml-vocab-llama-spm.gguf");
    for (const char* v : {"llama-spm", "phi-3", "gpt-2", "deepseek-coder", "bert-bge"}) {
        auto r = GgufFile::open(test::testdata_dir() / "vocab" / (std::string("ggml-vocab-") + v + ".gguf"));
        ASSERT_TRUE(r.ok()) << v << ": " << r.error().message;
        EXPECT_TRUE(r->tensors().empty());
        EXPECT_GT(r->get_array_count("tokenizer.ggml.tokens").value_or(0), 100u) << v;
        touch_everything(*r);
    }
}

// Every prefix of the header region, and prefixes at a stride through the data: each gets its
// own exactly-sized buffer so that ASan flags a read one byte past the end.
TEST(GgufReal, TruncatedCopiesNeverCrash) {
    HEARTH_REQUIRE_TESTDATA("models/stories260K.gguf");
    const auto full = read_all(test::testdata_dir() / "models/stories260K.gguf");
    ASSERT_FALSE(full.empty());
    const size_t header_end = 14200;  // metadata and tensor infos end at byte 14152
    int refused = 0, accepted = 0;
    auto try_prefix = [&](size_t n) {
        std::vector<uint8_t> cut(full.begin(), full.begin() + static_cast<long>(n));
        auto r = GgufFile::from_memory(cut, "cut.gguf");
        if (r.ok()) {
            touch_everything(*r);
            ++accepted;
        } else {
            EXPECT_EQ(r.error().message.rfind("cut.gguf: ", 0), 0u);
            ++refused;
        }
    };
    for (size_t n = 0; n < header_end; n += 1) try_prefix(n);
    for (size_t n = header_end; n < full.size(); n += 4099) try_prefix(n);
    // Any cut drops the last tensor's bytes, so nothing shorter than the file is valid.
    EXPECT_EQ(accepted, 0);
    EXPECT_GT(refused, 14000);
    try_prefix(full.size());
    EXPECT_EQ(accepted, 1);
}

TEST(GgufReal, BitFlippedCopiesNeverCrash) {
    HEARTH_REQUIRE_TESTDATA("models/stories260K.gguf");
    auto bytes = read_all(test::testdata_dir() / "models/stories260K.gguf");
    ASSERT_FALSE(bytes.empty());
    std::mt19937_64 rng(20261127);
    // Most flips land in the metadata and tensor infos, where they change what is parsed.
    std::uniform_int_distribution<size_t> in_header(0, 14151), anywhere(0, bytes.size() - 1);
    std::uniform_int_distribution<int> bit(0, 7);
    int refused = 0, accepted = 0;
    for (int i = 0; i < 3000; ++i) {
        const size_t at = (i % 5 == 4) ? anywhere(rng) : in_header(rng);
        const auto mask = static_cast<uint8_t>(1u << bit(rng));
        bytes[at] ^= mask;
        auto r = GgufFile::from_memory(bytes, "flip.gguf");
        if (r.ok()) {
            touch_everything(*r);
            ++accepted;
        } else {
            ++refused;
        }
        bytes[at] ^= mask;
    }
    // Flips inside strings and float values leave a valid file; flips in lengths and counts do not.
    EXPECT_GT(accepted, 0);
    EXPECT_GT(refused, 0);
    RecordProperty("flips_accepted", accepted);
    RecordProperty("flips_refused", refused);
}

}  // namespace
}  // namespace hearth
