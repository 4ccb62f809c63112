// The real model the ChatSession tests run on (stories260K from the shared test data) and
// greedy reply settings, shared by the CPU and Vulkan variants.
#pragma once

#include <gtest/gtest.h>

#include <memory>

#include "inference/engine/chat_session.h"
#include "tests/support/testdata.h"

namespace hearth::engine {

inline std::unique_ptr<OpenModel> stories() {
    auto m = open_model(test::testdata_dir() / "models" / "stories260K.gguf");
    EXPECT_TRUE(m) << m.error().message;
    return m ? std::move(*m) : nullptr;
}

inline ReplyParams params(int32_t n) {
    ReplyParams p;
    p.sampler = sampling::greedy_params();
    p.max_tokens = n;
    return p;
}

}  // namespace hearth::engine
