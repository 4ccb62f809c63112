// hearth-cli quantize / eval / imatrix as a user runs them: in a child process whose peak memory
// is measured (the source must never be held whole), killed halfway (no file under the final
// name, source untouched), and eval's figures on a real model.
#include <gtest/gtest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iterator>
#include <thread>

#include "base/json.h"
#include "inference/arch/synthetic.h"
#include "tests/support/run_process.h"
#include "tests/support/testdata.h"

namespace hearth {
namespace {

using namespace std::chrono_literals;

// A 40 MB F32 model: 4 layers of 512 wide, FFN 1536, vocabulary 4000.
std::filesystem::path big_model(const std::string& name) {
    arch::SyntheticSpec spec;
    spec.n_embd = 512;
    spec.n_head = 8;
    spec.n_head_kv = 4;
    spec.n_ff = 1536;
    spec.n_layer = 4;
    spec.n_vocab = 4000;
    spec.threads = 2;
    auto path = test::scratch_dir("quant_cli_" + name) / "src.gguf";
    auto st = arch::write_synthetic_model(spec, path);
    EXPECT_TRUE(st) << st.error().message;
    return path;
}

pid_t spawn(const std::vector<std::string>& argv) {
    const pid_t pid = ::fork();
    if (pid == 0) {
        std::vector<char*> a;
        for (const auto& s : argv) a.push_back(const_cast<char*>(s.c_str()));
        a.push_back(nullptr);
        const int devnull = ::open("/dev/null", O_WRONLY);
        ::dup2(devnull, 1);
        ::dup2(devnull, 2);
        ::execv(a[0], a.data());
        ::_exit(127);
    }
    return pid;
}

std::string file_bytes(const std::filesystem::path& p) {
    std::ifstream f(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(f), {});
}

TEST(QuantizeCli, PeakMemoryStaysFarBelowTheModel) {
    const auto src = big_model("memory");
    const auto out = src.parent_path() / "q8.gguf";
    const auto src_bytes = std::filesystem::file_size(src);
    const pid_t pid = spawn({test::cli_path(), "quantize", src.string(), out.string(), "--type", "Q8_0", "--threads", "2"});
    ASSERT_GT(pid, 0);
    int status = 0;
    struct rusage ru {};
    ASSERT_EQ(::wait4(pid, &status, 0, &ru), pid);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
    const uint64_t peak = static_cast<uint64_t>(ru.ru_maxrss) * 1024;
    // The largest tensor in and out (token_embd: 8 MB F32 + 2 MB Q8_0) plus the program itself;
    // holding the 40 MB source or the 11 MB output whole would exceed this.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
    // A sanitizer's shadow memory and allocation quarantine dwarf the program's own use (seen:
    // 353 MB for this 67 MB source under ASan), so the bound is checked in the plain builds only.
    (void)src_bytes, (void)peak;
#else
    EXPECT_LT(peak, src_bytes / 2) << "peak resident " << peak << " bytes for a " << src_bytes << "-byte source";
#endif
    EXPECT_TRUE(std::filesystem::exists(out));
}

TEST(QuantizeCli, KilledHalfwayLeavesSourceUntouchedAndNoOutput) {
    const auto src = big_model("kill");
    const auto out = src.parent_path() / "q2.gguf";
    const std::string before = file_bytes(src);
    const pid_t pid = spawn({test::cli_path(), "quantize", src.string(), out.string(), "--type", "Q2_K", "--threads", "1"});
    ASSERT_GT(pid, 0);
    const auto part = out.string() + ".part";
    std::error_code ec;
    const auto deadline = std::chrono::steady_clock::now() + 20s;
    while (std::chrono::steady_clock::now() < deadline && std::filesystem::file_size(part, ec) < (1u << 20))
        std::this_thread::sleep_for(5ms);
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the quantizer finished before it could be killed";
    EXPECT_FALSE(std::filesystem::exists(out));
    EXPECT_EQ(file_bytes(src), before);
    // A second run replaces the leftover part file and completes.
    auto r = test::run_command(test::cli_path() + " quantize '" + src.string() + "' '" + out.string() +
                               "' --type Q8_0 --threads 2");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(std::filesystem::exists(out));
    EXPECT_FALSE(std::filesystem::exists(part));
}

TEST(QuantizeCli, PlanPrintsTypesAndExactSize) {
    HEARTH_REQUIRE_TESTDATA("models/brown-6L256.gguf");
    const auto src = test::testdata_dir() / "models/brown-6L256.gguf";
    auto r = test::run_command(test::cli_path() + " quantize '" + src.string() + "' --type q4_k_m --plan");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("blk.2.attn_v.weight"), std::string::npos);
    EXPECT_NE(r.out.find("Q4_K_M: 3557248 bytes"), std::string::npos) << r.out;
    auto bad = test::run_command(test::cli_path() + " quantize '" + src.string() + "' x.gguf --type Q7");
    EXPECT_EQ(bad.exit_code, 1);
    EXPECT_NE(bad.err.find("Unknown type 'Q7'"), std::string::npos);
}

TEST(EvalCli, StoriesPerplexityAndQuantizedCost) {
    HEARTH_REQUIRE_TESTDATA("models/stories260K.gguf");
    const auto td = test::testdata_dir();
    const auto dir = test::scratch_dir("quant_cli_eval");
    const auto ref = (dir / "s.ref").string(), q8 = (dir / "q8.gguf").string();
    const std::string text = (td / "text/stories-eval.txt").string(), model = (td / "models/stories260K.gguf").string();
    // The README's figure: llama.cpp's perplexity 3.4184 at n_ctx 128 (float rounding apart).
    auto saved = test::run_command(test::cli_path() + " eval --reference '" + model + "' --text '" + text +
                                   "' --ctx 128 --backend cpu --save-reference '" + ref + "'");
    ASSERT_EQ(saved.exit_code, 0) << saved.err;
    EXPECT_NE(saved.out.find("reference perplexity 3.418"), std::string::npos) << saved.out;
    auto q = test::run_command(test::cli_path() + " quantize '" + model + "' '" + q8 + "' --type Q8_0");
    ASSERT_EQ(q.exit_code, 0) << q.err;
    auto e = test::run_command(test::cli_path() + " eval --model '" + q8 + "' --reference '" + ref +
                               "' --backend cpu --json");
    ASSERT_EQ(e.exit_code, 0) << e.err;
    auto j = json::parse(e.out);
    ASSERT_TRUE(j) << e.out;
    for (const char* k : {"perplexity", "kld_mean", "kld_p99", "top1", "delta_p"}) {
        ASSERT_TRUE(j->find(k)) << k;
        ASSERT_TRUE(j->find(std::string(k) + "_se")) << k;
    }
    EXPECT_EQ(j->find("tokens")->num, 945);
    EXPECT_NEAR(j->find("perplexity")->num, 3.4183, 0.02);
    EXPECT_LT(j->find("kld_mean")->num, 0.002);
    EXPECT_GT(j->find("kld_mean")->num, 0.0);
    EXPECT_GE(j->find("top1")->num, 0.97);
}

}  // namespace
}  // namespace hearth
