// SHA-256 against the FIPS 180-4 / NIST CAVP example vectors, including block-boundary sizes
// and streaming in odd pieces.
#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "downloader/sha256.h"
#include "tests/support/testdata.h"

namespace hearth::test {
namespace {

TEST(Sha256, NistVectors) {
    EXPECT_EQ(dl::sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(dl::sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(dl::sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    EXPECT_EQ(dl::sha256_hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"),
              "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
    EXPECT_EQ(dl::sha256_hex(std::string(1'000'000, 'a')),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, StreamingInPiecesMatchesOneShot) {
    std::string data;
    for (int i = 0; i < 1000; ++i) data += static_cast<char>((i * 131) & 0xFF);
    const std::string whole = dl::sha256_hex(data);
    for (size_t piece : {1u, 3u, 55u, 56u, 63u, 64u, 65u, 127u, 999u}) {
        dl::Sha256 h;
        for (size_t i = 0; i < data.size(); i += piece)
            dl::sha256_update(h, data.data() + i, std::min(piece, data.size() - i));
        EXPECT_EQ(dl::sha256_finish_hex(h), whole) << "piece " << piece;
    }
    // Lengths around the padding boundary (55/56/64 bytes) against each other and known values.
    EXPECT_EQ(dl::sha256_hex(std::string(55, 'a')), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    EXPECT_EQ(dl::sha256_hex(std::string(56, 'a')), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    EXPECT_EQ(dl::sha256_hex(std::string(64, 'a')), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

TEST(Sha256, AcceleratedBlocksMatchThePortableCode) {
    std::string data;
    for (int i = 0; i < 64 * 97; ++i) data += static_cast<char>((i * 7919 + 13) & 0xFF);
    uint32_t a[8] = {1, 2, 3, 4, 5, 6, 7, 8}, b[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    dl::detail::compress_portable(a, reinterpret_cast<const uint8_t*>(data.data()), 97);
    if (!dl::detail::compress_accelerated(b, reinterpret_cast<const uint8_t*>(data.data()), 97))
        GTEST_SKIP() << "this CPU has no SHA extensions; the portable code is what runs";
    for (int i = 0; i < 8; ++i) EXPECT_EQ(a[i], b[i]) << "word " << i;
}

TEST(Sha256, FilePrefixAndWhole) {
    auto dir = scratch_dir("sha256");
    auto p = dir / "f.bin";
    std::ofstream(p, std::ios::binary) << "abcdef";
    auto whole = dl::sha256_file_hex(p);
    ASSERT_TRUE(whole.ok());
    EXPECT_EQ(*whole, dl::sha256_hex("abcdef"));
    dl::Sha256 h;
    ASSERT_TRUE(dl::sha256_feed_file(h, p, 3).ok());
    EXPECT_EQ(dl::sha256_finish_hex(h), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    dl::Sha256 h2;
    EXPECT_FALSE(dl::sha256_feed_file(h2, p, 10).ok());
    EXPECT_FALSE(dl::sha256_file_hex(dir / "missing").ok());
}

TEST(Sha256, SharedStoriesModelMatchesItsPublishedHash) {
    HEARTH_REQUIRE_TESTDATA("models/stories260K.gguf");
    auto h = dl::sha256_file_hex(testdata_dir() / "models/stories260K.gguf");
    ASSERT_TRUE(h.ok());
    EXPECT_EQ(*h, "270cba1bd5109f42d03350f60406024560464db173c0e387d91f0426d3bd256d");
}

}  // namespace
}  // namespace hearth::test
