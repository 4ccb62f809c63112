// Scalar decoders of the IQ blocks (iq_blocks.h), one 256- or 32-element block at a time; used by
// dequantize.cpp's block table.
#pragma once

#include <cstdint>

#include "inference/tensor/tensor_type.h"

namespace hearth {

using IqBlockFn = void (*)(const uint8_t* block, float* out);

// The decoder of one IQ type's block; nullptr for every other type.
IqBlockFn iq_block_decoder(TensorType t);

}  // namespace hearth
