// Rotary position embedding dispatch and its frequency table.
#include <cmath>

#include "inference/vulkan/kernels.h"
#include "shaders/spirv.h"

namespace hearth::vk {

std::vector<float> rope_frequencies(uint32_t n_rot, float base, float freq_scale, std::span<const float> factors) {
    std::vector<float> f(n_rot / 2);
    for (uint32_t i = 0; i < f.size(); ++i) {
        double v = std::pow(static_cast<double>(base), -2.0 * i / n_rot);
        if (i < factors.size()) v /= factors[i];
        f[i] = static_cast<float>(v * freq_scale);
    }
    return f;
}

Status record_rope(PipelineCache& cache, Sequence& seq, const BufferView& x, const BufferView& freqs,
                   const BufferView& params, const RopeArgs& a) {
    const uint32_t stride = a.token_stride ? a.token_stride : a.n_heads * a.head_dim;
    if (a.n_rot == 0 || a.n_rot % 2 || a.n_rot > a.head_dim || !a.n_tokens || !a.n_heads ||
        x.size < uint64_t(stride) * a.n_tokens * 4 || freqs.size < a.n_rot / 2 * 4ull)
        return make_error("vulkan.bad_kernel_args", "Internal error: rope arguments do not fit the buffers.");
    auto pipe = cache.get({"rope", shaders::rope, {64}, 24, 3});
    if (!pipe) return pipe.error();
    struct {
        uint32_t n_heads, head_dim, n_rot, style, token_stride, n_tokens;
    } push{a.n_heads, a.head_dim, a.n_rot, a.neox ? 1u : 0u, stride, a.n_tokens};
    const uint64_t total = uint64_t(a.n_tokens) * a.n_heads * (a.n_rot / 2);
    uint32_t gx, gy;
    groups_for(total, 64, gx, gy);
    return seq.dispatch(**pipe, {out(x), in(freqs), in(params)}, &push, gx, gy);
}

Status record_kv_rope_shift(PipelineCache& cache, Sequence& seq, const BufferView& kcache, const BufferView& freqs,
                            const KvShiftArgs& a) {
    if (a.n_rot == 0 || a.n_rot > a.head_dim || a.n_rot % (a.neox ? 4 : 2) || a.head_dim % 2)
        return make_error("vulkan.unsupported", "Shifting the context needs rotary dimensions in multiples of " +
                                                    std::string(a.neox ? "4" : "2") + " for this model.");
    const uint64_t esz = a.kv_f32 ? 4 : 2;
    if (kcache.size < (uint64_t(a.row0) + a.n_rows) * a.n_kv_heads * a.head_dim * esz)
        return make_error("vulkan.bad_kernel_args", "Internal error: context shift beyond the KV cache.");
    auto pipe = a.kv_f32 ? cache.get({"kv_rope_shift_f32", shaders::kv_rope_shift_f32, {64}, 28, 2})
                         : cache.get({"kv_rope_shift", shaders::kv_rope_shift, {64}, 28, 2});
    if (!pipe) return pipe.error();
    struct {
        uint32_t n_heads, head_dim, n_rot, style, row0, n_rows;
        float delta;
    } push{a.n_kv_heads, a.head_dim, a.n_rot, a.neox ? 1u : 0u, a.row0, a.n_rows, static_cast<float>(a.delta)};
    const uint64_t total = uint64_t(a.n_rows) * a.n_kv_heads * (a.neox ? a.n_rot / 4 : a.n_rot / 2);
    uint32_t gx, gy;
    groups_for(total, 64, gx, gy);
    return seq.dispatch(**pipe, {out(kcache), in(freqs)}, &push, gx, gy);
}

}  // namespace hearth::vk
