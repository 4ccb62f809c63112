// Times what a user waits for with a big chat history. Builds (once) a database of
// --chats conversations x --messages messages of generated prose, then measures:
//   open + first page of the conversation list      (target < 50 ms)
//   last 50 messages of a conversation               (target < 10 ms)
//   a full-text search                               (target < 100 ms)
//   CPU cost of saving a reply streamed at 30 tok/s  (target well under 1% of a core)
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "storage/connection.h"
#include "storage/conversations.h"
#include "storage/database.h"
#include "storage/messages.h"
#include "storage/reply_appender.h"
#include "storage/search.h"

using namespace hearth::storage;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// Prose-like text: a Zipf-distributed vocabulary of made-up words plus common English ones,
// in sentences of varying length, so FTS sees realistic term frequencies.
struct TextGen {
    std::mt19937_64 rng{12345};
    std::vector<std::string> vocab;
    std::discrete_distribution<size_t> pick;

    TextGen() {
        const char* common[] = {"the", "a", "to", "of", "and", "in", "is", "it", "you", "that", "for", "on",
                                "with", "as", "this", "be", "are", "can", "model", "code", "file", "data",
                                "function", "error", "memory", "question", "answer", "example", "python",
                                "recipe", "travel", "history", "music", "garden", "network", "kernel"};
        for (const char* w : common) vocab.push_back(w);
        const char* syl[] = {"ka", "lo", "mi", "ren", "tor", "va", "shi", "qu", "bel", "dan", "or", "ix",
                             "pe", "sul", "tha", "ung", "zo", "mar", "fen", "gri"};
        std::mt19937_64 g(7);
        while (vocab.size() < 8000) {
            std::string w;
            int n = 2 + static_cast<int>(g() % 3);
            for (int i = 0; i < n; ++i) w += syl[g() % 20];
            vocab.push_back(w);
        }
        std::vector<double> weights;
        for (size_t i = 0; i < vocab.size(); ++i) weights.push_back(1.0 / static_cast<double>(i + 1));
        pick = std::discrete_distribution<size_t>(weights.begin(), weights.end());
    }
    std::string words(int n) {
        std::string out;
        for (int i = 0; i < n; ++i) {
            std::string w = vocab[pick(rng)];
            if (out.empty() || out.back() == '.') {
                if (!out.empty()) out += ' ';
                w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
            } else {
                out += ' ';
            }
            out += w;
            if (rng() % 12 == 0 || i + 1 == n) out += '.';
        }
        return out;
    }
};

void build(const fs::path& path, int chats, int messages) {
    std::printf("building %d chats x %d messages in %s ...\n", chats, messages, path.string().c_str());
    auto t0 = Clock::now();
    auto db = Database::open(path);
    if (!db) {
        std::fprintf(stderr, "error: %s\n", db.error().message.c_str());
        std::exit(1);
    }
    TextGen gen;
    const int per_txn = 50;
    for (int start = 0; start < chats; start += per_txn) {
        std::vector<std::vector<std::string>> texts;
        for (int i = start; i < std::min(chats, start + per_txn); ++i) {
            std::vector<std::string> t;
            for (int k = 0; k < messages; ++k) {
                int n = k % 2 ? 40 + static_cast<int>(gen.rng() % 160) : 8 + static_cast<int>(gen.rng() % 30);
                t.push_back(gen.words(n));
            }
            texts.push_back(std::move(t));
        }
        auto r = (*db)->write<int>([&texts, start](Connection& c) -> hearth::Result<int> {
                          for (size_t i = 0; i < texts.size(); ++i) {
                              auto conv = create_conversation(
                                  c, {.title = texts[i][0].substr(0, 40), .model = "qwen2.5-7b-instruct-q4_k_m.gguf",
                                      .pinned = (start + static_cast<int>(i)) % 500 == 0});
                              if (!conv) return conv.error();
                              for (size_t k = 0; k < texts[i].size(); ++k) {
                                  NewMessage m{.role = k % 2 ? "assistant" : "user", .content = texts[i][k]};
                                  if (k % 2) {
                                      m.token_count = static_cast<int64_t>(texts[i][k].size() / 4);
                                      m.ttft_ms = 120;
                                      m.tokens_per_s = 42.0;
                                      m.stop_reason = "eos";
                                  }
                                  if (auto id = append_message(c, *conv, m); !id) return id.error();
                              }
                          }
                          return 0;
                      }).get();
        if (!r) {
            std::fprintf(stderr, "error: %s\n", r.error().message.c_str());
            std::exit(1);
        }
        if ((start / per_txn) % 20 == 0)
            std::printf("  %d chats (%.0f s)\n", start + per_txn, ms_since(t0) / 1000);
        std::fflush(stdout);
    }
    std::printf("built in %.1f s\n", ms_since(t0) / 1000);
}

