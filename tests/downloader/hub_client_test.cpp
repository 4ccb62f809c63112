// The Hub client against recorded API answers served by the local test server (HF_ENDPOINT
// style endpoint override), plus quant grouping and download planning.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "downloader/catalog.h"
#include "downloader/hub_client.h"
#include "downloader/pull_plan.h"
#include "downloader/quant.h"
#include "closed_port.h"
#include "http_test_server.h"

namespace hearth::test {
namespace {

std::string fixture(const std::string& name) {
    const char* src = std::getenv("HEARTH_SOURCE_DIR");
    std::filesystem::path p = std::filesystem::path(src ? src : ".") / "tests/downloader/fixtures/hub" / name;
    std::ifstream f(p);
    std::stringstream ss;
    ss << f.rdbuf();
    EXPECT_FALSE(ss.str().empty()) << "missing fixture " << p;
    return ss.str();
}

Resource json_resource(const std::string& body) {
    Resource r(body, "");
    r.content_type = "application/json";
    return r;
}

class HubTest : public ::testing::Test {
protected:
    void SetUp() override {
        server.put("/api/models", json_resource(fixture("search_qwen.json")));
        server.put("/api/models/bartowski/Qwen2.5-7B-Instruct-GGUF", json_resource(fixture("model_qwen.json")));
        server.put("/api/models/bartowski/Qwen2.5-7B-Instruct-GGUF/tree/main", json_resource(fixture("tree_qwen.json")));
        server.put("/api/models/meta-llama/Llama-3.2-1B-Instruct", json_resource(fixture("model_gated.json")));
        hub.endpoint = server.url("");
        hub.token = "hf_test_token";
    }
    TestServer server;
    dl::HubOptions hub;
};

TEST_F(HubTest, SearchAsksForGgufSortedAndParsesTheList) {
    auto r = dl::hub_search(hub, "qwen 7b", dl::HubSort::downloads, 20);
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r->size(), 3u);
    EXPECT_EQ((*r)[0].id, "bartowski/Qwen2.5-7B-Instruct-GGUF");
    EXPECT_EQ((*r)[0].downloads, 285113);
    EXPECT_EQ((*r)[0].likes, 412);
    EXPECT_EQ((*r)[0].pipeline_tag, "text-generation");
    EXPECT_EQ((*r)[2].last_modified, "2025-01-02T10:00:00.000Z");
    auto reqs = server.requests("/api/models?search=qwen%207b&filter=gguf&sort=downloads&direction=-1&limit=20");
    ASSERT_EQ(reqs.size(), 1u);
    EXPECT_EQ(reqs[0].authorization, "Bearer hf_test_token");
    EXPECT_EQ(reqs[0].user_agent.rfind("Hearth/", 0), 0u);
    ASSERT_TRUE(dl::hub_search(hub, "x", dl::HubSort::likes, 5).ok());
    EXPECT_EQ(server.request_count("/api/models?search=x&filter=gguf&sort=likes&direction=-1&limit=5"), 1);
    ASSERT_TRUE(dl::hub_search(hub, "x", dl::HubSort::recent, 5).ok());
    EXPECT_EQ(server.request_count("/api/models?search=x&filter=gguf&sort=lastModified&direction=-1&limit=5"), 1);
}

TEST_F(HubTest, ModelInfoReadsLicenceGatingAndGgufSummary) {
    auto m = dl::hub_model_info(hub, "bartowski/Qwen2.5-7B-Instruct-GGUF");
    ASSERT_TRUE(m.ok()) << m.error().message;
    EXPECT_EQ(m->license, "apache-2.0");
    EXPECT_FALSE(m->gated);
    EXPECT_EQ(m->architecture, "qwen2");
    EXPECT_EQ(m->context_length, 32768);
    EXPECT_EQ(m->parameters, 7615616512LL);
    auto g = dl::hub_model_info(hub, "meta-llama/Llama-3.2-1B-Instruct");
    ASSERT_TRUE(g.ok());
    EXPECT_TRUE(g->gated);
    EXPECT_EQ(g->gated_mode, "manual");
    EXPECT_EQ(g->license, "llama3.2");
}

TEST_F(HubTest, ListsFilesWithSizesAndLfsHashes) {
    auto files = dl::hub_list_files(hub, "bartowski/Qwen2.5-7B-Instruct-GGUF");
    ASSERT_TRUE(files.ok()) << files.error().message;
    EXPECT_EQ(files->size(), 9u) << "directories are not files";
    EXPECT_EQ(server.request_count("/api/models/bartowski/Qwen2.5-7B-Instruct-GGUF/tree/main?recursive=1"), 1);
    const dl::RepoFile* q4 = nullptr;
    const dl::RepoFile* iq4 = nullptr;
    const dl::RepoFile* readme = nullptr;
    for (const auto& f : *files) {
        if (f.path == "Qwen2.5-7B-Instruct-Q4_K_M.gguf") q4 = &f;
        if (f.path == "Qwen2.5-7B-Instruct-IQ4_XS.gguf") iq4 = &f;
        if (f.path == "README.md") readme = &f;
    }
    ASSERT_TRUE(q4 && iq4 && readme);
    EXPECT_EQ(q4->size, 4683073536LL);
    EXPECT_EQ(q4->sha256, "65b8fcd92af6b4fefa935c625d1ac27ea29dcb6ee14589c55a8f115ceaaa1423");
    EXPECT_EQ(iq4->sha256, "d40c3a4b1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b") << "prefix dropped, lower-cased";
    EXPECT_TRUE(readme->sha256.empty());
    EXPECT_EQ(readme->size, 6417);
}

TEST_F(HubTest, FollowsPaginationOnTheSameHostOnly) {
    std::string base = "/api/models/o/r/tree/main";
    auto page1 = json_resource(fixture("tree_page1.json"));
    page1.extra_headers = "Link: <" + server.url(base + "?recursive=1&cursor=abc") + ">; rel=\"next\"\r\n";
    server.put(base, page1);
    server.put(base + "?recursive=1&cursor=abc", json_resource(fixture("tree_page2.json")));
    auto files = dl::hub_list_files(hub, "o/r");
    ASSERT_TRUE(files.ok()) << files.error().message;
    ASSERT_EQ(files->size(), 2u);
    EXPECT_EQ((*files)[1].path, "a-Q8_0.gguf");

    auto evil = json_resource(fixture("tree_page1.json"));
    evil.extra_headers = "Link: <http://elsewhere.invalid/x>; rel=\"next\"\r\n";
    server.put("/api/models/o/evil/tree/main", evil);
    auto one = dl::hub_list_files(hub, "o/evil");
    ASSERT_TRUE(one.ok());
    EXPECT_EQ(one->size(), 1u);
}

TEST_F(HubTest, ErrorsAreClear) {
    auto missing = dl::hub_list_files(hub, "nobody/nothing");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, "hub.not_found");
    Fault f;
    f.kind = Fault::status;
    f.code = 401;
    server.add_fault("/api/models/meta-llama/Llama-3.2-1B-Instruct", f);
    auto denied = dl::hub_model_info(hub, "meta-llama/Llama-3.2-1B-Instruct");
    ASSERT_FALSE(denied.ok());
    EXPECT_EQ(denied.error().code, "hub.unauthorized");
    EXPECT_NE(denied.error().message.find("HF_TOKEN"), std::string::npos);
    EXPECT_EQ(denied.error().message.find("hf_test_token"), std::string::npos);
    auto bad = dl::hub_model_info(hub, "../../etc/passwd");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, "hub.bad_repo");
    server.put("/api/models/o/garbage", json_resource("{not json"));
    auto garbage = dl::hub_model_info(hub, "o/garbage");
    ASSERT_FALSE(garbage.ok());
    EXPECT_EQ(garbage.error().code, "hub.bad_response");
}

