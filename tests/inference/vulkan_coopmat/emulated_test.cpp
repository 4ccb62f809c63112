// The cooperative-matrix kernel with its fragment operations emulated in plain shader code, on
// any device (lavapipe in CI): the tiling, the float16 conversions, the dequantizers, the edge
// tiles and both ways of storing results, against the CPU reference.
#include <string>

#include "coopmat_fixture.h"

namespace hearth::test {
namespace {

struct EmuCase {
    TensorType type;
    vk::CoopmatShape shape;
};

class CoopmatEmulated : public CoopmatGpu, public ::testing::WithParamInterface<EmuCase> {};

std::string shape_name(const vk::CoopmatShape& s) {
    return std::to_string(s.m) + "x" + std::to_string(s.n) + "x" + std::to_string(s.k);
}

TEST_P(CoopmatEmulated, MatchesReferenceForEveryShape) {
    const auto [t, frag] = GetParam();
    const vk::MatmulConfig cfg = vk::default_matmul_config(*device());
    expect_every_shape_matches(t, 700, " fragment " + shape_name(frag),
                               [&](vk::Sequence& q, const vk::WeightMatrix& wm, vk::BufferView x, vk::BufferView y,
                                   uint32_t n) {
                                   return vk::record_matmul_coopmat_emulated(cache(), q, cfg, wm, x, y, n, frag);
                               });
}

std::vector<EmuCase> emu_cases() {
    std::vector<EmuCase> out;
    for (TensorType t : coopmat_types()) out.push_back({t, {16, 16, 16}});
    // NVIDIA's other common shape, and one with every dimension different from 16.
    for (TensorType t : {TensorType::F16, TensorType::Q4_0, TensorType::Q4_K, TensorType::Q6_K}) {
        out.push_back({t, {16, 8, 16}});
        out.push_back({t, {32, 8, 8}});
    }
    return out;
}

INSTANTIATE_TEST_SUITE_P(TypesAndFragments, CoopmatEmulated, ::testing::ValuesIn(emu_cases()),
                         [](const ::testing::TestParamInfo<EmuCase>& info) {
                             return std::string(type_name(info.param.type)) + "_" + shape_name(info.param.shape);
                         });

// Weights split over two views at unaligned offsets land in the right columns of Y; Y written at
// an offset and with rows not 16-byte aligned takes the staged store.
TEST_F(CoopmatGpu, EmulatedHandlesSplitWeightsAndOffsetOutput) {
    const TensorType t = TensorType::Q8_0;
    const uint32_t rows = 150, cols = 256, n = 70, first = 68;
    const HostWeights w = make_weights(t, rows, cols, 41);
    const auto x = random_floats(size_t{n} * cols, 42);
    const auto want = reference(w, x, n);
    const uint64_t rb = row_bytes(t, cols);
    // Part 1: rows [0, first) after 6 bytes of padding; part 2: the rest after 2 bytes.
    vk::Buffer p1 = upload_bytes(w.bytes.data(), rb * first, 6);
    vk::Buffer p2 = upload_bytes(w.bytes.data() + rb * first, rb * (rows - first), 2);
    vk::WeightMatrix wm;
    wm.type = t;
    wm.rows = rows;
    wm.cols = cols;
    wm.parts.push_back(vk::view_of(p1).sub(6, rb * first));
    wm.parts.push_back(vk::view_of(p2).sub(2, rb * (rows - first)));
    vk::Buffer xb = upload_bytes(x.data(), x.size() * 4);
    const uint64_t y_off = device()->limits().minStorageBufferOffsetAlignment;
    vk::Buffer yb = zeros(y_off + size_t{n} * rows * 4);
    const vk::MatmulConfig cfg = vk::default_matmul_config(*device());
    run([&](vk::Sequence& q) {
        return vk::record_matmul_coopmat_emulated(cache(), q, cfg, wm, vk::view_of(xb),
                                                  vk::view_of(yb).sub(y_off, size_t{n} * rows * 4), n, {});
    });
    EXPECT_EQ(seq().dispatch_count(), 2u);
    EXPECT_LT(nmse(download_floats(yb, want.size(), y_off), want), kCoopmatBound);
}

TEST_F(CoopmatGpu, EmulatedSelfTestPasses) {
    for (const vk::CoopmatShape s : {vk::CoopmatShape{16, 16, 16}, vk::CoopmatShape{16, 8, 16}}) {
        const Status st = vk::coopmat_self_test_emulated(cache(), *device(), s);
        EXPECT_TRUE(st.ok()) << shape_name(s) << ": " << st.error().code << ": " << st.error().message;
    }
}

}  // namespace
}  // namespace hearth::test