struct Stats {
    double median, p95, max;
};
Stats stats(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return {v[v.size() / 2], v[std::min(v.size() - 1, v.size() * 95 / 100)], v.back()};
}

// CPU time of the calling thread: reads run on it, so this is their cost even when the
// machine is busy with other work (wall times then include waiting for a core).
double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double cpu_seconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

enum class Saved { Nothing, Text, TokenData };

// A reply streamed at `rate` tokens/s into a chat, saved through the appender: text and
// probabilities only, or the full per-token data of the confidence view with a thinking part
// (as hearth-cli chat and the app save it), or nothing: the pacing loop alone, whose own cost
// (a wake-up per token) the other two include. Prints the CPU it cost.
int stream_reply(Database& db, int seconds, int rate, Saved saved) {
    const bool token_data = saved == Saved::TokenData;
    auto conv = db.write<int64_t>([](Connection& c) -> hearth::Result<int64_t> {
                      auto id = create_conversation(c, {.title = "stream"});
                      if (!id) return id;
                      if (auto u = append_message(c, *id, {.role = "user", .content = "go"}); !u) return u;
                      return append_message(c, *id, {.role = "assistant"});
                  }).get();
    if (!conv) return std::fprintf(stderr, "error: %s\n", conv.error().message.c_str()), 1;
    TextGen gen;
    std::vector<std::string> tokens;
    for (int i = 0; i < rate * seconds; ++i) tokens.push_back(" " + gen.vocab[gen.pick(gen.rng)]);
    double cpu0 = cpu_seconds();
    auto t0 = Clock::now();
    int batches = 0;
    {
        ReplyAppender app(db, *conv, {std::chrono::milliseconds(500), !token_data},
                          [&batches](const BatchCommitted&) { ++batches; });
        uint32_t offset[2] = {0, 0};
        for (size_t i = 0; i < tokens.size(); ++i) {
            if (saved == Saved::Nothing) {
                // Only the pacing.
            } else if (token_data) {
                hearth::TokenInfo t;
                t.token = static_cast<int32_t>(1000 + i);
                t.probability = 0.8f;
                t.n_top = hearth::kTopAlternatives;
                for (int k = 0; k < t.n_top; ++k) t.top[static_cast<size_t>(k)] = {t.token + k, 0.8f / static_cast<float>(k + 1)};
                t.part = i < tokens.size() / 4 ? hearth::ReplyPart::Thinking : hearth::ReplyPart::Answer;
                uint32_t& at = offset[static_cast<int>(t.part)];
                t.begin = at;
                t.end = at += static_cast<uint32_t>(tokens[i].size());
                app.add_token(t, tokens[i]);
            } else {
                app.add_token(tokens[i], 0.8f);
            }
            std::this_thread::sleep_until(t0 + std::chrono::microseconds(1000000 / rate * static_cast<int64_t>(i + 1)));
        }
        (void)app.finish({150, 30.0, "eos"}).get();
    }
    double wall = ms_since(t0) / 1000, cpu = cpu_seconds() - cpu0;
    const char* what = saved == Saved::Nothing ? " (pacing only, nothing saved)"
                       : token_data             ? " with per-token data and thinking"
                                                : "";
    std::printf("streaming %zu tokens at %d tok/s for %.1f s%s: %d batches, CPU %.1f ms = %.3f%% of one core  "
                "[target well under 1%%]\n",
                tokens.size(), rate, wall, what, batches, cpu * 1000, 100 * cpu / wall);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    fs::path dir = "storage-bench";
    int chats = 10000, messages = 100, stream_seconds = 10;
    bool stream_only = false;
    for (int i = 1; i < argc; ++i) {
        const bool has_value = i + 1 < argc;
        if (!std::strcmp(argv[i], "--stream-only")) stream_only = true;
        else if (!std::strcmp(argv[i], "--dir") && has_value) dir = argv[++i];
        else if (!std::strcmp(argv[i], "--chats") && has_value) chats = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--messages") && has_value) messages = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--stream-seconds") && has_value) stream_seconds = std::atoi(argv[++i]);
    }
    fs::create_directories(dir);
    if (stream_only) {
        // Only the streaming cost, on a fresh small database (no 17-minute build).
        const fs::path small = dir / "stream-only.sqlite3";
        fs::remove(small);
        auto db = Database::open(small);
        if (!db) return std::fprintf(stderr, "error: %s\n", db.error().message.c_str()), 1;
        for (int rate : {30, 100})
            for (Saved saved : {Saved::Nothing, Saved::Text, Saved::TokenData})
                if (int rc = stream_reply(**db, stream_seconds, rate, saved)) return rc;
        return 0;
    }
    fs::path path = dir / ("chats-" + std::to_string(chats) + "x" + std::to_string(messages) + ".sqlite3");
    if (!fs::exists(path)) build(path, chats, messages);
    std::printf("database: %s, %.0f MB\n", path.string().c_str(), static_cast<double>(fs::file_size(path)) / 1e6);

    // Open + first page, with and without the start-up quick_check.
    for (bool check : {false, true}) {
        std::vector<double> times, cpu;
        for (int rep = 0; rep < (check ? 2 : 5); ++rep) {
            double c0 = thread_cpu_ms();
            auto t = Clock::now();
            OpenOptions o;
            o.check = check ? StartupCheck::kBlocking : StartupCheck::kOff;
            auto db = Database::open(path, o);
            if (!db) return std::fprintf(stderr, "error: %s\n", db.error().message.c_str()), 1;
            auto page = (*db)->read<ConversationPage>([](Connection& c) { return list_conversations(c, 50); });
            if (!page || page->items.size() != 50) return std::fprintf(stderr, "error: list\n"), 1;
            times.push_back(ms_since(t));
            cpu.push_back(thread_cpu_ms() - c0);
        }
        auto s = stats(times);
        std::printf("open + first page of 50 (blocking quick_check %s): median %.2f ms, max %.2f ms "
                    "(CPU median %.2f ms)  [target < 50 ms]\n",
                    check ? "on " : "off", s.median, s.max, stats(cpu).median);
    }

    OpenOptions o;
    o.check = StartupCheck::kOff;
    auto opened = Database::open(path, o);
    if (!opened) return std::fprintf(stderr, "error: %s\n", opened.error().message.c_str()), 1;
    auto db = std::move(*opened);
    std::mt19937 rng(99);
    {
        std::vector<double> times, deep;
        std::optional<ConversationCursor> cursor;
        for (int i = 0; i < 100; ++i) {
            auto t = Clock::now();
            auto page = db->read<ConversationPage>([&](Connection& c) { return list_conversations(c, 50, cursor); });
            deep.push_back(ms_since(t));
            if (!page || !page->next) break;
            cursor = page->next;
        }
        auto s = stats(deep);
        std::printf("list pages 1..100 (keyset): median %.3f ms, max %.3f ms\n", s.median, s.max);
        std::vector<double> cpu;
        for (int i = 0; i < 200; ++i) {
            int64_t conv = 1 + static_cast<int64_t>(rng() % static_cast<unsigned>(chats));
            double c0 = thread_cpu_ms();
            auto t = Clock::now();
            auto page = db->read<PathPage>([&](Connection& c) { return load_active_path(c, conv, 50); });
            times.push_back(ms_since(t));
            cpu.push_back(thread_cpu_ms() - c0);
            if (!page || page->messages.size() != static_cast<size_t>(std::min(50, messages)))
                return std::fprintf(stderr, "error: path\n"), 1;
        }
        s = stats(times);
        auto sc = stats(cpu);
        std::printf("last 50 messages of a chat: median %.3f ms, p95 %.3f ms, max %.3f ms (CPU median %.3f ms)  "
                    "[target < 10 ms]\n", s.median, s.p95, s.max, sc.median);
    }
    {
        TextGen gen;
        const std::vector<std::string> queries = {gen.vocab[40], gen.vocab[900], gen.vocab[7000],
                                                  gen.vocab[60] + " " + gen.vocab[300], "the model",
                                                  gen.vocab[2000].substr(0, 4)};
        for (const auto& q : queries) {
            std::vector<double> times, cpu;
            size_t hits = 0;
            for (int rep = 0; rep < 5; ++rep) {
                double c0 = thread_cpu_ms();
                auto t = Clock::now();
                auto r = db->read<std::vector<SearchHit>>([&](Connection& c) { return search_messages(c, q); });
                times.push_back(ms_since(t));
                cpu.push_back(thread_cpu_ms() - c0);
                if (!r) return std::fprintf(stderr, "error: %s\n", r.error().message.c_str()), 1;
                hits = r->size();
            }
            auto count = db->read<int64_t>([&](Connection& c) -> hearth::Result<int64_t> {
                Stmt s(c, "SELECT count(*) FROM messages_fts WHERE messages_fts MATCH ?1");
                s.bind(1, to_fts_query(q, true));
                auto r = s.step();
                if (!r) return r.error();
                return s.i64(0);
            });
            auto s = stats(times);
            auto sc = stats(cpu);
            std::printf("search \"%s\" (%lld matching messages, top %zu): median %.2f ms, max %.2f ms "
                        "(CPU median %.2f ms)  [target < 100 ms]\n",
                        q.c_str(), count ? static_cast<long long>(*count) : -1LL, hits, s.median, s.max, sc.median);
        }
    }
    for (Saved saved : {Saved::Text, Saved::TokenData})
        if (int rc = stream_reply(*db, stream_seconds, 30, saved)) return rc;
    return 0;
}
