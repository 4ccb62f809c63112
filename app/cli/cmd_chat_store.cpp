#include "app/cli/cmd_chat_store.h"

#include "base/stop_reason.h"
#include "storage/conversations.h"
#include "storage/messages.h"

namespace hearth::cli {

Result<LoadedChat> load_chat(storage::Database& db, const engine::OpenModel& model, const std::string& model_name,
                             int64_t id, bool enable_thinking) {
    auto conv = db.read<storage::Conversation>([id](storage::Connection& c) { return storage::get_conversation(c, id); });
    if (!conv) return conv.error();
    auto path = db.read<std::vector<storage::Message>>(
        [id](storage::Connection& c) { return storage::active_path(c, id); });
    if (!path) return path.error();
    // The date a template prints is the conversation's own, whenever it is reopened.
    LoadedChat out{engine::ChatSession(model, {.now_unix = conv->created_at / 1000, .enable_thinking = enable_thinking}),
                   {}, conv->title};
    if (!conv->system_prompt.empty()) {
        out.session.set_system_prompt(conv->system_prompt);
        out.message_ids.push_back(0);
    }
    for (const storage::Message& m : *path) {
        if (m.role == "system") {
            if (conv->system_prompt.empty()) {
                out.session.set_system_prompt(m.content);
                out.message_ids.insert(out.message_ids.begin(), m.id);
            }
            continue;
        }
        if (m.role != "user" && m.role != "assistant") continue;  // tool messages: not in a terminal chat
        engine::ChatTurn t{m.role, m.content, m.thinking, {}};
        if (m.role == "assistant" && m.model == model_name)
            t.reply_ids = engine::reply_ids_from_tokens(m.tokens, parse_stop_reason(m.stop_reason));
        if (auto st = out.session.add_message(std::move(t)); !st) return st.error();
        out.message_ids.push_back(m.id);
    }
    return out;
}

}  // namespace hearth::cli
