// Host-side dispatch of the engine's non-matmul kernels (inference/shaders/*.comp). Each
// record_* call validates its arguments, fetches the pipeline from the cache and records one
// or a few dispatches into the sequence. Activations are float32, row-major; the KV cache is
// F16 (two values per 32-bit word).
//
// Kernels that depend on the position or the tokens read them from the params buffer (layout
// in inference/shaders/common.glsl, written by write_params), so a recorded graph replays for
// any position without re-recording.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "base/result.h"
#include "inference/tensor/tensor_type.h"
#include "inference/vulkan/buffer.h"
#include "inference/vulkan/pipeline.h"
#include "inference/vulkan/sequence.h"

namespace hearth::vk {

// ---- the params buffer ----
inline constexpr uint32_t kParamsHeaderWords = 4;
inline uint64_t params_bytes(uint32_t max_tokens) { return (kParamsHeaderWords + max_tokens) * 4ull; }
// Writes pos0, n and the token ids into a host-visible params view.
void write_params(const BufferView& params, uint32_t pos0, std::span<const int32_t> tokens);

// ---- norm.cpp ----
// o = x / rms(x) * (w + w_offset) per row of ncols; `w` empty: no weight. o may be x.
Status record_rms_norm(PipelineCache& cache, Sequence& seq, const BufferView& x, const BufferView& w,
                       const BufferView& o, uint32_t ncols, uint32_t nrows, float eps, float w_offset = 0.0f);
// Row softmax in place: x = softmax(x * scale).
Status record_softmax(PipelineCache& cache, Sequence& seq, const BufferView& x, uint32_t ncols, uint32_t nrows,
                      float scale = 1.0f);

// ---- rope.cpp ----
struct RopeArgs {
    uint32_t n_tokens = 1;
    uint32_t n_heads = 1;
    uint32_t head_dim = 0;
    uint32_t n_rot = 0;        // even, <= head_dim
    bool neox = false;         // pairs (i, i + n_rot/2) instead of (2i, 2i+1)
    uint32_t token_stride = 0; // floats between tokens; 0: n_heads * head_dim
};
// freq[i] = freq_scale * base^(-2i/n_rot) / factor_i (factors may be empty), in double precision:
// upload once per distinct layer setting and pass as `freqs`.
std::vector<float> rope_frequencies(uint32_t n_rot, float base, float freq_scale, std::span<const float> factors);
Status record_rope(PipelineCache& cache, Sequence& seq, const BufferView& x, const BufferView& freqs,
                   const BufferView& params, const RopeArgs& a);

// Rotates cached keys of rows [row0, row0+n_rows) by `delta` positions (a context shift moved
// them). NeoX style needs n_rot % 4 == 0.
struct KvShiftArgs {
    uint32_t n_kv_heads = 1, head_dim = 0, n_rot = 0;
    bool neox = false;
    uint32_t row0 = 0, n_rows = 0;
    int32_t delta = 0;
    bool kv_f32 = false;
};
Status record_kv_rope_shift(PipelineCache& cache, Sequence& seq, const BufferView& kcache, const BufferView& freqs,
                            const KvShiftArgs& a);

// ---- attention.cpp ----
struct AttentionArgs {
    uint32_t n_tokens = 1;
    uint32_t n_heads = 1;
    uint32_t n_kv_heads = 1;
    uint32_t hd_k = 0, hd_v = 0;  // even, <= 512
    uint32_t q_stride = 0;        // 0: n_heads * hd_k
    uint32_t o_stride = 0;        // 0: n_heads * hd_v
    uint32_t window = 0;          // sliding window, 0: none
    float scale = 1.0f;
    float softcap = 0.0f;
    uint32_t n_split = 1;         // split-K slices; > 1 needs `part`
    bool kv_f32 = false;          // the cache holds float32 (accuracy mode) instead of F16
    // Batches (n_tokens > 1, no split-K) go to the query-tiled kernel when its tiles fit the
    // device's shared memory; false keeps the per-query kernel (for comparisons).
    bool prefill_tiled = true;
    // Force the query-tiled kernel with these tiles (tests, benchmarks): query rows per
    // workgroup (a power of two <= 64) and keys per tile (<= 64). 0: chosen as above.
    uint32_t tile_rows = 0, tile_keys = 0;
};
uint64_t attention_partial_bytes(const AttentionArgs& a);
// The query-tiled kernel's tiles for this shape on a device with `max_shared_bytes` of shared
// memory per workgroup; rows 0 when the per-query kernel is used instead.
struct AttentionTiles {
    uint32_t rows = 0, keys = 0;
};
AttentionTiles attention_prefill_tiles(const AttentionArgs& a, uint64_t max_shared_bytes);
// Shared memory the query-tiled kernel needs for tiles of `keys` keys and these head sizes.
uint64_t attention_prefill_shared_bytes(uint32_t keys, uint32_t hd_k, uint32_t hd_v);
// kcache/vcache: [n_ctx][n_kv_heads * hd] F16 (or F32), rows 0..pos0+n-1 valid.
Status record_attention(PipelineCache& cache, Sequence& seq, const AttentionArgs& a, const BufferView& q,
                        const BufferView& kcache, const BufferView& vcache, const BufferView& o,
                        const BufferView& params, const BufferView& part = {});

// ---- elementwise.cpp ----
// cache rows pos0.. = f16(src rows 0..n-1) (f32 with kv_f32); width floats per row (even).
Status record_kv_write(PipelineCache& cache, Sequence& seq, const BufferView& src, const BufferView& kv,
                       const BufferView& params, uint32_t width, uint32_t n_tokens, uint32_t n_ctx,
                       bool kv_f32 = false);

// An embedding table on the device as the file stores it, possibly split into parts of whole
// rows (each part followed by at least 4 readable bytes: the kernel reads whole words).
struct EmbeddingTable {
    TensorType type = TensorType::F32;  // any get_rows_supports type
    uint32_t ncols = 0;
    uint32_t nrows = 0;
    std::vector<BufferView> parts;  // in row order
};
// The table types the lookup kernel reads (the matrix types: F32, F16, BF16, Q4_0..Q8_0, Q2_K..Q6_K).
bool get_rows_supports(TensorType t);
// out[t] = dequantize(table[token_t]) * scale, tokens from params.
Status record_get_rows(PipelineCache& cache, Sequence& seq, const EmbeddingTable& table, const BufferView& out,
                       const BufferView& params, uint32_t n_tokens, float scale);

enum class GluAct : uint32_t { Silu = 0, GeluTanh = 1 };
// o = act(gate) * up over n elements. o may alias gate.
Status record_glu(PipelineCache& cache, Sequence& seq, const BufferView& gate, const BufferView& up,
                  const BufferView& o, uint32_t n, GluAct act);
// o[i] = a[i] + b[i % b_period]; o may alias a.
Status record_add(PipelineCache& cache, Sequence& seq, const BufferView& a, const BufferView& b,
                  const BufferView& o, uint32_t n, uint32_t b_period);
// x = softcap(x * scale, cap) in place (cap 0: scale only).
Status record_unary(PipelineCache& cache, Sequence& seq, const BufferView& x, uint32_t n, float scale, float cap);
// result[0] = argmax(x[0..n)), result[1] = bits of the max (first index on ties).
Status record_argmax(PipelineCache& cache, Sequence& seq, const BufferView& x, uint32_t n,
                     const BufferView& result);

// The k largest of x[0..n) in rank order: result[2r] = index, result[2r+1] = value bits
// (index 0xFFFFFFFF past n). `result` holds 2k words.
Status record_top_k(PipelineCache& cache, Sequence& seq, const BufferView& x, uint32_t n, uint32_t k,
                    const BufferView& result);

// Workgroups for n invocations of `wg` threads, folded into (x, y) under the 65535 limit.
void groups_for(uint64_t n, uint32_t wg, uint32_t& gx, uint32_t& gy);

}  // namespace hearth::vk
