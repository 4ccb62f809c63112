// Attention dispatch: the flash-style kernel, split-K with its combine pass for long decodes.
#include "inference/vulkan/kernels.h"
#include "shaders/spirv.h"

namespace hearth::vk {

static constexpr uint32_t kAttnWg = 64;

uint64_t attention_partial_bytes(const AttentionArgs& a) {
    if (a.n_split <= 1) return 0;
    return uint64_t(a.n_tokens) * a.n_heads * a.n_split * (a.hd_v + 2) * 4;
}

Status record_attention(PipelineCache& cache, Sequence& seq, const AttentionArgs& a, const BufferView& q,
                        const BufferView& kcache, const BufferView& vcache, const BufferView& o,
                        const BufferView& params, const BufferView& part) {
    const uint32_t qs = a.q_stride ? a.q_stride : a.n_heads * a.hd_k;
    const uint32_t os = a.o_stride ? a.o_stride : a.n_heads * a.hd_v;
    auto bad = [](const std::string& why) {
        return make_error("vulkan.bad_kernel_args", "Internal error: attention " + why + ".");
    };
    if (!a.n_heads || !a.n_kv_heads || a.n_heads % a.n_kv_heads) return bad("head counts do not divide");
    if (!a.hd_k || !a.hd_v || a.hd_k % 2 || a.hd_v % 2 || a.hd_k > 512 || a.hd_v > 2 * 4 * kAttnWg)
        return bad("head sizes must be even and at most 512");
    if (q.size < uint64_t(qs) * a.n_tokens * 4 || o.size < uint64_t(os) * a.n_tokens * 4)
        return bad("q or o is smaller than the shape");
    const uint32_t n_split = std::max<uint32_t>(1, a.n_split);
    if (n_split > 1 && part.size < attention_partial_bytes(a)) return bad("partials buffer too small");
    auto pipe = a.kv_f32 ? cache.get({"attention_f32kv", shaders::attention_f32kv, {kAttnWg}, 44, 6})
                         : cache.get({"attention", shaders::attention, {kAttnWg}, 44, 6});
    if (!pipe) return pipe.error();
    struct {
        uint32_t n_heads, n_kv_heads, hd_k, hd_v, q_stride, o_stride, n_tokens, window;
        float scale, cap;
        uint32_t n_split;
    } push{a.n_heads, a.n_kv_heads, a.hd_k, a.hd_v, qs, os, a.n_tokens, a.window, a.scale, a.softcap, n_split};
    const BufferView& partials = n_split > 1 ? part : o;
    if (auto st = seq.dispatch(**pipe, {in(q), in(kcache), in(vcache), out(o), out(partials), in(params)}, &push,
                               a.n_heads, a.n_tokens, n_split);
        !st)
        return st;
    if (n_split == 1) return {};
    auto comb = cache.get({"attention_combine", shaders::attention_combine, {kAttnWg}, 20, 3});
    if (!comb) return comb.error();
    struct {
        uint32_t n_heads, hd_v, o_stride, n_tokens, n_split;
    } cpush{a.n_heads, a.hd_v, os, a.n_tokens, n_split};
    return seq.dispatch(**comb, {in(part), out(o), in(params)}, &cpush, a.n_heads, a.n_tokens);
}

}  // namespace hearth::vk
