// The small pieces under the download engine: backoff, Retry-After, response headers, the
// speed meter, the hashing thread (including a resumed .part read behind the writer).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <random>
#include <string>

#include "downloader/hash_pipeline.h"
#include "downloader/response_headers.h"
#include "downloader/retry_policy.h"
#include "downloader/speed_meter.h"
#include "downloader/transfer_types.h"
#include "tests/support/testdata.h"

namespace hearth::test {
namespace {

TEST(Backoff, DoublesUpToTheCapWithJitterInTheUpperHalf) {
    EXPECT_EQ(dl::backoff_delay_ms(1, 1000, 60000, 0.0), 500);
    EXPECT_EQ(dl::backoff_delay_ms(1, 1000, 60000, 1.0), 1000);
    EXPECT_EQ(dl::backoff_delay_ms(2, 1000, 60000, 1.0), 2000);
    EXPECT_EQ(dl::backoff_delay_ms(4, 1000, 60000, 1.0), 8000);
    EXPECT_EQ(dl::backoff_delay_ms(30, 1000, 60000, 1.0), 60000);
    EXPECT_EQ(dl::backoff_delay_ms(30, 1000, 60000, 0.5), 45000);
}

TEST(RetryAfter, SecondsAndHttpDates) {
    EXPECT_EQ(dl::parse_retry_after_ms("120", 0), 120000);
    EXPECT_EQ(dl::parse_retry_after_ms(" 0 ", 0), 0);
    // 1445412480 is Wed, 21 Oct 2015 07:28:00 GMT.
    EXPECT_EQ(dl::parse_retry_after_ms("Wed, 21 Oct 2015 07:28:00 GMT", 1445412480 - 30), 30000);
    EXPECT_EQ(dl::parse_retry_after_ms("Wed, 21 Oct 2015 07:28:00 GMT", 1445412480 + 99), 0);
    EXPECT_FALSE(dl::parse_retry_after_ms("soon", 0));
    EXPECT_FALSE(dl::parse_retry_after_ms("", 0));
    EXPECT_FALSE(dl::parse_retry_after_ms("-5", 0));
    EXPECT_TRUE(dl::is_retryable_status(503));
    EXPECT_TRUE(dl::is_retryable_status(429));
    EXPECT_FALSE(dl::is_retryable_status(404));
    EXPECT_FALSE(dl::is_retryable_status(401));
}

TEST(ResponseHeaders, EachRedirectHopStartsAfresh) {
    dl::ResponseHeaders h;
    dl::feed_header_line(h, "HTTP/1.1 302 Found\r\n");
    dl::feed_header_line(h, "ETag: \"hub-etag\"\r\n");
    dl::feed_header_line(h, "Location: https://cdn.example/x\r\n");
    EXPECT_EQ(h.etag, "\"hub-etag\"");
    EXPECT_EQ(h.location, "https://cdn.example/x");
    dl::feed_header_line(h, "HTTP/2 206\r\n");
    EXPECT_TRUE(h.etag.empty());
    dl::feed_header_line(h, "etag: W/\"weak\"\r\n");
    dl::feed_header_line(h, "content-range:  bytes 100-199/1000 \r\n");
    dl::feed_header_line(h, "Retry-After: 5\r\n");
    dl::feed_header_line(h, "Last-Modified: Wed, 21 Oct 2015 07:28:00 GMT\r\n");
    EXPECT_TRUE(dl::is_weak_etag(h.etag));
    EXPECT_EQ(h.content_range, "bytes 100-199/1000");
    EXPECT_EQ(h.retry_after, "5");
    EXPECT_EQ(h.last_modified, "Wed, 21 Oct 2015 07:28:00 GMT");
}

TEST(ResponseHeaders, ContentRange) {
    auto r = dl::parse_content_range("bytes 100-199/1000");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->first, 100);
    EXPECT_EQ(r->last, 199);
    EXPECT_EQ(r->total, 1000);
    auto star = dl::parse_content_range("bytes 0-9/*");
    ASSERT_TRUE(star);
    EXPECT_EQ(star->total, -1);
    EXPECT_FALSE(dl::parse_content_range("bytes */1000"));
    EXPECT_FALSE(dl::parse_content_range("bytes 200-100/1000"));
    EXPECT_FALSE(dl::parse_content_range("bytes 0-1000/1000"));
    EXPECT_FALSE(dl::parse_content_range("items 0-1/2"));
}

TEST(SpeedMeter, TracksRateAndDecaysToZeroWhenNothingArrives) {
    dl::SpeedMeter m;
    m.time_constant_s = 1.0;
    dl::speed_sample(m, 0.0, 0);
    EXPECT_EQ(m.rate, 0);
    dl::speed_sample(m, 1.0, 1000);
    EXPECT_DOUBLE_EQ(m.rate, 1000);  // the first real sample is taken as is
    EXPECT_DOUBLE_EQ(dl::eta_seconds(m, 1000, 5000), 4.0);
    dl::speed_sample(m, 2.0, 3000);  // 2000 B/s now: moves 63 % of the way
    EXPECT_NEAR(m.rate, 1000 + (1 - std::exp(-1.0)) * 1000, 1e-6);
    double before = m.rate;
    dl::speed_sample(m, 3.0, 3000);  // stalled
    EXPECT_LT(m.rate, before * 0.4);
    for (int t = 4; t < 30; ++t) dl::speed_sample(m, t, 3000);
    EXPECT_EQ(m.rate, 0);
    EXPECT_EQ(dl::eta_seconds(m, 3000, 5000), -1);
    EXPECT_EQ(dl::eta_seconds(m, 3000, -1), -1);
}

std::string random_bytes(size_t n, uint32_t seed) {
    std::mt19937 rng(seed);
    std::string s(n, '\0');
    for (auto& c : s) c = static_cast<char>(rng() & 0xFF);
    return s;
}

void append_to(const std::filesystem::path& p, const char* data, size_t n) {
    std::ofstream(p, std::ios::binary | std::ios::app).write(data, static_cast<std::streamsize>(n));
}

// The engine's pattern: append to the .part, then announce the bytes; the hash follows the file.
TEST(HashPipeline, FollowsAGrowingFile) {
    const std::string data = random_bytes((3u << 20) + 200'003, 3);
    auto path = scratch_dir("hash-pipeline-grow") / "model.bin.part";
    std::ofstream(path, std::ios::binary).flush();  // an empty file, as the sink leaves it
    dl::HashPipeline p;
    p.start(path, 0);
    for (size_t at = 0, step = 1; at < data.size(); at += step, step = step * 3 % 99'991 + 1) {
        size_t n = std::min(step, data.size() - at);
        append_to(path, data.data() + at, n);
        p.written(n);
    }
    auto state = p.snapshot();
    ASSERT_TRUE(state.ok()) << state.error().message;
    EXPECT_EQ(state->total_bytes, data.size());
    EXPECT_EQ(dl::sha256_finish_hex(*state), dl::sha256_hex(data));
    // More bytes after a snapshot still extend the same hash.
    append_to(path, "tail", 4);
    p.written(4);
    auto more = p.snapshot();
    ASSERT_TRUE(more.ok());
    EXPECT_EQ(dl::sha256_finish_hex(*more), dl::sha256_hex(data + "tail"));
}

// A resumed .part: the old bytes are read on the hashing thread while new ones are appended
// and announced; the result covers every byte once, in order.
TEST(HashPipeline, ResumedFileThenNewBytesHashLikeTheWhole) {
    const std::string whole = random_bytes((12u << 20) + 77, 5);
    const size_t kept = (8u << 20) + 5;  // big enough that appending starts long before it is read
    auto path = scratch_dir("hash-pipeline-resume") / "model.bin.part";
    std::ofstream(path, std::ios::binary).write(whole.data(), static_cast<std::streamsize>(kept));
    dl::HashPipeline p;
    p.start(path, static_cast<int64_t>(kept));
    std::mt19937 rng(9);
    for (size_t at = kept; at < whole.size();) {
        size_t n = std::min<size_t>(1 + rng() % 100'000, whole.size() - at);
        append_to(path, whole.data() + at, n);
        p.written(n);
        at += n;
    }
    EXPECT_FALSE(p.error());
    auto state = p.snapshot();
    ASSERT_TRUE(state.ok()) << state.error().message;
    EXPECT_EQ(state->total_bytes, whole.size());
    EXPECT_EQ(dl::sha256_finish_hex(*state), dl::sha256_hex(whole));
}

TEST(HashPipeline, FileShorterThanAnnouncedOrMissingIsAnError) {
    auto dir = scratch_dir("hash-pipeline-short");
    auto path = dir / "short.part";
    std::ofstream(path, std::ios::binary) << "only a few bytes";
    dl::HashPipeline p;
    p.start(path, 1000);
    auto state = p.snapshot();
    ASSERT_FALSE(state.ok());
    EXPECT_EQ(state.error().code, "io.truncated");
    ASSERT_TRUE(p.error());
    EXPECT_NE(p.error()->message.find("short.part"), std::string::npos);

    p.start(dir / "missing.part", 10);
    auto missing = p.snapshot();
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, "io.open");
    // Starting over clears the failure.
    auto fresh = dir / "fresh.part";
    std::ofstream(fresh, std::ios::binary) << "abc";
    p.start(fresh, 3);
    EXPECT_FALSE(p.error());
    auto abc = p.snapshot();
    ASSERT_TRUE(abc.ok());
    EXPECT_EQ(dl::sha256_finish_hex(*abc), dl::sha256_hex("abc"));
}

// A restart (the file changed on the server, a damaged copy moved aside) abandons a read in
// progress, and the file is opened afresh: the hash never mixes the old file into the new.
TEST(HashPipeline, StartingOverAbandonsTheOldFile) {
    const std::string big = random_bytes(32u << 20, 11);
    auto dir = scratch_dir("hash-pipeline-restart");
    auto path = dir / "big.part";
    std::ofstream(path, std::ios::binary).write(big.data(), static_cast<std::streamsize>(big.size()));
    dl::HashPipeline p;
    p.start(path, static_cast<int64_t>(big.size()));
    std::filesystem::rename(path, dir / "big.corrupt");
    p.start(path, 0);
    std::ofstream(path, std::ios::binary) << "abc";
    p.written(3);
    auto abc = p.snapshot();
    ASSERT_TRUE(abc.ok()) << abc.error().message;
    EXPECT_EQ(abc->total_bytes, 3u);
    EXPECT_EQ(dl::sha256_finish_hex(*abc), dl::sha256_hex("abc"));
}

TEST(TransferState, NamesRoundTrip) {
    for (auto s : {dl::TransferState::queued, dl::TransferState::running, dl::TransferState::paused,
                   dl::TransferState::verifying, dl::TransferState::done, dl::TransferState::failed,
                   dl::TransferState::cancelled})
        EXPECT_EQ(dl::transfer_state_from_string(dl::to_string(s)), s);
    EXPECT_FALSE(dl::transfer_state_from_string("bogus"));
}

}  // namespace
}  // namespace hearth::test
