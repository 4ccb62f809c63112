// `hearth-cli bench -m FILE [-p 512] [-n 128] [--batch B] [--device N|NAME] [--ctx N] [--profile]`: measures the
// Vulkan engine on a model: prefill and decode speed, and the effective bandwidth of decoding
// (bytes of weight matrices read per token / time per token). Tokens are random (seeded), and
// each decode step feeds back the GPU's greedy pick, as a chat would. --batch sets the most tokens
// one prefill graph takes (the engine's default otherwise); longer prompts run in such chunks.
//
// `hearth-cli bench --copy [--copy-max-mib N] [--copy-repeats N]`: the card's copy bandwidth
// (inference/vulkan/copy_bandwidth.h), the yardstick for decode. With -m as well, both run and
// decode is reported as a share of the copy bandwidth.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "app/cli/commands.h"
#include "app/environment.h"
#include "inference/arch/load_model.h"
#include "inference/gguf/gguf_reader.h"
#include "inference/vulkan/copy_bandwidth.h"
#include "inference/vulkan/vulkan_backend.h"

namespace hearth::cli {

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double mib(uint64_t b) { return static_cast<double>(b) / (1024.0 * 1024.0); }

// The longest prompt or context the command takes, in tokens (the engine counts in int32).
constexpr int64_t kMaxTokens = 1 << 24;

// --device N (the index `hearth-cli devices` prints) or a part of the device's name.
Result<vk::DeviceChoice> parse_device(const std::string& s) {
    vk::DeviceChoice c;
    if (!s.empty() && std::all_of(s.begin(), s.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
        auto index = parse_int("--device", s, 0, 1023);
        if (!index) return index.error();
        c.index = static_cast<uint32_t>(*index);
    } else {
        c.name_contains = s;
    }
    return c;
}

void print_profile(const std::vector<vk::OpTime>& prof, const char* what) {
    double total = 0;
    for (const auto& t : prof) total += t.ms;
    auto sorted = prof;
    std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.ms > b.ms; });
    std::printf("profile (%s, GPU time per op summed over layers, %.3f ms total):\n", what, total);
    for (const auto& t : sorted)
        std::printf("  %-16s %9.3f ms  %5.1f%%\n", t.label.c_str(), t.ms, total > 0 ? 100.0 * t.ms / total : 0.0);
}

std::string size_text(uint64_t b) {
    char buf[32];
    if (b >= (1ull << 30) && b % (1ull << 30) == 0)
        std::snprintf(buf, sizeof buf, "%llu GiB", static_cast<unsigned long long>(b >> 30));
    else if (b >= (1ull << 20))
        std::snprintf(buf, sizeof buf, "%.0f MiB", mib(b));
    else
        std::snprintf(buf, sizeof buf, "%llu B", static_cast<unsigned long long>(b));
    return buf;
}

// Prints the table and returns the best read+write figure (0 on failure, message printed).
double run_copy_bench(const vk::DeviceChoice& choice, uint64_t max_bytes, int repeats) {
    auto dev = vk::create_device(choice);
    if (!dev) {
        fail(dev.error().message);
        return 0;
    }
    vk::CopyBandwidthOptions o;
    o.max_bytes = max_bytes;
    o.repeats = repeats;
    auto r = vk::measure_copy_bandwidth(**dev, o);
    if (!r) {
        fail(r.error().message);
        return 0;
    }
    const auto& info = (*dev)->info();
    std::printf("copy:     %s (%s %s), vkCmdCopyBuffer device-local to device-local, GPU timestamps\n",
                info.name.c_str(), info.driver_name.c_str(), info.driver_info.c_str());
    std::printf("          GB/s count bytes read + bytes written (2 x size per copy), 1 GB = 1e9 bytes\n");
    std::printf("  %10s %7s %11s %11s %14s %14s\n", "size", "copies", "best ms", "median ms", "best GB/s", "median GB/s");
    for (const auto& c : r->samples)
        std::printf("  %10s %7u %11.4f %11.4f %14.1f %14.1f\n", size_text(c.bytes).c_str(), c.copies, c.best_ms,
                    c.median_ms, c.best_rw_gbps, c.median_rw_gbps);
    std::printf("copy bandwidth: %.1f GB/s read+write (%.1f GB/s copied)\n", r->best_rw_gbps, r->copy_gbps());
    return r->best_rw_gbps;
}

}  // namespace

