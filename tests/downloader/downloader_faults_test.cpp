// The download engine against a local server that misbehaves in every way the network does.
// Each case ends with the exact file (hash verified) or a clear error with the .part kept.
#include <cerrno>
#include <mutex>
#include <thread>

#include "closed_port.h"
#include "downloader_fixture.h"

namespace hearth::test {
namespace {

using dl::TransferState;

TEST_F(DownloaderTest, PlainDownloadIsVerifiedAndRenamedIntoPlace) {
    dl::Downloader d(store, fast_options());
    auto id = d.add(request());
    ASSERT_TRUE(id.ok());
    auto p = d.wait(*id, kWait);
    ASSERT_EQ(p.state, TransferState::done) << describe(p);
    expect_exact(dir / "model.bin", content);
    auto reqs = server.requests("/model.bin");
    ASSERT_EQ(reqs.size(), 1u);
    EXPECT_EQ(reqs[0].user_agent.rfind("Hearth/", 0), 0u) << reqs[0].user_agent;
    EXPECT_TRUE(reqs[0].authorization.empty());
    auto rec = store.get(*id);
    ASSERT_TRUE(rec.ok() && rec->has_value());
    EXPECT_EQ((*rec)->state, "done");
    EXPECT_EQ((*rec)->bytes_done, static_cast<int64_t>(content.size()));
}

TEST_F(DownloaderTest, DroppedConnectionResumesWithRangeAndIfRange) {
    Fault f;
    f.kind = Fault::drop_after;
    f.offset = 100'000;
    server.add_fault("/model.bin", f);
    auto p = download();
    ASSERT_EQ(p.state, TransferState::done) << describe(p);
    expect_exact(dir / "model.bin", content);
    auto reqs = server.requests("/model.bin");
    ASSERT_EQ(reqs.size(), 2u);
    EXPECT_EQ(reqs[1].range, "bytes=100000-");
    EXPECT_EQ(reqs[1].if_range, "\"v1\"");
}

TEST_F(DownloaderTest, ServiceUnavailableIsRetried) {
    Fault f;
    f.kind = Fault::status;
    f.code = 503;
    server.add_fault("/model.bin", f);
    server.add_fault("/model.bin", f);
    auto p = download();
    ASSERT_EQ(p.state, TransferState::done) << describe(p);
    expect_exact(dir / "model.bin", content);
    EXPECT_EQ(server.request_count("/model.bin"), 3);
}

TEST_F(DownloaderTest, TooManyRequestsHonoursRetryAfter) {
    Fault f;
    f.kind = Fault::status;
    f.code = 429;
    f.retry_after = "1";
    server.add_fault("/model.bin", f);
    ProgressLog log;
    dl::Downloader d(store, fast_options(), log.callback());
    auto id = d.add(request());
    auto p = d.wait(*id, kWait);
    ASSERT_EQ(p.state, TransferState::done) << describe(p);
    expect_exact(dir / "model.bin", content);
    bool saw_note = false;
    for (const auto& e : log.for_id(*id)) saw_note |= e.note.find("retrying in 1.0 s") != std::string::npos;
    EXPECT_TRUE(saw_note) << "the wait should be the server's Retry-After, not the backoff";
}

TEST_F(DownloaderTest, StalledBodyIsDroppedAndResumed) {
    Fault f;
    f.kind = Fault::stall;
    f.offset = 50'000;
    f.delay_ms = 40'000;  // longer than the whole wait: only the stall timeout ends it
    server.add_fault("/model.bin", f);
    auto o = fast_options();
    // Well above any pause a loaded machine makes in a local transfer, well below the stall.
    o.stall_timeout_ms = 2000;
    dl::Downloader d(store, o);
    auto id = d.add(request());
    ASSERT_TRUE(id.ok());
    auto p = d.wait(*id, kWait);
    ASSERT_EQ(p.state, TransferState::done) << describe(p);
    expect_exact(dir / "model.bin", content);
    auto reqs = server.requests("/model.bin");
    ASSERT_EQ(reqs.size(), 2u);
    EXPECT_EQ(reqs[1].range, "bytes=50000-");
}

TEST_F(DownloaderTest, RedirectToAnotherHostDropsTheToken) {
    TestServer cdn;
    cdn.put("/blob", Resource{content, "\"cdn\""});
    Fault f;
    f.kind = Fault::redirect;
    f.location = cdn.url("/blob");
    server.add_fault("/model.bin", f);
    auto o = fast_options();
    o.hf_token = "hf_secret_token";
    dl::Downloader d(store, o);
    auto r = request();
    r.send_token = true;
    auto id = d.add(r);
    auto p = d.wait(*id, kWait);
    ASSERT_EQ(p.state, TransferState::done) << describe(p);
    expect_exact(dir / "model.bin", content);
    auto first = server.requests("/model.bin");
    ASSERT_EQ(first.size(), 1u);
    EXPECT_EQ(first[0].authorization, "Bearer hf_secret_token");
    auto second = cdn.requests("/blob");
    ASSERT_EQ(second.size(), 1u);
    EXPECT_TRUE(second[0].authorization.empty()) << "the token leaked to another host";
    auto rec = store.get(*id);
    ASSERT_TRUE(rec.ok() && rec->has_value());
    EXPECT_EQ((*rec)->url.find("hf_secret_token"), std::string::npos);
    EXPECT_EQ((*rec)->error.find("hf_secret_token"), std::string::npos);
}

TEST_F(DownloaderTest, IgnoredRangeRestartsFromZeroInsteadOfAppending) {
    Fault drop;
    drop.kind = Fault::drop_after;
    drop.offset = 120'000;
    Fault ignore;
    ignore.kind = Fault::ignore_range;
    server.add_fault("/model.bin", drop);
    server.add_fault("/model.bin", ignore);
    auto p = download();
    ASSERT_EQ(p.state, TransferState::done) << describe(p);
    expect_exact(dir / "model.bin", content);
    auto reqs = server.requests("/model.bin");
    ASSERT_EQ(reqs.size(), 2u);
    EXPECT_EQ(reqs[1].range, "bytes=120000-");
}

TEST_F(DownloaderTest, FileChangedOnServerIsNeverSpliced) {
    std::string v2 = pattern_bytes(content.size(), 99);
    Fault drop;
    drop.kind = Fault::drop_after;
    drop.offset = 100'000;
    drop.replace_after = std::make_shared<Resource>(Resource{v2, "\"v2\""});
    server.add_fault("/model.bin", drop);
    dl::Downloader d(store, fast_options());
    auto r = request();
    r.expected_sha256 = dl::sha256_hex(v2);  // the published hash is the new file's
    auto id = d.add(r);
    auto p = d.wait(*id, kWait);
    ASSERT_EQ(p.state, TransferState::done) << describe(p);
    expect_exact(dir / "model.bin", v2);
    auto reqs = server.requests("/model.bin");
    ASSERT_EQ(reqs.size(), 2u);
    EXPECT_EQ(reqs[1].if_range, "\"v1\"");
    EXPECT_FALSE(std::filesystem::exists(dir / "model.bin.corrupt")) << "If-Range should avoid any splice";
}

TEST_F(DownloaderTest, ShortContentLengthIsCompletedWithARange) {
    Fault f;
    f.kind = Fault::wrong_length;
    f.length_delta = -1000;
    server.add_fault("/model.bin", f);
    auto p = download();
    ASSERT_EQ(p.state, TransferState::done) << describe(p);
    expect_exact(dir / "model.bin", content);
    auto reqs = server.requests("/model.bin");
    ASSERT_EQ(reqs.size(), 2u);
    EXPECT_EQ(reqs[1].range, "bytes=" + std::to_string(content.size() - 1000) + "-");
}

TEST_F(DownloaderTest, OverlongContentLengthIsResumed) {
    Fault f;
    f.kind = Fault::wrong_length;
    f.length_delta = 5000;  // promises more than it sends, then hangs up
    server.add_fault("/model.bin", f);
    auto p = download();
    ASSERT_EQ(p.state, TransferState::done) << describe(p);
    expect_exact(dir / "model.bin", content);
}

TEST_F(DownloaderTest, FlippedByteIsCaughtByTheHashAndDownloadedAgain) {
    Fault f;
    f.kind = Fault::flip_byte;
    f.offset = 12'345;
    server.add_fault("/model.bin", f);
    auto p = download();
    ASSERT_EQ(p.state, TransferState::done) << describe(p);
    expect_exact(dir / "model.bin", content);
    EXPECT_TRUE(std::filesystem::exists(dir / "model.bin.corrupt")) << "the bad copy is kept aside";
    EXPECT_EQ(server.request_count("/model.bin"), 2);
}

TEST_F(DownloaderTest, DamagedTwiceFailsWithAClearError) {
    Fault f;
    f.kind = Fault::flip_byte;
    f.offset = 5;
    server.add_fault("/model.bin", f);
    server.add_fault("/model.bin", f);
    auto p = download();
    ASSERT_EQ(p.state, TransferState::failed) << describe(p);
    ASSERT_TRUE(p.error);
    EXPECT_EQ(p.error->code, "download.corrupt");
    EXPECT_NE(p.error->message.find("SHA-256"), std::string::npos) << p.error->message;
    EXPECT_FALSE(std::filesystem::exists(dir / "model.bin"));
}

// The bytes match their hash but are no model (a repository that published the wrong file):
// the check runs on the .part, before the rename, so a file that is not a usable GGUF never
// appears under the model's name, not even for a moment. It runs off the download thread.
TEST_F(DownloaderTest, AFileThatIsNotGgufIsNeverPublished) {
    std::mutex mu;
    std::thread::id worker_thread, check_thread;
    bool dest_existed = true;
    std::filesystem::path checked;
    auto o = fast_options();
    o.gguf_check = [&](const std::filesystem::path& p) -> Status {
        std::lock_guard lock(mu);
        checked = p;
        check_thread = std::this_thread::get_id();
        dest_existed = std::filesystem::exists(dir / "model.bin");
        return make_error("gguf.magic", "the file does not start with GGUF");
    };
    dl::Downloader d(store, o, [&](const dl::Progress&) {
        std::lock_guard lock(mu);
        worker_thread = std::this_thread::get_id();
    });
    auto r = request();
    r.check_gguf = true;
    auto id = d.add(r);
    auto p = d.wait(*id, kWait);
    ASSERT_EQ(p.state, TransferState::failed) << describe(p);
    EXPECT_EQ(p.error->code, "download.not_gguf");
    EXPECT_NE(p.error->message.find("GGUF"), std::string::npos) << p.error->message;
    std::lock_guard lock(mu);
    EXPECT_EQ(checked, dir / "model.bin.part");
    EXPECT_FALSE(dest_existed) << "the file was published before its check";
    EXPECT_NE(check_thread, worker_thread) << "the check ran on the download thread";
    EXPECT_FALSE(std::filesystem::exists(dir / "model.bin"));
    EXPECT_EQ(read_file(dir / "model.bin.corrupt"), content) << "the file is kept aside for the user";
}

TEST_F(DownloaderTest, SlowTrickleCompletesWithSpeedAndEta) {
    Fault f;
    f.kind = Fault::trickle;
    f.chunk = 8192;
    f.delay_ms = 10;
    server.add_fault("/model.bin", f);
    ProgressLog log;
    dl::Downloader d(store, fast_options(), log.callback());
    auto id = d.add(request());
    auto p = d.wait(*id, kWait);
    ASSERT_EQ(p.state, TransferState::done) << describe(p);
    expect_exact(dir / "model.bin", content);
    bool saw_speed = false, saw_eta = false;
    for (const auto& e : log.for_id(*id)) {
        saw_speed |= e.state == TransferState::running && e.bytes_per_second > 0;
        saw_eta |= e.eta_seconds > 0;
    }
    EXPECT_TRUE(saw_speed);
    EXPECT_TRUE(saw_eta);
}

TEST_F(DownloaderTest, NotFoundAndUnauthorizedAreClearErrors) {
    dl::Downloader d(store, fast_options());
    auto r = request("/missing.bin");
    r.repo = "someone/model";
    r.file = "missing.bin";
    auto id = d.add(r);
    auto p = d.wait(*id, kWait);
    ASSERT_EQ(p.state, TransferState::failed);
    EXPECT_EQ(p.error->code, "download.not_found");
    EXPECT_NE(p.error->message.find("someone/model/missing.bin"), std::string::npos);

    Fault f;
    f.kind = Fault::status;
    f.code = 401;
    server.add_fault("/model.bin", f);
    auto r2 = request();
    r2.dest = dir / "gated.bin";
    auto id2 = d.add(r2);
    auto p2 = d.wait(*id2, kWait);
    ASSERT_EQ(p2.state, TransferState::failed);
    EXPECT_EQ(p2.error->code, "download.unauthorized");
    EXPECT_NE(p2.error->message.find("HF_TOKEN"), std::string::npos);
}

TEST_F(DownloaderTest, UnreachableServerGivesUpWithoutHanging) {
    ClosedPort dead;
    ASSERT_NE(dead.port(), 0);
    auto o = fast_options();
    o.max_attempts = 2;
    dl::Downloader d(store, o);
    auto r = request();
    r.url = dead.url() + "/model.bin";
    auto id = d.add(r);
    auto p = d.wait(*id, kWait);
    ASSERT_EQ(p.state, TransferState::failed) << describe(p);
    EXPECT_EQ(p.error->code, "download.gave_up");
}

}  // namespace
}  // namespace hearth::test
