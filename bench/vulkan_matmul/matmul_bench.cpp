// vulkan_matmul_bench [--m M] [--k K] [--n N] [--reps R] [--types q4_0,q4_k,iq4_xs,...] [--device NAME]
//                     [--mv-threads T] [--mv-rows R] [--tile-threads T] [--tile-r R] [--tile-k K]
//                     [--tile-k-q8 K] [--cpu-time 1] [--skip-float 1]
//
// For each tensor type: decode (matvec, one vector) as GB/s of weight bytes read, and prefill
// (tiled matmul, N vectors) as GFLOP/s, each float and, where the device has integer dot products
// (hardware or emulated), integer-dot (matvec_q8 / matmul_q8, including quantize_q8 of x).
// --skip-float 1 times only the integer-dot kernels.
// Times are wall-clock (or, with --cpu-time 1, process CPU time) around R back-to-back dispatches
// in one submit: best of 3 after a warm-up for matvec, one run of max(1, R/5) for matmul.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <random>
#include <string>
#include <vector>

#include "inference/arch/synthetic.h"
#include "inference/tensor/quantize.h"
#include "inference/tensor/tensor_type.h"
#include "inference/vulkan/buffer.h"
#include "inference/vulkan/device.h"
#include "inference/vulkan/matmul.h"
#include "inference/vulkan/pipeline.h"
#include "inference/vulkan/sequence.h"

