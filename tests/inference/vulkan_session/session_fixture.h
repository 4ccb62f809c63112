// The small synthetic model the Vulkan session tests (load, cancel, pipelines, VRAM counters) use.
#pragma once

#include <gtest/gtest.h>

#include "inference/arch/synthetic.h"
#include "inference/vulkan/vulkan_backend.h"
#include "tests/inference/vulkan/model_fixture.h"

namespace hearth::vk::test_session {

using vk::synthetic;  // writes and loads a synthetic model (tests/inference/vulkan/model_fixture.h)

// Two layers of 128 wide, Q8_0: quick to load, and a 64-token chunk still takes a while on lavapipe.
inline arch::SyntheticSpec small_spec() {
    arch::SyntheticSpec s;
    s.n_embd = 128;
    s.n_head = 4;
    s.n_head_kv = 2;
    s.n_ff = 256;
    s.n_layer = 2;
    s.n_vocab = 512;
    s.n_ctx = 1024;
    s.type = TensorType::Q8_0;
    s.embd_type = TensorType::Q8_0;
    return s;
}

}  // namespace hearth::vk::test_session
