// The small pieces under the download engine: backoff, Retry-After, response headers, the
// speed meter, the hashing thread (including a resumed .part read behind the writer).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "downloader/response_headers.h"
#include "downloader/retry_policy.h"
#include "downloader/speed_meter.h"
#include "downloader/transfer_types.h"

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

TEST(TransferState, NamesRoundTrip) {
    for (auto s : {dl::TransferState::queued, dl::TransferState::running, dl::TransferState::paused,
                   dl::TransferState::verifying, dl::TransferState::done, dl::TransferState::failed,
                   dl::TransferState::cancelled})
        EXPECT_EQ(dl::transfer_state_from_string(dl::to_string(s)), s);
    EXPECT_FALSE(dl::transfer_state_from_string("bogus"));
}

}  // namespace
}  // namespace hearth::test
