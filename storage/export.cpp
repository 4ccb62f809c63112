#include "storage/export.h"

#include "base/text.h"

#include <cmath>
#include <cstdio>
#include <map>

#include "storage/connection.h"
#include "storage/conversations.h"
#include "storage/messages.h"

namespace hearth::storage {
namespace {

constexpr const char* kFormat = "hearth.conversation";
constexpr int kFormatVersion = 1;

std::string json_number(double v) {
    if (!std::isfinite(v)) return "null";
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

std::string hex(const std::vector<uint8_t>& bytes) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (uint8_t b : bytes) {
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

bool unhex(const std::string& s, std::vector<uint8_t>& out) {
    if (s.size() % 2) return false;
    auto nibble = [](char ch) -> int {
        if (ch >= '0' && ch <= '9') return ch - '0';
        if (ch >= 'a' && ch <= 'f') return ch - 'a' + 10;
        if (ch >= 'A' && ch <= 'F') return ch - 'A' + 10;
        return -1;
    };
    out.clear();
    for (size_t i = 0; i < s.size(); i += 2) {
        int hi = nibble(s[i]), lo = nibble(s[i + 1]);
        if (hi < 0 || lo < 0) return false;
        out.push_back(static_cast<uint8_t>(hi * 16 + lo));
    }
    return true;
}

std::string opt_int(const std::optional<int64_t>& v) { return v ? std::to_string(*v) : "null"; }

Error bad_import(const std::string& why) {
    return make_error("storage.import", "This file is not a conversation Hearth can import: " + why + ".");
}

}  // namespace

Result<std::string> export_conversation_markdown(Connection& c, int64_t conversation_id) {
    auto conv = get_conversation(c, conversation_id);
    if (!conv) return conv.error();
    auto path = active_path(c, conversation_id);
    if (!path) return path.error();
    std::string md = "# " + (conv->title.empty() ? std::string("Untitled chat") : conv->title) + "\n\n";
    if (!conv->model.empty()) md += "Model: `" + conv->model + "`\n\n";
    if (!conv->system_prompt.empty()) md += "## System\n\n" + conv->system_prompt + "\n\n";
    for (const auto& m : *path) {
        std::string who = m.role == "user" ? "User" : m.role == "assistant" ? "Assistant"
                        : m.role == "system" ? "System" : "Tool";
        md += "## " + who + "\n\n" + m.content + "\n\n";
    }
    return md;
}

Result<std::string> export_conversation_json(Connection& c, int64_t conversation_id) {
    auto conv = get_conversation(c, conversation_id);
    if (!conv) return conv.error();
    // Every message of the tree in id order, so a parent always precedes its children.
    Stmt s(c, "SELECT id, parent_id, role, content, model, quant, token_count, ttft_ms, tokens_per_s, "
              "stop_reason, token_probs, created_at, thinking, token_data, stats_json "
              "FROM messages WHERE conversation_id = ?1 ORDER BY id");
    s.bind(1, conversation_id);
    std::map<int64_t, int64_t> local;  // database id -> position in the file (1-based)
    std::string msgs;
    for (;;) {
        auto r = s.step();
        if (!r) return r.error();
        if (!*r) break;
        int64_t id = s.i64(0);
        int64_t pos = static_cast<int64_t>(local.size()) + 1;
        local[id] = pos;
        std::optional<int64_t> parent;
        if (auto p = s.opt_i64(1)) {
            auto it = local.find(*p);
            if (it != local.end()) parent = it->second;
        }
        msgs += std::string(msgs.empty() ? "" : ",\n") + "    {\"id\": " + std::to_string(pos) +
                ", \"parent\": " + opt_int(parent) + ", \"role\": " + json_quote(s.text(2)) +
                ",\n     \"content\": " + json_quote(s.text(3)) + ",\n     \"model\": " + json_quote(s.text(4)) +
                ", \"quant\": " + json_quote(s.text(5)) + ", \"token_count\": " + std::to_string(s.i64(6)) +
                ", \"ttft_ms\": " + opt_int(s.opt_i64(7)) +
                ", \"tokens_per_s\": " + (s.is_null(8) ? std::string("null") : json_number(s.f64(8))) +
                ", \"stop_reason\": " + json_quote(s.text(9)) + ", \"token_probs\": " +
                json_quote(hex(s.blob(10))) + ", \"created_at\": " + std::to_string(s.i64(11)) +
                ",\n     \"thinking\": " + json_quote(s.text(12)) + ", \"token_data\": " + json_quote(hex(s.blob(13))) +
                ", \"stats\": " + json_quote(s.text(14)) + "}";
    }
    std::optional<int64_t> leaf;
    if (conv->active_leaf_id) {
        auto it = local.find(*conv->active_leaf_id);
        if (it != local.end()) leaf = it->second;
    }
    std::string out = "{\n  \"format\": " + json_quote(kFormat) + ",\n  \"version\": " +
                      std::to_string(kFormatVersion) + ",\n  \"title\": " + json_quote(conv->title) +
                      ",\n  \"created_at\": " + std::to_string(conv->created_at) +
                      ",\n  \"updated_at\": " + std::to_string(conv->updated_at) +
                      ",\n  \"model\": " + json_quote(conv->model) +
                      ",\n  \"system_prompt\": " + json_quote(conv->system_prompt) +
                      ",\n  \"sampling_json\": " + json_quote(conv->sampling_json) +
                      ",\n  \"pinned\": " + (conv->pinned ? "true" : "false") +
                      ",\n  \"folder\": " + json_quote(conv->folder) + ",\n  \"active_leaf\": " + opt_int(leaf) +
                      ",\n  \"messages\": [\n" + msgs + (msgs.empty() ? "" : "\n") + "  ]\n}\n";
    return out;
}

// Parsing is SQLite's: its JSON functions validate and take the text apart for us.
Result<int64_t> import_conversation_json(Connection& c, const std::string& json) {
    {
        // json_extract fails on malformed text, so validity is checked on its own first.
        Stmt valid(c, "SELECT json_valid(?1)");
        valid.bind(1, json);
        auto ok = valid.step();
        if (!ok) return ok.error();
        if (valid.i64(0) != 1) return bad_import("it is not valid JSON");
    }
    Stmt head(c, "SELECT json_valid(?1), json_extract(?1, '$.format'), json_extract(?1, '$.version'), "
                 "json_extract(?1, '$.title'), json_extract(?1, '$.created_at'), json_extract(?1, '$.updated_at'), "
                 "json_extract(?1, '$.model'), json_extract(?1, '$.system_prompt'), "
                 "json_extract(?1, '$.sampling_json'), json_extract(?1, '$.pinned'), json_extract(?1, '$.folder'), "
                 "json_extract(?1, '$.active_leaf'), json_type(?1, '$.messages')");
    head.bind(1, json);
    auto r = head.step();
    if (!r) return r.error();
    if (head.i64(0) != 1) return bad_import("it is not valid JSON");
    if (head.text(1) != kFormat) return bad_import("it has no \"format\": \"hearth.conversation\" field");
    if (head.i64(2) != kFormatVersion)
        return bad_import("its format version " + head.text(2) + " is not one this Hearth reads (1)");
    if (head.text(12) != "array") return bad_import("it has no \"messages\" list");
    int64_t now = now_ms();
    std::optional<int64_t> leaf = head.opt_i64(11);
    Stmt ins(c, "INSERT INTO conversations (title, created_at, updated_at, model, system_prompt, sampling_json, "
                "pinned, folder) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    ins.bind(1, head.text(3)).bind(2, head.is_null(4) ? now : head.i64(4)).bind(3, head.is_null(5) ? now : head.i64(5));
    ins.bind(4, head.text(6)).bind(5, head.text(7)).bind(6, head.is_null(8) ? std::string("{}") : head.text(8));
    ins.bind(7, head.i64(9) ? 1 : 0).bind(8, head.text(10));
    if (auto st = ins.run(); !st) return st.error();
    int64_t conv_id = last_insert_id(c);

    Stmt each(c, "SELECT json_extract(value, '$.id'), json_extract(value, '$.parent'), json_extract(value, '$.role'), "
                 "json_extract(value, '$.content'), json_extract(value, '$.model'), json_extract(value, '$.quant'), "
                 "json_extract(value, '$.token_count'), json_extract(value, '$.ttft_ms'), "
                 "json_extract(value, '$.tokens_per_s'), json_extract(value, '$.stop_reason'), "
                 "json_extract(value, '$.token_probs'), json_extract(value, '$.created_at'), "
                 "json_extract(value, '$.thinking'), json_extract(value, '$.token_data'), json_extract(value, '$.stats') "
                 "FROM json_each(?1, '$.messages') ORDER BY key");
    each.bind(1, json);
    std::map<int64_t, int64_t> ids;  // position in the file -> new database id
    for (;;) {
        auto row = each.step();
        if (!row) return row.error();
        if (!*row) break;
        int64_t local = each.i64(0);
        std::optional<int64_t> parent;
        if (auto p = each.opt_i64(1)) {
            auto it = ids.find(*p);
            if (it == ids.end())
                return bad_import("message " + std::to_string(local) + " names parent " + std::to_string(*p) +
                                  ", which does not come before it");
            parent = it->second;
        }
        std::vector<uint8_t> probs;
        if (!unhex(each.text(10), probs)) return bad_import("message " + std::to_string(local) + " has bad token_probs");
        std::vector<uint8_t> token_data;  // files from before v4 have none
        if (!unhex(each.text(13), token_data))
            return bad_import("message " + std::to_string(local) + " has bad token_data");
        Stmt m(c, "INSERT INTO messages (conversation_id, parent_id, role, content, model, quant, token_count, "
                  "ttft_ms, tokens_per_s, stop_reason, token_probs, created_at, thinking, token_data, stats_json) "
                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
        m.bind(1, conv_id).bind(2, parent).bind(3, each.text(2)).bind(4, each.text(3)).bind(5, each.text(4));
        m.bind(6, each.text(5)).bind(7, each.i64(6)).bind(8, each.opt_i64(7));
        if (!each.is_null(8)) m.bind(9, each.f64(8));
        m.bind(10, each.text(9)).bind_blob(11, probs).bind(12, each.is_null(11) ? now : each.i64(11));
        m.bind(13, each.text(12)).bind(15, each.text(14));
        if (!token_data.empty()) m.bind_blob(14, token_data);
        if (auto st = m.run(); !st) {
            if (st.error().code == "storage.check")
                return bad_import("message " + std::to_string(local) + " has an unknown role '" + each.text(2) + "'");
            return st.error();
        }
        if (!ids.emplace(local, last_insert_id(c)).second)
            return bad_import("two messages share the id " + std::to_string(local));
    }
    if (leaf) {
        auto it = ids.find(*leaf);
        if (it == ids.end()) return bad_import("its active_leaf names no message in the file");
        Stmt set(c, "UPDATE conversations SET active_leaf_id = ?2 WHERE id = ?1");
        set.bind(1, conv_id).bind(2, it->second);
        if (auto st = set.run(); !st) return st.error();
    }
    return conv_id;
}

}  // namespace hearth::storage
