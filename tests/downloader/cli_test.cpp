// hearth-cli's search, files, pull and fit, as a user runs them, against the local server
// standing in for the Hub (HF_ENDPOINT) and a scratch XDG_DATA_HOME.
#include <gtest/gtest.h>

#include "downloader/sha256.h"
#include "closed_port.h"
#include "downloader_fixture.h"
#include "tests/support/run_process.h"

namespace hearth::test {
namespace {

class CliTest : public ::testing::Test {
protected:
    void SetUp() override {
        home = scratch_dir(std::string("downloader-cli-") +
                           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    }
    std::string env() const {
        return "HF_ENDPOINT=" + server.url("") + " XDG_DATA_HOME='" + home.string() + "' HF_TOKEN= ";
    }
    ProcessResult cli(const std::string& args) { return run_command(env() + "'" + cli_path() + "' " + args); }

    void serve_stories() {
        auto model = read_file(testdata_dir() / "models/stories260K.gguf");
        sha = dl::sha256_hex(model);
        server.put("/ggml-org/models/resolve/main/tinyllamas/stories260K.gguf", Resource(model, "\"" + sha + "\""));
        std::string tree = R"([{"type":"directory","oid":"1","size":0,"path":"tinyllamas"},)"
                           R"({"type":"file","oid":"2","size":)" + std::to_string(model.size()) +
                           R"(,"path":"tinyllamas/stories260K.gguf","lfs":{"oid":")" + sha +
                           R"(","size":)" + std::to_string(model.size()) + R"(,"pointerSize":134}}])";
        server.put("/api/models/ggml-org/models/tree/main", Resource(tree, ""));
        server.put("/api/models/ggml-org/models",
                   Resource(R"({"id":"ggml-org/models","gated":false,"cardData":{"license":"mit"},"tags":[]})", ""));
        size = model.size();
    }

    TestServer server;
    std::filesystem::path home;
    std::string sha;
    size_t size = 0;
};

TEST_F(CliTest, PullDownloadsVerifiesAndSkipsWhatIsThere) {
    HEARTH_REQUIRE_TESTDATA("models/stories260K.gguf");
    serve_stories();
    auto r = cli("pull ggml-org/models tinyllamas/stories260K.gguf");
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    auto dest = home / "hearth" / "models" / "stories260K.gguf";
    ASSERT_TRUE(std::filesystem::exists(dest)) << r.out;
    EXPECT_EQ(*dl::sha256_file_hex(dest), sha);
    EXPECT_NE(r.out.find("licence mit"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("saved " + dest.string()), std::string::npos) << r.out;
    EXPECT_TRUE(std::filesystem::exists(home / "hearth" / "hearth.sqlite3")) << "the state database lives beside the models";

    auto again = cli("pull --catalog stories260k");
    ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
    EXPECT_NE(again.out.find("already downloaded"), std::string::npos) << again.out;
    EXPECT_EQ(server.request_count("/ggml-org/models/resolve/main/tinyllamas/stories260K.gguf"), 1);
}

TEST_F(CliTest, PullReportsAHashMismatchClearly) {
    HEARTH_REQUIRE_TESTDATA("models/stories260K.gguf");
    serve_stories();
    Fault flip;
    flip.kind = Fault::flip_byte;
    flip.offset = 1000;
    server.add_fault("/ggml-org/models/resolve/main/tinyllamas/stories260K.gguf", flip);
    server.add_fault("/ggml-org/models/resolve/main/tinyllamas/stories260K.gguf", flip);
    auto r = cli("pull ggml-org/models tinyllamas/stories260K.gguf --dir '" + (home / "m").string() + "'");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("arrived damaged twice"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(home / "m" / "stories260K.gguf"));
}

TEST_F(CliTest, FilesSearchAndFit) {
    HEARTH_REQUIRE_TESTDATA("models/stories260K.gguf");
    serve_stories();
    auto files = cli("files ggml-org/models");
    ASSERT_EQ(files.exit_code, 0) << files.err;
    EXPECT_NE(files.out.find("tinyllamas/stories260K.gguf"), std::string::npos) << files.out;
    EXPECT_NE(files.out.find("licence: mit"), std::string::npos) << files.out;

    server.put("/api/models", Resource(R"([{"id":"ggml-org/models","downloads":77,"likes":5}])", ""));
    auto search = cli("search tiny stories --sort likes");
    ASSERT_EQ(search.exit_code, 0) << search.err;
    EXPECT_NE(search.out.find("ggml-org/models"), std::string::npos) << search.out;
    EXPECT_EQ(server.request_count("/api/models?search=tiny%20stories&filter=gguf&sort=likes&direction=-1&limit=20"), 1);
    EXPECT_EQ(cli("search x --sort sideways").exit_code, 1);
    EXPECT_EQ(cli("search").exit_code, 2);

    auto fit = cli("fit '" + (testdata_dir() / "models/stories260K.gguf").string() + "' --ctx 512");
    ASSERT_EQ(fit.exit_code, 0) << fit.err;
    EXPECT_NE(fit.out.find("largest context that fits"), std::string::npos) << fit.out;
    EXPECT_NE(fit.out.find("KV cache"), std::string::npos) << fit.out;
}

// The CLI reads the token from its environment (app/environment.h) and the library sends it.
TEST_F(CliTest, TheTokenFromTheEnvironmentReachesTheHub) {
    server.put("/api/models", Resource(R"([{"id":"o/r","downloads":1,"likes":1}])", ""));
    auto r = run_command("HF_ENDPOINT=" + server.url("") + " XDG_DATA_HOME='" + home.string() +
                         "' HF_TOKEN= HUGGING_FACE_HUB_TOKEN=hf_from_env '" + cli_path() + "' search x");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto reqs = server.requests("/api/models?search=x&filter=gguf&sort=downloads&direction=-1&limit=20");
    ASSERT_EQ(reqs.size(), 1u);
    EXPECT_EQ(reqs[0].authorization, "Bearer hf_from_env");
}

TEST_F(CliTest, OfflineIsAClearErrorNotAHang) {
    ClosedPort dead;
    ASSERT_NE(dead.port(), 0);
    auto r = run_command("HF_ENDPOINT=" + dead.url() + " '" + cli_path() + "' search qwen");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("cannot reach"), std::string::npos) << r.err;
}