TEST(HubOffline, UnreachableEndpointIsAClearStateWithoutHanging) {
    ClosedPort dead;
    ASSERT_NE(dead.port(), 0);
    dl::HubOptions o;
    o.endpoint = dead.url();
    o.connect_timeout_ms = 2000;
    auto r = dl::hub_search(o, "qwen", dl::HubSort::downloads, 10);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, "net.offline");
    EXPECT_NE(r.error().message.find("cannot reach 127.0.0.1"), std::string::npos) << r.error().message;
}

// The endpoint comes from the options (app/ reads HF_ENDPOINT into them), never from the
// library's own environment.
TEST(HubEndpoint, TheOptionsNameTheHostAndTheEnvironmentDoesNot) {
    ::setenv("HF_ENDPOINT", "https://ignored.example", 1);
    EXPECT_EQ(dl::hub_endpoint({}), "https://huggingface.co");
    ::unsetenv("HF_ENDPOINT");
    dl::UserConfig config;
    config.hub_endpoint = "https://hf-mirror.example/";
    config.hf_token = "hf_abc";
    const dl::HubOptions o = dl::hub_options(config);
    EXPECT_EQ(o.token, "hf_abc");
    EXPECT_EQ(dl::hub_endpoint(o), "https://hf-mirror.example");
    EXPECT_EQ(dl::hub_file_url(o, "o/r", "dir/My Model-Q4_K_M.gguf"),
              "https://hf-mirror.example/o/r/resolve/main/dir/My%20Model-Q4_K_M.gguf");
}

