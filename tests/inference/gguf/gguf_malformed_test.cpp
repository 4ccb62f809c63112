// Malformed files, assembled byte by byte: each must be refused with its own error code and a
// message naming the file, never crash.
#include <gtest/gtest.h>

#include <string>

#include "inference/gguf/gguf_reader.h"
#include "tests/inference/gguf/gguf_bytes.h"

namespace hearth {
namespace {

using test::GgufBytes;

constexpr uint32_t kF32 = 0, kQ4_0 = 2, kQ4_K = 12;

void expect_error(const GgufBytes& g, const std::string& code) {
    auto r = GgufFile::from_memory(g.b, "bad.gguf");
    ASSERT_FALSE(r.ok()) << "expected " << code;
    EXPECT_EQ(r.error().code, code) << r.error().message;
    EXPECT_EQ(r.error().message.rfind("bad.gguf: ", 0), 0u) << r.error().message;
}

// A valid file: one F32 tensor of 8 elements at offset 0, data aligned to 32.
GgufBytes valid_file() {
    GgufBytes g;
    g.header(1, 1).str("general.architecture").u32(8).str("llama");
    g.tensor("w", {8}, kF32, 0).pad_to(32).zeros(32);
    return g;
}

TEST(GgufMalformed, ValidBaselineOpens) {
    auto g = valid_file();
    auto r = GgufFile::from_memory(g.b, "ok.gguf");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->tensors().size(), 1u);
    EXPECT_EQ(r->data_offset() % 32, 0u);
}

TEST(GgufMalformed, EmptyAndShortFiles) {
    expect_error(GgufBytes{}, "gguf.truncated");                   // zero bytes
    expect_error(GgufBytes{}.raw("GGU"), "gguf.truncated");        // magic cut short
    expect_error(GgufBytes{}.raw("GGUF").u8(3), "gguf.truncated"); // version cut short
    expect_error(GgufBytes{}.raw("GGUF").u32(3).u64(0), "gguf.truncated");  // kv count missing
}

TEST(GgufMalformed, WrongMagic) {
    expect_error(GgufBytes{}.raw("GGML").u32(3).u64(0).u64(0), "gguf.bad_magic");   // old GGML magic
    expect_error(GgufBytes{}.raw("FUGG").u32(3).u64(0).u64(0), "gguf.bad_magic");   // byte-reversed
    expect_error(GgufBytes{}.raw("\x89PNG").u32(3).u64(0).u64(0), "gguf.bad_magic"); // another format
}

TEST(GgufMalformed, Versions) {
    GgufBytes v1;
    v1.raw("GGUF").u32(1).u32(0).u32(0);  // version 1: 32-bit counts
    auto r = GgufFile::from_memory(v1.b, "old.gguf");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "gguf.bad_version");
    EXPECT_NE(r.error().message.find("GGUF version 1 is not supported"), std::string::npos);
    expect_error(GgufBytes{}.header(0, 0, 4), "gguf.bad_version");           // from the future
    expect_error(GgufBytes{}.header(0, 0, 0), "gguf.bad_version");           // zero
    expect_error(GgufBytes{}.header(0, 0, 0x03000000), "gguf.bad_version");  // big-endian v3
    // Version 2 has the same layout as 3 and is accepted.
    auto v2 = valid_file();
    v2.b[4] = 2;
    EXPECT_TRUE(GgufFile::from_memory(v2.b, "v2.gguf").ok());
}

TEST(GgufMalformed, AbsurdCounts) {
    expect_error(GgufBytes{}.header(0, 1ull << 60), "gguf.bad_count");  // 2^60 keys in 24 bytes
    expect_error(GgufBytes{}.header(~0ull, 0), "gguf.bad_count");       // 2^64-1 tensors
    // Array of 2^61 u32 elements: count * 4 would overflow 64 bits.
    expect_error(GgufBytes{}.header(0, 1).str("a").u32(9).u32(4).u64(1ull << 61), "gguf.bad_count");
    // Array of 1000 strings with only a few bytes left.
    expect_error(GgufBytes{}.header(0, 1).str("a").u32(9).u32(8).u64(1000).str("x"), "gguf.bad_count");
    // Array of 100 nested arrays with no bytes left.
    expect_error(GgufBytes{}.header(0, 1).str("a").u32(9).u32(9).u64(100), "gguf.bad_count");
}

