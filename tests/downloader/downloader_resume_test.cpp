// Resuming from a .part left by an earlier run: its bytes are hashed on the hashing thread
// while the transfer already appends, and the final hash still covers every byte, so a damaged
// .part is caught at the end instead of being trusted.
#include "downloader_fixture.h"

namespace hearth::test {
namespace {

using dl::TransferState;

class ResumeTest : public DownloaderTest {
protected:
    void SetUp() override {
        DownloaderTest::SetUp();
        // Several MiB, so the old bytes are still being read when the first new ones arrive.
        content = pattern_bytes((6u << 20) + 321, 99);
        server.put("/model.bin", Resource{content, "\"v1\""});
    }

    void leave_part(size_t n, bool damage) {
        std::string prefix = content.substr(0, n);
        if (damage) prefix[n / 2] ^= 0x20;
        auto part = dir / "model.bin.part";
        std::ofstream(part, std::ios::binary).write(prefix.data(), static_cast<std::streamsize>(prefix.size()));
    }
};

TEST_F(ResumeTest, ExistingPartIsContinuedAndTheWholeFileVerified) {
    const size_t kept = (4u << 20) + 1;
    leave_part(kept, false);
    auto p = download();
    ASSERT_EQ(p.state, TransferState::done) << describe(p);
    expect_exact(dir / "model.bin", content);
    auto reqs = server.requests("/model.bin");
    ASSERT_EQ(reqs.size(), 1u);
    EXPECT_EQ(reqs[0].range, "bytes=" + std::to_string(kept) + "-");
}

TEST_F(ResumeTest, DamagedPartIsCaughtByTheHashAndDownloadedAgain) {
    const size_t kept = (4u << 20) + 1;
    leave_part(kept, true);
    auto p = download();
    ASSERT_EQ(p.state, TransferState::done) << describe(p);
    expect_exact(dir / "model.bin", content);
    EXPECT_TRUE(std::filesystem::exists(dir / "model.bin.corrupt"));
    auto reqs = server.requests("/model.bin");
    ASSERT_EQ(reqs.size(), 2u);
    EXPECT_EQ(reqs[0].range, "bytes=" + std::to_string(kept) + "-");
    EXPECT_EQ(reqs[1].range, "");
}

TEST_F(ResumeTest, CompletePartIsVerifiedWithoutAnyRequest) {
    leave_part(content.size(), false);
    auto p = download();
    ASSERT_EQ(p.state, TransferState::done) << describe(p);
    expect_exact(dir / "model.bin", content);
    EXPECT_EQ(server.request_count("/model.bin"), 0);
}

}  // namespace
}  // namespace hearth::test
