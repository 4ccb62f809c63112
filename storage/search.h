// Full-text search over message text (FTS5, ranked by bm25), with highlighted snippets.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"

namespace hearth::storage {

struct Connection;

struct SearchHit {
    int64_t message_id = 0, conversation_id = 0;
    std::string conversation_title;
    std::string role;
    std::string snippet;  // a window of the message with matches between open and close
    double rank = 0;      // bm25: lower is a better match
    int64_t created_at = 0;
};

struct SearchOptions {
    int limit = 50;
    // Highlight markers. STX/ETX by default: they never occur in chat text, so the UI can
    // escape the snippet and then turn them into markup safely.
    std::string open = "\x02", close = "\x03";
    int snippet_tokens = 16;
    bool prefix_last = true;  // "tran" finds "transformer": search as you type
    // How many of the newest matching messages are ranked. bm25 over every match of a common
    // word costs time in proportion to the history (0.2 s of CPU for 166,000 matches); ranking
    // the newest few thousand keeps a search in milliseconds, and is exact whenever a query
    // matches fewer messages than this.
    int candidates = 2000;
};

// Words of the user's text, each quoted (so FTS syntax characters are plain text), all
// required; the last one matches as a prefix when prefix_last. "" when there is nothing to find.
std::string to_fts_query(const std::string& user_text, bool prefix_last);

// Best matches first (bm25 among the newest `candidates` matches), from conversations not in
// the trash. Empty text finds nothing.
Result<std::vector<SearchHit>> search_messages(Connection& c, const std::string& user_text,
                                               const SearchOptions& options = {});

}  // namespace hearth::storage
