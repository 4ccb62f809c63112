#include "downloader/fit.h"

#include <algorithm>
#include <climits>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace hearth::dl {
namespace {

constexpr int64_t kMiB = 1024 * 1024;
constexpr int64_t kGiB = 1024 * kMiB;

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

// The shape's numbers as hyperparameters, for a model known only from a catalog entry.
static arch::Hparams hparams_of(const ModelShape& m) {
    arch::Hparams hp;
    hp.n_layer = m.layers;
    hp.n_embd = m.embedding;
    hp.n_head = m.heads > 0 ? m.heads : m.kv_heads;
    hp.n_head_kv = m.kv_heads;
    hp.head_dim_k = hp.head_dim_v = hp.n_rot = m.head_dim;
    hp.n_ff = m.feed_forward > 0 ? m.feed_forward : 4 * m.embedding;
    hp.n_vocab = m.vocab;
    hp.n_ctx_train = static_cast<int32_t>(std::min<int64_t>(m.trained_context, INT32_MAX));
    return hp;
}

arch::MemoryPlan memory_plan(const ModelShape& m, int64_t context) {
    arch::MemoryPlanOptions o;
    o.n_ctx = static_cast<int32_t>(std::clamp<int64_t>(context, 1, INT32_MAX));
    if (m.hparams)
        if (auto p = arch::plan_memory(*m.hparams, m.tensors, o)) return std::move(*p);
    auto p = arch::plan_memory(hparams_of(m), {}, o);
    return p ? std::move(*p) : arch::MemoryPlan{};
}

int64_t weights_bytes(const ModelShape& m) {
    if (!m.hparams || m.tensors.empty()) return m.weight_bytes;
    return static_cast<int64_t>(memory_plan(m, 1).weights_bytes());
}

int64_t kv_cache_bytes(const ModelShape& m, int64_t context) {
    return static_cast<int64_t>(memory_plan(m, context).kv_bytes());
}

int64_t scratch_bytes(const ModelShape& m, int64_t context) {
    return static_cast<int64_t>(memory_plan(m, context).scratch_bytes());
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
    const arch::MemoryPlan plan = memory_plan(m, context);
    r.weights = m.hparams && !m.tensors.empty() ? static_cast<int64_t>(plan.weights_bytes()) : m.weight_bytes;
    r.kv_cache = static_cast<int64_t>(plan.kv_bytes());
    r.scratch = static_cast<int64_t>(plan.scratch_bytes());
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
        const arch::MemoryPlan p = memory_plan(m, c);
        return r.weights + static_cast<int64_t>(p.kv_bytes() + p.scratch_bytes()) <= r.usable;
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
