// Messages form a tree per conversation: editing a message or regenerating a reply adds a
// sibling (same parent) instead of overwriting, so no text is ever lost. The conversation's
// active leaf picks the visible branch: the leaf and its ancestors.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "storage/chat_types.h"

namespace hearth::storage {

struct Connection;

// Adds msg under parent (or, when parent is none, under the conversation's active leaf) and
// makes it the active leaf. Bumps the conversation's updated_at.
Result<int64_t> append_message(Connection& c, int64_t conversation_id, const NewMessage& msg,
                               std::optional<int64_t> parent = std::nullopt);
// Like append_message but with an explicit parent; std::nullopt parent means a new root.
Result<int64_t> add_message(Connection& c, int64_t conversation_id, std::optional<int64_t> parent,
                            const NewMessage& msg);

Result<Message> get_message(Connection& c, int64_t id);

// A new sibling of message_id with the same role and new text; it becomes the active leaf.
Result<int64_t> edit_message(Connection& c, int64_t message_id, const std::string& content);
// A new, empty assistant sibling of assistant message message_id (storage.bad_role otherwise),
// made the active leaf, ready for a ReplyAppender. model/quant name what will generate it.
Result<int64_t> regenerate_message(Connection& c, int64_t message_id, const std::string& model,
                                   const std::string& quant);

// Makes message_id the active leaf of its conversation as is.
Status set_active_leaf(Connection& c, int64_t message_id);
// Shows the branch through message_id: from it, follows the newest child down to a leaf and
// makes that the active leaf. Returns the leaf.
Result<int64_t> switch_branch(Connection& c, int64_t message_id);
// message_id and its siblings, oldest first, each with sibling_index/sibling_count.
Result<std::vector<Message>> list_siblings(Connection& c, int64_t message_id);

// A slice of the visible branch, oldest first. Load the last N messages first
// (before = none), then earlier ones with before = the oldest message already shown.
struct PathPage {
    std::vector<Message> messages;
    bool has_earlier = false;
};
Result<PathPage> load_active_path(Connection& c, int64_t conversation_id, int limit,
                                  std::optional<int64_t> before = std::nullopt);
// The whole visible branch (for export and for building the prompt).
Result<std::vector<Message>> active_path(Connection& c, int64_t conversation_id);

// Used while streaming: adds text (and tokens, probabilities) to the end of a message.
Status append_to_message(Connection& c, int64_t message_id, const std::string& text, int64_t tokens,
                         const std::vector<float>& probs);
// One streamed batch: answer and thinking text, the token count, and per-token data.
struct MessageChunk {
    std::string text;                // appended to content
    std::string thinking;            // appended to thinking
    int64_t tokens = 0;
    std::vector<float> probs;        // appended to token_probs (see encode_probs)
    std::vector<uint8_t> token_data; // appended to token_data (storage/token_blob.h)
};
Status append_to_message(Connection& c, int64_t message_id, const MessageChunk& chunk);
// Records how a generated message ended: stop_reason is a base/stop_reason.h code, stats_json
// what sampling::reply_record_json wrote ("" keeps what is there).
Status finish_message(Connection& c, int64_t message_id, std::optional<int64_t> ttft_ms,
                      std::optional<double> tokens_per_s, const std::string& stop_reason,
                      const std::string& stats_json = {});

// Token probabilities <-> the stored blob (uint16 little-endian, p * 65535, rounded).
std::vector<uint8_t> encode_probs(const std::vector<float>& probs);
std::vector<float> decode_probs(const std::vector<uint8_t>& blob);

}  // namespace hearth::storage
