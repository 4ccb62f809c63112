// Activation taps: an importance matrix summed on the device. When taps are on, the recorded
// graph follows every matrix product whose weights are a model matrix with one small dispatch
// (shaders/sum_squares.comp) that adds the squares of each input column, and the number of input
// rows, into that matrix's slot of one device buffer. Nothing is read back until the end
// (read_taps), so collecting costs a few percent of the products' time and no per-token copy.
// With taps off the graph is recorded exactly as without this file.
//
// Slots are keyed by tensor name, as the CPU backend's ActivationObserver reports them: a fused
// tensor uploaded as several matrices (q|k|v, gate|up) has one slot, tapped at its first part
// (the parts share their input).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/result.h"
#include "inference/arch/model.h"
#include "inference/engine/backend.h"
#include "inference/vulkan/buffer.h"
#include "inference/vulkan/matmul.h"
#include "inference/vulkan/pipeline.h"
#include "inference/vulkan/sequence.h"
#include "inference/vulkan/weights.h"

namespace hearth::vk {

struct TapSlot {
    std::string name;     // the weight tensor's name in the GGUF file
    uint32_t offset = 0;  // in floats: [offset] = rows counted, [offset + 1 ..] = column sums
    uint32_t cols = 0;
};

struct ActivationTaps {
    Buffer sums;                                    // device-local floats, all slots
    std::vector<TapSlot> slots;
    std::map<const WeightMatrix*, size_t> slot_of;  // the matrices that are tapped

    const TapSlot* find(const WeightMatrix& w) const {
        auto it = slot_of.find(&w);
        return it == slot_of.end() ? nullptr : &slots[it->second];
    }
};

// One slot per model matrix (every layer's products and the output), zeroed. Errors:
// "vulkan.out_of_memory", the upload's.
Result<ActivationTaps> create_taps(Device& device, const arch::Model& model, const GpuWeights& w);

// Records the tap of product `w` with input x (n rows of w.cols floats); nothing when w has no slot.
Status record_tap(PipelineCache& cache, Sequence& seq, const ActivationTaps& taps, const WeightMatrix& w,
                  const BufferView& x, uint32_t n);

// Reads every slot back (waiting for nothing: call when no recorded work is in flight) and hands
// each non-empty one to obs->observe_sums; then zeroes the sums.
Status read_taps(Device& device, ActivationTaps& taps, engine::ActivationObserver& obs);

}  // namespace hearth::vk