TEST(Quant, FromFileNames) {
    EXPECT_EQ(dl::quant_from_filename("Qwen2.5-7B-Instruct-Q4_K_M.gguf"), "Q4_K_M");
    EXPECT_EQ(dl::quant_from_filename("qwen2.5-7b-instruct-q4_k_m.gguf"), "Q4_K_M");
    EXPECT_EQ(dl::quant_from_filename("Llama-3.2-1B-Instruct-IQ4_XS.gguf"), "IQ4_XS");
    EXPECT_EQ(dl::quant_from_filename("model.Q8_0.gguf"), "Q8_0");
    EXPECT_EQ(dl::quant_from_filename("gemma-2-2b-it-f16.gguf"), "F16");
    EXPECT_EQ(dl::quant_from_filename("Meta-Llama-3.1-8B-Instruct-BF16.gguf"), "BF16");
    EXPECT_EQ(dl::quant_from_filename("x/Qwen-f16-00001-of-00003.gguf"), "F16");
    EXPECT_EQ(dl::quant_from_filename("Phi-3.5-mini-instruct-Q4_0_4_4.gguf"), "Q4_0_4_4");
    EXPECT_EQ(dl::quant_from_filename("stories260K.gguf"), "");
    EXPECT_EQ(dl::quant_from_filename("Q4_K_M-trained-F32.gguf"), "F32") << "the last tag wins";
    EXPECT_GT(dl::quant_bits_per_weight("Q4_K_M"), dl::quant_bits_per_weight("Q3_K_M"));
    EXPECT_EQ(dl::quant_bits_per_weight("Q9_Z"), 0);
}

TEST(Quant, SplitNames) {
    auto s = dl::parse_split("Qwen-f16-00002-of-00003.gguf");
    ASSERT_TRUE(s);
    EXPECT_EQ(s->index, 2);
    EXPECT_EQ(s->count, 3);
    EXPECT_EQ(s->base, "Qwen-f16");
    EXPECT_FALSE(dl::parse_split("Qwen-f16.gguf"));
    EXPECT_FALSE(dl::parse_split("Qwen-00004-of-00003.gguf"));
    EXPECT_FALSE(dl::parse_split("Qwen-0000a-of-00003.gguf"));
}

TEST(Quant, GroupsARepoListing) {
    auto tree = json::parse(R"([
      {"type":"file","size":5,"path":"README.md"},
      {"type":"file","size":300,"path":"m-Q8_0.gguf"},
      {"type":"file","size":100,"path":"m-Q4_K_M.gguf"},
      {"type":"file","size":60,"path":"f16/m-f16-00002-of-00002.gguf"},
      {"type":"file","size":50,"path":"f16/m-f16-00001-of-00002.gguf"},
      {"type":"file","size":40,"path":"m-Q5_K_M-00001-of-00002.gguf"},
      {"type":"file","size":70,"path":"mmproj-m-f16.gguf"}])");
    ASSERT_TRUE(tree.ok());
    auto files = dl::parse_tree_response(*tree);
    ASSERT_TRUE(files.ok());
    auto groups = dl::group_by_quant(*files);
    ASSERT_EQ(groups.size(), 4u);
    EXPECT_EQ(groups[0].quant, "Q5_K_M");
    EXPECT_FALSE(groups[0].complete);
    EXPECT_EQ(groups[1].quant, "Q4_K_M");
    EXPECT_EQ(groups[2].quant, "F16");
    EXPECT_EQ(groups[2].total_size, 110);
    ASSERT_EQ(groups[2].files.size(), 2u);
    EXPECT_EQ(groups[2].files[0].path, "f16/m-f16-00001-of-00002.gguf");
    EXPECT_TRUE(groups[2].complete);
    EXPECT_EQ(groups[3].quant, "Q8_0");
}

