// hearth_bench_perplexity -m MODEL.gguf -f TEXT [-c 256] [--chunks N] [--backend vulkan|cpu]
//
// Perplexity the way llama.cpp's perplexity tool measures it (see engine/perplexity.h), so the
// figure compares with llama-perplexity's on the same file and text; prints the running value
// after each chunk, the final figure and the wall time.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "inference/cpu/cpu_backend.h"
#include "inference/engine/open_model.h"
#include "inference/engine/perplexity.h"
#include "inference/vulkan/vulkan_backend.h"

using namespace hearth;

int main(int argc, char** argv) {
    std::string model, text_path, backend = "vulkan";
    int32_t n_ctx = 256, max_chunks = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i], v = argv[i + 1];
        if (a == "-m") model = v;
        else if (a == "-f") text_path = v;
        else if (a == "-c") n_ctx = std::atoi(v.c_str());
        else if (a == "--chunks") max_chunks = std::atoi(v.c_str());
        else if (a == "--backend") backend = v;
        else {
            std::fprintf(stderr, "unknown option %s\n", a.c_str());
            return 2;
        }
    }
    if (model.empty() || text_path.empty()) {
        std::fprintf(stderr, "usage: hearth_bench_perplexity -m MODEL.gguf -f TEXT [-c 256] [--chunks N] "
                             "[--backend vulkan|cpu]\n");
        return 2;
    }
    auto m = engine::open_model(model);
    if (!m) {
        std::fprintf(stderr, "%s\n", m.error().message.c_str());
        return 1;
    }
    std::ifstream in(text_path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::vector<int32_t> tokens = tokenize((*m)->tokenizer, ss.str());
    if (max_chunks > 0 && tokens.size() > size_t(max_chunks) * size_t(n_ctx))
        tokens.resize(size_t(max_chunks) * size_t(n_ctx));

    Result<std::unique_ptr<engine::Backend>> b = make_error("x", "x");
    if (backend == "cpu") {
        b = cpu::make_cpu_backend((*m)->model, n_ctx);
    } else {
        vk::VulkanOptions o;
        o.n_ctx = n_ctx;
        o.max_batch = static_cast<uint32_t>(n_ctx);
        auto v = vk::make_vulkan_backend((*m)->model, o);
        if (v) b = std::unique_ptr<engine::Backend>(std::move(*v));
        else b = v.error();
    }
    if (!b) {
        std::fprintf(stderr, "%s\n", b.error().message.c_str());
        return 1;
    }
    const auto t0 = std::chrono::steady_clock::now();
    auto r = engine::perplexity(**b, tokens, n_ctx, (*m)->tokenizer.vocab.bos);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!r) {
        std::fprintf(stderr, "%s\n", r.error().message.c_str());
        return 1;
    }
    std::printf("%s on %s: %zu tokens, %zu chunks of %d\n", model.c_str(), (*b)->name(), tokens.size(),
                r->running.size(), n_ctx);
    for (size_t i = 0; i < r->running.size(); ++i) std::printf("[%zu]%.4f%s", i + 1, r->running[i], i % 8 == 7 ? "\n" : " ");
    std::printf("\nPPL = %.6f over %d predictions, %.1f s\n", r->ppl, r->n_scored, s);
    return 0;
}
