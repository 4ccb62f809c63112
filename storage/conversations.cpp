#include "storage/conversations.h"

#include "storage/connection.h"

namespace hearth::storage {
namespace {

constexpr const char* kColumns =
    "id, title, created_at, updated_at, model, system_prompt, sampling_json, pinned, folder, "
    "active_leaf_id, deleted_at";

Conversation read_row(const Stmt& s) {
    Conversation r;
    r.id = s.i64(0);
    r.title = s.text(1);
    r.created_at = s.i64(2);
    r.updated_at = s.i64(3);
    r.model = s.text(4);
    r.system_prompt = s.text(5);
    r.sampling_json = s.text(6);
    r.pinned = s.i64(7) != 0;
    r.folder = s.text(8);
    r.active_leaf_id = s.opt_i64(9);
    r.deleted_at = s.opt_i64(10);
    return r;
}

Error not_found(int64_t id) {
    return make_error("storage.not_found",
                      "Conversation " + std::to_string(id) + " does not exist; it may have been deleted.");
}

// Runs an UPDATE whose ?1 is the conversation id and reports a missing row.
template <class Bind>
Status update_one(Connection& c, int64_t id, const std::string& sql, Bind bind) {
    Stmt s(c, sql);
    s.bind(1, id);
    bind(s);
    if (auto st = s.run(); !st) return st;
    if (changes(c) == 0) return not_found(id);
    return {};
}

Result<std::vector<Conversation>> collect(Stmt& s) { return s.rows(read_row); }

}  // namespace

Result<int64_t> create_conversation(Connection& c, const NewConversation& conv) {
    int64_t now = now_ms();
    Stmt s(c, "INSERT INTO conversations (title, created_at, updated_at, model, system_prompt, sampling_json, "
              "pinned, folder) VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7)");
    s.bind(1, conv.title).bind(2, now).bind(3, conv.model).bind(4, conv.system_prompt);
    s.bind(5, conv.sampling_json.empty() ? std::string("{}") : conv.sampling_json);
    s.bind(6, conv.pinned ? 1 : 0).bind(7, conv.folder);
    if (auto st = s.run(); !st) return st.error();
    return last_insert_id(c);
}

Result<Conversation> get_conversation(Connection& c, int64_t id) {
    Stmt s(c, std::string("SELECT ") + kColumns + " FROM conversations WHERE id = ?1");
    s.bind(1, id);
    auto r = s.step();
    if (!r) return r.error();
    if (!*r) return not_found(id);
    return read_row(s);
}

Status rename_conversation(Connection& c, int64_t id, const std::string& title) {
    return update_one(c, id, "UPDATE conversations SET title = ?2, updated_at = ?3 WHERE id = ?1",
                      [&](Stmt& s) { s.bind(2, title).bind(3, now_ms()); });
}

// Pinning and filing do not touch updated_at: they are not activity in the chat.
Status set_pinned(Connection& c, int64_t id, bool pinned) {
    return update_one(c, id, "UPDATE conversations SET pinned = ?2 WHERE id = ?1",
                      [&](Stmt& s) { s.bind(2, pinned ? 1 : 0); });
}

Status move_to_folder(Connection& c, int64_t id, const std::string& folder) {
    return update_one(c, id, "UPDATE conversations SET folder = ?2 WHERE id = ?1",
                      [&](Stmt& s) { s.bind(2, folder); });
}

Status set_conversation_options(Connection& c, int64_t id, const std::string& model,
                                const std::string& system_prompt, const std::string& sampling_json) {
    return update_one(c, id,
                      "UPDATE conversations SET model = ?2, system_prompt = ?3, sampling_json = ?4 WHERE id = ?1",
                      [&](Stmt& s) {
                          s.bind(2, model).bind(3, system_prompt);
                          s.bind(4, sampling_json.empty() ? std::string("{}") : sampling_json);
                      });
}

Status delete_conversation(Connection& c, int64_t id) {
    return update_one(c, id, "UPDATE conversations SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
                      [&](Stmt& s) { s.bind(2, now_ms()); });
}

Status undo_delete_conversation(Connection& c, int64_t id) {
    return update_one(c, id, "UPDATE conversations SET deleted_at = NULL WHERE id = ?1 AND deleted_at IS NOT NULL",
                      [](Stmt&) {});
}

Result<int64_t> purge_deleted(Connection& c, int64_t cutoff) {
    // Messages go by cascade; the FTS triggers drop their index entries.
    Stmt s(c, "DELETE FROM conversations WHERE deleted_at IS NOT NULL AND deleted_at < ?1");
    s.bind(1, cutoff);
    if (auto st = s.run(); !st) return st.error();
    return static_cast<int64_t>(changes(c));
}

Result<std::vector<Conversation>> list_deleted(Connection& c) {
    Stmt s(c, std::string("SELECT ") + kColumns +
                  " FROM conversations WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC, id DESC");
    return collect(s);
}

Result<ConversationPage> list_conversations(Connection& c, int limit, const std::optional<ConversationCursor>& after,
                                            const std::optional<std::string>& folder) {
    if (limit <= 0) limit = 50;
    // Row-value comparison matches the index order (pinned DESC, updated_at DESC, id DESC), so
    // SQLite seeks straight to the cursor instead of skipping rows like OFFSET would.
    std::string sql = std::string("SELECT ") + kColumns + " FROM conversations WHERE deleted_at IS NULL";
    if (after) sql += " AND (pinned, updated_at, id) < (?1, ?2, ?3)";
    if (folder) sql += " AND folder = ?4";
    sql += " ORDER BY pinned DESC, updated_at DESC, id DESC LIMIT ?5";
    Stmt s(c, sql);
    if (after) s.bind(1, after->pinned ? 1 : 0).bind(2, after->updated_at).bind(3, after->id);
    if (folder) s.bind(4, *folder);
    s.bind(5, limit + 1);  // one extra row tells whether another page exists
    auto rows = collect(s);
    if (!rows) return rows.error();
    ConversationPage page;
    page.items = std::move(*rows);
    if (static_cast<int>(page.items.size()) > limit) {
        page.items.resize(static_cast<size_t>(limit));
        const auto& last = page.items.back();
        page.next = ConversationCursor{last.pinned, last.updated_at, last.id};
    }
    return page;
}

Result<std::vector<std::string>> list_folders(Connection& c) {
    Stmt s(c, "SELECT DISTINCT folder FROM conversations WHERE folder <> '' AND deleted_at IS NULL ORDER BY folder");
    return s.rows([](const Stmt& row) { return row.text(0); });
}

}  // namespace hearth::storage
