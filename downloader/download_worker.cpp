// The worker thread: one curl multi handle driving every transfer, and what each transfer does
// on each response (resume, restart, retry, verify, finish). See downloader.h for the contract.
#include "downloader/download_worker.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "downloader/disk_space.h"
#include "downloader/file_sink.h"
#include "downloader/retry_policy.h"
#include "downloader/sha256.h"

namespace fs = std::filesystem;

namespace hearth::dl {
namespace {

double seconds_since_start(Clock::time_point t) {
    static const Clock::time_point origin = Clock::now();
    return std::chrono::duration<double>(t - origin).count();
}

bool retryable_curl(CURLcode rc) {
    switch (rc) {
        case CURLE_COULDNT_RESOLVE_PROXY: case CURLE_COULDNT_RESOLVE_HOST: case CURLE_COULDNT_CONNECT:
        case CURLE_OPERATION_TIMEDOUT: case CURLE_PARTIAL_FILE: case CURLE_RECV_ERROR: case CURLE_SEND_ERROR:
        case CURLE_GOT_NOTHING: case CURLE_SSL_CONNECT_ERROR: case CURLE_HTTP2: case CURLE_HTTP2_STREAM:
        case CURLE_HTTP3: case CURLE_QUIC_CONNECT_ERROR: case CURLE_WEIRD_SERVER_REPLY:
            return true;
        default:
            return false;
    }
}

}  // namespace

Progress Downloader::Worker::snapshot(Job& j) {
    Progress p;
    p.id = j.id;
    p.state = j.state;
    p.bytes_done = j.bytes_done;
    p.total = j.total >= 0 ? j.total : j.req.expected_size;
    p.bytes_per_second = j.speed.rate;
    p.eta_seconds = j.state == TransferState::running ? eta_seconds(j.speed, j.bytes_done, p.total) : -1;
    p.attempt = j.attempt;
    p.note = j.note;
    p.error = j.error;
    p.dest = j.req.dest;
    return p;
}

void Downloader::Worker::set_state(Job& j, TransferState s, std::string note) {
    j.state = s;
    j.note = std::move(note);
    if (is_finished(s)) {
        j.writer.reset();
        j.part_loaded = false;
    }
    if (s != TransferState::running) j.speed.rate = 0;
    (void)owner.store_.update_progress(j.id, j.bytes_done, j.etag, j.last_modified);
    (void)owner.store_.set_state(j.id, to_string(s), j.error ? j.error->message : std::string());
    emit(j);
}

void Downloader::Worker::fail(Job& j, Error e) {
    stop_transfer(j);
    if (j.writer) j.bytes_done = j.writer->written();  // what the .part holds, for a later resume
    j.waiting = false;
    j.error = std::move(e);
    set_state(j, TransferState::failed, j.error->message);
}

void Downloader::Worker::drop_connection(Job& j) {
    if (j.easy) {
        curl_multi_remove_handle(multi, j.easy);
        curl_easy_cleanup(j.easy);
        j.easy = nullptr;
    }
    if (j.headers) curl_slist_free_all(j.headers);
    j.headers = nullptr;
    j.disk_wait = false;
}

void Downloader::Worker::stop_transfer(Job& j) {
    drop_connection(j);
    j.sealing = false;
    if (j.writer && !j.writer->close()) {
        // A write failed: only what reached the file counts, and the next attempt adopts it.
        j.bytes_done = j.writer->written();
        j.part_loaded = false;
    }
}

Status Downloader::Worker::restart_part(Job& j, int64_t keep) {
    if (!j.writer) {
        PartWriterOptions o;
        o.hash = !j.req.expected_sha256.empty();  // nothing to compare with: save the CPU
        o.wake = [m = multi] { curl_multi_wakeup(m); };
        if (j.req.check_gguf) o.check = opt.gguf_check;
        j.writer = std::make_unique<PartWriter>(j.part, opt.sink_factory ? opt.sink_factory() : make_posix_sink(),
                                                std::move(o));
    }
    if (auto st = j.writer->restart(keep); !st) return st;
    j.part_loaded = true;
    j.bytes_done = keep;
    speed_reset(j.speed, seconds_since_start(Clock::now()), keep);
    return {};
}

bool Downloader::Worker::reset_to_zero(Job& j) {
    if (auto st = restart_part(j, 0); !st) {
        fail(j, st.error());
        return false;
    }
    j.etag.clear();
    j.last_modified.clear();
    return true;
}

int64_t Downloader::Worker::part_size(const Job& j) {
    std::error_code ec;
    int64_t size = fs::exists(j.part, ec) ? static_cast<int64_t>(fs::file_size(j.part, ec)) : 0;
    if (ec) size = 0;
    if (j.req.expected_size >= 0 && size > j.req.expected_size) size = 0;  // cannot be ours
    return size;
}

size_t Downloader::Worker::on_header(char* data, size_t size, size_t n, void* user) {
    feed_header_line(static_cast<Job*>(user)->resp, std::string_view(data, size * n));
    return size * n;
}

size_t Downloader::Worker::on_body(char* data, size_t size, size_t n, void* user) {
    auto& j = *static_cast<Job*>(user);
    size_t bytes = size * n;
    if (!j.body_started) {
        j.body_started = true;
        if (!begin_body(j)) return 0;
    }
    if (j.status < 200 || j.status >= 300) {
        if (j.error_body.size() < 2048) j.error_body.append(data, std::min<size_t>(bytes, 2048));
        return bytes;
    }
    if (j.req.expected_size >= 0 && j.bytes_done + static_cast<int64_t>(bytes) > j.req.expected_size) {
        j.abort = Abort::too_long;
        return 0;
    }
    if (!j.writer->has_room(bytes)) {
        // The disk or the hash is behind: curl keeps these bytes and stops reading the socket
        // until check_writers() sees room, while the other transfers go on.
        j.disk_wait = true;
        j.disk_wait_bytes = bytes;
        return CURL_WRITEFUNC_PAUSE;
    }
    if (auto st = j.writer->append(data, bytes); !st) {
        j.sink_error = st.error();
        j.abort = Abort::sink_failed;
        return 0;
    }
    j.bytes_done += static_cast<int64_t>(bytes);
    j.last_byte = Clock::now();
    return bytes;
}

bool Downloader::Worker::begin_body(Job& j) {
    curl_easy_getinfo(j.easy, CURLINFO_RESPONSE_CODE, &j.status);
    if (j.status < 200 || j.status >= 300) return true;
    if (j.status == 206) {
        auto range = parse_content_range(j.resp.content_range);
        bool changed = !j.etag.empty() && !j.resp.etag.empty() && j.resp.etag != j.etag;
        if (!range || range->first != j.bytes_done || changed) {
            j.abort = Abort::restart;
            return false;
        }
        if (range->total >= 0) j.total = range->total;
    } else {
        // A full body: the server ignored the range or the file changed. Start over in place.
        if (j.bytes_done > 0) {
            if (auto st = j.writer->restart(0); !st) {
                j.sink_error = st.error();
                j.abort = Abort::sink_failed;
                return false;
            }
            j.bytes_done = 0;
            j.bytes_at_start = 0;
            speed_reset(j.speed, seconds_since_start(Clock::now()), 0);
        }
        curl_off_t len = -1;
        curl_easy_getinfo(j.easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &len);
        if (len >= 0) j.total = len;
    }
    if (j.req.expected_size >= 0) j.total = j.req.expected_size;
    j.etag = j.resp.etag;
    j.last_modified = j.resp.last_modified;
    return true;
}

void Downloader::Worker::start_attempt(Job& j) {
    j.waiting = false;
    if (!j.space_checked) {
        int64_t have = j.part_loaded ? j.bytes_done : part_size(j);
        int64_t need = j.req.expected_size >= 0 ? j.req.expected_size - have : 0;
        if (auto st = check_free_space(j.req.dest.parent_path(), need, opt.disk_reserve_bytes); !st)
            return fail(j, st.error());
        j.space_checked = true;
    }
    // Adopts the .part left by an earlier run: the hashing thread reads its bytes back while
    // the transfer appends new ones after them.
    if (!j.part_loaded) {
        if (auto st = restart_part(j, part_size(j)); !st) return fail(j, st.error());
    }
    if (j.req.expected_size >= 0 && j.bytes_done == j.req.expected_size) return finish(j);

    j.resp = {};
    j.status = 0;
    j.body_started = false;
    j.error_body.clear();
    j.abort = Abort::none;
    j.sink_error.reset();
    j.bytes_at_start = j.bytes_done;
    j.last_byte = Clock::now();

    CURL* e = curl_easy_init();
    if (!e)  // libcurl's only reason is memory
        return fail(j, make_error("download.no_memory", "Downloading " + j.req.dest.filename().string() +
                                                            " could not start: the computer is out of memory."));
    j.easy = e;
    curl_easy_setopt(e, CURLOPT_URL, j.req.url.c_str());
    curl_easy_setopt(e, CURLOPT_PRIVATE, &j);
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(e, CURLOPT_MAXREDIRS, 10L);
    curl_easy_setopt(e, CURLOPT_UNRESTRICTED_AUTH, 0L);  // no token to a CDN on another host
    curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(e, CURLOPT_USERAGENT, opt.user_agent.empty() ? default_user_agent().c_str()
                                                                  : opt.user_agent.c_str());
    curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, opt.connect_timeout_ms);
    curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
    curl_easy_setopt(e, CURLOPT_BUFFERSIZE, 512L * 1024);
    if (!opt.ca_bundle.empty()) curl_easy_setopt(e, CURLOPT_CAINFO, opt.ca_bundle.c_str());
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &Worker::on_header);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, &j);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &Worker::on_body);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, &j);
    if (j.bytes_done > 0) {
        std::string range = std::to_string(j.bytes_done) + "-";
        curl_easy_setopt(e, CURLOPT_RANGE, range.c_str());
        // If-Range: the server sends the whole (new) file instead of splicing a changed one.
        if (!j.etag.empty() && !is_weak_etag(j.etag))
            j.headers = curl_slist_append(j.headers, ("If-Range: " + j.etag).c_str());
        else if (!j.last_modified.empty())
            j.headers = curl_slist_append(j.headers, ("If-Range: " + j.last_modified).c_str());
    }
    if (j.req.send_token && !token.empty())
        j.headers = curl_slist_append(j.headers, ("Authorization: Bearer " + token).c_str());
    if (j.headers) curl_easy_setopt(e, CURLOPT_HTTPHEADER, j.headers);
    curl_multi_add_handle(multi, e);
    if (j.state != TransferState::running) set_state(j, TransferState::running);
}

