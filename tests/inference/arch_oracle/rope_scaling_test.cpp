// RoPE scaling as GGUF metadata states it: linear, YaRN and LongRoPE (Phi-3/3.5). Each is checked
// against the formula written out directly from its paper, on the CPU reference's rotation, and
// the Vulkan engine against the CPU reference on small models carrying each scaling.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <numbers>

#include "inference/arch/load_model.h"
#include "inference/arch/synthetic.h"
#include "inference/cpu/cpu_backend.h"
#include "inference/cpu/ops.h"
#include "inference/gguf/gguf_writer.h"
#include "inference/vulkan/vulkan_backend.h"
#include "tests/support/testdata.h"

using namespace hearth;

namespace {

constexpr double kPi = std::numbers::pi;

// A synthetic model rewritten with extra metadata and tensors.
std::filesystem::path scaled_model(const arch::SyntheticSpec& spec, const std::string& name,
                                   const std::function<void(GgufWriter&)>& extra) {
    const auto dir = test::scratch_dir("rope-scaling-" + name);
    EXPECT_TRUE(arch::write_synthetic_model(spec, dir / "base.gguf"));
    auto f = GgufFile::open(dir / "base.gguf");
    EXPECT_TRUE(f) << f.error().message;
    GgufWriter w;
    for (const auto& kv : f->metadata()) w.set_value(kv.key, kv.value);
    for (const auto& t : f->tensors()) EXPECT_TRUE(w.add_tensor_from(t));
    extra(w);
    EXPECT_TRUE(w.write(dir / (name + ".gguf")));
    return dir / (name + ".gguf");
}

arch::SyntheticSpec spec_for(arch::Arch a) {
    arch::SyntheticSpec s;
    s.arch = a;
    s.n_embd = 64, s.n_layer = 2, s.n_head = 4, s.n_head_kv = 2, s.n_ff = 96, s.n_vocab = 300, s.n_ctx = 256;
    s.seed = 31;
    return s;
}

struct Loaded {
    std::unique_ptr<GgufFile> file;
    arch::Model model;
};

Loaded load(const std::filesystem::path& p) {
    Loaded l;
    auto f = GgufFile::open(p);
    EXPECT_TRUE(f) << f.error().message;
    l.file = std::make_unique<GgufFile>(std::move(*f));
    auto m = arch::load_model(*l.file);
    EXPECT_TRUE(m) << m.error().message;
    if (m) l.model = std::move(*m);
    return l;
}

// The CPU reference's rotation of a NeoX head of ones at `pos` against a direct rotation by
// theta_i = pos * freq[i] with magnitude mag.
void expect_rotation(const arch::Model& m, int32_t pos, const std::vector<double>& freq, double mag) {
    const auto& r = m.recipe;
    std::vector<float> head(static_cast<size_t>(m.hp.head_dim_k), 1.0f);
    cpu::rope(head.data(), r.n_rot, pos, r.rope_style, r.layers[0], r.rope_freq_factors);
    const int32_t half = r.n_rot / 2;
    for (int32_t i = 0; i < half; ++i) {
        const double t = pos * freq[static_cast<size_t>(i)];
        const double a = r.rope_style == arch::RopeStyle::Neox ? head[i] : head[2 * i];
        const double b = r.rope_style == arch::RopeStyle::Neox ? head[i + half] : head[2 * i + 1];
        EXPECT_NEAR(a, mag * (std::cos(t) - std::sin(t)), 2e-6) << "pair " << i;
        EXPECT_NEAR(b, mag * (std::sin(t) + std::cos(t)), 2e-6) << "pair " << i;
    }
}

std::vector<double> plain_freqs(const arch::Hparams& hp) {
    std::vector<double> f(static_cast<size_t>(hp.n_rot / 2));
    for (size_t i = 0; i < f.size(); ++i) f[i] = std::pow(double(hp.rope_base), -2.0 * double(i) / hp.n_rot);
    return f;
}

// Position interpolation (Chen et al. 2023): positions divided by the factor.
TEST(RopeScaling, LinearDividesPositions) {
    auto l = load(scaled_model(spec_for(arch::Arch::Llama), "linear", [](GgufWriter& w) {
        w.set_string("llama.rope.scaling.type", "linear");
        w.set_f32("llama.rope.scaling.factor", 4.0f);
    }));
    ASSERT_EQ(l.model.hp.rope_scaling, arch::RopeScaling::Linear);
    auto f = plain_freqs(l.model.hp);
    for (auto& x : f) x /= 4.0;
    expect_rotation(l.model, 37, f, 1.0);
}

// YaRN (Peng et al. 2023, "YaRN: Efficient Context Window Extension of Large Language Models"):
// with s the factor and L the original context, pair i turns r_i = L / lambda_i = L theta_i / 2pi
// times over L. theta'_i = (1 - gamma_i) theta_i / s + gamma_i theta_i, gamma = 1 where r > beta
// (= 32), 0 where r < alpha (= 1), linear between (in the pair index, as the authors' code ramps
// it); q and k are scaled by sqrt(1/t) = 0.1 ln s + 1.
TEST(RopeScaling, YarnFollowsThePaper) {
    auto spec = spec_for(arch::Arch::Qwen2);
    spec.rope_base = 10000.0f;
    auto l = load(scaled_model(spec, "yarn", [](GgufWriter& w) {
        w.set_string("qwen2.rope.scaling.type", "yarn");
        w.set_f32("qwen2.rope.scaling.factor", 8.0f);
        w.set_u32("qwen2.rope.scaling.original_context_length", 64);
    }));
    const auto& hp = l.model.hp;
    ASSERT_EQ(hp.rope_scaling, arch::RopeScaling::Yarn);
    const double s = 8.0, L = 64.0, alpha = 1.0, beta = 32.0, d = hp.n_rot;
    const auto theta = plain_freqs(hp);
    // The pair index where r_i equals a given r: L base^(-2i/d) / 2pi = r.
    auto index_of = [&](double r) { return d * std::log(L / (2 * kPi * r)) / (2 * std::log(double(hp.rope_base))); };
    // The ramp's ends rounded outwards to whole pairs and kept inside the head, as converters do.
    const double lo = std::max(0.0, std::floor(index_of(beta))), hi = std::min(d - 1, std::ceil(index_of(alpha)));
    std::vector<double> want(theta.size());
    int interpolated = 0, kept = 0;
    for (size_t i = 0; i < theta.size(); ++i) {
        const double r = L * theta[i] / (2 * kPi);
        double gamma = std::clamp((hi - double(i)) / (hi - lo), 0.0, 1.0);
        if (r > beta) {
            EXPECT_EQ(gamma, 1.0) << i;
        }
        if (r < alpha) {
            EXPECT_EQ(gamma, 0.0) << i;
        }
        interpolated += gamma == 0.0, kept += gamma == 1.0;
        want[i] = (1 - gamma) * theta[i] / s + gamma * theta[i];
    }
    EXPECT_GT(interpolated, 0);
    EXPECT_GT(kept, 0);
    expect_rotation(l.model, 200, want, 0.1 * std::log(s) + 1.0);
}

// LongRoPE (Ding et al. 2024), as Phi-3/3.5 files carry it: theta'_i = theta_i / lambda_i with the
// rescale factors lambda of rope_factors_long when the model's context exceeds the original one
// (else rope_factors_short), and q, k scaled by sqrt(1 + ln(s) / ln(L)), s = n_ctx / L.
TEST(RopeScaling, LongRopeUsesTheLongFactorsAndItsScale) {
    const int32_t half = 8;  // n_rot / 2 for head_dim 16
    std::vector<float> lng(half), shrt(half);
    for (int32_t i = 0; i < half; ++i) lng[i] = 1.0f + 0.5f * float(i), shrt[i] = 1.0f + 0.01f * float(i);
    auto l = load(scaled_model(spec_for(arch::Arch::Phi3), "longrope", [&](GgufWriter& w) {
        w.set_u32("phi3.rope.scaling.original_context_length", 64);
        const int64_t ne[] = {half};
        EXPECT_TRUE(w.add_tensor_f32("rope_factors_long.weight", TensorType::F32, ne, lng));
        EXPECT_TRUE(w.add_tensor_f32("rope_factors_short.weight", TensorType::F32, ne, shrt));
    }));
    ASSERT_EQ(l.model.hp.rope_scaling, arch::RopeScaling::LongRope);
    auto f = plain_freqs(l.model.hp);
    for (int32_t i = 0; i < half; ++i) f[i] /= lng[i];
    expect_rotation(l.model, 150, f, std::sqrt(1.0 + std::log(256.0 / 64.0) / std::log(64.0)));
}

TEST(RopeScaling, UnknownScalingIsRefusedByName) {
    auto p = scaled_model(spec_for(arch::Arch::Llama), "dynamic", [](GgufWriter& w) {
        w.set_string("llama.rope.scaling.type", "dynamic-ntk");
        w.set_f32("llama.rope.scaling.factor", 2.0f);
    });
    auto f = GgufFile::open(p);
    ASSERT_TRUE(f);
    auto m = arch::load_model(*f);
    ASSERT_FALSE(m);
    EXPECT_EQ(m.error().code, "arch.unsupported_rope");
    EXPECT_NE(m.error().message.find("dynamic-ntk"), std::string::npos);
}

// The Vulkan engine against the CPU reference on a model with each scaling, far enough into the
// context that the scaled frequencies matter.
class ScaledModelOnVulkan : public ::testing::TestWithParam<const char*> {};

TEST_P(ScaledModelOnVulkan, MatchesTheCpuReference) {
    const std::string kind = GetParam();
    std::filesystem::path p;
    if (kind == "yarn") {
        p = scaled_model(spec_for(arch::Arch::Qwen2), "vk-yarn", [](GgufWriter& w) {
            w.set_string("qwen2.rope.scaling.type", "yarn");
            w.set_f32("qwen2.rope.scaling.factor", 8.0f);
            w.set_u32("qwen2.rope.scaling.original_context_length", 64);
        });
    } else if (kind == "longrope") {
        p = scaled_model(spec_for(arch::Arch::Phi3), "vk-longrope", [](GgufWriter& w) {
            w.set_u32("phi3.rope.scaling.original_context_length", 64);
            w.set_f32("phi3.rope.scaling.attn_factor", 1.2f);
            std::vector<float> lng(8), shrt(8, 1.0f);
            for (int i = 0; i < 8; ++i) lng[i] = 1.0f + float(i);
            const int64_t ne[] = {8};
            EXPECT_TRUE(w.add_tensor_f32("rope_factors_long.weight", TensorType::F32, ne, lng));
            EXPECT_TRUE(w.add_tensor_f32("rope_factors_short.weight", TensorType::F32, ne, shrt));
        });
    } else {
        p = scaled_model(spec_for(arch::Arch::Llama), "vk-linear", [](GgufWriter& w) {
            w.set_string("llama.rope.scaling.type", "linear");
            w.set_f32("llama.rope.scaling.factor", 4.0f);
        });
    }
    auto l = load(p);
    const int64_t nv = l.model.hp.n_vocab;
    auto cpu = cpu::make_cpu_backend(l.model, 128);
    ASSERT_TRUE(cpu);
    vk::VulkanOptions o;
    o.n_ctx = 128;
    o.kv_f32 = true;
    auto gpu = vk::make_vulkan_backend(l.model, o);
    ASSERT_TRUE(gpu) << gpu.error().message;
    std::vector<int32_t> ids(100);
    for (size_t i = 0; i < ids.size(); ++i) ids[i] = int32_t((i * 37 + 5) % 300);
    std::vector<float> want(ids.size() * nv), got(want.size());
    ASSERT_TRUE((*cpu)->eval(ids, 0, want));
    ASSERT_TRUE((*gpu)->eval(ids, 0, got));
    double num = 0, den = 0;
    for (size_t i = 0; i < want.size(); ++i) {
        num = std::max(num, std::fabs(double(got[i]) - want[i]));
        den = std::max(den, std::fabs(double(want[i])));
    }
    EXPECT_LT(num / den, 2e-3) << kind;
}

INSTANTIATE_TEST_SUITE_P(Scalings, ScaledModelOnVulkan, ::testing::Values("linear", "yarn", "longrope"));

}  // namespace
