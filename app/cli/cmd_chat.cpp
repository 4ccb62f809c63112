// `hearth-cli chat -m FILE [--db PATH] [--backend cpu|vulkan] [--ctx N] [-n N] [--temp T]
// [--seed S] [--system TEXT] [--no-thinking]`: an interactive chat in the terminal over the same
// database as the app (its data folder by default; --db for another file).
//
// Each line typed is a message; the reply streams to stdout (a thinking model's reasoning
// under "[thinking]", then "[answer]"), and one line of statistics follows on stderr, with the
// tokens reused from the cache. Commands: /new, /list, /open ID, /regen, /edit TEXT (replaces
// the last message and answers again), /system TEXT, /export FILE (Markdown), /quit.
//
// Ctrl-C stops the reply in progress; a second Ctrl-C, or one at the prompt, leaves. The
// SIGINT handler can only touch lock-free atomics, so these two are the one piece of state
// outside main's stack: the handler sets them, the loop reads them. Nothing else is global.
#include <atomic>
#include <csignal>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "app/cli/backends.h"
#include "app/cli/cmd_chat_store.h"
#include "app/cli/commands.h"
#include "app/environment.h"
#include "base/stop_reason.h"
#include "downloader/model_paths.h"
#include "inference/sampling/reply_record.h"
#include "storage/conversations.h"
#include "storage/export.h"
#include "storage/messages.h"
#include "storage/reply_appender.h"