void Downloader::Worker::schedule_retry(Job& j, const std::string& why, std::optional<long> server_delay_ms) {
    stop_transfer(j);
    bool progressed = j.bytes_done > j.bytes_at_start;
    j.attempt = progressed ? 1 : j.attempt + 1;
    if (j.attempt > opt.max_attempts) {
        return fail(j, make_error("download.gave_up", "Downloading " + j.req.dest.filename().string() + " failed " +
                                                          std::to_string(opt.max_attempts) + " times in a row (" + why +
                                                          "); the partial file is kept, resume later."));
    }
    long delay = server_delay_ms
                     ? std::min(*server_delay_ms, opt.retry_after_max_ms)
                     : backoff_delay_ms(j.attempt, opt.backoff_initial_ms, opt.backoff_max_ms,
                                        std::uniform_real_distribution<double>(0, 1)(rng));
    j.waiting = true;
    j.next_try = Clock::now() + std::chrono::milliseconds(delay);
    char secs[32];
    std::snprintf(secs, sizeof secs, "%.1f", static_cast<double>(delay) / 1000.0);
    j.note = "retrying in " + std::string(secs) + " s: " + why;
    emit(j);
}

void Downloader::Worker::restart_from_zero(Job& j, const std::string& why) {
    stop_transfer(j);
    if (++j.restarts > opt.max_attempts)
        return fail(j, make_error("download.unstable", "The server keeps changing " + j.req.url + " (" + why +
                                                           "); try again later."));
    if (!reset_to_zero(j)) return;
    j.waiting = true;
    j.next_try = Clock::now();
    j.note = "starting over: " + why;
    emit(j);
}