TEST(GgufMalformed, StringLengths) {
    // Key length 2^63: far beyond the file.
    expect_error(GgufBytes{}.header(0, 1).u64(1ull << 63).raw("k"), "gguf.truncated");
    // Key length larger than the remaining bytes by one.
    expect_error(GgufBytes{}.header(0, 1).u64(5).raw("abcd"), "gguf.truncated");
    // String value whose length runs past the end.
    expect_error(GgufBytes{}.header(0, 1).str("k").u32(8).u64(100).raw("short"), "gguf.truncated");
    // Tensor name length past the end.
    expect_error(GgufBytes{}.header(1, 0).u64(~0ull), "gguf.truncated");
}

TEST(GgufMalformed, ValueTypes) {
    expect_error(GgufBytes{}.header(0, 1).str("k").u32(13).u32(0), "gguf.bad_value_type");      // type 13
    expect_error(GgufBytes{}.header(0, 1).str("k").u32(0xFFFFFFFF), "gguf.bad_value_type");     // type -1
    expect_error(GgufBytes{}.header(0, 1).str("k").u32(9).u32(77).u64(0), "gguf.bad_value_type");  // array of 77
    expect_error(GgufBytes{}.header(0, 1).str("k").u32(4).u8(1), "gguf.truncated");  // u32 value cut short
}

TEST(GgufMalformed, NestedArrays) {
    // Arrays nested kMaxArrayDepth deep are fine; one deeper is refused.
    auto nest = [](int depth) {
        GgufBytes g;
        g.header(0, 1).str("k").u32(9);
        for (int i = 0; i < depth - 1; ++i) g.u32(9).u64(1);
        g.u32(4).u64(1).u32(7);
        return g;
    };
    EXPECT_TRUE(GgufFile::from_memory(nest(kMaxArrayDepth).b, "ok").ok());
    expect_error(nest(kMaxArrayDepth + 1), "gguf.too_deep");
}

TEST(GgufMalformed, DuplicateKey) {
    expect_error(GgufBytes{}.header(0, 2).str("k").u32(4).u32(1).str("k").u32(4).u32(2), "gguf.duplicate_key");
}

TEST(GgufMalformed, Alignment) {
    // general.alignment of 48 (not a power of two).
    expect_error(GgufBytes{}.header(0, 1).str("general.alignment").u32(4).u32(48), "gguf.bad_alignment");
    // Zero.
    expect_error(GgufBytes{}.header(0, 1).str("general.alignment").u32(4).u32(0), "gguf.bad_alignment");
    // Stored as a u64 rather than a u32.
    expect_error(GgufBytes{}.header(0, 1).str("general.alignment").u32(10).u64(64), "gguf.bad_alignment");
}

TEST(GgufMalformed, TensorDims) {
    // Zero dimensions.
    expect_error(GgufBytes{}.header(1, 0).str("w").u32(0).u32(kF32).u64(0).pad_to(32).zeros(32), "gguf.bad_dims");
    // Five dimensions.
    expect_error(GgufBytes{}.header(1, 0).tensor("w", {1, 1, 1, 1, 1}, kF32, 0).pad_to(32).zeros(32), "gguf.bad_dims");
    // A dimension of 0.
    expect_error(GgufBytes{}.header(1, 0).tensor("w", {8, 0}, kF32, 0).pad_to(32).zeros(32), "gguf.bad_shape");
    // A "negative" dimension (top bit set).
    expect_error(GgufBytes{}.header(1, 0).tensor("w", {8, ~0ull}, kF32, 0).pad_to(32).zeros(32), "gguf.bad_shape");
    // Element count overflows int64: 2^32 * 2^32.
    expect_error(GgufBytes{}.header(1, 0).tensor("w", {1ull << 32, 1ull << 32}, kF32, 0).pad_to(32).zeros(32),
                 "gguf.bad_shape");
    // Element count fits but the byte size overflows 64 bits: 2^62 f32.
    expect_error(GgufBytes{}.header(1, 0).tensor("w", {1ull << 31, 1ull << 31}, kF32, 0).pad_to(32).zeros(32),
                 "gguf.bad_shape");
}