namespace hearth::cli {

namespace {

std::atomic<bool> g_stop_reply{false};  // set by SIGINT: the cancel flag of the reply in progress
std::atomic<int> g_interrupts{0};       // SIGINTs since the last prompt

extern "C" void on_sigint(int) {
    g_stop_reply.store(true);
    g_interrupts.fetch_add(1);
}

// Without SA_RESTART, so that Ctrl-C at the prompt interrupts the read.
void install_sigint() {
    struct sigaction sa {};
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sigaction(SIGINT, &sa, nullptr);
}

// One line from stdin without its newline; nullopt at the end of input or on Ctrl-C.
std::optional<std::string> read_line() {
    std::string line;
    for (;;) {
        const int c = std::fgetc(stdin);
        if (c == EOF) {
            if (g_interrupts.load() > 0 || line.empty()) return std::nullopt;
            return line;
        }
        if (c == '\n') return line;
        line += static_cast<char>(c);
    }
}

struct ChatState {
    storage::Database& db;
    const engine::OpenModel& model;
    engine::Backend& backend;
    std::string model_name;
    engine::ReplyParams params;
    bool thinking = true;
    std::optional<int64_t> conversation;  // none until the first message is saved
    engine::ChatSession session;
    std::vector<int64_t> message_ids;     // database id per session turn (0: the system prompt)
    std::string system_prompt;
};

template <class T, class F>
Result<T> write(storage::Database& db, F f) {
    return db.write<T>(std::function<Result<T>(storage::Connection&)>(f)).get();
}

void print_error(const std::string& message) { std::fprintf(stderr, "error: %s\n", message.c_str()); }

Status ensure_conversation(ChatState& s, const std::string& first_message) {
    if (s.conversation) return {};
    std::string title = first_message.substr(0, 60);
    auto id = write<int64_t>(s.db, [&](storage::Connection& c) {
        return storage::create_conversation(c, {.title = title, .model = s.model_name, .system_prompt = s.system_prompt,
                                                .sampling_json = sampling::sampler_params_json(s.params.sampler)});
    });
    if (!id) return id.error();
    s.conversation = *id;
    return {};
}

// Streams a reply to the empty assistant message `reply_id` and prints the statistics line.
void answer(ChatState& s, int64_t reply_id) {
    g_stop_reply.store(false);
    g_interrupts.store(0);
    storage::ReplyAppender app(s.db, reply_id);
    ReplyPart shown = ReplyPart::Answer;
    bool any = false;
    engine::ReplyParams p = s.params;
    p.cancel = &g_stop_reply;
    auto r = s.session.reply(s.backend, p, [&](const engine::ReplyToken& t) {
        app.add_token(t.info, t.text);
        if (t.text.empty()) return;
        if (!any || t.info.part != shown) {
            if (t.info.part == ReplyPart::Thinking) std::fputs("[thinking]\n", stdout);
            else if (any) std::fputs("\n[answer]\n", stdout);
            shown = t.info.part;
            any = true;
        }
        std::fwrite(t.text.data(), 1, t.text.size(), stdout);
        std::fflush(stdout);
    });
    std::fputs("\n", stdout);
    std::fflush(stdout);
    if (!r) {
        (void)app.finish({std::nullopt, std::nullopt, std::string(stop_reason_code(StopReason::Error))}).get();
        print_error(r.error().message);
        return;
    }
    const engine::ReplyStats& st = r->stats;
    auto saved = app.finish({static_cast<int64_t>(st.ttft_ms), st.decode_tok_s, std::string(stop_reason_code(st.stop)),
                             sampling::reply_record_json(st)})
                     .get();
    if (!saved) print_error("the reply was shown but could not be saved: " + saved.error().message);
    s.message_ids.push_back(reply_id);
    std::fprintf(stderr,
                 "[stats] prompt %d tokens: %d reused, %d new; prefill %.1f tok/s; first token %.1f ms; "
                 "%d tokens, %.1f tok/s; seed %llu; stopped: %s\n",
                 st.n_prompt, st.n_reused, st.n_prompt - st.n_reused, st.prefill_tok_s, st.ttft_ms, st.n_generated,
                 st.decode_tok_s, static_cast<unsigned long long>(st.sampler.seed),
                 std::string(stop_reason_words(st.stop)).c_str());
}

// The last message of `role` in the session, as (turn index, database id).
std::optional<std::pair<size_t, int64_t>> last_of(const ChatState& s, const std::string& role) {
    for (size_t i = s.session.turns().size(); i-- > 0;)
        if (s.session.turns()[i].role == role && i < s.message_ids.size() && s.message_ids[i] != 0)
            return std::make_pair(i, s.message_ids[i]);
    return std::nullopt;
}

void send(ChatState& s, const std::string& text) {
    if (auto st = ensure_conversation(s, text); !st) return print_error(st.error().message);
    const int64_t conv = *s.conversation;
    auto user = write<int64_t>(s.db, [&](storage::Connection& c) {
        return storage::append_message(c, conv, {.role = "user", .content = text});
    });
    if (!user) return print_error(user.error().message);
    auto reply = write<int64_t>(s.db, [&](storage::Connection& c) {
        return storage::append_message(c, conv, {.role = "assistant", .model = s.model_name});
    });
    if (!reply) return print_error(reply.error().message);
    if (auto st = s.session.add_user(text); !st) return print_error(st.error().message);
    s.message_ids.push_back(*user);
    answer(s, *reply);
}

void regenerate(ChatState& s) {
    auto last = last_of(s, "assistant");
    if (!last) return print_error("there is no reply to write again yet");
    auto reply = write<int64_t>(s.db, [&](storage::Connection& c) {
        return storage::regenerate_message(c, last->second, s.model_name, "");
    });
    if (!reply) return print_error(reply.error().message);
    if (auto st = s.session.truncate(last->first); !st) return print_error(st.error().message);
    s.message_ids.resize(last->first);
    answer(s, *reply);
}

void edit(ChatState& s, const std::string& text) {
    auto last = last_of(s, "user");
    if (!last) return print_error("there is no message to edit yet");
    if (text.empty()) return print_error("/edit needs the new text: /edit TEXT");
    auto user = write<int64_t>(s.db, [&](storage::Connection& c) { return storage::edit_message(c, last->second, text); });
    if (!user) return print_error(user.error().message);
    const int64_t conv = *s.conversation;
    auto reply = write<int64_t>(s.db, [&](storage::Connection& c) {
        return storage::append_message(c, conv, {.role = "assistant", .model = s.model_name});
    });
    if (!reply) return print_error(reply.error().message);
    if (auto st = s.session.edit_message(last->first, text); !st) return print_error(st.error().message);
    s.message_ids.resize(last->first);
    s.message_ids.push_back(*user);
    answer(s, *reply);
}

void set_system(ChatState& s, const std::string& text) {
    s.system_prompt = text;
    const bool had = !s.session.turns().empty() && s.session.turns()[0].role == "system";
    s.session.set_system_prompt(text);
    const bool has = !text.empty();
    if (had && !has) s.message_ids.erase(s.message_ids.begin());
    if (!had && has) s.message_ids.insert(s.message_ids.begin(), 0);
    if (!s.conversation) return;
    const int64_t conv = *s.conversation;
    auto st = write<bool>(s.db, [&](storage::Connection& c) -> Result<bool> {
        auto old = storage::get_conversation(c, conv);
        if (!old) return old.error();
        if (auto e = storage::set_conversation_options(c, conv, old->model, text, old->sampling_json); !e)
            return e.error();
        return true;
    });
    if (!st) print_error(st.error().message);
}

void list(ChatState& s) {
    auto page = s.db.read<storage::ConversationPage>(
        [](storage::Connection& c) { return storage::list_conversations(c, 50); });
    if (!page) return print_error(page.error().message);
    if (page->items.empty()) std::puts("no chats yet");
    for (const auto& c : page->items)
        std::printf("%lld%s  %s\n", static_cast<long long>(c.id), s.conversation == c.id ? " *" : "  ", c.title.c_str());
}

void open(ChatState& s, const std::string& arg) {
    auto id = parse_int("/open", arg, 1, INT64_MAX);
    if (!id) return print_error(id.error().message);
    auto loaded = load_chat(s.db, s.model, s.model_name, *id, s.thinking);
    if (!loaded) return print_error(loaded.error().message);
    s.session = std::move(loaded->session);
    s.message_ids = std::move(loaded->message_ids);
    s.conversation = *id;
    s.system_prompt = !s.session.turns().empty() && s.session.turns()[0].role == "system" ? s.session.turns()[0].content : "";
    std::printf("opened %lld: %s (%zu messages)\n", static_cast<long long>(*id), loaded->title.c_str(),
                s.session.turns().size());
}

void export_to(ChatState& s, const std::string& file) {
    if (!s.conversation) return print_error("there is nothing to export yet");
    if (file.empty()) return print_error("/export needs a file name: /export FILE");
    const int64_t conv = *s.conversation;
    auto md = s.db.read<std::string>(
        [conv](storage::Connection& c) { return storage::export_conversation_markdown(c, conv); });
    if (!md) return print_error(md.error().message);
    std::ofstream out(file, std::ios::binary);
    out << *md;
    if (!out.good()) return print_error("could not write " + file);
    std::printf("saved %s\n", file.c_str());
}

// Runs one line; false to leave.
bool handle(ChatState& s, const std::string& line) {
    if (line.empty()) return true;
    if (line[0] != '/') {
        send(s, line);
        return true;
    }
    const size_t sp = line.find(' ');
    const std::string cmd = line.substr(0, sp);
    const std::string arg = sp == std::string::npos ? "" : line.substr(sp + 1);
    if (cmd == "/quit" || cmd == "/exit") return false;
    if (cmd == "/new") {
        s.conversation.reset();
        s.session = engine::ChatSession(s.model, {.now_unix = 0, .enable_thinking = s.thinking});
        s.message_ids.clear();
        if (!s.system_prompt.empty()) set_system(s, s.system_prompt);
        std::puts("new chat");
    } else if (cmd == "/list") {
        list(s);
    } else if (cmd == "/open") {
        open(s, arg);
    } else if (cmd == "/regen") {
        regenerate(s);
    } else if (cmd == "/edit") {
        edit(s, arg);
    } else if (cmd == "/system") {
        set_system(s, arg);
    } else if (cmd == "/export") {
        export_to(s, arg);
    } else {
        print_error("unknown command " + cmd + "; try /new /list /open ID /regen /edit TEXT /system TEXT /export FILE /quit");
    }
    return true;
}

}  // namespace

int cmd_chat(Args& args) {
    const auto model_path = args.value({"-m", "--model"});
    const auto db_arg = args.value({"--db"});
    const std::string backend_name = args.value_or({"--backend"}, "vulkan");
    const auto n_ctx = args.integer({"--ctx", "-c"}, 16, INT32_MAX);
    const auto n_predict = args.integer({"-n", "--n-predict"}, 1, INT32_MAX);
    const auto temp = args.real({"--temp"}, 0, 100);
    const auto seed = args.integer({"--seed"}, 0, INT64_MAX);
    const auto system = args.value({"--system"});
    const bool no_thinking = args.flag({"--no-thinking"});
    if (!args.error.empty()) {
        std::fprintf(stderr, "error: chat: %s\n", args.error.c_str());
        return 2;
    }
    if (int rc = reject_unused(args, "chat")) return rc;
    if (!model_path) {
        std::fprintf(stderr, "error: chat needs a model: hearth-cli chat -m FILE\n");
        return 2;
    }

    auto m = engine::open_model(*model_path);
    if (!m) return fail(m.error().message);
    const int32_t ctx = n_ctx ? static_cast<int32_t>(*n_ctx) : std::min<int32_t>((*m)->model.hp.n_ctx_train, 4096);
    auto backend = make_backend(backend_name, **m, ctx);
    if (!backend) return fail(backend.error().message);

    const std::filesystem::path db_path = db_arg ? std::filesystem::path(*db_arg) : dl::state_db_path(app::user_config_from_environment().data_dir);
    std::error_code ec;
    if (db_path.has_parent_path()) std::filesystem::create_directories(db_path.parent_path(), ec);
    auto db = storage::Database::open(db_path);
    if (!db) return fail(db.error().message);
    if (!(*db)->open_report().message.empty()) std::fprintf(stderr, "%s\n", (*db)->open_report().message.c_str());

    engine::ReplyParams params;
    params.max_tokens = n_predict ? static_cast<int32_t>(*n_predict) : 512;
    if (temp) params.sampler.temperature = static_cast<float>(*temp);
    params.sampler.seed = seed ? static_cast<uint64_t>(*seed) : static_cast<uint64_t>(std::time(nullptr));
    const bool thinking = !no_thinking;
    ChatState s{**db,
                **m,
                **backend,
                std::filesystem::path(*model_path).filename().string(),
                params,
                thinking,
                std::nullopt,
                engine::ChatSession(**m, {.now_unix = 0, .enable_thinking = thinking}),
                {},
                {}};
    if (system) set_system(s, *system);

    install_sigint();
    std::fprintf(stderr, "chat with %s on %s; /quit to leave, Ctrl-C stops a reply\n", s.model_name.c_str(),
                 (*backend)->name());
    for (;;) {
        std::fputs("> ", stderr);
        g_interrupts.store(0);
        auto line = read_line();
        if (!line) break;  // end of input, or Ctrl-C at the prompt
        if (!handle(s, *line)) break;
        if (g_interrupts.load() >= 2) break;  // Ctrl-C twice during a reply
    }
    std::fputs("\n", stderr);
    return 0;
}

}  // namespace hearth::cli
