#include "coopmat_fixture.h"

#include <cstring>

namespace hearth::test {

std::vector<float> random_floats(size_t n, uint32_t seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> dist(0.0f, 1.0f);
    std::vector<float> v(n);
    for (auto& f : v) f = dist(rng);
    return v;
}

HostWeights make_weights(TensorType t, uint32_t rows, uint32_t cols, uint32_t seed) {
    HostWeights w{t, rows, cols, {}, {}};
    const uint64_t rb = row_bytes(t, cols);
    w.bytes.resize(rb * rows);
    w.dequantized.resize(size_t{rows} * cols);
    const auto src = random_floats(size_t{rows} * cols, seed);
    for (uint32_t r = 0; r < rows; ++r) {
        const Status st = quantize_row(t, src.data() + size_t{r} * cols, w.bytes.data() + r * rb, cols);
        EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.error().message);
        dequantize_row(t, w.bytes.data() + r * rb, w.dequantized.data() + size_t{r} * cols, cols);
    }
    return w;
}

std::vector<double> reference(const HostWeights& w, const std::vector<float>& x, uint32_t n) {
    std::vector<double> y(size_t{n} * w.rows);
    for (uint32_t i = 0; i < n; ++i)
        for (uint32_t m = 0; m < w.rows; ++m) {
            double s = 0;
            const float* a = w.dequantized.data() + size_t{m} * w.cols;
            const float* b = x.data() + size_t{i} * w.cols;
            for (uint32_t k = 0; k < w.cols; ++k) s += double(a[k]) * b[k];
            y[size_t{i} * w.rows + m] = s;
        }
    return y;
}

double nmse(const std::vector<float>& got, const std::vector<double>& want) {
    double num = 0, den = 0;
    for (size_t i = 0; i < want.size(); ++i) {
        const double e = double(got[i]) - want[i];
        num += e * e;
        den += want[i] * want[i];
    }
    return den > 0 ? num / den : num;
}

std::vector<Shape> coopmat_shapes(TensorType t) {
    const uint32_t bs = traits(t).block_size;
    std::vector<Shape> s = {{1, 256, 1}, {64, 256, 64}, {67, 512, 67}, {130, 256, 9}, {100, 1024, 33}};
    if (bs == 32) s.push_back({19, 32, 7});
    if (bs == 1) {
        s.push_back({13, 7, 3});    // K below one group of 4
        s.push_back({70, 99, 66});  // K not a multiple of the K step or of 4
    }
    return s;
}

vk::Device* CoopmatGpu::device_ = nullptr;
vk::PipelineCache* CoopmatGpu::cache_ = nullptr;
vk::Sequence* CoopmatGpu::seq_ = nullptr;
std::string CoopmatGpu::skip_reason_;

void CoopmatGpu::SetUpTestSuite() {
    if (device_ || !skip_reason_.empty()) return;
    auto d = vk::create_device();
    if (!d) {
        skip_reason_ = "no Vulkan device: " + d.error().message;
        return;
    }
    auto s = vk::create_sequence(**d);
    if (!s) {
        skip_reason_ = "cannot create a command sequence: " + s.error().message;
        return;
    }
    device_ = d->release();
    cache_ = new vk::PipelineCache(*device_);
    seq_ = s->release();
}

void CoopmatGpu::SetUp() {
    if (!device_) GTEST_SKIP() << skip_reason_;
}

vk::Buffer CoopmatGpu::upload_bytes(const void* data, uint64_t bytes, uint64_t pad_front) {
    const uint64_t size = (pad_front + bytes + 4 + 3) / 4 * 4;
    auto b = vk::create_buffer(*device_, size, vk::MemoryKind::DeviceLocal, vk::MemoryUse::Weights, "test data");
    EXPECT_TRUE(b.ok());
    if (!b) return {};
    std::vector<uint8_t> staged(size, 0);
    std::memcpy(staged.data() + pad_front, data, bytes);
    const Status st = vk::upload(*device_, vk::view_of(*b), staged.data(), size);
    EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.error().message);
    return std::move(*b);
}

vk::Buffer CoopmatGpu::zeros(uint64_t bytes) {
    std::vector<uint8_t> z(bytes, 0);
    return upload_bytes(z.data(), bytes);
}

std::vector<float> CoopmatGpu::download_floats(const vk::Buffer& b, size_t count, uint64_t offset) {
    std::vector<float> out(count);
    const Status st = vk::download(*device_, vk::view_of(b).sub(offset, count * 4), out.data(), count * 4);
    EXPECT_TRUE(st.ok()) << (st.ok() ? "" : st.error().message);
    return out;
}

vk::WeightMatrix CoopmatGpu::one_part(const HostWeights& w, vk::Buffer& holder) {
    holder = upload_bytes(w.bytes.data(), w.bytes.size());
    vk::WeightMatrix m;
    m.type = w.type;
    m.rows = w.rows;
    m.cols = w.cols;
    m.parts.push_back(vk::view_of(holder).sub(0, w.bytes.size()));
    return m;
}

}  // namespace hearth::test