int cmd_bench(Args& args) {
    const auto model_path = args.value({"-m", "--model"});
    const auto n_prompt = args.integer({"-p", "--n-prompt"}, 1, kMaxTokens);
    const auto n_gen = args.integer({"-n", "--n-gen"}, 1, kMaxTokens);
    const auto device_arg = args.value({"--device"});
    const auto n_ctx = args.integer({"--ctx", "-c"}, 1, kMaxTokens);
    const auto batch = args.integer({"--batch", "-b"}, 1, 8192);
    const bool profile = args.flag({"--profile"});
    const bool copy = args.flag({"--copy"});
    const auto copy_max_mib = args.integer({"--copy-max-mib"}, 1, 1ll << 24);
    const auto copy_repeats = args.integer({"--copy-repeats"}, 1, 1000);
    const auto integer_dot = args.value({"--integer-dot"});
    std::optional<vk::DeviceChoice> device;
    if (device_arg) {
        auto d = parse_device(*device_arg);
        if (d) device = *d;
        else if (args.error.empty()) args.error = d.error().message;
    }
    if (!args.error.empty()) {
        std::fprintf(stderr, "error: bench: %s\n", args.error.c_str());
        return 2;
    }
    if (int rc = reject_unused(args, "bench")) return rc;
    if ((copy_max_mib || copy_repeats) && !copy) return fail("--copy-max-mib and --copy-repeats go with --copy.");
    if (!model_path && !copy) {
        std::fprintf(stderr, "error: bench needs a model: hearth-cli bench -m FILE [-p 512] [-n 128], or --copy\n");
        return 2;
    }
    double copy_gbps = 0;
    if (copy) {
        copy_gbps = run_copy_bench(device.value_or(vk::DeviceChoice{}),
                                   copy_max_mib ? static_cast<uint64_t>(*copy_max_mib) << 20 : 0,
                                   copy_repeats ? static_cast<int>(*copy_repeats) : 7);
        if (copy_gbps <= 0) return 1;
        if (!model_path) return 0;
    }
    const int64_t np = n_prompt.value_or(512), ng = n_gen.value_or(128);
    vk::IntegerDot idot = vk::IntegerDot::Auto;
    if (integer_dot) {
        if (*integer_dot == "on") idot = vk::IntegerDot::On;
        else if (*integer_dot == "off") idot = vk::IntegerDot::Off;
        else if (*integer_dot != "auto") return fail("--integer-dot must be auto, on or off.");
    }

    auto file = GgufFile::open(*model_path);
    if (!file) return fail(file.error().message);
    auto model = arch::load_model(*file);
    if (!model) return fail(model.error().message);
    const auto& hp = model->hp;

    vk::VulkanOptions opt;
    if (device) opt.device = *device;
    opt.n_ctx = n_ctx ? static_cast<int32_t>(*n_ctx) : static_cast<int32_t>(np + ng);
    if (np + ng > opt.n_ctx) return fail("-p plus -n must fit in the context (--ctx).");
    opt.profile = profile;
    opt.integer_dot = idot;
    opt.pipeline_cache_dir = app::user_config_from_environment().data_dir;
    if (batch) opt.max_batch = static_cast<uint32_t>(*batch);
    const auto t_load = Clock::now();
    auto be = vk::make_vulkan_backend(*model, opt);
    if (!be) return fail(be.error().message);
    const double load_ms = ms_since(t_load);
    auto& b = **be;

    std::mt19937 rng(1234);
    std::vector<int32_t> prompt(static_cast<size_t>(np));
    for (auto& t : prompt) t = static_cast<int32_t>(rng() % static_cast<uint32_t>(hp.n_vocab));

    // Warm-up: records the graphs and creates the pipelines, which a chat pays once per model.
    auto warm = b.eval_greedy(prompt, 0);
    if (!warm) return fail(warm.error().message);
    auto warm2 = b.eval_greedy({&*warm, 1}, static_cast<int32_t>(np));
    if (!warm2) return fail(warm2.error().message);

    const auto t_pre = Clock::now();
    auto tok = b.eval_greedy(prompt, 0);
    if (!tok) return fail(tok.error().message);
    const double prefill_ms = ms_since(t_pre);
    const auto prefill_prof = b.profile();

    const auto t_dec = Clock::now();
    int32_t next = *tok;
    for (int64_t i = 0; i < ng; ++i) {
        auto r = b.eval_greedy({&next, 1}, static_cast<int32_t>(np + i));
        if (!r) return fail(r.error().message);
        next = *r;
    }
    const double decode_ms = ms_since(t_dec);

    const double ms_per_tok = decode_ms / static_cast<double>(ng);
    const double gbps = static_cast<double>(b.matrix_bytes()) / (ms_per_tok * 1e-3) / 1e9;
    const auto v = b.vram();
    const auto& info = b.device().info();
    std::printf("model:    %s (%s, %d layers, n_embd %d, vocab %d)\n", model_path->c_str(), arch::arch_name(hp.arch),
                hp.n_layer, hp.n_embd, hp.n_vocab);
    std::printf("device:   %s (%s %s)\n", info.name.c_str(), info.driver_name.c_str(), info.driver_info.c_str());
    std::printf("weights:  %.1f MiB uploaded, %.1f MiB of matrices read per token; load %.0f ms\n",
                mib(b.weight_bytes()), mib(b.matrix_bytes()), load_ms);
    std::printf("vram:     weights %.1f MiB, KV cache %.1f MiB, scratch %.1f MiB", mib(v.weights), mib(v.kv_cache),
                mib(v.scratch));
    if (v.heap_budget) std::printf("; heap budget %.0f MiB, used %.0f MiB", mib(v.heap_budget), mib(v.heap_usage));
    std::printf("; predicted (hearth-cli fit) %.1f MiB\n", mib(b.memory_plan().total()));
    std::printf("prefill:  %lld tokens in %.1f ms = %.2f tok/s (batches of up to %lld)\n", static_cast<long long>(np),
                prefill_ms, static_cast<double>(np) * 1000.0 / prefill_ms,
                static_cast<long long>(std::min<int64_t>(opt.max_batch, opt.n_ctx)));
    std::printf("decode:   %lld tokens in %.1f ms = %.2f tok/s (%.2f ms/token)\n", static_cast<long long>(ng),
                decode_ms, 1000.0 / ms_per_tok, ms_per_tok);
    std::printf("bandwidth: %.2f GB/s effective (weights read per token / time per token)\n", gbps);
    if (copy_gbps > 0)
        std::printf("decode reads weights at %.3g%% of the copy bandwidth (%.1f GB/s read+write)\n",
                    100.0 * gbps / copy_gbps, copy_gbps);
    if (profile) {
        print_profile(prefill_prof, "prefill");
        print_profile(b.profile(), "last decode step");
    }
    return 0;
}

}  // namespace hearth::cli
