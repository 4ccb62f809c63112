#include "storage/search.h"

#include <algorithm>
#include <unordered_map>

#include "storage/connection.h"

namespace hearth::storage {

std::string to_fts_query(const std::string& user_text, bool prefix_last) {
    std::vector<std::string> words;
    std::string cur;
    auto flush = [&] {
        if (!cur.empty()) words.push_back(std::move(cur));
        cur.clear();
    };
    for (char ch : user_text) {
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') flush();
        else cur += ch;
    }
    flush();
    std::string q;
    for (size_t i = 0; i < words.size(); ++i) {
        std::string quoted = "\"";
        for (char ch : words[i]) {
            if (ch == '"') quoted += "\"\"";
            else quoted += ch;
        }
        quoted += "\"";
        if (prefix_last && i + 1 == words.size()) quoted += "*";
        q += (q.empty() ? "" : " ") + quoted;
    }
    return q;
}

Result<std::vector<SearchHit>> search_messages(Connection& c, const std::string& user_text,
                                               const SearchOptions& options) {
    std::vector<SearchHit> out;
    std::string query = to_fts_query(user_text, options.prefix_last);
    if (query.empty()) return out;
    // Step 1, the ranking. FTS5 walks a doclist newest-first cheaply (ORDER BY rowid DESC), so
    // bm25 is computed only for those candidates; trashed chats are filtered after ranking.
    // CROSS JOIN keeps that order: left to itself SQLite may scan the FTS table in full.
    Stmt s(c, "SELECT m.id, m.conversation_id, c.title, m.role, f.score, m.created_at "
              "FROM (SELECT rowid, bm25(messages_fts) AS score FROM messages_fts WHERE messages_fts MATCH ?1 "
              "      ORDER BY rowid DESC LIMIT ?2) f "
              "CROSS JOIN messages m ON m.id = f.rowid "
              "CROSS JOIN conversations c ON c.id = m.conversation_id AND c.deleted_at IS NULL "
              "ORDER BY f.score, m.id DESC LIMIT ?3");
    int limit = options.limit > 0 ? options.limit : 50;
    s.bind(1, query).bind(2, std::max(options.candidates, limit)).bind(3, limit);
    auto fail = [&](const Error& e) -> Error {
        if (e.code == "storage.sql")
            return make_error("storage.search", "Could not search for \"" + user_text + "\": " + e.message);
        return e;
    };
    for (;;) {
        auto r = s.step();
        if (!r) return fail(r.error());
        if (!*r) break;
        SearchHit h;
        h.message_id = s.i64(0);
        h.conversation_id = s.i64(1);
        h.conversation_title = s.text(2);
        h.role = s.text(3);
        h.rank = s.f64(4);
        h.created_at = s.i64(5);
        out.push_back(std::move(h));
    }
    if (out.empty()) return out;

    // Step 2, the snippets, for the hits only. They need an FTS cursor on each row; asking for
    // "rowid = x" would re-run the whole MATCH per hit (costly for prefixes), so one pass over
    // the matches from the oldest hit up, keeping the hit rows ("+rowid" stops SQLite from
    // turning the IN list back into per-row lookups).
    int64_t lowest = out.front().message_id;
    std::string ids = "[";
    for (const auto& h : out) {
        lowest = std::min(lowest, h.message_id);
        ids += (ids.size() > 1 ? "," : "") + std::to_string(h.message_id);
    }
    ids += "]";
    Stmt snip(c, "SELECT rowid, snippet(messages_fts, 0, ?2, ?3, '…', ?4) FROM messages_fts "
                 "WHERE messages_fts MATCH ?1 AND rowid >= ?5 AND +rowid IN (SELECT value FROM json_each(?6))");
    snip.bind(1, query).bind(2, options.open).bind(3, options.close).bind(4, options.snippet_tokens);
    snip.bind(5, lowest).bind(6, ids);
    std::unordered_map<int64_t, std::string> snippets;
    for (;;) {
        auto r = snip.step();
        if (!r) return fail(r.error());
        if (!*r) break;
        snippets[snip.i64(0)] = snip.text(1);
    }
    for (auto& h : out) h.snippet = snippets[h.message_id];
    return out;
}

}  // namespace hearth::storage