void Downloader::Worker::quarantine_or_fail(Job& j, const std::string& what) {
    stop_transfer(j);
    std::error_code ec;
    fs::path aside = j.req.dest;
    aside += ".corrupt";
    fs::rename(j.part, aside, ec);
    if (!j.quarantined_once) {
        j.quarantined_once = true;
        if (!reset_to_zero(j)) return;
        j.waiting = true;
        j.next_try = Clock::now();
        set_state(j, TransferState::running, what + "; the file was moved aside and is downloaded once more");
        return;
    }
    fail(j, make_error("download.corrupt", j.req.dest.filename().string() + " arrived damaged twice (" + what +
                                               "). The bad copy is at " + aside.string() +
                                               "; check your network or proxy and try again."));
}

void Downloader::Worker::finish(Job& j) {
    drop_connection(j);
    set_state(j, TransferState::verifying, "verifying");
    // The bytes reach the disk before the rename, so after a power cut the named file is either
    // absent or whole.
    j.writer->seal();
    j.sealing = true;
}

void Downloader::Worker::complete(Job& j, SealResult sealed) {
    if (!sealed.status) return fail(j, sealed.status.error());
    stop_transfer(j);
    if (j.req.expected_size >= 0 && j.bytes_done != j.req.expected_size)
        return quarantine_or_fail(j, "its size is " + std::to_string(j.bytes_done) + " bytes, not " +
                                         std::to_string(j.req.expected_size));
    if (sealed.hash) {
        std::string got = sha256_finish_hex(*sealed.hash);
        if (got != j.req.expected_sha256)
            return quarantine_or_fail(j, "its SHA-256 is " + got + ", not the published " + j.req.expected_sha256);
    }
    std::error_code ec;
    if (!sealed.check) {
        // The bytes are the published ones, so downloading again would not help.
        fs::path aside = j.req.dest;
        aside += ".corrupt";
        fs::rename(j.part, aside, ec);
        return fail(j, make_error("download.not_gguf", j.req.dest.filename().string() +
                                                           " downloaded, but it is not a usable GGUF model (" +
                                                           sealed.check.error().message + "). It is kept at " +
                                                           aside.string() + "."));
    }
    fs::rename(j.part, j.req.dest, ec);
    if (ec)
        return fail(j, make_error("disk.rename", "Cannot move the finished download into place at " +
                                                     j.req.dest.string() + ": " + ec.message() + "."));
    sync_directory(j.req.dest.parent_path());
    j.total = j.bytes_done;
    j.attempt = 0;
    set_state(j, TransferState::done);
}