TEST(GgufMalformed, TensorTypes) {
    // Type id 4 (removed Q4_2): unknown.
    expect_error(GgufBytes{}.header(1, 0).tensor("w", {32}, 4, 0).pad_to(32).zeros(32), "gguf.unknown_type");
    // Type id 1000: unknown.
    expect_error(GgufBytes{}.header(1, 0).tensor("w", {32}, 1000, 0).pad_to(32).zeros(32), "gguf.unknown_type");
    // TQ1_0 (34): known but not supported; the message names it.
    GgufBytes tq;
    tq.header(1, 0).tensor("w", {256}, 34, 0).pad_to(32).zeros(64);
    auto r = GgufFile::from_memory(tq.b, "tq.gguf");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "gguf.unsupported_type");
    EXPECT_NE(r.error().message.find("TQ1_0"), std::string::npos);
    // Q4_0 rows of 48 elements (not a multiple of 32).
    expect_error(GgufBytes{}.header(1, 0).tensor("w", {48, 2}, kQ4_0, 0).pad_to(32).zeros(64), "gguf.bad_row_size");
    // Q4_K rows of 128 elements (not a multiple of 256).
    expect_error(GgufBytes{}.header(1, 0).tensor("w", {128}, kQ4_K, 0).pad_to(32).zeros(160), "gguf.bad_row_size");
}

TEST(GgufMalformed, TensorPlacement) {
    // Offset 4: not a multiple of the alignment (32).
    expect_error(GgufBytes{}.header(1, 0).tensor("w", {8}, kF32, 4).pad_to(32).zeros(64), "gguf.misaligned");
    // Data would end 4 bytes past the end of the file.
    expect_error(GgufBytes{}.header(1, 0).tensor("w", {8}, kF32, 0).pad_to(32).zeros(28), "gguf.out_of_bounds");
    // Offset far beyond the file (and adding the size would overflow).
    expect_error(GgufBytes{}.header(1, 0).tensor("w", {8}, kF32, ~0ull - 31).pad_to(32).zeros(32),
                 "gguf.out_of_bounds");
    // Two tensors whose data overlaps: b (64 bytes at 0) and a (32 bytes at 32).
    expect_error(GgufBytes{}.header(2, 0).tensor("a", {8}, kF32, 32).tensor("b", {16}, kF32, 0).pad_to(32).zeros(64),
                 "gguf.overlap");
    // The same name twice.
    expect_error(GgufBytes{}.header(2, 0).tensor("w", {8}, kF32, 0).tensor("w", {8}, kF32, 32).pad_to(32).zeros(64),
                 "gguf.duplicate_tensor");
    // Tensor infos end exactly at the end of the file: no room even for the padding.
    expect_error(GgufBytes{}.header(1, 0).tensor("w", {8}, kF32, 0), "gguf.truncated");
}

TEST(GgufMalformed, TruncatedTensorInfo) {
    auto g = GgufBytes{}.header(1, 0).tensor("w", {8, 8}, kF32, 0);
    for (size_t cut = 24; cut < g.b.size(); ++cut) {
        GgufBytes t;
        t.b.assign(g.b.begin(), g.b.begin() + static_cast<long>(cut));
        auto r = GgufFile::from_memory(t.b, "cut.gguf");
        ASSERT_FALSE(r.ok()) << cut;
    }
}

TEST(GgufMalformed, NonUtf8KeysAreHarmless) {
    // Keys and strings are bytes: invalid UTF-8 opens and reads back unchanged.
    GgufBytes g;
    g.header(0, 1).str("\xff\xfe\x80key").u32(8).str("\xc3\x28");
    auto r = GgufFile::from_memory(g.b, "odd.gguf");
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->get_string("\xff\xfe\x80key"), std::string_view("\xc3\x28"));
}

}  // namespace
}  // namespace hearth
