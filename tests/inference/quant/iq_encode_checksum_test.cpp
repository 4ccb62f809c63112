// Pins the exact bytes of the nine IQ encoders. The encoders are tuned for speed without changing
// what they choose, so any optimisation must leave every byte as it was: the hashes below were
// captured from the unoptimised encoders, and a single changed byte fails this test. The rows come
// from a hand-written generator (no <random> distributions, whose algorithms the standard leaves
// to each library) so that the inputs are the same everywhere.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "inference/quant/block_quant.h"
#include "inference/quant/iq2_encode.h"
#include "inference/quant/iq3_encode.h"
#include "inference/tensor/tensor_type.h"

namespace hearth::quant {
namespace {

// splitmix64: a fixed sequence of 64-bit values from a seed.
class Rng {
public:
    explicit Rng(uint64_t seed) : s_(seed) {}
    uint64_t next() {
        uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // Uniform in [0, 1) with 24 random bits: exact in float.
    float uniform() { return static_cast<float>(next() >> 40) * (1.0f / 16777216.0f); }
    // Roughly Gaussian (sum of four uniforms, mean 0, variance 1/3), with no libm calls.
    float bell() { return uniform() + uniform() + uniform() + uniform() - 2.0f; }

private:
    uint64_t s_;
};

struct Row {
    std::vector<float> x, imp;
};

// Bell-shaped values; every 61st column of a heavy-tailed row is an outlier channel and every
// value is divided by a random amount, giving tails far beyond the bell's.
Row make_row(uint64_t seed, size_t n, bool heavy, float scale) {
    Rng r(seed);
    Row row;
    row.x.resize(n);
    row.imp.resize(n);
    for (size_t i = 0; i < n; ++i) {
        float v = r.bell();
        if (heavy) v = v / (r.uniform() + 0.04f) * (i % 61 == 7 ? 8.0f : 1.0f);
        row.x[i] = v * scale;
        const float u = r.uniform();
        row.imp[i] = u * u * u * u * 20.0f + (i % 5 == 0 ? 0.0f : 0.01f);  // some importances are 0
    }
    return row;
}

std::vector<Row> rows() {
    std::vector<Row> out;
    out.push_back(make_row(1, 256, false, 0.02f));
    out.push_back(make_row(2, 1024, true, 0.01f));
    out.push_back(make_row(3, 4096, false, 0.05f));
    out.push_back(make_row(4, 512, true, 1.0f));
    out.push_back(make_row(5, 256, false, 1e-6f));  // scales near fp16's smallest
    Row zero = make_row(6, 512, false, 0.0f);       // all zero (importances kept)
    out.push_back(zero);
    Row sparse = make_row(7, 768, true, 0.03f);  // mostly zero with a few large values
    for (size_t i = 0; i < sparse.x.size(); ++i)
        if (i % 13 != 0) sparse.x[i] = 0.0f;
    out.push_back(sparse);
    return out;
}

// FNV-1a, 64 bits.
void fnv1a(uint64_t& h, const uint8_t* p, size_t n) {
    for (size_t i = 0; i < n; ++i) {
        h ^= p[i];
        h *= 0x100000001B3ull;
    }
}
constexpr uint64_t kFnvBasis = 0xCBF29CE484222325ull;

// The hash of every row encoded as t, first without importances, then with them.
uint64_t checksum(TensorType t) {
    uint64_t h = kFnvBasis;
    for (const Row& row : rows()) {
        const auto n = static_cast<int64_t>(row.x.size());
        for (const float* imp : {static_cast<const float*>(nullptr), row.imp.data()}) {
            std::vector<uint8_t> q(row_bytes(t, n));
            EXPECT_TRUE(quantize_row_weighted(t, row.x.data(), imp, q.data(), n).ok());
            fnv1a(h, q.data(), q.size());
        }
    }
    return h;
}

std::string hex(uint64_t v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "0x%016llXull", static_cast<unsigned long long>(v));
    return buf;
}

struct Pinned {
    TensorType type;
    uint64_t hash;
};

// Captured from the encoders before any speed work (branch iqspeed, first commit).
const Pinned kPinned[] = {
    {TensorType::IQ4_NL, 0x113ABF6B8E09FBC5ull},  {TensorType::IQ4_XS, 0xEB9890C2942814E4ull},
    {TensorType::IQ3_S, 0x7888700C444E06BDull},   {TensorType::IQ3_XXS, 0x0CF53757C1523C17ull},
    {TensorType::IQ2_S, 0x8E6A590E094AB0ABull},   {TensorType::IQ2_XS, 0x8984B15DB50145D7ull},
    {TensorType::IQ2_XXS, 0x500A7B97825D20CCull}, {TensorType::IQ1_M, 0xEC778590179A52A6ull},
    {TensorType::IQ1_S, 0x3A29BA72E8257CF7ull},
};

TEST(IqEncodeChecksum, BytesAreUnchanged) {
    for (const Pinned& p : kPinned) {
        const uint64_t h = checksum(p.type);
        EXPECT_EQ(hex(h), hex(p.hash)) << traits(p.type).name;
    }
}

// The reduced search of GridEffort (tests compare it with the full one) goes through other
// branches of the grid fit; its bytes are pinned too.
using BlockEncoder = void (*)(const float*, const float*, uint8_t*, const GridEffort&);

uint64_t reduced_checksum(BlockEncoder enc, size_t block_bytes) {
    uint64_t h = kFnvBasis;
    const GridEffort effort{2, false};
    for (const Row& row : rows()) {
        std::vector<float> w(row.x.size());
        for (size_t i = 0; i < w.size(); ++i) w[i] = row.imp[i] + row.x[i] * row.x[i] + 1e-6f;
        std::vector<uint8_t> q(block_bytes);
        for (size_t b = 0; b + 256 <= row.x.size(); b += 256) {
            enc(row.x.data() + b, w.data() + b, q.data(), effort);
            fnv1a(h, q.data(), q.size());
        }
    }
    return h;
}

TEST(IqEncodeChecksum, ReducedEffortBytesAreUnchanged) {
    struct Case {
        const char* name;
        BlockEncoder enc;
        TensorType type;
        uint64_t hash;
    };
    const Case cases[] = {
        {"IQ2_XXS", encode_iq2_xxs, TensorType::IQ2_XXS, 0x428CC4A357CC742Eull},
        {"IQ2_XS", encode_iq2_xs, TensorType::IQ2_XS, 0x788AE5BD641A1F32ull},
        {"IQ2_S", encode_iq2_s, TensorType::IQ2_S, 0xCA1DB4A50C981EAEull},
        {"IQ3_XXS", encode_iq3_xxs, TensorType::IQ3_XXS, 0x80DBAEE5F1331C2Full},
        {"IQ3_S", encode_iq3_s, TensorType::IQ3_S, 0x08BBEB90A4ACB471ull},
    };
    for (const Case& c : cases)
        EXPECT_EQ(hex(reduced_checksum(c.enc, row_bytes(c.type, 256))), hex(c.hash)) << c.name;
}

}  // namespace
}  // namespace hearth::quant
