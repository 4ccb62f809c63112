// Conversations: create, rename, pin, folders, soft delete with undo, purge, and the
// conversation list paged by key (pinned first, then most recently updated).
//
// All functions take a Connection: run writes inside Database::write(), reads inside
// Database::read()/read_async(). Missing ids give storage.not_found.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "storage/chat_types.h"

namespace hearth::storage {

struct Connection;

Result<int64_t> create_conversation(Connection& c, const NewConversation& conv);
Result<Conversation> get_conversation(Connection& c, int64_t id);  // trashed ones too

Status rename_conversation(Connection& c, int64_t id, const std::string& title);
Status set_pinned(Connection& c, int64_t id, bool pinned);
Status move_to_folder(Connection& c, int64_t id, const std::string& folder);  // "" = no folder
Status set_conversation_options(Connection& c, int64_t id, const std::string& model,
                                const std::string& system_prompt, const std::string& sampling_json);

// Soft delete: the chat leaves the list and search but stays restorable until purged.
Status delete_conversation(Connection& c, int64_t id);
Status undo_delete_conversation(Connection& c, int64_t id);
// Deletes for good the chats trashed before cutoff (ms since epoch); returns how many.
Result<int64_t> purge_deleted(Connection& c, int64_t cutoff);
Result<std::vector<Conversation>> list_deleted(Connection& c);

// Where the next page starts: the sort key of the last row of the previous page.
struct ConversationCursor {
    bool pinned = false;
    int64_t updated_at = 0;
    int64_t id = 0;
};
struct ConversationPage {
    std::vector<Conversation> items;
    std::optional<ConversationCursor> next;  // none after the last page
};
// One page of live (not trashed) chats, pinned first then newest first. folder filters
// when given. Keyset paging: each page costs the same however deep the user scrolls.
Result<ConversationPage> list_conversations(Connection& c, int limit,
                                            const std::optional<ConversationCursor>& after = std::nullopt,
                                            const std::optional<std::string>& folder = std::nullopt);
// The folder names in use, sorted.
Result<std::vector<std::string>> list_folders(Connection& c);

}  // namespace hearth::storage