TEST_F(HubTest, CatalogCanBeRefreshedFromAUrl) {
    std::string newer = R"({"schema_version":1,"updated":"2027-01-01","models":[{"id":"m","repo":"o/r",)"
                        R"("license":"mit","context_length":2048,"quants":[{"quant":"Q8_0"}]}]})";
    server.put("/catalog.json", json_resource(newer));
    auto fetched = dl::fetch_catalog(server.url("/catalog.json"));
    ASSERT_TRUE(fetched.ok()) << fetched.error().message;
    EXPECT_EQ(fetched->first, newer);
    EXPECT_EQ(fetched->second.updated, "2027-01-01");
    ASSERT_EQ(fetched->second.models.size(), 1u);
    server.put("/broken.json", json_resource(R"({"schema_version":1,"models":[{"id":"x"}]})"));
    auto broken = dl::fetch_catalog(server.url("/broken.json"));
    ASSERT_FALSE(broken.ok());
    EXPECT_EQ(broken.error().code, "catalog.invalid");
    auto missing = dl::fetch_catalog(server.url("/nope.json"));
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, "catalog.fetch");
}

TEST_F(HubTest, PlansASingleFileAndASplitModel) {
    auto plan = dl::plan_repo_file(hub, "bartowski/Qwen2.5-7B-Instruct-GGUF", "Qwen2.5-7B-Instruct-Q4_K_M.gguf", "/models");
    ASSERT_TRUE(plan.ok()) << plan.error().message;
    EXPECT_EQ(plan->quant, "Q4_K_M");
    EXPECT_EQ(plan->license, "apache-2.0");
    ASSERT_EQ(plan->downloads.size(), 1u);
    const auto& d = plan->downloads[0];
    EXPECT_EQ(d.url, server.url("/bartowski/Qwen2.5-7B-Instruct-GGUF/resolve/main/Qwen2.5-7B-Instruct-Q4_K_M.gguf"));
    EXPECT_EQ(d.dest, std::filesystem::path("/models/Qwen2.5-7B-Instruct-Q4_K_M.gguf"));
    EXPECT_EQ(d.expected_size, 4683073536LL);
    EXPECT_EQ(d.expected_sha256, "65b8fcd92af6b4fefa935c625d1ac27ea29dcb6ee14589c55a8f115ceaaa1423");
    EXPECT_TRUE(d.check_gguf);
    EXPECT_TRUE(d.send_token);

    auto split = dl::plan_repo_file(hub, "bartowski/Qwen2.5-7B-Instruct-GGUF",
                                    "Qwen2.5-7B-Instruct-f16/Qwen2.5-7B-Instruct-f16-00002-of-00002.gguf", "/models");
    ASSERT_TRUE(split.ok()) << split.error().message;
    ASSERT_EQ(split->downloads.size(), 2u);
    EXPECT_EQ(split->downloads[0].dest, std::filesystem::path("/models/Qwen2.5-7B-Instruct-f16-00001-of-00002.gguf"));
    EXPECT_EQ(split->total_bytes, 7600000000LL + 7630000000LL);

    auto broken = dl::plan_repo_file(hub, "bartowski/Qwen2.5-7B-Instruct-GGUF",
                                     "Qwen2.5-7B-Instruct-Q5_K_M-00001-of-00002.gguf", "/models");
    ASSERT_FALSE(broken.ok());
    EXPECT_EQ(broken.error().code, "hub.incomplete_split");
    auto none = dl::plan_repo_file(hub, "bartowski/Qwen2.5-7B-Instruct-GGUF", "nope.gguf", "/models");
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().code, "hub.file_not_found");
}

}  // namespace
}  // namespace hearth::test