// The catalog as a user sees it: the bundled list, then a refreshed one that later commands
// use, and a broken refresh that changes nothing.
TEST_F(CliTest, CatalogListsAndRefreshesFromAUrl) {
    auto r = cli("catalog");
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("qwen2.5-7b-instruct"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("Q4_K_M*"), std::string::npos) << "the default quant is marked: " << r.out;
    EXPECT_NE(r.out.find("stories260k"), std::string::npos) << r.out;

    auto none = cli("catalog --refresh");
    EXPECT_EQ(none.exit_code, 1);
    EXPECT_NE(none.err.find("give one"), std::string::npos) << none.err;

    const std::string newer =
        R"({"schema_version":1,"updated":"2099-01-01","refresh_url":")" + server.url("/catalog.json") +
        R"(","models":[{"id":"tiny-chat","name":"Tiny Chat","repo":"o/tiny-chat-GGUF","license":"mit",)"
        R"("context_length":2048,"default_quant":"Q8_0","quants":[{"quant":"Q8_0"}]}]})";
    server.put("/catalog.json", Resource(newer, ""));
    auto refreshed = cli("catalog --refresh " + server.url("/catalog.json"));
    ASSERT_EQ(refreshed.exit_code, 0) << refreshed.out << refreshed.err;
    const auto saved = home / "hearth" / "catalog.json";
    EXPECT_EQ(read_file(saved), newer);
    auto listed = cli("catalog");
    ASSERT_EQ(listed.exit_code, 0) << listed.err;
    EXPECT_NE(listed.out.find("tiny-chat"), std::string::npos) << listed.out;
    EXPECT_EQ(listed.out.find("qwen2.5-7b-instruct"), std::string::npos) << listed.out;
    EXPECT_NE(listed.out.find(saved.string()), std::string::npos) << "it says which file it read: " << listed.out;

    server.put("/catalog.json", Resource(R"({"schema_version":1,"models":[{"id":"x"}]})", ""));
    auto broken = cli("catalog --refresh");  // the refreshed catalog names its own address
    EXPECT_EQ(broken.exit_code, 1);
    EXPECT_NE(broken.err.find("invalid"), std::string::npos) << broken.err;
    EXPECT_EQ(read_file(saved), newer) << "a broken refresh replaced the good one";
    EXPECT_EQ(server.request_count("/catalog.json"), 2);
}

}  // namespace
}  // namespace hearth::test
