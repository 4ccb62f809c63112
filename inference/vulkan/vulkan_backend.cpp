#include "inference/vulkan/vulkan_backend.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <map>

#include "inference/tensor/half.h"
#include "inference/vulkan/activation_taps.h"
#include "inference/vulkan/graph.h"
#include "inference/vulkan/kernels.h"
#include "inference/vulkan/matmul_coopmat.h"
#include "inference/vulkan/reduce.h"

namespace hearth::vk {

struct VulkanBackend::State {
    MatmulConfig mm;
    KvCache kv;
    Scratch s;
    // Recorded graphs by (n, head); a handful are kept (decode plus recent prompt chunk sizes).
    std::map<std::pair<uint32_t, int>, std::unique_ptr<Sequence>> graphs;
    // eval_candidates: the row split into chunks, each chunk's top-k on the GPU (one workgroup
    // each, so they run side by side), merged on the host.
    BufferView chunk_top_k;  // host-visible, kMaxChunks results of kChunkStride bytes
    BufferView lse;          // host-visible, 2 words: max and sum of exp(x - max)
    std::map<std::pair<uint32_t, bool>, std::unique_ptr<Sequence>> candidate_seqs;  // by (k, log-sum-exp)
    std::unique_ptr<ActivationTaps> taps;  // while an activation observer is set
    engine::ActivationObserver* observer = nullptr;
};

// eval_candidates' chunks: at least kMinChunk logits each (a multiple of 64 floats, so every
// chunk starts at a legal storage-buffer offset), at most kMaxChunks of them.
static constexpr uint32_t kMinChunk = 4096, kMaxChunks = arch::kCandidateMaxChunks;
static constexpr uint64_t kChunkStride = arch::kCandidateChunkStride;  // 2 words x round16(257), aligned

static uint32_t chunk_len(uint32_t nv) {
    const uint32_t chunks = std::clamp<uint32_t>((nv + kMinChunk - 1) / kMinChunk, 1, kMaxChunks);
    return ((nv + chunks - 1) / chunks + 63) / 64 * 64;
}

VulkanBackend::VulkanBackend(const arch::Model& m) : model_(m) {}

VulkanBackend::~VulkanBackend() {
    if (device_) vkDeviceWaitIdle(device_->get());
    state_.reset();
    host_arena_.reset();
    scratch_arena_.reset();
    kv_arena_.reset();
    weights_ = GpuWeights{};
    cache_.reset();
}

// A KV cache that does not fit: say so in terms of the context the user chose.
static Error kv_error(const Error& e) {
    Error out = e;
    out.message += " A smaller context (--ctx) needs proportionally less.";
    return out;
}

// Before anything is allocated: the plan against what the driver says this process may still
// take (VK_EXT_memory_budget), or the heap less our own allocations where it says nothing.
static Status check_budget(const Device& device, const arch::MemoryPlan& plan) {
    const MemoryReport r = device.memory_report();
    const uint64_t held = r.total_allocated();
    const uint64_t free = r.heap_budget ? (r.heap_budget > r.heap_usage ? r.heap_budget - r.heap_usage : 0)
                                        : (r.heap_size > held ? r.heap_size - held : 0);
    if (plan.total() <= free) return {};
    using arch::format_bytes;
    return make_error("vulkan.wont_fit",
                      "This model needs " + format_bytes(plan.total()) + " of GPU memory (weights " +
                          format_bytes(plan.weights_bytes()) + ", KV cache " + format_bytes(plan.kv_bytes()) +
                          " for " + std::to_string(plan.n_ctx) + " tokens of context, scratch " +
                          format_bytes(plan.scratch_bytes()) + "), but the GPU '" + device.info().name +
                          "' has " + format_bytes(free) + " free" + (r.heap_budget ? "" : " (of its heap)") +
                          ". Choose a smaller size level of the model or a shorter context.");
}

Status VulkanBackend::init(const VulkanOptions& opt) {
    const auto& hp = model_.hp;
    profiling_ = opt.profile;
    auto dev = create_device(opt.device);
    if (!dev) return dev.error();
    device_ = std::move(*dev);
    name_ = "vulkan: " + device_->info().name;
    select_on_gpu_ = opt.candidates == CandidateSelect::Gpu ||
                     (opt.candidates == CandidateSelect::Auto && device_->info().type != DeviceType::Cpu);

    // Every buffer below is sized by the memory plan, the same one fit predictions use.
    arch::MemoryPlanOptions po;
    po.n_ctx = opt.n_ctx;
    po.max_batch = opt.max_batch;
    po.attn_split = opt.attn_split;
    po.kv_f32 = opt.kv_f32;
    po.max_allocation = device_->max_allocation();
    po.max_binding = device_->max_binding_range();
    plan_ = arch::plan_memory(model_, po);
    n_ctx_ = plan_.n_ctx;
    if (auto st = check_budget(*device_, plan_); !st) return st;

    cancel_ = opt.cancel;
    cache_ = std::make_unique<PipelineCache>(*device_, opt.pipeline_cache_dir);
    const LoadProgress progress = [&](float f) {
        if (cancel_ && cancel_->load(std::memory_order_relaxed)) return false;
        return !opt.progress || opt.progress(f);
    };
    auto w = upload_weights(*device_, model_, progress);
    if (!w) return w.error();
    weights_ = std::move(*w);

    state_ = std::make_unique<State>();
    State& st = *state_;
    st.mm = default_matmul_config(*device_);
    if (opt.integer_dot != IntegerDot::Auto)
        st.mm.integer_dot_matvec = st.mm.integer_dot_matmul =
            opt.integer_dot == IntegerDot::On && device_->features().integer_dot_product;
    // Cooperative matrices only once they reproduce the plain kernel on this device and driver:
    // a wrong answer from a driver bug (or ours) must fall back, not reach the user.
    st.mm.cooperative_matrix = coopmat_self_test(*cache_, *device_).ok();

    // KV cache: one K and one V buffer per layer, F16 (F32 with kv_f32).
    kv_arena_ = Arena(*device_, MemoryKind::DeviceLocal, MemoryUse::KvCache, plan_.kv.block_cap);
    kv_arena_.expect(plan_.kv.expected());
    st.kv.n_ctx = static_cast<uint32_t>(n_ctx_);
    st.kv.f32 = opt.kv_f32;
    for (int32_t il = 0; il < hp.n_layer; ++il) {
        const std::string what = "the KV cache of layer " + std::to_string(il) + " (" + std::to_string(n_ctx_) +
                                 " tokens)";
        auto k = kv_arena_.alloc(plan_.kv_k_layer, what);
        if (!k) return kv_error(k.error());
        auto v = kv_arena_.alloc(plan_.kv_v_layer, what);
        if (!v) return kv_error(v.error());
        st.kv.k.push_back(*k);
        st.kv.v.push_back(*v);
    }

    // Scratch activations for the largest batch.
    const arch::ScratchPlan& sp = plan_.s;
    const uint32_t B = sp.batch;
    attn_split_ = plan_.attn_split;
    scratch_arena_ = Arena(*device_, MemoryKind::DeviceLocal, MemoryUse::Scratch, plan_.scratch.block_cap);
    scratch_arena_.expect(plan_.scratch.expected());
    host_arena_ = Arena(*device_, MemoryKind::Host, MemoryUse::Scratch, plan_.host.block_cap);
    host_arena_.expect(plan_.host.expected());
    Scratch& s = st.s;
    s.max_batch = B;
    // Activation buffers carry 16 spare bytes past what the kernels see (vec4 reads).
    auto act = [&](uint64_t bytes, BufferView& dst, Arena& a) -> Status {
        auto v = a.alloc(bytes, "scratch activations for " + std::to_string(B) + " tokens");
        if (!v) return v.error();
        dst = v->sub(0, bytes - 16);
        return {};
    };
    for (auto [bytes, dst] : {std::pair{sp.x, &s.x}, {sp.h, &s.h}, {sp.q, &s.q}, {sp.k, &s.k}, {sp.v, &s.v},
                              {sp.att, &s.att}, {sp.proj, &s.proj}, {sp.gate, &s.gate}, {sp.up, &s.up},
                              {sp.part, &s.part}})
        if (auto r = act(bytes, *dst, scratch_arena_); !r) return r;
    // The integer-dot kernels quantize a whole batch of activations into this scratch first.
    if (sp.mm) {
        auto v = scratch_arena_.alloc(sp.mm, "matmul scratch");
        if (!v) return v.error();
        s.mm_scratch = *v;
    }
    for (auto [bytes, dst] : {std::pair{sp.logits, &s.logits}, {sp.argmax, &s.argmax}, {sp.top_k, &st.chunk_top_k},
                              {sp.lse, &st.lse}})
        if (auto r = act(bytes, *dst, host_arena_); !r) return r;
    auto p = host_arena_.alloc(sp.params, "the step parameters");
    if (!p) return p.error();
    s.params = *p;
    if (!s.logits.mapped || !s.params.mapped)
        return make_error("vulkan.map_failed", "Could not map host-visible memory on '" + device_->info().name + "'.");
    if (opt.prepare_pipelines)
        if (auto r = prepare_pipelines(opt); !r) return r;
    (void)cache_->save();  // a cache that cannot be written only costs the next start its compile time
    return {};
}

// Records and runs, once, a graph of every batch size whose kernels differ (the matrix-vector
// kernel is specialised for 1..matvec_max_cols rows; prefill attention for its query-tile
// height), and the candidate selection, so that every pipeline a prompt or a reply uses exists
// and has run before the first message. Running matters: some drivers compile at the first
// dispatch, not at pipeline creation (lavapipe's llvmpipe JIT does). The runs write cache rows
// that n_cached() = 0 declares unused.
Status VulkanBackend::prepare_pipelines(const VulkanOptions& opt) {
    const auto& hp = model_.hp;
    const uint32_t B = state_->s.max_batch;
    std::vector<uint32_t> sizes;
    for (uint32_t n = 1; n <= std::min(B, state_->mm.matvec_max_cols); ++n) sizes.push_back(n);
    const uint64_t shared = device_->limits().maxComputeSharedMemorySize;
    uint32_t last_rows = ~0u;
    for (uint32_t n = state_->mm.matvec_max_cols + 1; n <= B; ++n) {
        AttentionArgs a;
        a.n_tokens = n;
        a.n_heads = static_cast<uint32_t>(hp.n_head);
        a.n_kv_heads = static_cast<uint32_t>(hp.n_head_kv);
        a.hd_k = static_cast<uint32_t>(hp.head_dim_k);
        a.hd_v = static_cast<uint32_t>(hp.head_dim_v);
        const uint32_t rows = attention_prefill_tiles(a, shared).rows;
        if (rows != last_rows) sizes.push_back(n);
        last_rows = rows;
    }
    const auto total = static_cast<uint32_t>(sizes.size() + 1);
    auto step = [&](uint32_t done) -> Status {
        if ((cancel_ && cancel_->load(std::memory_order_relaxed)) ||
            (opt.pipeline_progress && !opt.pipeline_progress(done, total)))
            return make_error("vulkan.cancelled", "Loading the model was cancelled.");
        return {};
    };
    uint32_t done = 0;
    const std::vector<int32_t> zeros(B, 0);
    for (uint32_t n : sizes) {
        if (auto st = step(done); !st) return st;
        auto g = graph(n, static_cast<int>(Head::Last));
        if (!g) return g.error();
        write_params(state_->s.params, 0, std::span(zeros).first(n));
        if (auto st = run(**g); !st) return st.error().code == "engine.cancelled" ? step(total) : st;
        ++done;
    }
    if (auto st = step(done); !st) return st;
    if (select_on_gpu_) {
        auto c = candidates_sequence(1, true);
        if (!c) return c.error();
        if (auto st = run(**c); !st) return st.error().code == "engine.cancelled" ? step(total) : st;
    }
    // Greedy decoding and full-row evals use the same kernels as Head::Last plus argmax.
    return step(total);
}

Status VulkanBackend::run(Sequence& seq) {
    auto st = seq.run(cancel_);
    if (!st && st.error().code == "engine.cancelled") pending_ = &seq;
    return st;
}

Status VulkanBackend::settle(const std::atomic<bool>* cancel) const {
    if (!pending_) return {};
    if (auto st = pending_->wait(cancel); !st && st.error().code == "engine.cancelled") return st;
    pending_ = nullptr;
    return {};
}

Status VulkanBackend::check(std::span<const int32_t> tokens, int32_t pos0) const {
    auto bad = [](const std::string& why) {
        return make_error("engine.bad_eval", "Internal error: the model was asked to " + why + ".");
    };
    if (tokens.empty()) return bad("evaluate no tokens");
    if (pos0 < 0 || pos0 > n_cached_)
        return bad("continue at position " + std::to_string(pos0) + " with only " + std::to_string(n_cached_) +
                   " cached");
    if (pos0 + static_cast<int64_t>(tokens.size()) > n_ctx_)
        return make_error("engine.context_full", "The conversation is longer than the " + std::to_string(n_ctx_) +
                                                     "-token context; start a new chat or raise the context size.");
    for (int32_t t : tokens)
        if (t < 0 || t >= model_.hp.n_vocab)
            return bad("read token " + std::to_string(t) + " outside the vocabulary");
    return {};
}

Result<Sequence*> VulkanBackend::graph(uint32_t n, int head) {
    auto key = std::make_pair(n, head);
    auto it = state_->graphs.find(key);
    if (it != state_->graphs.end()) return it->second.get();
    if (state_->graphs.size() >= 6) {
        // Keep decode (n = 1); drop another shape.
        for (auto g = state_->graphs.begin(); g != state_->graphs.end(); ++g)
            if (g->first.first != 1) {
                state_->graphs.erase(g);
                break;
            }
    }
    auto seq = create_sequence(*device_, profiling_ ? 4096 : 0);
    if (!seq) return seq.error();
    if (auto st = (*seq)->begin(); !st) return st.error();
    GraphShape shape{n, static_cast<Head>(head), attn_split_, profiling_, state_->taps.get()};
    if (auto st = record_forward(*cache_, **seq, state_->mm, model_, weights_, state_->kv, state_->s, shape); !st)
        return st.error();
    if (auto st = (*seq)->end(); !st) return st.error();
    Sequence* raw = seq->get();
    state_->graphs.emplace(key, std::move(*seq));
    return raw;
}

Result<uint32_t> VulkanBackend::graph_dispatches(uint32_t n) {
    if (n == 0 || n > state_->s.max_batch)
        return make_error("engine.bad_eval", "Internal error: no graph for a batch of " + std::to_string(n) + ".");
    auto g = graph(n, static_cast<int>(Head::Last));
    if (!g) return g.error();
    return (*g)->dispatch_count();
}

Status VulkanBackend::set_activation_observer(engine::ActivationObserver* obs) {
    if (auto st = settle(cancel_); !st) return st;
    State& st = *state_;
    Status result;
    if (st.taps && st.observer) result = read_taps(*device_, *st.taps, *st.observer);
    const bool was_on = st.taps != nullptr, on = obs != nullptr;
    st.observer = obs;
    if (on == was_on) return result;
    st.graphs.clear();  // recorded with taps or without
    st.taps.reset();
    if (on) {
        auto t = create_taps(*device_, model_, weights_);
        if (!t) {
            st.observer = nullptr;
            return t.error();
        }
        st.taps = std::make_unique<ActivationTaps>(std::move(*t));
    }
    return result;
}

Status VulkanBackend::run_chunks(std::span<const int32_t> tokens, int32_t pos0, std::span<float> logits,
                                 bool all_rows) {
    const auto& s = state_->s;
    const size_t nv = static_cast<size_t>(model_.hp.n_vocab);
    profile_.clear();
    n_cached_ = pos0;
    for (size_t c0 = 0; c0 < tokens.size(); c0 += s.max_batch) {
        if (cancel_ && cancel_->load(std::memory_order_relaxed))
            return make_error("engine.cancelled", "Stopped.");
        const auto m = static_cast<uint32_t>(std::min<size_t>(s.max_batch, tokens.size() - c0));
        const bool last = c0 + m == tokens.size();
        const Head head = all_rows ? Head::All : (last ? Head::Last : Head::None);
        auto seq = graph(m, static_cast<int>(head));
        if (!seq) return seq.error();
        write_params(s.params, static_cast<uint32_t>(pos0 + c0), tokens.subspan(c0, m));
        if (auto st = run(**seq); !st) return st;
        if (profiling_) {
            for (const auto& t : (*seq)->timings()) {
                auto f = std::find_if(profile_.begin(), profile_.end(), [&](const OpTime& o) { return o.label == t.label; });
                if (f == profile_.end()) profile_.push_back(t);
                else f->ms += t.ms;
            }
        }
        if (head == Head::All && !logits.empty())
            std::memcpy(logits.data() + c0 * nv, s.logits.mapped, m * nv * 4);
        else if (head == Head::Last && !logits.empty())
            std::memcpy(logits.data(), s.logits.mapped, nv * 4);
        n_cached_ = pos0 + static_cast<int32_t>(c0 + m);
    }
    return {};
}

Status VulkanBackend::eval(std::span<const int32_t> tokens, int32_t pos0, std::span<float> logits) {
    if (auto st = settle(cancel_); !st) {
        n_cached_ = std::min(n_cached_, pos0);
        return st;
    }
    if (auto st = check(tokens, pos0); !st) return st;
    const size_t nv = static_cast<size_t>(model_.hp.n_vocab);
    const bool all_rows = logits.size() == tokens.size() * nv;
    if (!all_rows && logits.size() != nv)
        return make_error("engine.bad_eval", "Internal error: the model was asked to write logits into a wrongly "
                                             "sized buffer.");
    n_cached_ = pos0;
    auto st = run_chunks(tokens, pos0, logits, all_rows && tokens.size() > 1);
    if (!st) n_cached_ = std::min(n_cached_, pos0);
    return st;
}

Result<int32_t> VulkanBackend::eval_greedy(std::span<const int32_t> tokens, int32_t pos0) {
    if (auto st = settle(cancel_); !st) {
        n_cached_ = std::min(n_cached_, pos0);
        return st.error();
    }
    if (auto st = check(tokens, pos0); !st) return st.error();
    n_cached_ = pos0;
    if (auto st = run_chunks(tokens, pos0, {}, false); !st) {
        n_cached_ = std::min(n_cached_, pos0);
        return st.error();
    }
    return static_cast<int32_t>(static_cast<const uint32_t*>(state_->s.argmax.mapped)[0]);
}

// One recorded sequence per (k, lse): a sampler asks for the same k every token.
Result<Sequence*> VulkanBackend::candidates_sequence(uint32_t k, bool lse) {
    auto& seq = state_->candidate_seqs[{k, lse}];
    if (!seq) {
        auto s = create_sequence(*device_);
        if (!s) return s.error();
        if (auto st = (*s)->begin(); !st) return st.error();
        const auto nv = static_cast<uint32_t>(model_.hp.n_vocab);
        const uint32_t len = chunk_len(nv);
        for (uint32_t c = 0; c * len < nv; ++c) {
            const uint32_t n = std::min(len, nv - c * len);
            const BufferView part = state_->s.logits.sub(uint64_t(c) * len * 4, uint64_t(n) * 4);
            const BufferView res = state_->chunk_top_k.sub(c * kChunkStride, k * 8ull);
            if (auto st = record_top_k(*cache_, **s, part, n, std::min(k, n), res); !st) return st.error();
        }
        if (lse) {
            const BufferView row = state_->s.logits.sub(0, nv * 4ull);
            if (auto st = record_logsumexp(*cache_, **s, row, nv, state_->lse); !st) return st.error();
        }
        if (auto st = (*s)->end(); !st) return st.error();
        seq = std::move(*s);
    }
    return seq.get();
}

Status VulkanBackend::eval_candidates(std::span<const int32_t> tokens, int32_t pos0,
                                      const sampling::CandidateRequest& req, sampling::RowSummary& out) {
    if (auto st = settle(cancel_); !st) {
        n_cached_ = std::min(n_cached_, pos0);
        return st;
    }
    if (auto st = engine::check_candidate_request(req, model_.hp.n_vocab); !st) return st;
    if (auto st = check(tokens, pos0); !st) return st;
    const auto nv = static_cast<uint32_t>(model_.hp.n_vocab);
    if (!select_on_gpu_) {
        n_cached_ = pos0;
        if (auto st = run_chunks(tokens, pos0, {}, false); !st) {
            n_cached_ = std::min(n_cached_, pos0);
            return st;
        }
        const std::span<const float> row(static_cast<const float*>(state_->s.logits.mapped), nv);
        out = sampling::summarize_row(row, req.k, req.ids, req.log_sum_exp);
        return {};
    }
    auto seq = candidates_sequence(static_cast<uint32_t>(req.k), req.log_sum_exp);
    if (!seq) return seq.error();
    n_cached_ = pos0;
    if (auto st = run_chunks(tokens, pos0, {}, false); !st) {
        n_cached_ = std::min(n_cached_, pos0);
        return st;
    }
    // The logits row lives in host-visible memory: the requested ids are read in place, then
    // masked with -inf so that the top-k and the log-sum-exp cover only the other tokens.
    auto* row = static_cast<float*>(state_->s.logits.mapped);
    out.picked.clear();
    for (int32_t id : req.ids) {
        out.picked.push_back(row[id]);
        row[id] = -std::numeric_limits<float>::infinity();
    }
    if (auto st = run(**seq); !st) return st;

    // Merge the chunks' candidates: every chunk's best k hold the row's best k.
    const uint32_t len = chunk_len(nv);
    out.top.clear();
    for (uint32_t c = 0; c * len < nv; ++c) {
        const auto* r = reinterpret_cast<const uint32_t*>(static_cast<const char*>(state_->chunk_top_k.mapped) +
                                                          c * kChunkStride);
        const uint32_t n = std::min<uint32_t>(static_cast<uint32_t>(req.k), std::min(len, nv - c * len));
        for (uint32_t q = 0; q < n && r[2 * q] != 0xFFFFFFFFu; ++q) {
            float v;
            std::memcpy(&v, &r[2 * q + 1], 4);
            const auto token = static_cast<int32_t>(c * len + r[2 * q]);
            // A masked id shows up only in a chunk with fewer than k other tokens.
            if (!std::binary_search(req.ids.begin(), req.ids.end(), token)) out.top.push_back({token, v});
        }
    }
    auto better = [](const sampling::Candidate& a, const sampling::Candidate& b) {
        return a.logit > b.logit || (a.logit == b.logit && a.token < b.token);
    };
    const int64_t n_rest = int64_t(nv) - int64_t(req.ids.size());
    const auto keep = static_cast<size_t>(std::min<int64_t>({req.k, n_rest, int64_t(out.top.size())}));
    std::partial_sort(out.top.begin(), out.top.begin() + static_cast<std::ptrdiff_t>(keep), out.top.end(), better);
    out.top.resize(keep);

    out.rest_log_sum_exp = -std::numeric_limits<double>::infinity();
    if (req.log_sum_exp && n_rest > 0) {
        float m, sum;
        std::memcpy(&m, static_cast<const uint32_t*>(state_->lse.mapped), 4);
        std::memcpy(&sum, static_cast<const uint32_t*>(state_->lse.mapped) + 1, 4);
        if (std::isfinite(m)) out.rest_log_sum_exp = static_cast<double>(m) + std::log(static_cast<double>(sum));
    }
    return {};
}

Status VulkanBackend::shift(int32_t keep, int32_t discard) {
    if (auto st = settle(cancel_); !st) return st;
    if (auto st = engine::check_shift(keep, discard, n_cached_); !st) return st;
    const auto& hp = model_.hp;
    const auto& kv = state_->kv;
    const uint64_t esz = kv.f32 ? 4 : 2;
    const auto n_move = static_cast<uint32_t>(n_cached_ - keep - discard);
    if (n_move > 0) {
        const uint64_t rk = uint64_t(hp.n_embd_k_gqa()) * esz, rv = uint64_t(hp.n_embd_v_gqa()) * esz;
        auto tmp = create_buffer(*device_, n_move * std::max(rk, rv), MemoryKind::DeviceLocal, MemoryUse::Scratch,
                                 "a context shift");
        if (!tmp) return tmp.error();
        auto seq = create_sequence(*device_);
        if (!seq) return seq.error();
        Sequence& s = **seq;
        if (auto st = s.begin(); !st) return st;
        const BufferView t = view_of(*tmp);
        for (int32_t il = 0; il < hp.n_layer; ++il) {
            for (auto [cache, rb] : {std::pair{kv.k[il], rk}, {kv.v[il], rv}}) {
                s.copy(cache.sub((keep + discard) * rb, n_move * rb), t, n_move * rb);
                s.copy(t, cache.sub(keep * rb, n_move * rb), n_move * rb);
            }
            if (model_.recipe.n_rot > 0) {
                KvShiftArgs a;
                a.n_kv_heads = hp.n_head_kv;
                a.head_dim = hp.head_dim_k;
                a.n_rot = model_.recipe.n_rot;
                a.neox = model_.recipe.rope_style == arch::RopeStyle::Neox;
                a.row0 = static_cast<uint32_t>(keep);
                a.n_rows = n_move;
                a.delta = -discard;
                a.kv_f32 = kv.f32;
                if (auto st = record_kv_rope_shift(*cache_, s, kv.k[il], weights_.layers[il].rope_freqs, a); !st)
                    return st;
            }
        }
        if (auto st = s.end(); !st) return st;
        if (auto st = s.run(); !st) return st;
    }
    n_cached_ -= discard;
    return {};
}

Result<std::vector<float>> VulkanBackend::read_kv(int32_t layer, bool values) const {
    (void)settle();
    const auto& kv = state_->kv;
    const BufferView v = values ? kv.v.at(layer) : kv.k.at(layer);
    const uint64_t width = values ? model_.hp.n_embd_v_gqa() : model_.hp.n_embd_k_gqa();
    const uint64_t n = width * kv.n_ctx;
    std::vector<float> out(n);
    if (kv.f32) {
        if (auto st = download(*device_, v, out.data(), n * 4); !st) return st.error();
        return out;
    }
    std::vector<uint16_t> h(n);
    if (auto st = download(*device_, v, h.data(), n * 2); !st) return st.error();
    for (uint64_t i = 0; i < n; ++i) out[i] = fp16_to_f32(h[i]);
    return out;
}

VramStats VulkanBackend::vram() const {
    const auto r = device_->memory_report();
    VramStats v;
    v.weights = r.allocated[size_t(MemoryUse::Weights)];
    v.kv_cache = r.allocated[size_t(MemoryUse::KvCache)];
    v.scratch = r.allocated[size_t(MemoryUse::Scratch)];
    v.other = r.allocated[size_t(MemoryUse::Staging)] + r.allocated[size_t(MemoryUse::Other)];
    v.heap_size = r.heap_size;
    v.heap_budget = r.heap_budget;
    v.heap_usage = r.heap_usage;
    return v;
}

Result<std::unique_ptr<VulkanBackend>> make_vulkan_backend(const arch::Model& model, const VulkanOptions& options) {
    std::unique_ptr<VulkanBackend> b(new VulkanBackend(model));
    if (auto st = b->init(options); !st) return st.error();
    return b;
}

}  // namespace hearth::vk
