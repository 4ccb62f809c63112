// Writes a streamed reply to the database as it is generated, in batches.
//
// One transaction per token would cost an fsync-sized write 30 times a second; instead the
// appender buffers tokens in memory and hands a batch to the writer thread about every
// `interval` (0.5 s by default), plus once at the end. A crash therefore loses at most the
// last interval of text. add_token() never touches the disk, so the generation loop never
// waits on it.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "base/result.h"
#include "base/token_info.h"
#include "storage/database.h"

namespace hearth::storage {

struct AppenderOptions {
    std::chrono::milliseconds interval{500};
    bool record_probs = false;  // keep each token's probability (see Message::token_probs)
};

// Sent after each batch's transaction ends, on the storage writer thread.
struct BatchCommitted {
    int64_t batch = 0;             // 1, 2, ...
    int64_t tokens_committed = 0;  // total so far, including this batch
    int64_t bytes_committed = 0;   // total text bytes so far
    Status status;                 // the batch's write error, if any
};

struct ReplyStats {
    std::optional<int64_t> ttft_ms;
    std::optional<double> tokens_per_s;
    std::string stop_reason;   // base/stop_reason.h's stop_reason_code
    std::string stats_json{};  // sampling::reply_record_json of the reply ("" for none)
};

class ReplyAppender {
public:
    // message_id: an existing message (usually a fresh assistant message from append_message
    // or regenerate_message) that the text is added to.
    ReplyAppender(Database& db, int64_t message_id, AppenderOptions options = {},
                  std::function<void(const BatchCommitted&)> on_commit = {});
    ~ReplyAppender();  // finishes with the stats so far (stop reason "cancelled") if finish() was not called
    ReplyAppender(const ReplyAppender&) = delete;
    ReplyAppender& operator=(const ReplyAppender&) = delete;

    // Buffers one token's text. prob is used when options.record_probs.
    void add_token(std::string_view text, float prob = 0.0f);
    // Buffers one generated token with its data (engine::ReplyToken): the text goes to the
    // answer or the thinking as info.part says, the data to the message's token_data. An
    // info.token below 0 marks text without a token (released at the end, or split across parts).
    void add_token(const TokenInfo& info, std::string_view text);
    // Writes the rest and the stats; the future is ready when that transaction is done.
    // Later calls to add_token are ignored.
    std::future<Status> finish(const ReplyStats& stats);

    int64_t message_id() const { return message_id_; }

private:
    void timer_loop();
    void flush_locked(std::unique_lock<std::mutex>& lock);  // hands the buffer to the writer

    Database& db_;
    int64_t message_id_;
    AppenderOptions options_;
    std::function<void(const BatchCommitted&)> on_commit_;

    std::mutex mu_;
    std::condition_variable cv_;
    std::string text_;
    std::string thinking_;
    std::vector<uint8_t> token_data_;
    std::vector<float> probs_;
    int64_t tokens_ = 0;
    bool finished_ = false;
    bool stop_timer_ = false;
    std::chrono::steady_clock::time_point batch_started_{};
    // Totals, touched only on the writer thread (batches run there one after another).
    struct Totals {
        int64_t batches = 0, tokens = 0, bytes = 0;
    };
    std::shared_ptr<Totals> totals_ = std::make_shared<Totals>();
    std::thread timer_;
};

}  // namespace hearth::storage
