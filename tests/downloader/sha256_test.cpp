// SHA-256 against the FIPS 180-4 / NIST CAVP example vectors, including block-boundary sizes
// and streaming in odd pieces, and against coreutils' sha256sum on random data.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <random>
#include <string>

#include "downloader/sha256.h"
#include "tests/support/run_process.h"
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

// Random bytes streamed in awkward piece sizes (around the 64-byte block, page and MiB sizes)
// against an independent implementation: coreutils' sha256sum on the same bytes in a file.
TEST(Sha256, RandomDataInOddPiecesMatchesSha256sum) {
    std::mt19937 rng(20261127);
    std::string data((5u << 20) + 13, '\0');
    for (auto& c : data) c = static_cast<char>(rng() & 0xFF);
    auto path = scratch_dir("sha256-random") / "random.bin";
    std::ofstream(path, std::ios::binary).write(data.data(), static_cast<std::streamsize>(data.size()));
    auto r = run_command("sha256sum '" + path.string() + "'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string want = r.out.substr(0, 64);
    ASSERT_EQ(want.size(), 64u);

    EXPECT_EQ(dl::sha256_hex(data), want);
    auto from_file = dl::sha256_file_hex(path);
    ASSERT_TRUE(from_file.ok());
    EXPECT_EQ(*from_file, want);
    for (size_t piece : {1u, 7u, 63u, 65u, 4097u, (1u << 20) + 3u}) {
        dl::Sha256 h;
        for (size_t i = 0; i < data.size(); i += piece)
            dl::sha256_update(h, data.data() + i, std::min(piece, data.size() - i));
        EXPECT_EQ(h.total_bytes, data.size());
        EXPECT_EQ(dl::sha256_finish_hex(h), want) << "piece " << piece;
    }
    // Pieces of random sizes, as a network hands them over.
    dl::Sha256 h;
    for (size_t i = 0; i < data.size();) {
        size_t n = std::min<size_t>(1 + rng() % 300'000, data.size() - i);
        dl::sha256_update(h, data.data() + i, n);
        i += n;
    }
    EXPECT_EQ(dl::sha256_finish_hex(h), want);
}

// The download engine finishes a copy of the running hash while the original goes on.
TEST(Sha256, CopiesAreIndependentAndMovedFromIsEmpty) {
    const std::string abc = "abc";
    dl::Sha256 running;
    dl::sha256_update(running, "ab", 2);
    dl::Sha256 copy = running;
    dl::sha256_update(running, "c", 1);
    dl::sha256_update(copy, "x", 1);
    EXPECT_EQ(dl::sha256_finish_hex(copy), dl::sha256_hex("abx"));
    dl::Sha256 assigned;
    dl::sha256_update(assigned, "zzz", 3);
    assigned = running;
    EXPECT_EQ(dl::sha256_finish_hex(assigned), dl::sha256_hex(abc));
    EXPECT_EQ(dl::sha256_finish_hex(running), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

    dl::Sha256 source;
    dl::sha256_update(source, "ab", 2);
    dl::Sha256 moved = std::move(source);
    dl::sha256_update(moved, "c", 1);
    EXPECT_EQ(dl::sha256_finish_hex(moved), dl::sha256_hex(abc));
    dl::sha256_update(source, "abc", 3);  // NOLINT(bugprone-use-after-move): documented as empty
    EXPECT_EQ(source.total_bytes, 3u);
    EXPECT_EQ(dl::sha256_finish_hex(source), dl::sha256_hex(abc));
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