namespace {

using namespace hearth;

struct Options {
    uint32_t m = 4096, k = 4096, n = 512, reps = 10;
    std::string types = "f32,f16,bf16,q4_0,q4_1,q5_0,q5_1,q8_0,q2_k,q3_k,q4_k,q5_k,q6_k";
    std::string device;
    uint32_t mv_threads = 0, mv_rows = 0, tile_threads = 0, tile_r = 0, tile_k = 0, tile_k_q8 = 0;  // 0: default
    bool skip_float = false;
};

bool fail(const char* what, const Error& e) {
    std::fprintf(stderr, "%s: %s (%s)\n", what, e.message.c_str(), e.code.c_str());
    return false;
}

double cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

// Seconds for `reps` recorded dispatches: the best of `runs` runs, after a warm-up when runs > 1. With --cpu-time the
// process's CPU time instead of wall time: on a CPU driver (lavapipe) on a shared, overloaded
// machine that is the figure that does not depend on what else runs.
bool g_cpu_time = false;

template <class F>
double time_it(vk::Sequence& seq, uint32_t reps, int runs, F&& record_one, bool& ok) {
    ok = false;
    if (auto st = seq.begin(); !st) return fail("begin", st.error()), 0.0;
    for (uint32_t i = 0; i < reps; ++i) {
        if (auto st = record_one(seq); !st) return fail("record", st.error()), 0.0;
        seq.barrier();  // repeated writes of the same y: keep them ordered like real layers are
    }
    if (auto st = seq.end(); !st) return fail("end", st.error()), 0.0;
    // Pipelines are compiled when recorded; one untimed run still pays first-touch page faults.
    if (runs > 1)
        if (auto st = seq.run(); !st) return fail("run", st.error()), 0.0;
    double best = 1e30;
    for (int t = 0; t < runs; ++t) {
        const auto t0 = std::chrono::steady_clock::now();
        const double c0 = cpu_seconds();
        if (auto st = seq.run(); !st) return fail("run", st.error()), 0.0;
        const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        best = std::min(best, g_cpu_time ? cpu_seconds() - c0 : wall);
    }
    ok = true;
    return best;
}

Result<vk::Buffer> device_buffer(vk::Device& dev, const void* data, uint64_t bytes) {
    auto b = vk::create_buffer(dev, (bytes + 3) / 4 * 4, vk::MemoryKind::DeviceLocal, vk::MemoryUse::Scratch, "bench");
    if (!b) return b.error();
    std::vector<uint8_t> padded((bytes + 3) / 4 * 4, 0);
    if (data) std::memcpy(padded.data(), data, bytes);
    if (auto st = vk::upload(dev, vk::view_of(*b), padded.data(), padded.size()); !st) return st.error();
    return std::move(*b);
}

int run(const Options& o) {
    vk::DeviceChoice choice;
    choice.name_contains = o.device;
    auto dev = vk::create_device(choice);
    if (!dev) return fail("device", dev.error()), 1;
    vk::Device& d = **dev;
    vk::PipelineCache cache(d);
    auto seq = vk::create_sequence(d);
    if (!seq) return fail("sequence", seq.error()), 1;
    vk::MatmulConfig cfg = vk::default_matmul_config(d);
    if (o.mv_threads) cfg.matvec_threads = o.mv_threads;
    if (o.mv_rows) cfg.matvec_rows = o.mv_rows;
    if (o.tile_threads) cfg.tile_threads_m = cfg.tile_threads_n = o.tile_threads;
    if (o.tile_r) cfg.tile_rm = cfg.tile_rn = o.tile_r;
    if (o.tile_k) cfg.tile_k = o.tile_k;
    if (o.tile_k_q8) cfg.tile_k_q8 = o.tile_k_q8;
    std::printf("device: %s (%s), subgroup reduce %s, integer dot %s\n", d.info().name.c_str(),
                d.info().driver_info.c_str(), cfg.subgroup_reduce ? "on" : "off",
                d.features().integer_dot_product ? (d.info().integer_dot_accelerated ? "hardware" : "emulated") : "none");
    if (g_cpu_time) std::printf("timing: process CPU seconds (all driver threads), not wall time\n");
    std::printf("matvec %ux%u (1 vector; %u threads x %u rows), matmul %ux%u x N=%u (tile %ux%u, K step %u, q8 %u), "
                "%u reps\n\n",
                o.m, o.k, cfg.matvec_threads, cfg.matvec_rows, o.m, o.k, o.n, cfg.tile_threads_m * cfg.tile_rm,
                cfg.tile_threads_n * cfg.tile_rn, cfg.tile_k, cfg.tile_k_q8, o.reps);
    std::printf("%-6s %10s %12s %14s %14s %17s\n", "type", "MiB", "matvec GB/s", "matvec_q8 GB/s", "matmul GFLOP/s",
                "matmul_q8 GFLOP/s");

    std::mt19937 rng(1);
    std::normal_distribution<float> dist(0.0f, 1.0f);
    std::vector<float> src(size_t{o.m} * o.k);
    for (auto& f : src) f = dist(rng);
    std::vector<float> x(size_t{std::max(o.n, 1u)} * o.k);
    for (auto& f : x) f = dist(rng);
    auto xb = device_buffer(d, x.data(), x.size() * 4);
    auto yb = device_buffer(d, nullptr, size_t{std::max(o.n, 1u)} * o.m * 4);
    if (!xb || !yb) return 1;

    size_t start = 0;
    while (start < o.types.size()) {
        size_t end = o.types.find(',', start);
        if (end == std::string::npos) end = o.types.size();
        const std::string name = o.types.substr(start, end - start);
        start = end + 1;
        auto t = type_from_name(name);
        if (!t || !vk::matmul_supports(*t)) {
            std::fprintf(stderr, "skipping unknown or unsupported type '%s'\n", name.c_str());
            continue;
        }
        const uint64_t rb = row_bytes(*t, o.k);
        std::vector<uint8_t> bytes(rb * o.m);
        for (uint32_t r = 0; r < o.m; ++r) {
            if (!is_writable(*t)) {  // IQ types: Hearth reads them but does not quantize to them
                arch::fill_random_block_row(*t, o.k, 1.0f, 7, r, bytes.data() + r * rb);
                continue;
            }
            if (auto st = quantize_row(*t, src.data() + size_t{r} * o.k, bytes.data() + r * rb, o.k); !st)
                return fail("quantize", st.error()), 1;
        }
        auto wb = device_buffer(d, bytes.data(), bytes.size());
        if (!wb) return fail("weights", wb.error()), 1;
        vk::WeightMatrix w{*t, o.m, o.k, {vk::view_of(*wb).sub(0, bytes.size())}};
        const double gb = double(bytes.size()) * o.reps / 1e9;

        bool ok = false;
        vk::MatmulConfig fcfg = cfg;
        fcfg.integer_dot_matvec = fcfg.integer_dot_matmul = false;
        double mv = 0.0;
        if (!o.skip_float) {
            const double tv = time_it(**seq, o.reps, 3, [&](vk::Sequence& s) {
                return vk::record_matvec(cache, s, fcfg, w, vk::view_of(*xb).sub(0, o.k * 4), vk::view_of(*yb), 1);
            }, ok);
            mv = ok ? gb / tv : 0.0;
        }

        const bool has_q8 = vk::matvec_q8_supports(*t) && d.features().integer_dot_product;
        vk::MatmulConfig qcfg = cfg;
        qcfg.integer_dot_matvec = qcfg.integer_dot_matmul = true;
        double mvq = 0.0;
        if (has_q8) {
            auto sb = device_buffer(d, nullptr, vk::matvec_scratch_bytes(*t, o.k, 1));
            if (sb) {
                const double tq = time_it(**seq, o.reps, 3, [&](vk::Sequence& s) {
                    return vk::record_matvec(cache, s, qcfg, w, vk::view_of(*xb).sub(0, o.k * 4), vk::view_of(*yb), 1,
                                             vk::view_of(*sb));
                }, ok);
                mvq = ok ? gb / tq : 0.0;
            }
        }

        const uint32_t mreps = std::max(1u, o.reps / 5);
        const double flops = 2.0 * o.m * double(o.k) * o.n * mreps / 1e9;
        double mm = 0.0;
        if (o.n > 0 && !o.skip_float) {
            const double tm = time_it(**seq, mreps, 1, [&](vk::Sequence& s) {
                return vk::record_matmul(cache, s, fcfg, w, vk::view_of(*xb), vk::view_of(*yb), o.n);
            }, ok);
            mm = ok ? flops / tm : 0.0;
        }
        double mmq = 0.0;
        if (o.n > 0 && has_q8) {
            auto sb = device_buffer(d, nullptr, vk::matvec_scratch_bytes(*t, o.k, o.n));
            if (sb) {
                const double tm = time_it(**seq, mreps, 1, [&](vk::Sequence& s) {
                    return vk::record_matmul(cache, s, qcfg, w, vk::view_of(*xb), vk::view_of(*yb), o.n,
                                             vk::view_of(*sb));
                }, ok);
                mmq = ok ? flops / tm : 0.0;
            }
        }
        char q8[32] = "-", mq8[32] = "-";
        if (mvq > 0) std::snprintf(q8, sizeof q8, "%.2f", mvq);
        if (mmq > 0) std::snprintf(mq8, sizeof mq8, "%.2f", mmq);
        std::printf("%-6s %10.1f %12.2f %14s %14.2f %17s\n", type_name(*t), bytes.size() / 1048576.0, mv, q8, mm, mq8);
        std::fflush(stdout);
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        const char* v = argv[i + 1];
        if (a == "--m") o.m = static_cast<uint32_t>(std::atoi(v));
        else if (a == "--k") o.k = static_cast<uint32_t>(std::atoi(v));
        else if (a == "--n") o.n = static_cast<uint32_t>(std::atoi(v));
        else if (a == "--reps") o.reps = static_cast<uint32_t>(std::max(1, std::atoi(v)));
        else if (a == "--types") o.types = v;
        else if (a == "--device") o.device = v;
        else if (a == "--cpu-time") g_cpu_time = std::atoi(v) != 0;
        else if (a == "--mv-threads") o.mv_threads = static_cast<uint32_t>(std::atoi(v));
        else if (a == "--mv-rows") o.mv_rows = static_cast<uint32_t>(std::atoi(v));
        else if (a == "--tile-threads") o.tile_threads = static_cast<uint32_t>(std::atoi(v));
        else if (a == "--tile-r") o.tile_r = static_cast<uint32_t>(std::atoi(v));
        else if (a == "--tile-k") o.tile_k = static_cast<uint32_t>(std::atoi(v));
        else if (a == "--tile-k-q8") o.tile_k_q8 = static_cast<uint32_t>(std::atoi(v));
        else if (a == "--skip-float") o.skip_float = std::atoi(v) != 0;
        else {
            std::fprintf(stderr, "unknown option %s\n", argv[i]);
            return 2;
        }
    }
    return run(o);
}