void Downloader::Worker::on_done(Job& j, CURLcode rc) {
    if (!j.body_started && j.easy) curl_easy_getinfo(j.easy, CURLINFO_RESPONSE_CODE, &j.status);
    std::string host_said = j.status ? "the server answered " + std::to_string(j.status) : "";
    switch (j.abort) {
        case Abort::sink_failed: return fail(j, *j.sink_error);
        case Abort::restart: return restart_from_zero(j, "the file changed on the server");
        case Abort::too_long: return quarantine_or_fail(j, "the server sent more bytes than published");
        case Abort::none: break;
    }
    if (rc != CURLE_OK) {
        std::string why = curl_easy_strerror(rc);
        if (retryable_curl(rc)) return schedule_retry(j, why, std::nullopt);
        return fail(j, make_error("download.network", "Downloading " + j.req.url + " failed: " + why + "."));
    }
    if (j.status == 416) {
        if (j.req.expected_size >= 0 && j.bytes_done == j.req.expected_size) return finish(j);
        return restart_from_zero(j, "the server refused the resume range");
    }
    if (j.status < 200 || j.status >= 300) {
        if (is_retryable_status(j.status)) {
            auto after = parse_retry_after_ms(j.resp.retry_after, static_cast<int64_t>(std::time(nullptr)));
            return schedule_retry(j, host_said, after);
        }
        std::string name = j.req.repo.empty() ? j.req.url : j.req.repo + "/" + j.req.file;
        if (j.status == 401 || j.status == 403)
            return fail(j, make_error("download.unauthorized",
                                      "The server refused access to " + name + " (HTTP " + std::to_string(j.status) +
                                          "). If the model is gated, accept its licence on huggingface.co and set "
                                          "HF_TOKEN to an access token."));
        if (j.status == 404)
            return fail(j, make_error("download.not_found", name + " does not exist on the server (HTTP 404)."));
        return fail(j, make_error("download.http", "Downloading " + name + " failed: " + host_said + "."));
    }
    int64_t want = j.req.expected_size >= 0 ? j.req.expected_size : j.total;
    if (want >= 0 && j.bytes_done < want) return schedule_retry(j, "the connection ended early", std::nullopt);
    finish(j);
}

void Downloader::Worker::tick(Clock::time_point now) {
    double t = seconds_since_start(now);
    for (auto& [id, jp] : jobs) {
        Job& j = *jp;
        if (j.state != TransferState::running && j.state != TransferState::verifying) continue;
        if (j.writer) {
            if (auto e = j.writer->error()) {
                fail(j, *e);
                continue;
            }
            // Slow bytes still reach the file within a tick, so a killed process loses little.
            if (j.state == TransferState::running) j.writer->submit_partial();
        }
        speed_sample(j.speed, t, j.bytes_done);
        if (now - j.last_store >= std::chrono::milliseconds(opt.store_interval_ms)) {
            (void)owner.store_.update_progress(j.id, j.bytes_done, j.etag, j.last_modified);
            j.last_store = now;
        }
        emit(j);
    }
}

void Downloader::Worker::check_stalls(Clock::time_point now) {
    for (auto& [id, jp] : jobs) {
        Job& j = *jp;
        if (j.easy && !j.disk_wait && now - j.last_byte > std::chrono::milliseconds(opt.stall_timeout_ms))
            schedule_retry(j, "no data arrived for " + std::to_string(opt.stall_timeout_ms / 1000.0).substr(0, 4) +
                                  " s", std::nullopt);
    }
}

