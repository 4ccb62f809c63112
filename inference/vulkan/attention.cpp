// Attention dispatch: the query-tiled kernel for batches of tokens (prefill), the per-query
// flash-style kernel for single tokens, split-K with its combine pass for long decodes.
#include <algorithm>
#include <bit>

#include "inference/vulkan/kernels.h"
#include "shaders/spirv.h"

namespace hearth::vk {

static constexpr uint32_t kAttnWg = 64;

uint64_t attention_partial_bytes(const AttentionArgs& a) {
    if (a.n_split <= 1) return 0;
    return uint64_t(a.n_tokens) * a.n_heads * a.n_split * (a.hd_v + 2) * 4;
}

uint64_t attention_prefill_shared_bytes(uint32_t keys, uint32_t hd_k, uint32_t hd_v) {
    // One K and one V tile of `keys` rows, each padded to whole vec4s; the queries and outputs
    // live in registers, one row per thread.
    return 16ull * keys * ((hd_k + 3) / 4 + (hd_v + 3) / 4);
}

// Tiles attention_prefill.comp can run: rows (= threads) a power of two up to 64, and the K/V
// tiles within the shared memory.
static bool prefill_tiles_fit(uint32_t rows, uint32_t keys, uint32_t hd_k, uint32_t hd_v, uint64_t shared_bytes) {
    if (!rows || !keys || keys > 64 || !std::has_single_bit(rows) || rows > 64) return false;
    return attention_prefill_shared_bytes(keys, hd_k, hd_v) <= shared_bytes;
}

AttentionTiles attention_prefill_tiles(const AttentionArgs& a, uint64_t max_shared_bytes) {
    if (a.n_tokens <= 1 || !a.prefill_tiled || a.n_split > 1 || !a.n_kv_heads || a.n_heads % a.n_kv_heads)
        return {};
    // 64 rows, or the power of two that holds all of a KV head's rows (n_tokens x its query
    // heads) when the batch is smaller, but at least 8 (a SIMD width on CPU drivers).
    const uint64_t rows_total = uint64_t(a.n_tokens) * (a.n_heads / a.n_kv_heads);
    const uint32_t rows =
        std::max<uint32_t>(8, std::bit_ceil(static_cast<uint32_t>(std::min<uint64_t>(rows_total, 64))));
    if ((rows_total + rows - 1) / rows > 65535) return {};
    // The longest key tile that fits: fewer barriers per key.
    for (uint32_t keys : {32u, 16u, 8u, 4u})
        if (prefill_tiles_fit(rows, keys, a.hd_k, a.hd_v, max_shared_bytes)) return {rows, keys};
    return {};
}

static Status record_prefill(PipelineCache& cache, Sequence& seq, const AttentionArgs& a, AttentionTiles tiles,
                             uint32_t qs, uint32_t os, const BufferView& q, const BufferView& kcache,
                             const BufferView& vcache, const BufferView& o, const BufferView& params) {
    std::vector<uint32_t> spec{tiles.rows, tiles.keys, a.hd_k, a.hd_v};
    // CPU drivers get the variant with rolled loops (the reason is in the shader).
    const bool cpu = cache.device().info().type == DeviceType::Cpu;
    auto pipe = cpu ? (a.kv_f32 ? cache.get({"attention_prefill_cpu_f32kv", shaders::attention_prefill_cpu_f32kv,
                                             spec, 32, 5})
                                : cache.get({"attention_prefill_cpu", shaders::attention_prefill_cpu, spec, 32, 5}))
                    : (a.kv_f32 ? cache.get({"attention_prefill_f32kv", shaders::attention_prefill_f32kv, spec, 32, 5})
                                : cache.get({"attention_prefill", shaders::attention_prefill, spec, 32, 5}));
    if (!pipe) return pipe.error();
    struct {
        uint32_t n_heads, n_kv_heads, q_stride, o_stride, n_tokens, window;
        float scale, cap;
    } push{a.n_heads, a.n_kv_heads, qs, os, a.n_tokens, a.window, a.scale, a.softcap};
    const uint64_t rows_total = uint64_t(a.n_tokens) * (a.n_heads / a.n_kv_heads);
    const auto blocks = static_cast<uint32_t>((rows_total + tiles.rows - 1) / tiles.rows);
    return seq.dispatch(**pipe, {in(q), in(kcache), in(vcache), out(o), in(params)}, &push, a.n_kv_heads, blocks, 1);
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

    const uint64_t shared_bytes = cache.device().limits().maxComputeSharedMemorySize;
    if (a.tile_rows || a.tile_keys) {
        if (n_split > 1) return bad("tiles were given together with split-K");
        if (!prefill_tiles_fit(a.tile_rows, a.tile_keys, a.hd_k, a.hd_v, shared_bytes) ||
            (uint64_t(a.n_tokens) * (a.n_heads / a.n_kv_heads) + a.tile_rows - 1) / a.tile_rows > 65535)
            return bad("tiles do not fit this shape or the device's shared memory");
        return record_prefill(cache, seq, a, {a.tile_rows, a.tile_keys}, qs, os, q, kcache, vcache, o, params);
    }
    if (const AttentionTiles tiles = attention_prefill_tiles(a, shared_bytes); tiles.rows)
        return record_prefill(cache, seq, a, tiles, qs, os, q, kcache, vcache, o, params);

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
