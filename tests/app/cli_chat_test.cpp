// `hearth-cli chat` driven with piped input on stories260K: three turns where the second and
// third evaluate only their new tokens (read from the statistics lines), a restart that
// continues the conversation from the database exactly as if it had never stopped, the
// commands, and `run --special`.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "tests/support/run_process.h"

namespace {

using hearth::test::cli_path;
using hearth::test::run_command;

struct Stats {
    int prompt = 0, reused = 0, fresh = 0, generated = 0;
    std::string stop;
};

// The "[stats] prompt P tokens: R reused, N new; ...; G tokens, ...; stopped: S" lines.
std::vector<Stats> stats_lines(const std::string& err) {
    std::vector<Stats> out;
    const std::regex re(R"(\[stats\] prompt (\d+) tokens: (\d+) reused, (\d+) new;.*; (\d+) tokens, [^;]*; seed \d+; stopped: ([a-z ]+))");
    for (std::sregex_iterator it(err.begin(), err.end(), re), end; it != end; ++it)
        out.push_back({std::stoi((*it)[1]), std::stoi((*it)[2]), std::stoi((*it)[3]), std::stoi((*it)[4]), (*it)[5]});
    return out;
}

std::string model() { return (hearth::test::testdata_dir() / "models" / "stories260K.gguf").string(); }

hearth::test::ProcessResult chat(const std::string& db, const std::string& input, const std::string& extra = "") {
    return run_command("printf '" + input + "' | " + cli_path() + " chat -m '" + model() + "' --db '" + db +
                       "' --backend cpu --temp 0 -n 12 --ctx 512 " + extra);
}

TEST(CliChat, ThreeTurnsPrefillOnlyTheirNewTokensAndARestartContinues) {
    HEARTH_REQUIRE_TESTDATA("models/stories260K.gguf");
    const auto dir = hearth::test::scratch_dir("cli-chat");
    const std::string db = (dir / "chats.sqlite3").string();
    auto r = chat(db, "Once upon a time\\nThe dog ran\\nThen\\n/quit\\n");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto s = stats_lines(r.err);
    ASSERT_EQ(s.size(), 3u) << r.err;
    EXPECT_EQ(s[0].reused, 0);
    for (size_t i = 1; i < 3; ++i) {
        // Everything the previous turn left in the cache: its prompt and its reply but the last
        // sampled token (12 tokens, cut at -n 12, so the reply has no end-of-turn token).
        EXPECT_EQ(s[i - 1].stop, "max tokens");
        EXPECT_EQ(s[i].reused, s[i - 1].prompt + s[i - 1].generated - 1) << "turn " << i + 1;
        EXPECT_EQ(s[i].fresh, s[i].prompt - s[i].reused);
        // The new message and the template around it (ChatML is plain text to stories260K's
        // vocabulary: ~45 tokens), not the history.
        EXPECT_LT(s[i].fresh, 80);
        EXPECT_LT(s[i].fresh, s[i].reused);
    }

    // A restart: open the chat from the database and go on.
    auto again = chat(db, "/list\\n/open 1\\nThe end\\n/quit\\n");
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.out.find("1 "), std::string::npos) << again.out;
    EXPECT_NE(again.out.find("opened 1: Once upon a time (6 messages)"), std::string::npos) << again.out;
    auto s4 = stats_lines(again.err);
    ASSERT_EQ(s4.size(), 1u) << again.err;
    EXPECT_EQ(s4[0].reused, 0);  // a new process has an empty cache

    // The same four turns in one process: the restored conversation is token for token the same.
    const std::string db2 = (dir / "one-go.sqlite3").string();
    auto one = chat(db2, "Once upon a time\\nThe dog ran\\nThen\\nThe end\\n/quit\\n");
    ASSERT_EQ(one.exit_code, 0) << one.err;
    auto s1 = stats_lines(one.err);
    ASSERT_EQ(s1.size(), 4u);
    EXPECT_EQ(s4[0].prompt, s1[3].prompt);
    EXPECT_EQ(s4[0].generated, s1[3].generated);
    const auto last_reply = [](const std::string& out) {
        std::string o = out;
        while (!o.empty() && o.back() == '\n') o.pop_back();
        return o.substr(o.rfind('\n') + 1);
    };
    EXPECT_EQ(last_reply(again.out.substr(0, again.out.size())), last_reply(one.out));
}

TEST(CliChat, RegenerateEditSystemAndExport) {
    HEARTH_REQUIRE_TESTDATA("models/stories260K.gguf");
    const auto dir = hearth::test::scratch_dir("cli-chat-commands");
    const std::string db = (dir / "chats.sqlite3").string();
    const std::string md = (dir / "chat.md").string();
    auto r = chat(db, "Once upon a time\\n/regen\\n/edit Lily had a ball\\n/system Be brief.\\nYes\\n/export " + md +
                          "\\n/bogus\\n/quit\\n");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto s = stats_lines(r.err);
    ASSERT_EQ(s.size(), 4u) << r.err;
    EXPECT_EQ(s[1].prompt, s[0].prompt);
    EXPECT_EQ(s[1].reused, s[0].prompt - 1);      // /regen: the same prompt, all of it reused
    EXPECT_GT(s[2].reused, 0);                     // /edit: the text before the message
    EXPECT_LT(s[2].reused, s[0].prompt);
    EXPECT_NE(r.err.find("unknown command /bogus"), std::string::npos);
    std::ifstream f(md);
    std::stringstream text;
    text << f.rdbuf();
    EXPECT_NE(text.str().find("Be brief."), std::string::npos) << text.str();
    EXPECT_NE(text.str().find("Lily had a ball"), std::string::npos);
    // The edit replaced the first message on the visible branch (the title keeps its words).
    EXPECT_EQ(text.str().find("## User\n\nOnce upon a time"), std::string::npos) << text.str();
}

TEST(CliChat, BadOptionsAreUsageErrors) {
    auto r = run_command(cli_path() + " chat");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("chat needs a model"), std::string::npos);
    r = run_command(cli_path() + " chat -m x.gguf -n -3");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("-n"), std::string::npos) << r.err;
}

TEST(CliRun, SpecialTokensInThePromptAreTextUnlessAsked) {
    HEARTH_REQUIRE_TESTDATA("models/stories260K.gguf");
    // stories260K's <s> is its BOS control token: as text it is several tokens.
    auto plain = run_command(cli_path() + " run -m '" + model() + "' -p '<s>' -n 1 --temp 0 --backend cpu");
    auto special = run_command(cli_path() + " run -m '" + model() + "' -p '<s>' -n 1 --temp 0 --backend cpu --special");
    ASSERT_EQ(plain.exit_code, 0) << plain.err;
    ASSERT_EQ(special.exit_code, 0) << special.err;
    const std::regex re(R"(prompt (\d+) tokens)");
    std::smatch a, b;
    ASSERT_TRUE(std::regex_search(plain.err, a, re)) << plain.err;
    ASSERT_TRUE(std::regex_search(special.err, b, re)) << special.err;
    EXPECT_EQ(std::stoi(b[1]), 2);  // BOS, then <s> as the control token
    EXPECT_GT(std::stoi(a[1]), 2);
}

}  // namespace
