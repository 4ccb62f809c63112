#include "inference/vulkan/weights.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "inference/arch/memory_plan.h"
#include "inference/tensor/dequantize.h"

namespace hearth::vk {

namespace {

// Uploads in order and reports progress by bytes.
struct Loader {
    Device& device;
    Uploader up;
    GpuWeights& w;
    const LoadProgress& progress;
    uint64_t total = 0, done = 0;

    Status tick(uint64_t bytes) {
        done += bytes;
        if (progress && !progress(total ? std::min(1.0f, float(double(done) / double(total))) : 1.0f))
            return make_error("vulkan.cancelled", "Loading the model was cancelled.");
        return {};
    }

    // rows [row0, row0+rows) of `t` as a matrix, split into parts of whole rows.
    Result<WeightMatrix> matrix(const arch::TensorView& t, int64_t row0, int64_t rows) {
        if (!matmul_supports(t.type))
            return make_error("vulkan.unsupported_type", "The tensor '" + t.name + "' is stored as " +
                                                             type_name(t.type) +
                                                             ", which the Vulkan engine cannot compute with yet.");
        WeightMatrix m;
        m.type = t.type;
        m.rows = static_cast<uint32_t>(rows);
        m.cols = static_cast<uint32_t>(t.ne[0]);
        const uint64_t rb = t.row_bytes();
        const uint64_t limit = std::min(device.max_binding_range(), device.max_allocation()) - 256;
        const uint64_t per = std::max<uint64_t>(1, limit / rb);
        for (int64_t r = 0; r < rows; r += static_cast<int64_t>(per)) {
            const uint64_t n = std::min<uint64_t>(per, static_cast<uint64_t>(rows - r));
            // 4 spare bytes: the matmul kernels read weights in whole 32-bit words.
            auto v = w.arena.alloc(n * rb + 4, "the weight '" + t.name + "'");
            if (!v) return v.error();
            BufferView part = v->sub(0, n * rb);
            if (auto st = up.upload(part, t.row(row0 + r), n * rb); !st) return st.error();
            m.parts.push_back(part);
            w.bytes += n * rb;
            w.matrix_bytes += n * rb;
            if (auto st = tick(n * rb); !st) return st.error();
        }
        return m;
    }
    Result<WeightMatrix> matrix(const arch::TensorView& t) { return matrix(t, 0, t.rows()); }

    // A vector (norm weight, bias) as float32; empty view when the tensor is absent.
    Result<BufferView> floats(const arch::TensorView& t) {
        if (!t.present()) return BufferView{};
        const int64_t n = t.ne[0] * t.rows();
        std::vector<float> f(static_cast<size_t>(n));
        for (int64_t r = 0; r < t.rows(); ++r) dequantize_row(t.type, t.row(r), f.data() + r * t.ne[0], t.ne[0]);
        return floats(f, t.name);
    }
    Result<BufferView> floats(const std::vector<float>& f, const std::string& name) {
        auto v = w.arena.alloc(f.size() * 4, "the weight '" + name + "'");
        if (!v) return v.error();
        if (auto st = up.upload(*v, f.data(), f.size() * 4); !st) return st.error();
        w.bytes += f.size() * 4;
        if (auto st = tick(f.size() * 4); !st) return st.error();
        return *v;
    }

