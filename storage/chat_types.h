// The rows of a chat, as plain structs. Times are milliseconds since the Unix epoch.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/token_info.h"

namespace hearth::storage {

struct Conversation {
    int64_t id = 0;
    std::string title;
    int64_t created_at = 0, updated_at = 0;
    std::string model;          // the model the chat uses (path or catalog name)
    std::string system_prompt;
    std::string sampling_json = "{}";  // sampler settings, as the sampling module writes them
    bool pinned = false;
    std::string folder;         // "" for none
    std::optional<int64_t> active_leaf_id;  // last message of the visible branch
    std::optional<int64_t> deleted_at;      // set while the chat sits in the trash
};

// Every member has a default so callers can name only what they set: {.title = "New chat"}.
struct NewConversation {
    std::string title{}, model{}, system_prompt{}, sampling_json = "{}", folder{};
    bool pinned = false;
};

struct Message {
    int64_t id = 0, conversation_id = 0;
    std::optional<int64_t> parent_id;  // none for the first message of a branch
    std::string role;                  // system | user | assistant | tool
    std::string content;
    std::string model, quant;          // what generated it (assistant messages)
    int64_t token_count = 0;
    std::optional<int64_t> ttft_ms;    // time to first token
    std::optional<double> tokens_per_s;
    std::string stop_reason;           // base/stop_reason.h's codes: eos | length | stop | context_full |
                                       // cancelled | error ("" while streaming)
    std::vector<float> token_probs;    // per token; empty when not recorded (stored as uint16)
    std::string thinking;              // assistant: the reasoning streamed before the answer
    std::vector<TokenInfo> tokens;     // assistant: per-token data (storage/token_blob.h); empty when not recorded
    std::string stats_json;            // assistant: sampling::reply_record_json; "" when not recorded
    int64_t created_at = 0;
    // Position among the messages sharing its parent, for the "2/3" arrows (1-based);
    // filled by the reading functions.
    int sibling_index = 0, sibling_count = 0;
};

struct NewMessage {
    std::string role{}, content{}, model{}, quant{};
    int64_t token_count = 0;
    std::optional<int64_t> ttft_ms{};
    std::optional<double> tokens_per_s{};
    std::string stop_reason{};
    std::vector<float> token_probs{};
    std::string thinking{};
    std::vector<TokenInfo> tokens{};
    std::string stats_json{};
};

}  // namespace hearth::storage
