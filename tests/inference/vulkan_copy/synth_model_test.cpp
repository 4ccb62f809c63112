// The fast synthetic models (Fill::RandomBlocks) that the GPU benchmarks use must be models the
// engine really runs: finite logits on the CPU reference and on Vulkan, and the two backends
// agreeing on them as they do on quantized models (the random blocks are valid blocks).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <vector>

#include "inference/arch/load_model.h"
#include "inference/arch/synthetic.h"
#include "inference/cpu/cpu_backend.h"
#include "inference/gguf/gguf_reader.h"
#include "inference/vulkan/vulkan_backend.h"
#include "tests/support/testdata.h"

using namespace hearth;

namespace {

double rel_error(const std::vector<float>& got, const std::vector<float>& want) {
    double num = 0, den = 0;
    for (size_t i = 0; i < want.size(); ++i) {
        num = std::max(num, std::abs(double(got[i]) - want[i]));
        den = std::max(den, std::abs(double(want[i])));
    }
    return den > 0 ? num / den : num;
}

bool all_finite(const std::vector<float>& v) {
    for (float x : v)
        if (!std::isfinite(x)) return false;
    return true;
}

}  // namespace

TEST(SynthRandomBlocks, TinyModelRunsOnCpuAndVulkanWithFiniteAgreeingLogits) {
    for (auto type : {TensorType::Q4_K, TensorType::Q8_0}) {
        arch::SyntheticSpec spec;  // the shape of `hearth-cli synth --shape tiny`, 2 layers
        spec.n_embd = 256, spec.n_layer = 2, spec.n_head = 8, spec.n_head_kv = 4, spec.n_ff = 768;
        spec.n_vocab = 1024, spec.n_ctx = 64;
        spec.type = spec.embd_type = type;
        spec.fill = arch::SyntheticSpec::Fill::RandomBlocks;
        auto path = test::scratch_dir(std::string("synth_rb_") + type_name(type)) / "tiny.gguf";
        auto st = arch::write_synthetic_model(spec, path);
        ASSERT_TRUE(st) << st.error().message;
        auto f = GgufFile::open(path);
        ASSERT_TRUE(f) << f.error().message;
        auto m = arch::load_model(*f);
        ASSERT_TRUE(m) << m.error().message;

        auto cpu = cpu::make_cpu_backend(*m, 64);
        ASSERT_TRUE(cpu) << cpu.error().message;
        vk::VulkanOptions opt;
        opt.n_ctx = 64;
        opt.integer_dot = vk::IntegerDot::Off;  // float kernels: the bound below is theirs
        auto gpu = vk::make_vulkan_backend(*m, opt);
        ASSERT_TRUE(gpu) << gpu.error().message;

        const std::vector<int32_t> prompt = {1, 17, 300, 5, 1023, 42, 99, 7};
        std::vector<float> a(static_cast<size_t>(spec.n_vocab)), b(a.size());
        ASSERT_TRUE((*cpu)->eval(prompt, 0, a));
        ASSERT_TRUE((*gpu)->eval(prompt, 0, b));
        EXPECT_TRUE(all_finite(a)) << type_name(type);
        EXPECT_TRUE(all_finite(b)) << type_name(type);
        EXPECT_GT(*std::max_element(a.begin(), a.end()), *std::min_element(a.begin(), a.end()));
        const double prefill_err = rel_error(b, a);
        EXPECT_LT(prefill_err, 5e-3) << type_name(type);

        int32_t tok = 3;
        for (int32_t pos = 8; pos < 12; ++pos) {
            ASSERT_TRUE((*cpu)->eval({&tok, 1}, pos, a));
            ASSERT_TRUE((*gpu)->eval({&tok, 1}, pos, b));
            EXPECT_TRUE(all_finite(b)) << type_name(type) << " position " << pos;
            EXPECT_LT(rel_error(b, a), 5e-3) << type_name(type) << " position " << pos;
            tok = static_cast<int32_t>(std::max_element(a.begin(), a.end()) - a.begin());
        }
        std::printf("%s: prefill relative error %.2e\n", type_name(type), prefill_err);
    }
}
