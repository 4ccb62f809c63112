#include "inference/vulkan/reduce.h"

#include "shaders/spirv.h"

namespace hearth::vk {

Status record_logsumexp(PipelineCache& cache, Sequence& seq, const BufferView& x, uint32_t n,
                        const BufferView& result) {
    if (!n || x.size < n * 4ull || result.size < 8)
        return make_error("vulkan.bad_kernel_args", "Internal error: logsumexp: buffers too small.");
    constexpr uint32_t kWg = 256;
    auto pipe = cache.get({"logsumexp", shaders::logsumexp, {kWg}, 4, 2});
    if (!pipe) return pipe.error();
    return seq.dispatch(**pipe, {in(x), out(result)}, &n, 1);
}

}  // namespace hearth::vk
