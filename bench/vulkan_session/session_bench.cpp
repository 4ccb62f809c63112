// Stop latency and warm first-token time of the Vulkan engine, on the first device:
//   vulkan_session_bench [-m FILE] [--runs N] [--loads N] [--prompt N] [--cache-dir DIR]
// Without -m it writes the 134M-parameter synthetic model the performance notes use (llama,
// 12 layers x 768, ff 2048, vocab 32000, Q4_K) into the temporary folder.
//
// Stop latency: a thread runs a long prompt (8 chunks of 64 tokens), or decodes token after
// token, while the main thread sets the cancel flag after a random delay; the latency is the
// time from setting the flag to the engine call returning. Median and worst of --runs.
//
// First message: a fresh load, then a "message" (a --prompt-token prompt, then its first token)
// and a second one continuing the conversation; time to first token of each (medians of --loads
// loads), with the pipelines created during the load (the default) and without (created on
// first use, as before).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <random>
#include <span>
#include <string>
#include <thread>
#include <vector>

#include "inference/arch/load_model.h"
#include "inference/arch/synthetic.h"
#include "inference/gguf/gguf_reader.h"
#include "inference/vulkan/vulkan_backend.h"

using namespace hearth;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

struct Stats {
    double median = 0, worst = 0;
};
Stats stats(std::vector<double> v) {
    if (v.empty()) return {};
    std::sort(v.begin(), v.end());
    return {v[v.size() / 2], v.back()};
}

std::vector<int32_t> random_tokens(size_t n, int32_t vocab, uint32_t seed) {
    std::mt19937 rng(seed);
    std::vector<int32_t> t(n);
    for (auto& x : t) x = static_cast<int32_t>(rng() % static_cast<uint32_t>(vocab));
    return t;
}

