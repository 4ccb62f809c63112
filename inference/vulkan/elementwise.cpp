// Element-wise kernels: embedding lookup, KV-cache write, GLU, add, scale/soft-cap, argmax.
#include <cstring>
#include <span>

#include "inference/vulkan/iq_tables_gpu.h"
#include "inference/vulkan/kernels.h"
#include "shaders/spirv.h"

namespace hearth::vk {

static constexpr uint32_t kWg = 256;

static Error bad(const std::string& what) {
    return make_error("vulkan.bad_kernel_args", "Internal error: " + what + ".");
}

void groups_for(uint64_t n, uint32_t wg, uint32_t& gx, uint32_t& gy) {
    const uint64_t groups = (n + wg - 1) / wg;
    gx = static_cast<uint32_t>(std::min<uint64_t>(groups, 65535));
    gy = static_cast<uint32_t>((groups + 65534) / 65535);
    if (gx == 0) gx = gy = 0;
}

void write_params(const BufferView& params, uint32_t pos0, std::span<const int32_t> tokens) {
    auto* w = static_cast<uint32_t*>(params.mapped);
    w[0] = pos0;
    w[1] = static_cast<uint32_t>(tokens.size());
    w[2] = w[3] = 0;
    std::memcpy(w + kParamsHeaderWords, tokens.data(), tokens.size() * 4);
}

Status record_kv_write(PipelineCache& cache, Sequence& seq, const BufferView& src, const BufferView& kv,
                       const BufferView& params, uint32_t width, uint32_t n_tokens, uint32_t n_ctx, bool kv_f32) {
    if (!width || width % 2 || src.size < uint64_t(width) * n_tokens * 4 ||
        kv.size < uint64_t(width) * n_ctx * (kv_f32 ? 4 : 2))
        return bad("kv_write: shapes do not fit");
    auto pipe = kv_f32 ? cache.get({"kv_write_f32", shaders::kv_write_f32, {64}, 12, 3})
                       : cache.get({"kv_write", shaders::kv_write, {64}, 12, 3});
    if (!pipe) return pipe.error();
    struct {
        uint32_t width, n_tokens, n_ctx;
    } push{width, n_tokens, n_ctx};
    uint32_t gx, gy;
    groups_for(uint64_t(width / 2) * n_tokens, 64, gx, gy);
    return seq.dispatch(**pipe, {in(src), out(kv), in(params)}, &push, gx, gy);
}

namespace {

struct GetRowsKernel {
    TensorType type;
    const char* name;
    std::span<const uint32_t> spirv;
};
// One line per table type (shaders.cmake builds the variants).
#define HEARTH_GET_ROWS(T, n) GetRowsKernel{TensorType::T, "get_rows_" #n, shaders::get_rows_##n}
const GetRowsKernel kGetRows[] = {
    HEARTH_GET_ROWS(F32, f32),   HEARTH_GET_ROWS(F16, f16),   HEARTH_GET_ROWS(BF16, bf16),
    HEARTH_GET_ROWS(Q4_0, q4_0), HEARTH_GET_ROWS(Q4_1, q4_1), HEARTH_GET_ROWS(Q5_0, q5_0),
    HEARTH_GET_ROWS(Q5_1, q5_1), HEARTH_GET_ROWS(Q8_0, q8_0), HEARTH_GET_ROWS(Q2_K, q2_k),
    HEARTH_GET_ROWS(Q3_K, q3_k), HEARTH_GET_ROWS(Q4_K, q4_k), HEARTH_GET_ROWS(Q5_K, q5_k),
    HEARTH_GET_ROWS(Q6_K, q6_k),
    HEARTH_GET_ROWS(IQ4_NL, iq4_nl), HEARTH_GET_ROWS(IQ4_XS, iq4_xs), HEARTH_GET_ROWS(IQ3_XXS, iq3_xxs),
    HEARTH_GET_ROWS(IQ3_S, iq3_s),   HEARTH_GET_ROWS(IQ2_XXS, iq2_xxs), HEARTH_GET_ROWS(IQ2_XS, iq2_xs),
    HEARTH_GET_ROWS(IQ2_S, iq2_s),   HEARTH_GET_ROWS(IQ1_S, iq1_s),     HEARTH_GET_ROWS(IQ1_M, iq1_m),
};
#undef HEARTH_GET_ROWS

const GetRowsKernel* get_rows_kernel(TensorType t) {
    for (const auto& k : kGetRows)
        if (k.type == t) return &k;
    return nullptr;
}

}  // namespace

bool get_rows_supports(TensorType t) { return get_rows_kernel(t) != nullptr; }

Status record_get_rows(PipelineCache& cache, Sequence& seq, const EmbeddingTable& table, const BufferView& out_rows,
                       const BufferView& params, uint32_t n_tokens, float scale) {
    const GetRowsKernel* k = get_rows_kernel(table.type);
    if (!k) return bad("get_rows: unsupported table type");
    if (out_rows.size < uint64_t(table.ncols) * n_tokens * 4) return bad("get_rows: output too small");
    const uint64_t row_bytes = hearth::row_bytes(table.type, table.ncols);
    if (row_bytes == 0 || row_bytes % 2) return bad("get_rows: rows of this length cannot be stored in the type");
    struct Push {
        uint32_t ncols, n_tokens, row_begin, row_count, row_bytes;
        float scale;
    };
    // The IQ types' dequantizers also read the codebook buffer (binding 3).
    const bool iq = uses_iq_tables(table.type);
    auto pipe = cache.get({k->name, k->spirv, {64}, sizeof(Push), iq ? 4u : 3u});
    if (!pipe) return pipe.error();
    BufferView tables;
    if (iq) {
        auto t = cache.iq_tables();
        if (!t) return t.error();
        tables = *t;
    }
    uint32_t row_begin = 0;
    for (const auto& part : table.parts) {
        const auto rows = static_cast<uint32_t>(part.size / row_bytes);
        const Push push{table.ncols, n_tokens, row_begin, rows, static_cast<uint32_t>(row_bytes), scale};
        const uint32_t gx = ((table.ncols + 3) / 4 + 63) / 64;
        const Status st = iq ? seq.dispatch(**pipe, {in(part), out(out_rows), in(params), in(tables)}, &push, gx, n_tokens)
                             : seq.dispatch(**pipe, {in(part), out(out_rows), in(params)}, &push, gx, n_tokens);
        if (!st) return st;
        row_begin += rows;
    }
    if (row_begin < table.nrows) return bad("get_rows: the parts hold fewer rows than the table");
    return {};
}

Status record_glu(PipelineCache& cache, Sequence& seq, const BufferView& gate, const BufferView& up,
                  const BufferView& o, uint32_t n, GluAct act) {
    if (gate.size < n * 4ull || up.size < n * 4ull || o.size < n * 4ull) return bad("glu: buffers too small");
    auto pipe = cache.get({"glu", shaders::glu, {kWg}, 8, 3});
    if (!pipe) return pipe.error();
    struct {
        uint32_t n, act;
    } push{n, static_cast<uint32_t>(act)};
    uint32_t gx, gy;
    groups_for(n, kWg, gx, gy);
    return seq.dispatch(**pipe, {in(gate), in(up), out(o)}, &push, gx, gy);
}

Status record_add(PipelineCache& cache, Sequence& seq, const BufferView& a, const BufferView& b,
                  const BufferView& o, uint32_t n, uint32_t b_period) {
    if (!b_period || a.size < n * 4ull || o.size < n * 4ull || b.size < std::min(n, b_period) * 4ull)
        return bad("add: buffers too small");
    auto pipe = cache.get({"add", shaders::add, {kWg}, 8, 3});
    if (!pipe) return pipe.error();
    struct {
        uint32_t n, b_period;
    } push{n, b_period};
    uint32_t gx, gy;
    groups_for(n, kWg, gx, gy);
    return seq.dispatch(**pipe, {in(a), in(b), out(o)}, &push, gx, gy);
}

Status record_unary(PipelineCache& cache, Sequence& seq, const BufferView& x, uint32_t n, float scale, float cap) {
    if (x.size < n * 4ull) return bad("unary: buffer too small");
    auto pipe = cache.get({"unary", shaders::unary, {kWg}, 12, 1});
    if (!pipe) return pipe.error();
    struct {
        uint32_t n;
        float scale, cap;
    } push{n, scale, cap};
    uint32_t gx, gy;
    groups_for(n, kWg, gx, gy);
    return seq.dispatch(**pipe, {out(x)}, &push, gx, gy);
}

Status record_argmax(PipelineCache& cache, Sequence& seq, const BufferView& x, uint32_t n, const BufferView& result) {
    if (!n || x.size < n * 4ull || result.size < 8) return bad("argmax: buffers too small");
    auto pipe = cache.get({"argmax", shaders::argmax, {kWg}, 4, 2});
    if (!pipe) return pipe.error();
    return seq.dispatch(**pipe, {in(x), out(result)}, &n, 1);
}

Status record_top_k(PipelineCache& cache, Sequence& seq, const BufferView& x, uint32_t n, uint32_t k,
                    const BufferView& result) {
    if (!n || !k || x.size < n * 4ull || result.size < k * 8ull) return bad("top_k: buffers too small");
    auto pipe = cache.get({"top_k", shaders::top_k, {kWg}, 8, 2});
    if (!pipe) return pipe.error();
    struct {
        uint32_t n, k;
    } push{n, k};
    return seq.dispatch(**pipe, {in(x), out(result)}, &push, 1);
}

}  // namespace hearth::vk