void Downloader::Worker::check_writers(Clock::time_point now) {
    for (auto& [id, jp] : jobs) {
        Job& j = *jp;
        if (!j.writer) continue;
        if (j.disk_wait && j.easy && j.writer->has_room(j.disk_wait_bytes)) {
            j.disk_wait = false;
            j.last_byte = now;  // the wait was the disk's, not the server's
            curl_easy_pause(j.easy, CURLPAUSE_CONT);
        }
        if (j.sealing) {
            if (auto sealed = j.writer->sealed()) {
                j.sealing = false;
                complete(j, std::move(*sealed));
            }
        }
    }
}

void Downloader::Worker::start_ready(Clock::time_point now) {
    int active = 0;
    for (auto& [id, jp] : jobs) active += jp->easy ? 1 : 0;
    for (auto& [id, jp] : jobs) {
        if (active >= opt.max_parallel) break;
        Job& j = *jp;
        bool live = j.state == TransferState::queued || j.state == TransferState::running ||
                    j.state == TransferState::verifying;
        bool ready = live && (j.state == TransferState::queued ? !j.waiting || j.next_try <= now
                                                               : j.waiting && j.next_try <= now);
        if (!ready || j.easy) continue;
        start_attempt(j);
        if (j.easy) ++active;
    }
}

long Downloader::Worker::poll_timeout_ms(Clock::time_point now) {
    auto until = next_tick;
    for (auto& [id, jp] : jobs)
        if (jp->waiting && jp->next_try < until) until = jp->next_try;
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(until - now).count();
    return std::clamp<long>(static_cast<long>(ms), 0, 1000);
}

void Downloader::Worker::run() {
    while (true) {
        std::vector<std::function<void(Worker&)>> cmds;
        {
            std::lock_guard lock(owner.mu_);
            cmds.swap(owner.commands_);
        }
        for (auto& c : cmds) c(*this);
        if (stop) break;
        auto now = Clock::now();
        start_ready(now);
        int running = 0;
        curl_multi_perform(multi, &running);
        int left = 0;
        while (CURLMsg* m = curl_multi_info_read(multi, &left)) {
            if (m->msg != CURLMSG_DONE) continue;
            Job* j = nullptr;
            curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, reinterpret_cast<char**>(&j));
            if (j) on_done(*j, m->data.result);
        }
        now = Clock::now();
        check_writers(now);
        check_stalls(now);
        if (now >= next_tick) {
            tick(now);
            next_tick = now + std::chrono::milliseconds(opt.progress_interval_ms);
        }
        curl_multi_poll(multi, nullptr, 0, static_cast<int>(poll_timeout_ms(Clock::now())), nullptr);
    }
    for (auto& [id, jp] : jobs) {
        Job& j = *jp;
        if (j.easy || j.waiting || j.state == TransferState::running) {
            stop_transfer(j);
            (void)owner.store_.update_progress(j.id, j.bytes_done, j.etag, j.last_modified);
            (void)owner.store_.set_state(j.id, "queued", "");
        }
    }
}

void Downloader::Worker::add_job(std::unique_ptr<Job> j) {
    Job& ref = *j;
    ref.part = ref.req.dest;
    ref.part += ".part";
    ref.speed.time_constant_s = opt.speed_time_constant_s;
    jobs[ref.id] = std::move(j);
    emit(ref);
}

void Downloader::Worker::pause(int64_t id) {
    auto it = jobs.find(id);
    if (it == jobs.end()) return;
    Job& j = *it->second;
    if (is_finished(j.state) || j.state == TransferState::paused) return;
    stop_transfer(j);
    j.waiting = false;
    set_state(j, TransferState::paused, "paused");
}

void Downloader::Worker::resume(int64_t id) {
    auto it = jobs.find(id);
    if (it == jobs.end()) return;
    Job& j = *it->second;
    if (j.state != TransferState::paused && j.state != TransferState::failed) return;
    j.error.reset();
    j.attempt = 0;
    j.restarts = 0;
    j.waiting = false;
    j.space_checked = false;
    if (j.state == TransferState::failed) j.part_loaded = false;  // the .part may have been touched
    set_state(j, TransferState::queued);
}

void Downloader::Worker::cancel(int64_t id) {
    auto it = jobs.find(id);
    if (it == jobs.end()) return;
    Job& j = *it->second;
    if (j.state == TransferState::done || j.state == TransferState::cancelled) return;
    stop_transfer(j);
    j.waiting = false;
    std::error_code ec;
    fs::remove(j.part, ec);
    j.bytes_done = 0;
    set_state(j, TransferState::cancelled, "cancelled");
}

}  // namespace hearth::dl
