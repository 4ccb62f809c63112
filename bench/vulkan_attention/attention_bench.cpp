// Prefill attention time, query-tiled kernel against the per-query kernel, on the first device:
//   vulkan_attention_bench [--tokens N] [--heads H] [--kv-heads K] [--f32] HD...
// One layer's attention for N tokens from an empty cache (causal): median wall time of 5 replays,
// and the process CPU time per replay, which on a CPU driver (lavapipe) sharing its cores with
// other work is the steadier figure.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "inference/tensor/half.h"
#include "inference/vulkan/buffer.h"
#include "inference/vulkan/device.h"
#include "inference/vulkan/kernels.h"
#include "inference/vulkan/pipeline.h"
#include "inference/vulkan/sequence.h"

using namespace hearth;
using namespace hearth::vk;

namespace {

struct Shape {
    uint32_t tokens = 512, heads = 8, kv_heads = 2, hd = 64;
    bool f32 = false;
};

struct Timing {
    double wall_ms = -1, cpu_ms = -1;
};

// Median wall milliseconds of one replay and mean CPU milliseconds; negative on failure.
Timing time_attention(Device& dev, PipelineCache& cache, const Shape& s, bool tiled) {
    Arena arena(dev, MemoryKind::Host, MemoryUse::Scratch, 64 << 20);
    const uint64_t q_floats = uint64_t(s.tokens) * s.heads * s.hd, kv_vals = uint64_t(s.tokens) * s.kv_heads * s.hd;
    auto q = arena.alloc(q_floats * 4, "q"), o = arena.alloc(q_floats * 4, "o");
    auto k = arena.alloc(kv_vals * (s.f32 ? 4 : 2), "k"), v = arena.alloc(kv_vals * (s.f32 ? 4 : 2), "v");
    auto prm = arena.alloc(params_bytes(s.tokens), "params");
    if (!q || !o || !k || !v || !prm) return {};
    std::mt19937 rng(1);
    std::uniform_real_distribution<float> d(-1, 1);
    auto* qp = static_cast<float*>(q->mapped);
    for (uint64_t i = 0; i < q_floats; ++i) qp[i] = d(rng);
    for (auto* c : {&*k, &*v})
        for (uint64_t i = 0; i < kv_vals; ++i) {
            if (s.f32) static_cast<float*>(c->mapped)[i] = d(rng);
            else static_cast<uint16_t*>(c->mapped)[i] = f32_to_fp16(d(rng));
        }
    write_params(*prm, 0, std::vector<int32_t>(s.tokens, 0));

    AttentionArgs a;
    a.n_tokens = s.tokens;
    a.n_heads = s.heads;
    a.n_kv_heads = s.kv_heads;
    a.hd_k = a.hd_v = s.hd;
    a.scale = 1.0f / std::sqrt(float(s.hd));
    a.kv_f32 = s.f32;
    a.prefill_tiled = tiled;
    auto seq = create_sequence(dev);
    if (!seq || !(*seq)->begin()) return {};
    if (auto st = record_attention(cache, **seq, a, *q, *k, *v, *o, *prm); !st) {
        std::fprintf(stderr, "%s\n", st.error().message.c_str());
        return {};
    }
    if (!(*seq)->end() || !(*seq)->run()) return {};  // warm-up: pipeline compiled, caches filled
    std::vector<double> ms;
    const std::clock_t c0 = std::clock();
    for (int i = 0; i < 5; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        if (!(*seq)->run()) return {};
        ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    const double cpu = 1000.0 * double(std::clock() - c0) / CLOCKS_PER_SEC / 5;
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], cpu};
}

}  // namespace

int main(int argc, char** argv) {
    Shape s;
    std::vector<uint32_t> hds;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto next = [&] { return i + 1 < argc ? static_cast<uint32_t>(std::atoi(argv[++i])) : 0u; };
        if (arg == "--tokens") s.tokens = next();
        else if (arg == "--heads") s.heads = next();
        else if (arg == "--kv-heads") s.kv_heads = next();
        else if (arg == "--f32") s.f32 = true;
        else hds.push_back(static_cast<uint32_t>(std::atoi(arg.c_str())));
    }
    if (hds.empty()) hds = {64, 128};
    if (!s.tokens || !s.heads || !s.kv_heads || s.heads % s.kv_heads) {
        std::fprintf(stderr, "bad shape\n");
        return 2;
    }
    auto dev = create_device();
    if (!dev) {
        std::fprintf(stderr, "%s\n", dev.error().message.c_str());
        return 1;
    }
    PipelineCache cache(**dev);
    std::printf("device: %s; %u tokens from an empty cache, %u heads, %u KV heads, %s cache\n",
                (*dev)->info().name.c_str(), s.tokens, s.heads, s.kv_heads, s.f32 ? "F32" : "F16");
    std::printf("%6s %8s %22s %22s %8s\n", "hd", "tiles", "per-query ms wall/cpu", "tiled ms wall/cpu",
                "cpu x");
    for (uint32_t hd : hds) {
        s.hd = hd;
        AttentionArgs a;
        a.n_tokens = s.tokens;
        a.n_heads = s.heads;
        a.n_kv_heads = s.kv_heads;
        a.hd_k = a.hd_v = hd;
        const auto t = attention_prefill_tiles(a, (*dev)->limits().maxComputeSharedMemorySize);
        const Timing base = time_attention(**dev, cache, s, false), tiled = time_attention(**dev, cache, s, true);
        const std::string tiles = std::to_string(t.rows) + "x" + std::to_string(t.keys);
        std::printf("%6u %8s %11.1f/%10.1f %11.1f/%10.1f %7.2fx\n", hd, tiles.c_str(), base.wall_ms, base.cpu_ms,
                    tiled.wall_ms, tiled.cpu_ms, tiled.cpu_ms > 0 ? base.cpu_ms / tiled.cpu_ms : 0.0);
    }
    return 0;
}
