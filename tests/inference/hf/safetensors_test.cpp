// The safetensors reader: a well-formed file reads back exactly, and every malformed header is
// refused with its own error code and a message naming the file.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "inference/gguf/gguf_writer.h"
#include "inference/hf/safetensors.h"
#include "inference/tensor/half.h"
#include "tests/inference/hf/hf_export.h"

using namespace hearth;

namespace {

// A file from a header given as text: 8-byte length, the text, then `data_bytes` zero bytes.
std::vector<uint8_t> file_with_header(const std::string& header, size_t data_bytes, uint64_t claimed = UINT64_MAX) {
    const uint64_t n = claimed == UINT64_MAX ? header.size() : claimed;
    std::vector<uint8_t> out(8);
    for (int i = 0; i < 8; ++i) out[static_cast<size_t>(i)] = static_cast<uint8_t>(n >> (8 * i));
    out.insert(out.end(), header.begin(), header.end());
    out.resize(out.size() + data_bytes);
    return out;
}

}  // namespace

TEST(Safetensors, ReadsTensorsMetadataAndShapes) {
    test::StEntry a{"a.weight", "F32", {2, 3}, {}};
    for (int i = 0; i < 6; ++i) {
        float f = static_cast<float>(i) + 0.5f;
        uint8_t b[4];
        std::memcpy(b, &f, 4);
        a.bytes.insert(a.bytes.end(), b, b + 4);
    }
    test::StEntry h{"b.bias", "F16", {3}, {}};
    for (float f : {1.0f, -2.0f, 0.25f}) {
        const uint16_t x = f32_to_fp16(f);
        h.bytes.push_back(static_cast<uint8_t>(x));
        h.bytes.push_back(static_cast<uint8_t>(x >> 8));
    }
    test::StEntry s{"c.scalar", "BF16", {}, {0x80, 0x3f}};  // 1.0
    const auto bytes = test::safetensors_bytes({a, h, s});
    auto f = hf::SafetensorsFile::from_memory(bytes, "m.safetensors");
    ASSERT_TRUE(f) << f.error().message;
    ASSERT_EQ(f->tensors().size(), 3u);
    ASSERT_EQ(f->metadata().size(), 1u);
    EXPECT_EQ(f->metadata()[0].first, "format");
    const hf::SafeTensor* t = f->find("a.weight");
    ASSERT_TRUE(t);
    EXPECT_EQ(t->type, TensorType::F32);
    EXPECT_EQ(t->gguf_ne(), (std::vector<int64_t>{3, 2}));
    float got[6];
    std::memcpy(got, f->data(*t).data(), 24);
    EXPECT_EQ(got[5], 5.5f);
    EXPECT_EQ(f->find("b.bias")->type, TensorType::F16);
    EXPECT_EQ(f->find("c.scalar")->n_elements(), 1);
    EXPECT_EQ(f->find("c.scalar")->gguf_ne(), (std::vector<int64_t>{1}));
}

struct Malformed {
    const char* what;
    std::vector<uint8_t> bytes;
    const char* code;
};

