// Issue 15 at the Hub: `hearth-cli files` and `search` mark what Hearth cannot run, with the
// reason, and a split model pulls as one model (every part, checked, opening as one) while a
// split with a missing part is refused. Against the local server standing in for the Hub.
#include <gtest/gtest.h>

#include "base/json.h"
#include "downloader/gguf_check.h"
#include "downloader/quant.h"
#include "downloader/runnable.h"
#include "downloader/sha256.h"
#include "downloader_fixture.h"
#include "inference/arch/load_model.h"
#include "inference/arch/synthetic.h"
#include "inference/gguf/gguf_reader.h"
#include "inference/gguf/gguf_split.h"
#include "inference/gguf/gguf_writer.h"
#include "tests/support/run_process.h"

namespace hearth::test {
namespace {

std::string tree_entry(const std::string& path, size_t size, const std::string& sha) {
    return R"({"type":"file","oid":"x","size":)" + std::to_string(size) + R"(,"path":")" + path +
           R"(","lfs":{"oid":")" + sha + R"(","size":)" + std::to_string(size) + R"(,"pointerSize":134}})";
}

class EveryGgufCli : public ::testing::Test {
protected:
    void SetUp() override {
        home = scratch_dir(std::string("every-gguf-cli-") +
                           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    }
    ProcessResult cli(const std::string& args) {
        return run_command("HF_ENDPOINT=" + server.url("") + " XDG_DATA_HOME='" + home.string() + "' HF_TOKEN= '" +
                           cli_path() + "' " + args);
    }
    void serve_info(const std::string& repo, const std::string& arch) {
        server.put("/api/models/" + repo,
                   Resource(R"({"id":")" + repo + R"(","gated":false,"cardData":{"license":"mit"},"tags":[],)"
                                R"("gguf":{"architecture":")" + arch + R"("}})", ""));
    }

    // A small qwen2 model cut into `count` parts the way llama.cpp's gguf-split cuts it (metadata
    // in the first part), served under o/split; returns the parts' bytes.
    std::vector<std::string> serve_split(uint32_t count, bool list_all = true) {
        arch::SyntheticSpec spec;
        spec.arch = arch::Arch::Qwen2;
        spec.n_embd = 64, spec.n_layer = 2, spec.n_head = 4, spec.n_head_kv = 2, spec.n_ff = 96;
        spec.n_vocab = 300, spec.n_ctx = 64;
        const auto whole_path = home / "whole.gguf";
        EXPECT_TRUE(arch::write_synthetic_model(spec, whole_path));
        auto whole = GgufFile::open(whole_path);
        EXPECT_TRUE(whole) << whole.error().message;
        n_tensors = whole->tensors().size();
        const auto& tensors = whole->tensors();
        const size_t per = (tensors.size() + count - 1) / count;
        std::vector<std::string> parts;
        std::string tree = "[";
        for (uint32_t i = 0; i < count; ++i) {
            GgufWriter w;
            if (i == 0)
                for (const auto& kv : whole->metadata()) w.set_value(kv.key, kv.value);
            w.set_u16("split.no", static_cast<uint16_t>(i));
            w.set_u16("split.count", static_cast<uint16_t>(count));
            w.set_i32("split.tensors.count", static_cast<int32_t>(tensors.size()));
            for (size_t t = i * per; t < std::min(tensors.size(), (i + 1) * per); ++t)
                EXPECT_TRUE(w.add_tensor_from(tensors[t]));
            const std::string name = split_part_name("tiny-Q8_0", i + 1, count);
            EXPECT_TRUE(w.write(home / name));
            parts.push_back(read_file(home / name));
            const std::string sha = dl::sha256_hex(parts.back());
            server.put("/o/split/resolve/main/" + name, Resource(parts.back(), "\"" + sha + "\""));
            if (list_all || i + 1 < count)
                tree += std::string(tree.size() > 1 ? "," : "") + tree_entry(name, parts.back().size(), sha);
        }
        server.put("/api/models/o/split/tree/main", Resource(tree + "]", ""));
        serve_info("o/split", "qwen2");
        return parts;
    }

    TestServer server;
    std::filesystem::path home;
    size_t n_tensors = 0;
};

TEST_F(EveryGgufCli, FilesMarksWhatHearthCannotRunWithTheReason) {
    std::string tree = "[" + tree_entry("m-IQ4_XS.gguf", 100, std::string(64, 'a')) + "," +
                       tree_entry("m-TQ1_0.gguf", 50, std::string(64, 'b')) + "," +
                       tree_entry("m-MXFP4.gguf", 60, std::string(64, 'c')) + "," +
                       tree_entry("m-Q4_K_M-00001-of-00003.gguf", 40, std::string(64, 'd')) + "," +
                       tree_entry("m-Q4_K_M-00003-of-00003.gguf", 40, std::string(64, 'e')) + "]";
    server.put("/api/models/o/m/tree/main", Resource(tree, ""));
    serve_info("o/m", "qwen2");
    auto r = cli("files o/m");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("cannot run: TQ1_0 weights are not supported by Hearth yet"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("cannot run: MXFP4 weights are not supported"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("cannot run: part 2 of 3 is missing from the repository"), std::string::npos) << r.out;
    // IQ4_XS runs: no line for it.
    EXPECT_EQ(r.out.find("cannot run: IQ4_XS"), std::string::npos) << r.out;

    auto js = cli("files o/m --json");
    ASSERT_EQ(js.exit_code, 0) << js.err;
    auto v = json::parse(js.out);
    ASSERT_TRUE(v.ok()) << js.out;
    int runs = 0, not_runs = 0;
    for (const auto& g : v->find("quants")->arr) {
        const bool ok = g.get_bool("runs").value_or(false);
        (ok ? runs : not_runs)++;
        EXPECT_EQ(ok, g.find("cannot_run") == nullptr) << g.get_string("quant");
        if (g.get_string("quant") == "IQ4_XS") {
            EXPECT_TRUE(ok);
        }
    }
    EXPECT_EQ(runs, 1);
    EXPECT_EQ(not_runs, 3);
}

TEST_F(EveryGgufCli, AnArchitectureTheEngineLacksMarksEveryFile) {
    server.put("/api/models/o/mamba/tree/main",
               Resource("[" + tree_entry("mamba-Q4_K_M.gguf", 100, std::string(64, 'a')) + "]", ""));
    serve_info("o/mamba", "mamba");
    auto r = cli("files o/mamba --json");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("Hearth cannot run 'mamba' models"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("\"runs\": false"), std::string::npos) << r.out;
    auto text = cli("files o/mamba");
    EXPECT_NE(text.out.find("Hearth cannot run 'mamba' models"), std::string::npos) << text.out;

    server.put("/api/models", Resource(R"([{"id":"o/mamba","downloads":3,"likes":1,"gguf":{"architecture":"mamba"}},)"
                                       R"({"id":"o/m","downloads":2,"likes":1,"gguf":{"architecture":"llama"}}])",
                                       ""));
    auto s = cli("search m");
    ASSERT_EQ(s.exit_code, 0) << s.err;
    EXPECT_NE(s.out.find("cannot run: Hearth cannot run 'mamba' models"), std::string::npos) << s.out;
    EXPECT_EQ(s.out.find("'llama'"), std::string::npos) << s.out;
}

TEST_F(EveryGgufCli, ASplitModelPullsAsOneModel) {
    auto parts = serve_split(3);
    const auto dir = home / "models";
    // Asking for any part plans them all.
    auto r = cli("pull o/split tiny-Q8_0-00002-of-00003.gguf --dir '" + dir.string() + "'");
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    EXPECT_NE(r.out.find("3 files"), std::string::npos) << r.out;
    for (uint32_t i = 1; i <= 3; ++i) {
        const auto p = dir / split_part_name("tiny-Q8_0", i, 3);
        ASSERT_TRUE(std::filesystem::exists(p)) << p << "\n" << r.out << r.err;
        EXPECT_EQ(read_file(p), parts[i - 1]);
    }
    EXPECT_NE(r.out.find("open as one model"), std::string::npos) << r.out;
    // ... and what was saved loads as one model with every tensor.
    auto f = GgufFile::open(dir / split_part_name("tiny-Q8_0", 1, 3));
    ASSERT_TRUE(f) << f.error().message;
    EXPECT_EQ(f->tensors().size(), n_tensors);
    auto m = arch::load_model(*f);
    ASSERT_TRUE(m) << m.error().message;
    EXPECT_EQ(m->hp.n_layer, 2);
}

TEST_F(EveryGgufCli, ASplitModelWithAMissingPartIsRefused) {
    serve_split(3, /*list_all=*/false);
    const auto dir = home / "models";
    auto r = cli("pull o/split tiny-Q8_0-00001-of-00003.gguf --dir '" + dir.string() + "'");
    EXPECT_EQ(r.exit_code, 1) << r.out;
    EXPECT_NE(r.err.find("has 2 of the 3 parts"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir / split_part_name("tiny-Q8_0", 1, 3)));
    auto files = cli("files o/split");
    EXPECT_NE(files.out.find("part 3 of 3 is missing"), std::string::npos) << files.out;
}

// The post-download check takes a part on its own; the model check wants the whole model.
TEST_F(EveryGgufCli, APartPassesTheDownloadCheckAndTheModelCheckWantsEveryPart) {
    serve_split(3);
    const auto second = home / split_part_name("tiny-Q8_0", 2, 3);
    EXPECT_TRUE(dl::check_gguf_download(second).ok());
    auto whole = dl::check_gguf_file(second);
    ASSERT_FALSE(whole.ok());
    EXPECT_EQ(whole.error().code, "gguf.split_not_first");
    std::filesystem::remove(home / split_part_name("tiny-Q8_0", 3, 3));
    EXPECT_TRUE(dl::check_gguf_download(home / split_part_name("tiny-Q8_0", 1, 3)).ok());
    auto missing = dl::check_gguf_file(home / split_part_name("tiny-Q8_0", 1, 3));
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, "gguf.split_part_missing");
}

TEST(EveryGgufQuant, GroupsSayWhyTheyCannotRun) {
    std::vector<dl::RepoFile> files = {{"a-Q4_K_M.gguf", 10, ""},
                                       {"a-TQ2_0.gguf", 5, ""},
                                       {"a-Q8_0-00001-of-00004.gguf", 10, ""},
                                       {"a-Q8_0-00004-of-00004.gguf", 10, ""},
                                       {"a-unknown.gguf", 7, ""}};
    for (const auto& g : dl::group_by_quant(files)) {
        if (g.quant == "Q4_K_M" || g.quant.empty()) {
            EXPECT_EQ(g.cannot_run, "") << g.quant;
        } else if (g.quant == "TQ2_0") {
            EXPECT_NE(g.cannot_run.find("TQ2_0 weights are not supported"), std::string::npos);
        } else {
            EXPECT_EQ(g.cannot_run, "parts 2, 3 of 4 are missing from the repository") << g.quant;
        }
    }
    EXPECT_EQ(dl::quant_from_filename("gpt-oss-20b-MXFP4.gguf"), "MXFP4");
}

}  // namespace
}  // namespace hearth::test
