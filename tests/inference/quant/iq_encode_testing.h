// Shared by the IQ2 and IQ3 encoder tests: synthetic rows, a round trip through the reference
// decoder, and the per-tensor comparison with llama.cpp's encoding of brown-6L256.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "inference/gguf/gguf_reader.h"
#include "inference/quant/block_quant.h"
#include "inference/quant/iq_grid_fit.h"
#include "inference/tensor/dequantize.h"
#include "tests/support/testdata.h"

namespace hearth::quant::test_iq {

inline std::vector<float> gaussian(size_t n, uint32_t seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> g(0.0f, 1.0f);
    std::vector<float> v(n);
    for (auto& x : v) x = g(rng);
    return v;
}

// Student-t-like values with every 97th column ten times larger (outlier channels).
inline std::vector<float> heavy_tailed(size_t n, uint32_t seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> g(0.0f, 1.0f);
    std::gamma_distribution<float> chi(2.0f, 1.0f);
    std::vector<float> v(n);
    for (size_t i = 0; i < n; ++i) v[i] = g(rng) / std::sqrt(chi(rng) / 2.0f + 0.05f) * (i % 97 == 5 ? 10.0f : 1.0f);
    return v;
}

inline std::vector<float> importances(size_t n, uint32_t seed) {
    std::mt19937 rng(seed);
    std::lognormal_distribution<float> ln(0.0f, 1.5f);
    std::vector<float> v(n);
    for (auto& x : v) x = ln(rng);
    return v;
}

inline std::vector<float> decode(TensorType t, const std::vector<uint8_t>& q, size_t n) {
    std::vector<float> y(n);
    dequantize_row(t, q.data(), y.data(), static_cast<int64_t>(n));
    return y;
}

// Encodes x with quantize_row_weighted and decodes it.
inline std::vector<float> roundtrip(TensorType t, const std::vector<float>& x, const float* imp) {
    const auto n = static_cast<int64_t>(x.size());
    std::vector<uint8_t> q(row_bytes(t, n));
    EXPECT_TRUE(quantize_row_weighted(t, x.data(), imp, q.data(), n).ok());
    return decode(t, q, x.size());
}

// weighted_error of y relative to that of decoding everything to zero.
inline double relative_error(TensorType t, const std::vector<float>& x, const std::vector<float>& y, const float* imp) {
    const std::vector<float> zero(x.size(), 0.0f);
    const auto n = static_cast<int64_t>(x.size());
    return weighted_error(x.data(), y.data(), imp, n, t) / weighted_error(x.data(), zero.data(), imp, n, t);
}

// Block encoder with an explicit effort (iq2_encode.h / iq3_encode.h).
using BlockEncoder = void (*)(const float*, const float*, uint8_t*, const GridEffort&);

// Encodes x block by block with weights w = sigma2 + x^2 (block_quant.h's default) and decodes.
inline std::vector<float> roundtrip_with(TensorType t, BlockEncoder enc, const std::vector<float>& x,
                                         const GridEffort& effort) {
    const TypeTraits& tt = traits(t);
    double s2 = 0;
    for (float v : x) s2 += static_cast<double>(v) * v;
    const auto sigma2 = static_cast<float>(s2 / static_cast<double>(x.size()));
    std::vector<float> w(x.size());
    for (size_t i = 0; i < x.size(); ++i) w[i] = sigma2 + x[i] * x[i];
    std::vector<uint8_t> q(row_bytes(t, static_cast<int64_t>(x.size())));
    for (size_t b = 0; b < x.size() / 256; ++b) enc(&x[256 * b], &w[256 * b], &q[tt.block_bytes * b], effort);
    return decode(t, q, x.size());
}

// Brown's tensors of type t in llama.cpp's file `file`: the summed weighted error (no importance)
// of our encoding of the F32 weights and of llama.cpp's. Returns false (with a skip) when the
// test data is absent.
struct BrownErrors {
    double ours = 0, llama = 0;
    int tensors = 0;
};
inline BrownErrors brown_errors(TensorType t, const std::string& file, const std::vector<std::string>& names,
                                int64_t max_rows) {
    BrownErrors r;
    auto src = GgufFile::open(::hearth::test::testdata_dir() / "models/brown-6L256.gguf");
    auto ref = GgufFile::open(::hearth::test::testdata_dir() / "models" / file);
    EXPECT_TRUE(src && ref);
    if (!src || !ref) return r;
    std::map<std::string, const GgufTensorInfo*> by_name;
    for (const auto& info : src->tensors()) by_name[std::string(info.name)] = &info;
    for (const auto& lt : ref->tensors()) {
        const std::string name(lt.name);
        if (lt.type != t || std::find(names.begin(), names.end(), name) == names.end()) continue;
        const GgufTensorInfo* s = by_name[name];
        EXPECT_NE(s, nullptr) << name;
        if (!s) continue;
        const int64_t n = lt.ne[0];
        std::vector<float> x(static_cast<size_t>(n)), yl(x.size());
        std::vector<uint8_t> q(row_bytes(t, n));
        for (int64_t row = 0; row < std::min(lt.n_rows(), max_rows); ++row) {
            dequantize_row(s->type, s->data + static_cast<uint64_t>(row) * s->row_size(), x.data(), n);
            dequantize_row(t, lt.data + static_cast<uint64_t>(row) * lt.row_size(), yl.data(), n);
            EXPECT_TRUE(quantize_row_weighted(t, x.data(), nullptr, q.data(), n).ok());
            const auto yo = decode(t, q, x.size());
            r.ours += weighted_error(x.data(), yo.data(), nullptr, n, t);
            r.llama += weighted_error(x.data(), yl.data(), nullptr, n, t);
        }
        ++r.tensors;
    }
    return r;
}

// One type's case: its encoder, its format, and the error bounds its tests hold it to.
struct Case {
    TensorType type;
    BlockEncoder encode;
    GridSpec (*spec)();
    double bound_gaussian;  // relative_error of a Gaussian row (no importance) must stay below
    double bound_heavy;     // ... of a heavy-tailed row with importances
};

// fit_grid_block's own error figure is that of the bytes as the decoder reads them back: the
// packing is the exact inverse of dequantize_iq.cpp's reading.
inline void check_fit_matches_decoder(const Case& c) {
    for (uint32_t seed : {1u, 2u, 3u}) {
        const auto x = seed == 2 ? heavy_tailed(256, seed) : gaussian(256, seed);
        const auto w = importances(256, seed + 10);
        GridBlock gb;
        const double fit_err = fit_grid_block(x.data(), w.data(), c.spec(), gb);
        std::vector<uint8_t> q(traits(c.type).block_bytes);
        c.encode(x.data(), w.data(), q.data(), GridEffort{});
        const auto y = decode(c.type, q, 256);
        double err = 0;
        for (int i = 0; i < 256; ++i) err += w[i] * (static_cast<double>(x[i]) - y[i]) * (x[i] - y[i]);
        EXPECT_NEAR(err, fit_err, 1e-4 * fit_err) << type_name(c.type) << " seed " << seed;
    }
}

inline void check_roundtrip_bounds(const Case& c) {
    const auto g = gaussian(4096, 21), h = heavy_tailed(4096, 22);
    const auto imp = importances(4096, 23);
    const double eg = relative_error(c.type, g, roundtrip(c.type, g, nullptr), nullptr);
    const double eh = relative_error(c.type, h, roundtrip(c.type, h, imp.data()), imp.data());
    EXPECT_LT(eg, c.bound_gaussian) << type_name(c.type);
    EXPECT_LT(eh, c.bound_heavy) << type_name(c.type);
    // The importance must move the error onto the columns that matter less.
    const double eh_unweighted = relative_error(c.type, h, roundtrip(c.type, h, nullptr), imp.data());
    EXPECT_LT(eh, eh_unweighted) << type_name(c.type);
}

// The full search (candidate scales, least-squares re-fits, code neighbours) beats taking each
// sub-block's scale from its largest magnitude.
inline void check_beats_simple_search(const Case& c) {
    const GridEffort simple{0, false};
    for (const auto& x : {gaussian(4096, 31), heavy_tailed(4096, 32)}) {
        const double full = relative_error(c.type, x, roundtrip_with(c.type, c.encode, x, GridEffort{}), nullptr);
        const double reduced = relative_error(c.type, x, roundtrip_with(c.type, c.encode, x, simple), nullptr);
        EXPECT_LT(full, reduced) << type_name(c.type);
    }
}

inline void check_special_rows(const Case& c) {
    const std::vector<float> zero(512, 0.0f);
    for (float v : roundtrip(c.type, zero, nullptr)) ASSERT_EQ(v, 0.0f) << type_name(c.type);

    auto tiny = gaussian(512, 40);  // below fp16's range for d: decodes to zeros, never NaN
    for (auto& v : tiny) v *= 1e-12f;
    for (float v : roundtrip(c.type, tiny, nullptr)) ASSERT_TRUE(std::isfinite(v)) << type_name(c.type);

    auto x = gaussian(512, 41);
    x[300] = 5000.0f;  // one huge outlier: it decodes close, the rest of its block does not blow up
    const auto y = roundtrip(c.type, x, nullptr);
    for (float v : y) ASSERT_TRUE(std::isfinite(v)) << type_name(c.type);
    EXPECT_NEAR(y[300], 5000.0f, 0.1f * 5000.0f) << type_name(c.type);
    EXPECT_LT(relative_error(c.type, x, y, nullptr), 0.05) << type_name(c.type);

    x[7] = std::nanf("");
    std::vector<uint8_t> q(row_bytes(c.type, 512));
    EXPECT_FALSE(quantize_row_weighted(c.type, x.data(), nullptr, q.data(), 512).ok()) << type_name(c.type);
}

// Brown's real weights: our encoding's weighted error (no importance) is below that of
// llama.cpp's file for the same tensors, by the factor given. llama.cpp encoded with an imatrix,
// i.e. for other weights, so this is a bound on our search, not a claim about model quality.
inline void check_brown(const Case& c, const std::string& file, const std::vector<std::string>& names,
                        double max_ratio) {
    const auto r = brown_errors(c.type, file, names, 64);  // 64 rows of each: fast in a debug build
    ASSERT_EQ(r.tensors, static_cast<int>(names.size())) << type_name(c.type) << " in " << file;
    EXPECT_LT(r.ours, max_ratio * r.llama) << type_name(c.type) << ": ours / llama.cpp's = " << r.ours / r.llama;
}

}  // namespace hearth::quant::test_iq