// One cancelled call per run: `work` runs on a thread; the flag is set after a random delay in
// [min_ms, max_ms); the latency is from then to the thread's call returning "engine.cancelled".
template <class Work>
std::vector<double> stop_latencies(vk::VulkanBackend& b, std::atomic<bool>& cancel, int runs, int min_ms, int max_ms,
                                   Work work) {
    std::mt19937 rng(7);
    std::vector<double> out;
    for (int i = 0; i < runs; ++i) {
        cancel = false;
        std::atomic<bool> returned{false};
        Clock::time_point end;
        std::string code;
        std::thread t([&] {
            code = work();
            end = Clock::now();
            returned = true;
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(min_ms + static_cast<int>(rng() % (max_ms - min_ms))));
        const auto set = Clock::now();
        cancel = true;
        t.join();
        if (code != "engine.cancelled") {
            std::fprintf(stderr, "run %d: the call ended with '%s' before the stop\n", i, code.c_str());
            continue;
        }
        out.push_back(std::chrono::duration<double, std::milli>(end - set).count());
    }
    (void)b;
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    std::string model_path, cache_dir;
    int runs = 7, loads = 3;
    size_t prompt_len = 16;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "-m" && i + 1 < argc) model_path = argv[++i];
        else if (a == "--runs" && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
        else if (a == "--loads" && i + 1 < argc) loads = std::max(1, std::atoi(argv[++i]));
        else if (a == "--prompt" && i + 1 < argc) prompt_len = static_cast<size_t>(std::max(1, std::atoi(argv[++i])));
        else if (a == "--cache-dir" && i + 1 < argc) cache_dir = argv[++i];
        else {
            std::fprintf(stderr, "usage: vulkan_session_bench [-m FILE] [--runs N] [--loads N] [--prompt N] [--cache-dir DIR]\n");
            return 2;
        }
    }
    const auto tmp = std::filesystem::temp_directory_path() / "hearth-session-bench";
    std::filesystem::create_directories(tmp);
    if (model_path.empty()) {
        arch::SyntheticSpec s;
        s.n_embd = 768, s.n_layer = 12, s.n_head = 12, s.n_head_kv = 12, s.n_ff = 2048, s.n_vocab = 32000;
        s.n_ctx = 2048;
        s.type = s.embd_type = TensorType::Q4_K;
        s.fill = arch::SyntheticSpec::Fill::RandomBlocks;
        model_path = (tmp / "synthetic-134m-q4_k.gguf").string();
        if (!std::filesystem::exists(model_path))
            if (auto st = arch::write_synthetic_model(s, model_path); !st) {
                std::fprintf(stderr, "error: %s\n", st.error().message.c_str());
                return 1;
            }
    }
    if (cache_dir.empty()) cache_dir = (tmp / "pipeline-cache").string();
    auto file = GgufFile::open(model_path);
    if (!file) return std::fprintf(stderr, "error: %s\n", file.error().message.c_str()), 1;
    auto model = arch::load_model(*file);
    if (!model) return std::fprintf(stderr, "error: %s\n", model.error().message.c_str()), 1;
    const int32_t vocab = model->hp.n_vocab;
    std::printf("model: %s (%s, %d layers, n_embd %d, vocab %d)\n", model_path.c_str(), arch::arch_name(model->hp.arch),
                model->hp.n_layer, model->hp.n_embd, vocab);

    // ---- first message after a load ----
    // Wall time and process CPU time (lavapipe computes on this process's threads, so CPU time
    // is the steadier figure on a machine shared with other work); medians of --loads loads.
    for (bool prepare : {true, false}) {
        std::vector<double> wall[2], cpu[2], load_ms;
        size_t pipelines_at_load = 0, pipelines_after = 0;
        bool cache_used = false;
        for (int rep = 0; rep < loads; ++rep) {
            vk::VulkanOptions o;
            o.n_ctx = 1024;
            o.prepare_pipelines = prepare;
            o.pipeline_cache_dir = cache_dir;
            const auto t0 = Clock::now();
            auto b = vk::make_vulkan_backend(*model, o);
            if (!b) return std::fprintf(stderr, "error: %s\n", b.error().message.c_str()), 1;
            load_ms.push_back(ms_since(t0));
            pipelines_at_load = (*b)->pipeline_count();
            cache_used = (*b)->pipeline_cache_loaded();
            int32_t pos = 0;
            for (int m = 0; m < 2; ++m) {
                const auto prompt = random_tokens(prompt_len, vocab, 10 + m);
                const auto t = Clock::now();
                const std::clock_t c = std::clock();
                auto tok = (*b)->eval_greedy(prompt, pos);
                if (!tok) return std::fprintf(stderr, "error: %s\n", tok.error().message.c_str()), 1;
                wall[m].push_back(ms_since(t));
                cpu[m].push_back(1000.0 * static_cast<double>(std::clock() - c) / CLOCKS_PER_SEC);
                pos += static_cast<int32_t>(prompt.size());
                // A short reply, so the second message starts where a conversation would.
                int32_t next = *tok;
                for (int i = 0; i < 4; ++i) {
                    auto r = (*b)->eval_greedy({&next, 1}, pos++);
                    if (!r) return std::fprintf(stderr, "error: %s\n", r.error().message.c_str()), 1;
                    next = *r;
                }
            }
            pipelines_after = (*b)->pipeline_count();
        }
        const double w1 = stats(wall[0]).median, w2 = stats(wall[1]).median;
        const double c1 = stats(cpu[0]).median, c2 = stats(cpu[1]).median;
        std::printf("%s: load %.0f ms (%zu pipelines, cache file %s); first message TTFT %.0f ms wall / %.0f ms CPU, "
                    "second %.0f / %.0f (first/second %.2f wall, %.2f CPU); %zu pipelines after\n",
                    prepare ? "pipelines at load" : "pipelines on use ", stats(load_ms).median, pipelines_at_load,
                    cache_used ? "used" : "not used", w1, c1, w2, c2, w1 / w2, c1 / c2, pipelines_after);
    }

    // ---- stop latency ----
    vk::VulkanOptions o;
    o.n_ctx = 1024;
    o.pipeline_cache_dir = cache_dir;
    auto b = vk::make_vulkan_backend(*model, o);
    if (!b) return std::fprintf(stderr, "error: %s\n", b.error().message.c_str()), 1;
    std::atomic<bool> cancel{false};
    (*b)->set_cancel(&cancel);
    const auto long_prompt = random_tokens(512, vocab, 3);
    const auto t_chunk = Clock::now();
    if (auto r = (*b)->eval_greedy(std::span(long_prompt).first(64), 0); !r)
        return std::fprintf(stderr, "error: %s\n", r.error().message.c_str()), 1;
    const double chunk_ms = ms_since(t_chunk);
    const auto prefill = stop_latencies(**b, cancel, runs, 200, static_cast<int>(std::max(400.0, 6 * chunk_ms)), [&] {
        auto r = (*b)->eval_greedy(long_prompt, 0);
        return r ? std::string("finished") : r.error().code;
    });
    const auto decode = stop_latencies(**b, cancel, runs, 200, 1500, [&] {
        int32_t next = 1;
        for (int32_t p = 0; p < 1000; ++p) {
            auto r = (*b)->eval_greedy({&next, 1}, p);
            if (!r) return r.error().code;
            next = *r;
        }
        return std::string("finished");
    });
    const Stats sp = stats(prefill), sd = stats(decode);
    std::printf("stop during prefill (512 tokens, chunks of 64 taking %.0f ms): median %.1f ms, worst %.1f ms over %zu "
                "stops\n",
                chunk_ms, sp.median, sp.worst, prefill.size());
    std::printf("stop during decode: median %.1f ms, worst %.1f ms over %zu stops\n", sd.median, sd.worst,
                decode.size());
    return 0;
}
