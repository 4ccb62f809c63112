#include "storage/reply_appender.h"

#include "base/stop_reason.h"
#include "storage/messages.h"
#include "storage/token_blob.h"

namespace hearth::storage {

ReplyAppender::ReplyAppender(Database& db, int64_t message_id, AppenderOptions options,
                             std::function<void(const BatchCommitted&)> on_commit)
    : db_(db), message_id_(message_id), options_(options), on_commit_(std::move(on_commit)) {
    if (options_.interval.count() <= 0) options_.interval = std::chrono::milliseconds(500);
    timer_ = std::thread([this] { timer_loop(); });
}

ReplyAppender::~ReplyAppender() {
    bool need_finish;
    {
        std::lock_guard lock(mu_);
        need_finish = !finished_;
    }
    if (need_finish)
        (void)finish(ReplyStats{std::nullopt, std::nullopt, std::string(stop_reason_code(StopReason::Cancelled))});
    {
        std::lock_guard lock(mu_);
        stop_timer_ = true;
    }
    cv_.notify_all();
    if (timer_.joinable()) timer_.join();
}

void ReplyAppender::add_token(std::string_view text, float prob) {
    std::lock_guard lock(mu_);
    if (finished_) return;
    if (text_.empty() && tokens_ == 0) {
        batch_started_ = std::chrono::steady_clock::now();
        cv_.notify_all();  // the timer sleeps until a batch begins
    }
    text_.append(text);
    if (options_.record_probs) probs_.push_back(prob);
    ++tokens_;
}

void ReplyAppender::add_token(const TokenInfo& info, std::string_view text) {
    std::lock_guard lock(mu_);
    if (finished_) return;
    if (text_.empty() && thinking_.empty() && tokens_ == 0 && token_data_.empty()) {
        batch_started_ = std::chrono::steady_clock::now();
        cv_.notify_all();
    }
    (info.part == ReplyPart::Thinking ? thinking_ : text_).append(text);
    if (info.token < 0) return;
    append_token_records(std::span(&info, 1), token_data_);
    if (options_.record_probs) probs_.push_back(info.probability);
    ++tokens_;
}

// The timer, not add_token, decides when to write, so a stalled generation still gets
// its last tokens saved within one interval.
void ReplyAppender::timer_loop() {
    std::unique_lock lock(mu_);
    while (!stop_timer_) {
        if (tokens_ == 0 || finished_) {
            cv_.wait(lock, [&] { return stop_timer_ || (tokens_ > 0 && !finished_); });
            continue;
        }
        auto due = batch_started_ + options_.interval;
        if (cv_.wait_until(lock, due, [&] { return stop_timer_ || finished_; })) continue;
        if (tokens_ > 0) flush_locked(lock);
    }
}

void ReplyAppender::flush_locked(std::unique_lock<std::mutex>&) {
    MessageChunk chunk{std::move(text_), std::move(thinking_), tokens_, std::move(probs_), std::move(token_data_)};
    text_.clear();
    thinking_.clear();
    probs_.clear();
    token_data_.clear();
    tokens_ = 0;
    const int64_t tokens = chunk.tokens;
    int64_t id = message_id_;
    auto totals = totals_;
    auto on_commit = on_commit_;
    int64_t bytes = static_cast<int64_t>(chunk.text.size() + chunk.thinking.size());
    db_.write<void>(
        [id, chunk = std::move(chunk)](Connection& c) { return append_to_message(c, id, chunk); },
        [totals, on_commit, tokens, bytes](Status st) {
            if (st) {
                totals->tokens += tokens;
                totals->bytes += bytes;
            }
            ++totals->batches;
            if (on_commit) on_commit(BatchCommitted{totals->batches, totals->tokens, totals->bytes, st});
        });
}

std::future<Status> ReplyAppender::finish(const ReplyStats& stats) {
    std::unique_lock lock(mu_);
    if (finished_) {
        std::promise<Status> p;
        p.set_value(make_error("storage.finished", "This reply was already saved in full."));
        return p.get_future();
    }
    if (tokens_ > 0 || !text_.empty() || !thinking_.empty()) flush_locked(lock);
    finished_ = true;
    cv_.notify_all();
    int64_t id = message_id_;
    return db_.write<void>([id, stats](Connection& c) {
        return finish_message(c, id, stats.ttft_ms, stats.tokens_per_s, stats.stop_reason, stats.stats_json);
    });
}

}  // namespace hearth::storage
