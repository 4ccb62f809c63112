#include "storage/messages.h"

#include <algorithm>
#include <cmath>

#include "storage/connection.h"
#include "storage/token_blob.h"

namespace hearth::storage {
namespace {

// Every read of a message also computes its place among its siblings; messages_children
// (conversation_id, parent_id, id) answers both counts from the index.
constexpr const char* kSelect =
    "SELECT m.id, m.conversation_id, m.parent_id, m.role, m.content, m.model, m.quant, m.token_count, "
    "m.ttft_ms, m.tokens_per_s, m.stop_reason, m.token_probs, m.created_at, m.thinking, m.token_data, m.stats_json, "
    "(SELECT count(*) FROM messages s WHERE s.conversation_id = m.conversation_id "
    "   AND s.parent_id IS m.parent_id AND s.id <= m.id), "
    "(SELECT count(*) FROM messages s WHERE s.conversation_id = m.conversation_id "
    "   AND s.parent_id IS m.parent_id) "
    "FROM messages m ";

Message read_row(const Stmt& s) {
    Message m;
    m.id = s.i64(0);
    m.conversation_id = s.i64(1);
    m.parent_id = s.opt_i64(2);
    m.role = s.text(3);
    m.content = s.text(4);
    m.model = s.text(5);
    m.quant = s.text(6);
    m.token_count = s.i64(7);
    m.ttft_ms = s.opt_i64(8);
    if (!s.is_null(9)) m.tokens_per_s = s.f64(9);
    m.stop_reason = s.text(10);
    m.token_probs = decode_probs(s.blob(11));
    m.created_at = s.i64(12);
    m.thinking = s.text(13);
    m.tokens = decode_token_records(s.blob(14));
    m.stats_json = s.text(15);
    m.sibling_index = static_cast<int>(s.i64(16));
    m.sibling_count = static_cast<int>(s.i64(17));
    return m;
}

Error not_found(int64_t id) {
    return make_error("storage.not_found", "Message " + std::to_string(id) + " does not exist; it may have been deleted.");
}

Result<std::vector<Message>> collect(Stmt& s) { return s.rows(read_row); }

Status touch_conversation(Connection& c, int64_t conversation_id, std::optional<int64_t> leaf) {
    Stmt s(c, "UPDATE conversations SET updated_at = max(updated_at, ?2), "
              "active_leaf_id = coalesce(?3, active_leaf_id) WHERE id = ?1");
    s.bind(1, conversation_id).bind(2, now_ms()).bind(3, leaf);
    return s.run();
}

bool valid_role(const std::string& r) {
    return r == "system" || r == "user" || r == "assistant" || r == "tool";
}

}  // namespace

std::vector<uint8_t> encode_probs(const std::vector<float>& probs) {
    std::vector<uint8_t> out;
    out.reserve(probs.size() * 2);
    for (float p : probs) {
        float clamped = std::isfinite(p) ? std::clamp(p, 0.0f, 1.0f) : 0.0f;
        auto q = static_cast<uint16_t>(std::lround(clamped * 65535.0f));
        out.push_back(static_cast<uint8_t>(q & 0xff));
        out.push_back(static_cast<uint8_t>(q >> 8));
    }
    return out;
}

std::vector<float> decode_probs(const std::vector<uint8_t>& blob) {
    std::vector<float> out(blob.size() / 2);
    for (size_t i = 0; i < out.size(); ++i)
        out[i] = static_cast<float>(blob[2 * i] | (blob[2 * i + 1] << 8)) / 65535.0f;
    return out;
}

Result<int64_t> add_message(Connection& c, int64_t conversation_id, std::optional<int64_t> parent,
                            const NewMessage& msg) {
    if (!valid_role(msg.role))
        return make_error("storage.bad_role", "'" + msg.role + "' is not a message role (system, user, assistant, tool).");
    if (parent) {
        Stmt p(c, "SELECT conversation_id FROM messages WHERE id = ?1");
        p.bind(1, *parent);
        auto r = p.step();
        if (!r) return r.error();
        if (!*r) return not_found(*parent);
        if (p.i64(0) != conversation_id)
            return make_error("storage.bad_parent", "Message " + std::to_string(*parent) +
                                                        " belongs to another conversation.");
    }
    Stmt s(c, "INSERT INTO messages (conversation_id, parent_id, role, content, model, quant, token_count, ttft_ms, "
              "tokens_per_s, stop_reason, token_probs, created_at, thinking, token_data, stats_json) "
              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
    s.bind(1, conversation_id).bind(2, parent).bind(3, msg.role).bind(4, msg.content).bind(5, msg.model);
    s.bind(6, msg.quant).bind(7, msg.token_count).bind(8, msg.ttft_ms);
    if (msg.tokens_per_s) s.bind(9, *msg.tokens_per_s);
    s.bind(10, msg.stop_reason).bind_blob(11, encode_probs(msg.token_probs)).bind(12, now_ms());
    s.bind(13, msg.thinking).bind(15, msg.stats_json);
    if (!msg.tokens.empty()) s.bind_blob(14, encode_token_records(msg.tokens));
    if (auto st = s.run(); !st) {
        if (st.error().code == "storage.foreign_key")
            return make_error("storage.not_found", "Conversation " + std::to_string(conversation_id) +
                                                       " does not exist; it may have been deleted.");
        return st.error();
    }
    int64_t id = last_insert_id(c);
    if (auto st = touch_conversation(c, conversation_id, id); !st) return st.error();
    return id;
}

Result<int64_t> append_message(Connection& c, int64_t conversation_id, const NewMessage& msg,
                               std::optional<int64_t> parent) {
    if (!parent) {
        Stmt s(c, "SELECT active_leaf_id FROM conversations WHERE id = ?1");
        s.bind(1, conversation_id);
        auto r = s.step();
        if (!r) return r.error();
        if (!*r)
            return make_error("storage.not_found", "Conversation " + std::to_string(conversation_id) +
                                                       " does not exist; it may have been deleted.");
        parent = s.opt_i64(0);
    }
    return add_message(c, conversation_id, parent, msg);
}

Result<Message> get_message(Connection& c, int64_t id) {
    Stmt s(c, std::string(kSelect) + "WHERE m.id = ?1");
    s.bind(1, id);
    auto r = s.step();
    if (!r) return r.error();
    if (!*r) return not_found(id);
    return read_row(s);
}

Result<int64_t> edit_message(Connection& c, int64_t message_id, const std::string& content) {
    auto m = get_message(c, message_id);
    if (!m) return m.error();
    NewMessage n;
    n.role = m->role;
    n.content = content;
    return add_message(c, m->conversation_id, m->parent_id, n);
}

Result<int64_t> regenerate_message(Connection& c, int64_t message_id, const std::string& model,
                                   const std::string& quant) {
    auto m = get_message(c, message_id);
    if (!m) return m.error();
    if (m->role != "assistant")
        return make_error("storage.bad_role", "Only an assistant reply can be regenerated; message " +
                                                  std::to_string(message_id) + " is a " + m->role + " message.");
    NewMessage n;
    n.role = "assistant";
    n.model = model;
    n.quant = quant;
    return add_message(c, m->conversation_id, m->parent_id, n);
}

Status set_active_leaf(Connection& c, int64_t message_id) {
    Stmt s(c, "UPDATE conversations SET active_leaf_id = ?1 "
              "WHERE id = (SELECT conversation_id FROM messages WHERE id = ?1)");
    s.bind(1, message_id);
    if (auto st = s.run(); !st) return st;
    if (changes(c) == 0) return not_found(message_id);
    return {};
}

Result<int64_t> switch_branch(Connection& c, int64_t message_id) {
    // Newest child at each level: what the user saw last on that branch is most likely there.
    Stmt s(c, "WITH RECURSIVE down(id) AS (SELECT ?1 UNION ALL "
              "  SELECT (SELECT max(k.id) FROM messages k WHERE k.parent_id = down.id) FROM down "
              "  WHERE down.id IS NOT NULL) "
              "SELECT id FROM down WHERE id IS NOT NULL AND EXISTS (SELECT 1 FROM messages WHERE id = down.id)");
    s.bind(1, message_id);
    std::optional<int64_t> leaf;
    for (;;) {
        auto r = s.step();
        if (!r) return r.error();
        if (!*r) break;
        leaf = s.i64(0);
    }
    if (!leaf) return not_found(message_id);
    if (auto st = set_active_leaf(c, *leaf); !st) return st.error();
    return *leaf;
}

Result<std::vector<Message>> list_siblings(Connection& c, int64_t message_id) {
    Stmt s(c, std::string(kSelect) +
                  "WHERE m.conversation_id = (SELECT conversation_id FROM messages WHERE id = ?1) "
                  "AND m.parent_id IS (SELECT parent_id FROM messages WHERE id = ?1) ORDER BY m.id");
    s.bind(1, message_id);
    auto rows = collect(s);
    if (!rows) return rows.error();
    if (rows->empty()) return not_found(message_id);
    return rows;
}

Result<PathPage> load_active_path(Connection& c, int64_t conversation_id, int limit, std::optional<int64_t> before) {
    if (limit <= 0) limit = 50;
    std::optional<int64_t> start;
    if (before) {
        Stmt p(c, "SELECT parent_id FROM messages WHERE id = ?1 AND conversation_id = ?2");
        p.bind(1, *before).bind(2, conversation_id);
        auto r = p.step();
        if (!r) return r.error();
        if (!*r) return not_found(*before);
        start = p.opt_i64(0);
        if (!start) return PathPage{};
    } else {
        auto conv = [&]() -> Result<std::optional<int64_t>> {
            Stmt s(c, "SELECT active_leaf_id FROM conversations WHERE id = ?1");
            s.bind(1, conversation_id);
            auto r = s.step();
            if (!r) return r.error();
            if (!*r)
                return make_error("storage.not_found", "Conversation " + std::to_string(conversation_id) +
                                                           " does not exist; it may have been deleted.");
            return s.opt_i64(0);
        }();
        if (!conv) return conv.error();
        start = *conv;
        if (!start) return PathPage{};
    }
    // Walk up parent links from start, one primary-key lookup per message, limit+1 deep so
    // we learn whether anything earlier exists.
    Stmt s(c, std::string("WITH RECURSIVE up(id, depth) AS (SELECT ?1, 0 UNION ALL "
                          "  SELECT p.parent_id, up.depth + 1 FROM up JOIN messages p ON p.id = up.id "
                          "  WHERE p.parent_id IS NOT NULL AND up.depth < ?2) ") +
                  kSelect + "JOIN up ON m.id = up.id ORDER BY up.depth DESC");
    s.bind(1, *start).bind(2, limit);
    auto rows = collect(s);
    if (!rows) return rows.error();
    PathPage page;
    page.messages = std::move(*rows);
    if (static_cast<int>(page.messages.size()) > limit) {
        page.has_earlier = true;
        page.messages.erase(page.messages.begin());
    }
    return page;
}

Result<std::vector<Message>> active_path(Connection& c, int64_t conversation_id) {
    auto page = load_active_path(c, conversation_id, 1 << 30);
    if (!page) return page.error();
    return std::move(page->messages);
}

Status append_to_message(Connection& c, int64_t message_id, const std::string& text, int64_t tokens,
                         const std::vector<float>& probs) {
    return append_to_message(c, message_id, MessageChunk{text, {}, tokens, probs, {}});
}

Status append_to_message(Connection& c, int64_t message_id, const MessageChunk& chunk) {
    Stmt s(c, "UPDATE messages SET content = content || ?2, token_count = token_count + ?3, "
              "token_probs = CASE WHEN ?4 IS NULL THEN token_probs ELSE coalesce(token_probs, x'') || ?4 END, "
              "thinking = thinking || ?5, "
              "token_data = CASE WHEN ?6 IS NULL THEN token_data ELSE coalesce(token_data, x'') || ?6 END "
              "WHERE id = ?1 RETURNING conversation_id");
    s.bind(1, message_id).bind(2, chunk.text).bind(3, chunk.tokens).bind_blob(4, encode_probs(chunk.probs));
    s.bind(5, chunk.thinking);
    if (!chunk.token_data.empty()) s.bind_blob(6, chunk.token_data);
    auto r = s.step();
    if (!r) return r.error();
    if (!*r) return not_found(message_id);
    int64_t conv = s.i64(0);
    if (auto st = s.run(); !st) return st;
    Stmt t(c, "UPDATE conversations SET updated_at = max(updated_at, ?2) WHERE id = ?1");
    t.bind(1, conv).bind(2, now_ms());
    return t.run();
}

Status finish_message(Connection& c, int64_t message_id, std::optional<int64_t> ttft_ms,
                      std::optional<double> tokens_per_s, const std::string& stop_reason,
                      const std::string& stats_json) {
    Stmt s(c, "UPDATE messages SET ttft_ms = ?2, tokens_per_s = ?3, stop_reason = ?4, "
              "stats_json = CASE WHEN ?5 = '' THEN stats_json ELSE ?5 END WHERE id = ?1");
    s.bind(1, message_id).bind(2, ttft_ms);
    if (tokens_per_s) s.bind(3, *tokens_per_s);
    s.bind(4, stop_reason).bind(5, stats_json);
    if (auto st = s.run(); !st) return st;
    if (changes(c) == 0) return not_found(message_id);
    return {};
}

}  // namespace hearth::storage