TEST(Safetensors, RefusesEveryMalformedHeader) {
    const std::string ok_entry = R"("t":{"dtype":"F32","shape":[2],"data_offsets":[0,8]})";
    const std::vector<Malformed> cases = {
        {"shorter than the length field", {1, 2, 3}, "safetensors.truncated"},
        {"header longer than the file", file_with_header("{}", 0, 100), "safetensors.truncated"},
        {"header length of a terabyte", file_with_header("{}", 0, uint64_t{1} << 40), "safetensors.header_too_large"},
        {"header length just above the limit", file_with_header("{}", 0, hf::kMaxHeaderBytes + 1), "safetensors.header_too_large"},
        {"unterminated JSON", file_with_header("{\"t\":", 0), "safetensors.bad_json"},
        {"JSON array, not object", file_with_header("[]", 0), "safetensors.bad_json"},
        {"invalid UTF-8 in a name", file_with_header("{\"\xff\xfe\":{}}", 0), "safetensors.bad_json"},
        {"overlong UTF-8 in a name", file_with_header("{\"\xc0\xaf\":{}}", 0), "safetensors.bad_json"},
        {"trailing garbage after the object", file_with_header("{}x", 0), "safetensors.bad_json"},
        {"entry is a number", file_with_header(R"({"t":3})", 0), "safetensors.bad_entry"},
        {"no dtype", file_with_header(R"({"t":{"shape":[2],"data_offsets":[0,8]}})", 8), "safetensors.bad_entry"},
        {"shape is a string", file_with_header(R"({"t":{"dtype":"F32","shape":"2","data_offsets":[0,8]}})", 8), "safetensors.bad_entry"},
        {"three offsets", file_with_header(R"({"t":{"dtype":"F32","shape":[2],"data_offsets":[0,4,8]}})", 8), "safetensors.bad_entry"},
        {"fractional offset", file_with_header(R"({"t":{"dtype":"F32","shape":[2],"data_offsets":[0.5,8]}})", 8), "safetensors.bad_entry"},
        {"negative offset", file_with_header(R"({"t":{"dtype":"F32","shape":[2],"data_offsets":[-8,0]}})", 8), "safetensors.bad_entry"},
        {"__metadata__ holds a number", file_with_header(R"({"__metadata__":{"a":1}})", 0), "safetensors.bad_entry"},
        {"empty tensor name", file_with_header(R"({"":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})", 8), "safetensors.bad_entry"},
        {"unknown dtype", file_with_header(R"({"t":{"dtype":"F12","shape":[2],"data_offsets":[0,8]}})", 8), "safetensors.unknown_dtype"},
        {"integer dtype", file_with_header(R"({"t":{"dtype":"I64","shape":[1],"data_offsets":[0,8]}})", 8), "safetensors.unsupported_dtype"},
        {"negative dimension", file_with_header(R"({"t":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}})", 8), "safetensors.bad_shape"},
        {"zero dimension", file_with_header(R"({"t":{"dtype":"F32","shape":[0],"data_offsets":[0,0]}})", 0), "safetensors.bad_shape"},
        {"five dimensions", file_with_header(R"({"t":{"dtype":"F32","shape":[1,1,1,1,2],"data_offsets":[0,8]}})", 8), "safetensors.bad_shape"},
        {"element count overflows", file_with_header(R"({"t":{"dtype":"F32","shape":[4294967296,4294967296],"data_offsets":[0,8]}})", 8), "safetensors.bad_shape"},
        {"begin after end", file_with_header(R"({"t":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}})", 8), "safetensors.out_of_bounds"},
        {"data past the end of the file", file_with_header(R"({"t":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}})", 7), "safetensors.out_of_bounds"},
        {"size not dtype times shape", file_with_header(R"({"t":{"dtype":"F16","shape":[2],"data_offsets":[0,8]}})", 8), "safetensors.size_mismatch"},
        {"overlapping tensors", file_with_header("{" + ok_entry + R"(,"u":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})", 12), "safetensors.overlap"},
        {"a name twice", file_with_header("{" + ok_entry + "," + ok_entry + "}", 8), "safetensors.duplicate_tensor"},
    };
    for (const auto& c : cases) {
        auto f = hf::SafetensorsFile::from_memory(c.bytes, "bad.safetensors");
        ASSERT_FALSE(f) << c.what;
        EXPECT_EQ(f.error().code, c.code) << c.what << ": " << f.error().message;
        EXPECT_NE(f.error().message.find("bad.safetensors"), std::string::npos) << c.what;
    }
    // The well-formed entry those cases start from is accepted.
    EXPECT_TRUE(hf::SafetensorsFile::from_memory(file_with_header("{" + ok_entry + "}", 8), "ok.safetensors"));
}

// GgufFile::from_header (added for this importer): a header alone gives the tensor table with
// null data, and a damaged header is still refused.
TEST(GgufFromHeader, TableWithoutData) {
    GgufWriter w;
    w.set_string("general.architecture", "llama");
    const int64_t ne[2] = {64, 3};
    ASSERT_TRUE(w.add_tensor_streamed("a.weight", TensorType::F16, ne));
    ASSERT_TRUE(w.add_tensor_streamed("b.weight", TensorType::F32, std::span<const int64_t>(ne, 1)));
    const auto header = w.header_bytes();
    auto f = GgufFile::from_header(header, "header");
    ASSERT_TRUE(f) << f.error().message;
    ASSERT_EQ(f->tensors().size(), 2u);
    EXPECT_EQ(f->tensors()[0].data, nullptr);
    EXPECT_EQ(f->tensors()[0].size_bytes, 64u * 3 * 2);
    EXPECT_EQ(f->get_string("general.architecture"), "llama");
    // The same bytes are not a whole file: from_memory refuses them.
    EXPECT_FALSE(GgufFile::from_memory(header, "header"));
    auto cut = GgufFile::from_header(std::span<const uint8_t>(header).first(header.size() / 2), "cut");
    ASSERT_FALSE(cut);
    EXPECT_EQ(cut.error().code, "gguf.truncated");
}
