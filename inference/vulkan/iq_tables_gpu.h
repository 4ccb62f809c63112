// The IQ formats' grids and sign table as one storage buffer for the IQ matrix kernels
// (binding 3 of their pipelines; layout in shaders/matmul/dq_iq.glsl). Large constant arrays in
// the shaders would be simpler, but some drivers compile run-time indexing into them to enormous
// code (lavapipe: minutes per pipeline).
#pragma once

#include <cstdint>
#include <vector>

#include "inference/tensor/tensor_type.h"

namespace hearth::vk {

// Whether the type's kernels bind the tables buffer (the IQ types).
bool uses_iq_tables(TensorType t);

// The buffer's contents, uint32 words: ksigns_iq2xs (128), then the grids iq2xxs (256 x 2 words),
// iq2xs (512 x 2), iq2s (1024 x 2), iq3xxs (256), iq3s (512), iq1s (2048 x 2).
std::vector<uint32_t> iq_table_words();

}  // namespace hearth::vk
