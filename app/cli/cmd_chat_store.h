// What `hearth-cli chat` keeps in the chat database, in the app's shapes: a conversation's
// visible branch loaded into a ChatSession (the replies' sampled ids restored from their token
// data, so a restarted chat reuses nothing it should not and re-tokenizes nothing), and the
// message ids the commands /regen and /edit act on.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "inference/engine/chat_session.h"
#include "storage/database.h"

namespace hearth::cli {

struct LoadedChat {
    engine::ChatSession session;
    std::vector<int64_t> message_ids;  // the database id of each of session.turns() (0 for the system prompt)
    std::string title;
};

// Loads conversation `id`'s visible branch. Replies that `model_name` wrote get their sampled
// ids back; other models' replies are tokenized from their text (their ids mean nothing to
// this vocabulary). Errors: storage's ("storage.not_found", ...).
Result<LoadedChat> load_chat(storage::Database& db, const engine::OpenModel& model, const std::string& model_name,
                             int64_t id, bool enable_thinking);

}  // namespace hearth::cli
