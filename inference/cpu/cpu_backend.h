// The CPU reference backend: the oracle every other backend is checked against. Plain loops,
// sums in double, no threads. Readable first; fast enough for the small test models.
#pragma once

#include <cstdint>
#include <memory>

#include "base/result.h"
#include "inference/arch/model.h"
#include "inference/engine/backend.h"

namespace hearth::cpu {

// A backend over `model` (which must outlive it) with a KV cache of n_ctx positions
// (n_ctx <= 0: the model's training context). Error "cpu.out_of_memory" if the cache cannot be
// allocated.
Result<std::unique_ptr<engine::Backend>> make_cpu_backend(const arch::Model& model, int32_t n_ctx = 0);

}  // namespace hearth::cpu
