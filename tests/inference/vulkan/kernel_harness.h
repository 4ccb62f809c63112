// What the kernel tests share: random inputs, device buffers filled from host vectors, a
// sequence to record into, and the normalised mean squared error that ops are judged by.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <memory>
#include <random>
#include <vector>

#include "inference/vulkan/buffer.h"
#include "inference/vulkan/kernels.h"
#include "inference/vulkan/pipeline.h"
#include "inference/vulkan/sequence.h"
#include "vulkan_fixture.h"

namespace hearth::vk {

inline std::vector<float> random_floats(size_t n, uint32_t seed, float lo = -1.0f, float hi = 1.0f) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<float> d(lo, hi);
    std::vector<float> v(n);
    for (auto& x : v) x = d(rng);
    return v;
}

// sum (a-b)^2 / sum b^2: 0 for identical, ~1 for unrelated outputs.
inline double nmse(const std::vector<float>& got, const std::vector<double>& want) {
    double num = 0, den = 0;
    for (size_t i = 0; i < want.size(); ++i) {
        num += (got[i] - want[i]) * (got[i] - want[i]);
        den += want[i] * want[i];
    }
    return den > 0 ? num / den : num;
}

class KernelTest : public VulkanTest {
protected:
    void SetUp() override {
        VulkanTest::SetUp();
        cache_ = std::make_unique<PipelineCache>(dev());
        arena_ = Arena(dev(), MemoryKind::Host, MemoryUse::Scratch, 4 << 20);
        auto s = create_sequence(dev());
        ASSERT_TRUE(s);
        seq_ = std::move(*s);
        ASSERT_TRUE(seq_->begin());
    }
    // A host-visible view holding `data` (at least 16 bytes, so empty inputs still bind).
    template <class T>
    BufferView buffer(const std::vector<T>& data) {
        auto v = arena_.alloc(std::max<size_t>(16, data.size() * sizeof(T)), "test data");
        EXPECT_TRUE(v);
        std::memset(v->mapped, 0, v->size);
        if (!data.empty()) std::memcpy(v->mapped, data.data(), data.size() * sizeof(T));
        return *v;
    }
    BufferView zeros(size_t bytes) { return buffer(std::vector<uint8_t>(bytes, 0)); }
    BufferView params(uint32_t pos0, const std::vector<int32_t>& tokens) {
        auto v = zeros(params_bytes(static_cast<uint32_t>(std::max<size_t>(tokens.size(), 1))));
        write_params(v, pos0, tokens);
        return v;
    }
    void run() {
        ASSERT_TRUE(seq_->end());
        ASSERT_TRUE(seq_->run());
    }
    template <class T = float>
    static std::vector<T> read(const BufferView& v, size_t n) {
        std::vector<T> out(n);
        std::memcpy(out.data(), v.mapped, n * sizeof(T));
        return out;
    }
    PipelineCache& cache() { return *cache_; }
    Sequence& seq() { return *seq_; }

    std::unique_ptr<PipelineCache> cache_;
    Arena arena_;
    std::unique_ptr<Sequence> seq_;
};

}  // namespace hearth::vk
