// RMSNorm and softmax dispatch: one workgroup per row.
#include "inference/vulkan/kernels.h"
#include "shaders/spirv.h"

namespace hearth::vk {

static constexpr uint32_t kRowWg = 64;

static Error bad(const char* what) {
    return make_error("vulkan.bad_kernel_args", std::string("Internal error: ") + what + ".");
}

Status record_rms_norm(PipelineCache& cache, Sequence& seq, const BufferView& x, const BufferView& w,
                       const BufferView& o, uint32_t ncols, uint32_t nrows, float eps, float w_offset) {
    const uint64_t bytes = uint64_t(ncols) * nrows * 4;
    if (!ncols || !nrows || x.size < bytes || o.size < bytes || (w && w.size < ncols * 4ull))
        return bad("rms_norm: buffers smaller than the shape");
    auto pipe = cache.get({"rms_norm", shaders::rms_norm, {kRowWg}, 20, 3});
    if (!pipe) return pipe.error();
    struct {
        uint32_t ncols, nrows;
        float eps, w_offset;
        uint32_t has_weight;
    } push{ncols, nrows, eps, w_offset, w ? 1u : 0u};
    // Without a weight the binding still needs a buffer: x is read-only there anyway.
    return seq.dispatch(**pipe, {in(x), in(w ? w : x), out(o)}, &push, std::min<uint32_t>(nrows, 65535),
                        (nrows + 65534) / 65535);
}

Status record_softmax(PipelineCache& cache, Sequence& seq, const BufferView& x, uint32_t ncols, uint32_t nrows,
                      float scale) {
    if (!ncols || !nrows || x.size < uint64_t(ncols) * nrows * 4) return bad("softmax: buffer smaller than the shape");
    if (nrows > 65535) return bad("softmax: too many rows");
    auto pipe = cache.get({"softmax", shaders::softmax, {kRowWg}, 12, 1});
    if (!pipe) return pipe.error();
    struct {
        uint32_t ncols, nrows;
        float scale;
    } push{ncols, nrows, scale};
    return seq.dispatch(**pipe, {out(x)}, &push, nrows);
}

}  // namespace hearth::vk