    // The lookup table, as stored in the file (quantized tables stay quantized: the lookup
    // kernel dequantizes the rows it reads).
    Status embedding(const arch::TensorView& t) {
        if (!get_rows_supports(t.type))
            return make_error("vulkan.unsupported_type", "The token embedding '" + t.name + "' is stored as " +
                                                             type_name(t.type) +
                                                             ", which the Vulkan engine cannot read yet.");
        EmbeddingTable& e = w.embedding;
        e.type = t.type;
        e.ncols = static_cast<uint32_t>(t.ne[0]);
        e.nrows = static_cast<uint32_t>(t.rows());
        const uint64_t rb = t.row_bytes();
        const uint64_t limit = std::min(device.max_binding_range(), device.max_allocation()) - 256;
        const uint64_t per = std::max<uint64_t>(1, limit / rb);
        for (uint64_t r = 0; r < e.nrows; r += per) {
            const uint64_t n = std::min<uint64_t>(per, e.nrows - r);
            auto v = w.arena.alloc(n * rb + 4, "the token embedding '" + t.name + "'");
            if (!v) return v.error();
            BufferView part = v->sub(0, n * rb);
            if (auto st = up.upload(part, t.row(static_cast<int64_t>(r)), n * rb); !st) return st;
            e.parts.push_back(part);
            w.bytes += n * rb;
            if (auto st = tick(n * rb); !st) return st;
        }
        return {};
    }
};

uint64_t total_bytes(const arch::Model& m) {
    uint64_t t = m.tok_embd.nbytes + m.output_norm.nbytes + (m.output_tied ? 0 : m.output.nbytes);
    for (const auto& l : m.layers)
        for (const auto* v : {&l.attn_norm, &l.wq, &l.wk, &l.wv, &l.wqkv, &l.bq, &l.bk, &l.bv, &l.q_norm, &l.k_norm,
                              &l.wo, &l.post_attn_norm, &l.ffn_norm, &l.ffn_gate, &l.ffn_up, &l.ffn_down,
                              &l.post_ffn_norm})
            t += v->present() ? v->nbytes : 0;
    return t;
}

}  // namespace

Result<GpuWeights> upload_weights(Device& device, const arch::Model& model, const LoadProgress& progress) {
    // Blocks sized by the memory plan, which lists these same allocations in this same order.
    arch::MemoryPlanOptions po;
    po.max_allocation = device.max_allocation();
    po.max_binding = device.max_binding_range();
    po.n_ctx = 1;
    const arch::ArenaPlan plan = arch::plan_memory(model, po).weights;
    GpuWeights w;
    w.arena = Arena(device, MemoryKind::DeviceLocal, MemoryUse::Weights, plan.block_cap);
    w.arena.expect(plan.expected());
    Loader L{device, Uploader(device), w, progress, total_bytes(model), 0};
    const auto& hp = model.hp;
    const auto& r = model.recipe;
    if (auto st = L.embedding(model.tok_embd); !st) return st.error();

    for (size_t il = 0; il < model.layers.size(); ++il) {
        const auto& l = model.layers[il];
        GpuLayer g;
        auto take = [](Result<WeightMatrix>&& m, WeightMatrix& dst) -> Status {
            if (!m) return m.error();
            dst = std::move(*m);
            return {};
        };
        auto takev = [](Result<BufferView>&& v, BufferView& dst) -> Status {
            if (!v) return v.error();
            dst = *v;
            return {};
        };
        Status st;
        if (r.qkv_fused) {
            const int64_t nq = hp.n_embd_q(), nk = hp.n_embd_k_gqa(), nv = hp.n_embd_v_gqa();
            if (!(st = take(L.matrix(l.wqkv, 0, nq), g.wq))) return st.error();
            if (!(st = take(L.matrix(l.wqkv, nq, nk), g.wk))) return st.error();
            if (!(st = take(L.matrix(l.wqkv, nq + nk, nv), g.wv))) return st.error();
        } else {
            if (!(st = take(L.matrix(l.wq), g.wq))) return st.error();
            if (!(st = take(L.matrix(l.wk), g.wk))) return st.error();
            if (!(st = take(L.matrix(l.wv), g.wv))) return st.error();
        }
        if (!(st = take(L.matrix(l.wo), g.wo))) return st.error();
        if (r.gate_up_fused) {
            if (!(st = take(L.matrix(l.ffn_up, 0, hp.n_ff), g.gate))) return st.error();
            if (!(st = take(L.matrix(l.ffn_up, hp.n_ff, hp.n_ff), g.up))) return st.error();
        } else {
            if (!(st = take(L.matrix(l.ffn_gate), g.gate))) return st.error();
            if (!(st = take(L.matrix(l.ffn_up), g.up))) return st.error();
        }
        if (!(st = take(L.matrix(l.ffn_down), g.down))) return st.error();
        for (auto [src, dst] : {std::pair{&l.attn_norm, &g.attn_norm}, {&l.ffn_norm, &g.ffn_norm},
                                {&l.q_norm, &g.q_norm}, {&l.k_norm, &g.k_norm}, {&l.post_attn_norm, &g.post_attn_norm},
                                {&l.post_ffn_norm, &g.post_ffn_norm}, {&l.bq, &g.bq}, {&l.bk, &g.bk}, {&l.bv, &g.bv}})
            if (!(st = takev(L.floats(*src), *dst))) return st.error();
        const auto& lr = r.layers[il];
        const std::vector<float> none;
        auto freqs = rope_frequencies(static_cast<uint32_t>(r.n_rot), lr.rope_base, lr.rope_freq_scale,
                                      lr.use_freq_factors ? r.rope_freq_factors : none);
        if (!(st = takev(L.floats(freqs, "rope frequencies"), g.rope_freqs))) return st.error();
        w.layers.push_back(std::move(g));
    }
    auto on = L.floats(model.output_norm);
    if (!on) return on.error();
    w.output_norm = *on;
    // A tied output is the embedding table, uploaded once.
    if (model.output_tied && matmul_supports(w.embedding.type)) {
        w.output.type = w.embedding.type;
        w.output.rows = w.embedding.nrows;
        w.output.cols = w.embedding.ncols;
        w.output.parts = w.embedding.parts;
        w.matrix_bytes += model.tok_embd.nbytes;
    } else {
        auto out = L.matrix(model.output);
        if (!out) return out.error();
        w.output = std::move(*out);
    }
    return w;
}

}  // namespace hearth::vk
