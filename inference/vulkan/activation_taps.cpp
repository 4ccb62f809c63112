#include "inference/vulkan/activation_taps.h"

#include "shaders/spirv.h"

namespace hearth::vk {

namespace {

constexpr uint32_t kWg = 64;

// Adds a slot for `name` tapped at `w`, unless a matrix of that name already has one (the later
// parts of a fused tensor).
void add_slot(ActivationTaps& t, std::map<std::string, size_t>& by_name, uint32_t& floats, const WeightMatrix& w,
              const std::string& name) {
    if (name.empty() || w.cols == 0 || by_name.count(name)) return;
    by_name[name] = t.slots.size();
    t.slot_of[&w] = t.slots.size();
    t.slots.push_back({name, floats, w.cols});
    floats += 1 + w.cols;
}

}  // namespace

Result<ActivationTaps> create_taps(Device& device, const arch::Model& model, const GpuWeights& w) {
    ActivationTaps t;
    std::map<std::string, size_t> by_name;
    uint32_t floats = 0;
    for (size_t il = 0; il < w.layers.size() && il < model.layers.size(); ++il) {
        const GpuLayer& g = w.layers[il];
        const arch::LayerWeights& l = model.layers[il];
        const bool qkv_fused = l.wqkv.present();
        add_slot(t, by_name, floats, g.wq, qkv_fused ? l.wqkv.name : l.wq.name);
        add_slot(t, by_name, floats, g.wk, qkv_fused ? l.wqkv.name : l.wk.name);
        add_slot(t, by_name, floats, g.wv, qkv_fused ? l.wqkv.name : l.wv.name);
        add_slot(t, by_name, floats, g.wo, l.wo.name);
        const bool gate_up_fused = !l.ffn_gate.present();
        add_slot(t, by_name, floats, g.gate, gate_up_fused ? l.ffn_up.name : l.ffn_gate.name);
        add_slot(t, by_name, floats, g.up, l.ffn_up.name);
        add_slot(t, by_name, floats, g.down, l.ffn_down.name);
    }
    add_slot(t, by_name, floats, w.output, model.output.name);
    if (floats == 0) return t;
    auto b = create_buffer(device, uint64_t(floats) * 4, MemoryKind::DeviceLocal, MemoryUse::Scratch,
                           "the importance-matrix sums");
    if (!b) return b.error();
    t.sums = std::move(*b);
    const std::vector<float> zeros(floats, 0.0f);
    if (auto st = upload(device, view_of(t.sums), zeros.data(), zeros.size() * 4); !st) return st.error();
    return t;
}

Status record_tap(PipelineCache& cache, Sequence& seq, const ActivationTaps& taps, const WeightMatrix& w,
                  const BufferView& x, uint32_t n) {
    const TapSlot* slot = taps.find(w);
    if (!slot) return {};
    if (x.size < uint64_t(n) * slot->cols * 4)
        return make_error("vulkan.bad_kernel_args", "Internal error: tap input smaller than its product's.");
    auto pipe = cache.get({"sum_squares", shaders::sum_squares, {kWg}, 12, 2});
    if (!pipe) return pipe.error();
    struct {
        uint32_t n_rows, n_cols, offset;
    } push{n, slot->cols, slot->offset};
    return seq.dispatch(**pipe, {in(x), Binding{view_of(taps.sums), true}}, &push, (slot->cols + kWg - 1) / kWg);
}

Status read_taps(Device& device, ActivationTaps& taps, engine::ActivationObserver& obs) {
    if (!taps.sums) return {};
    const uint64_t bytes = taps.sums.size();
    std::vector<float> host(bytes / 4);
    if (auto st = download(device, view_of(taps.sums), host.data(), bytes); !st) return st;
    std::vector<double> sum2;
    for (const TapSlot& s : taps.slots) {
        const double rows = host[s.offset];
        if (rows <= 0) continue;
        sum2.assign(host.begin() + s.offset + 1, host.begin() + s.offset + 1 + s.cols);
        obs.observe_sums(s.name, sum2.data(), s.cols, rows);
    }
    std::fill(host.begin(), host.end(), 0.0f);
    return upload(device, view_of(taps.sums), host.data(), bytes);
}

}  // namespace hearth::vk
