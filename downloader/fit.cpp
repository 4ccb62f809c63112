#include "downloader/fit.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace hearth::dl {
namespace {

constexpr int64_t kMiB = 1024 * 1024;
constexpr int64_t kGiB = 1024 * kMiB;
constexpr int64_t kBatch = 512;  // tokens per prompt-processing batch

std::string gib(int64_t bytes) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f GiB", static_cast<double>(bytes) / static_cast<double>(kGiB));
    return buf;
}

}  // namespace

const char* to_string(FitVerdict v) {
    switch (v) {
        case FitVerdict::fits: return "fits";
        case FitVerdict::tight: return "tight";
        case FitVerdict::wont_fit: return "won't fit";
    }
    return "won't fit";
}

int64_t kv_cache_bytes(const ModelShape& m, int64_t context) {
    return 2 * int64_t(m.layers) * context * int64_t(m.kv_heads) * int64_t(m.head_dim) * 2;
}

// One batch of kBatch tokens in F32: the residual stream and a few temporaries (4 x embedding),
// the logits (vocab), and one layer's attention scores (heads x context), plus a 64 MiB floor
// for the engine's fixed buffers. Deliberately a little generous: running out is worse.
int64_t scratch_bytes(const ModelShape& m, int64_t context) {
    int64_t per_token = 4 * int64_t(m.embedding) + int64_t(m.vocab) + int64_t(m.heads) * context;
    return 64 * kMiB + 4 * kBatch * per_token;
}

int64_t usable_bytes(const GpuBudget& b) {
    if (b.unified) {
        int64_t cap = b.system_ram_total * 6 / 10;
        int64_t avail = b.system_ram_available >= 0 ? b.system_ram_available - 2 * kGiB : cap;
        int64_t heap = b.device_local_total > 0 ? b.device_local_total : cap;
        return std::max<int64_t>(0, std::min({cap, avail, heap}));
    }
    int64_t free = b.device_local_free >= 0 ? b.device_local_free : b.device_local_total * 9 / 10;
    int64_t margin = std::max<int64_t>(256 * kMiB, free / 20);
    return std::max<int64_t>(0, free - margin);
}

FitReport predict_fit(const GpuBudget& b, const ModelShape& m, int64_t context) {
    FitReport r;
    r.context = context;
    r.weights = m.weight_bytes;
    r.kv_cache = kv_cache_bytes(m, context);
    r.scratch = scratch_bytes(m, context);
    r.needed = r.weights + r.kv_cache + r.scratch;
    r.usable = usable_bytes(b);
    r.free_now = b.unified ? (b.system_ram_available >= 0 ? b.system_ram_available : b.system_ram_total)
                           : (b.device_local_free >= 0 ? b.device_local_free : b.device_local_total);
    // Comfortable below 85 % of the usable budget; tight up to 100 %.
    if (r.needed * 100 <= r.usable * 85) r.verdict = FitVerdict::fits;
    else if (r.needed <= r.usable) r.verdict = FitVerdict::tight;
    else r.verdict = FitVerdict::wont_fit;

    // Largest context in steps of 256: memory grows monotonically with context, so bisect.
    int64_t hi_ctx = m.trained_context > 0 ? m.trained_context : std::max<int64_t>(context, 4096);
    auto fits_at = [&](int64_t c) {
        return m.weight_bytes + kv_cache_bytes(m, c) + scratch_bytes(m, c) <= r.usable;
    };
    int64_t lo = 0, hi = hi_ctx / 256;
    while (lo < hi) {
        int64_t mid = (lo + hi + 1) / 2;
        if (fits_at(mid * 256)) lo = mid;
        else hi = mid - 1;
    }
    r.max_context = lo * 256;
    if (r.max_context == 0 && hi_ctx < 256 && fits_at(hi_ctx)) r.max_context = hi_ctx;

    std::string what = std::string(b.unified ? "shared memory" : "GPU memory");
    r.summary = std::string(r.verdict == FitVerdict::fits ? "Fits" : r.verdict == FitVerdict::tight ? "Tight fit" : "Won't fit") +
                ": needs " + gib(r.needed) + " (weights " + gib(r.weights) + ", KV cache " + gib(r.kv_cache) +
                " at " + std::to_string(context) + " tokens, scratch " + gib(r.scratch) + ") of " + gib(r.usable) +
                " usable " + what + " (" + gib(r.free_now) + " free now); largest context that fits: " +
                std::to_string(r.max_context) + " tokens.";
    return r;
}

void fill_system_memory(GpuBudget& b) {
    std::ifstream f("/proc/meminfo");
    std::string line;
    while (std::getline(f, line)) {
        std::istringstream ss(line);
        std::string key;
        int64_t kb = 0;
        ss >> key >> kb;
        if (key == "MemTotal:") b.system_ram_total = kb * 1024;
        else if (key == "MemAvailable:") b.system_ram_available = kb * 1024;
    }
}

}  // namespace hearth::dl
