// Whole-row reductions for the sampler that are not in kernels.h: the log-sum-exp of a logits
// row (inference/shaders/logsumexp.comp).
#pragma once

#include <cstdint>

#include "base/result.h"
#include "inference/vulkan/buffer.h"
#include "inference/vulkan/pipeline.h"
#include "inference/vulkan/sequence.h"

namespace hearth::vk {

// result[0] = bits of m = max(x[0..n)), result[1] = bits of sum exp(x[i] - m) (2 words):
// log-sum-exp = m + log(result[1]).
Status record_logsumexp(PipelineCache& cache, Sequence& seq, const BufferView& x, uint32_t n,
                        const BufferView& result);

}  // namespace hearth::vk
