#include "inference/vulkan/matmul_coopmat.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "base/align.h"
#include "inference/tensor/quantize.h"
#include "inference/vulkan/matmul_rows.h"
#include "shaders/spirv.h"

namespace hearth::vk {
namespace {

using Spirv = std::span<const uint32_t>;

struct CoopKernels {
    TensorType type;
    const char* name;
    const char* emu_name;
    Spirv coopmat, emulated;
};

#define HEARTH_CM(T, n) \
    CoopKernels { TensorType::T, "matmul_coopmat_" #n, "matmul_coopmat_emu_" #n, shaders::matmul_coopmat_##n, shaders::matmul_coopmat_emu_##n }
const CoopKernels kKernels[] = {
    HEARTH_CM(F32, f32),   HEARTH_CM(F16, f16),   HEARTH_CM(BF16, bf16), HEARTH_CM(Q4_0, q4_0), HEARTH_CM(Q4_1, q4_1),
    HEARTH_CM(Q5_0, q5_0), HEARTH_CM(Q5_1, q5_1), HEARTH_CM(Q8_0, q8_0), HEARTH_CM(Q2_K, q2_k), HEARTH_CM(Q3_K, q3_k),
    HEARTH_CM(Q4_K, q4_k), HEARTH_CM(Q5_K, q5_k), HEARTH_CM(Q6_K, q6_k),
};
#undef HEARTH_CM

const CoopKernels* kernels_for(TensorType t) {
    for (const auto& k : kKernels)
        if (k.type == t) return &k;
    return nullptr;
}

// Push constants of matmul_coopmat.comp: matmul.comp's, plus whether fragments may be stored
// straight into Y.
struct CoopPush {
    uint32_t M, K, N, w_offset, row_bytes, x_stride, y_stride, y_offset, direct_store;
};

constexpr uint32_t kTile = 64;          // BT in the shader: rows and vectors per workgroup
constexpr uint32_t kTileK = 32;         // TK
constexpr uint32_t kLds = kTileK + 8;   // LDS
constexpr uint32_t kSubgroups = 4;
constexpr uint32_t kMaxGroups = 65535;  // the guaranteed minimum of maxComputeWorkGroupCount

bool shape_ok(uint32_t m, uint32_t n, uint32_t k) {
    auto fits = [](uint32_t v) { return v == 8 || v == 16 || v == 32; };
    return fits(m) && fits(n) && fits(k);
}

uint32_t shared_bytes(const CoopmatShape& s, bool emulated) {
    const uint32_t tile_elem = emulated ? 4 : 2;  // float in emulation, float16 otherwise
    return 2 * kTile * kLds * tile_elem + kSubgroups * s.m * s.n * 4;
}

bool compute_subgroups(const Device& device) {
    VkPhysicalDeviceSubgroupProperties sg{};
    sg.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_PROPERTIES;
    VkPhysicalDeviceProperties2 props{};
    props.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2;
    props.pNext = &sg;
    vkGetPhysicalDeviceProperties2(device.physical(), &props);
    return (sg.supportedStages & VK_SHADER_STAGE_COMPUTE_BIT) && (sg.supportedOperations & VK_SUBGROUP_FEATURE_BASIC_BIT);
}

// Whether the workgroup (4 subgroups) and its shared memory fit the device.
bool workgroup_fits(const Device& device, const CoopmatShape& s, bool emulated) {
    const DeviceInfo& info = device.info();
    const uint32_t sg = info.subgroup_size;
    if (sg == 0 || (sg & (sg - 1)) != 0 || kSubgroups * sg > info.max_workgroup_invocations) return false;
    if (emulated && (s.m * s.n) % sg != 0) return false;
    return shared_bytes(s, emulated) <= info.max_compute_shared_memory;
}

Error unsupported(const Device& device, TensorType type) {
    return make_error("matmul.coopmat_unsupported",
                      "The GPU '" + device.info().name +
                          "' cannot run the cooperative-matrix matrix product for " + type_name(type) +
                          " weights (it needs VK_NV_cooperative_matrix with a float16 x float16 -> float32 "
                          "subgroup shape); the plain tiled kernel is used instead.");
}


Status record(PipelineCache& cache, Sequence& seq, const WeightMatrix& w, const BufferView& x, const BufferView& y,
              uint32_t n, const CoopmatShape& shape, bool emulated) {
    Device& device = cache.device();
    if (auto st = check_matmul_args(device, w, x, y, n); !st) return st;
    const CoopKernels* k = kernels_for(w.type);
    if (!k) return unsupported(device, w.type);
    const uint64_t gy = (uint64_t{n} + kTile - 1) / kTile;
    if (gy > kMaxGroups)
        return make_error("matmul.bad_shape", "Internal error: " + std::to_string(n) +
                                                  " rows are too many for one tiled matrix product.");
    auto chunks = chunk_rows(device, w, uint64_t{kMaxGroups} * kTile);
    if (!chunks) return chunks.error();

    const uint32_t sg = device.info().subgroup_size;
    PipelineDesc d;
    d.name = emulated ? k->emu_name : k->name;
    d.spirv = emulated ? k->emulated : k->coopmat;
    d.push_bytes = sizeof(CoopPush);
    d.bindings = 3;
    d.spec = {kSubgroups * sg, shape.m, shape.n, shape.k, sg};
    // gl_SubgroupID must count exactly 4 full subgroups of the size the spec constants assume.
    if (device.features().subgroup_size_control && device.info().subgroup_size_min <= sg &&
        sg <= device.info().subgroup_size_max)
        d.required_subgroup_size = sg;
    auto p = cache.get(d);
    if (!p) return p.error();

    // Whole fragments go straight to Y only where every row of them starts 16-byte aligned.
    const bool y_aligned = y.offset % 16 == 0 && w.rows % 4 == 0;
    for (const auto& c : *chunks) {
        const CoopPush push{c.rows, w.cols, n, c.w_offset, static_cast<uint32_t>(row_bytes(w.type, w.cols)),
                            w.cols, w.rows, c.first_row, (y_aligned && c.first_row % 4 == 0) ? 1u : 0u};
        const uint32_t gx = (c.rows + kTile - 1) / kTile;
        if (auto st = seq.dispatch(**p, {in(c.binding), in(x), out(y)}, &push, gx, static_cast<uint32_t>(gy)); !st)
            return st;
    }
    return {};
}

// --- self test ---

double nmse(const std::vector<float>& got, const std::vector<float>& want) {
    double num = 0, den = 0;
    for (size_t i = 0; i < want.size(); ++i) {
        const double e = double(got[i]) - want[i];
        num += e * e;
        den += double(want[i]) * want[i];
    }
    if (!std::isfinite(num)) return INFINITY;
    return den > 0 ? num / den : num;
}

// float16 rounding of weights and activations gives an NMSE near 1e-7 against the float32
// kernel; a wrong layout, offset or edge gives one near 1.
constexpr double kSelfTestBound = 1e-4;

struct Product {
    TensorType type;
    uint32_t rows, cols, n;
};

Status self_test(PipelineCache& cache, Device& device, const CoopmatShape& shape, bool emulated) {
    auto seq = create_sequence(device);
    if (!seq) return seq.error();
    // The reference: the float32 tiled kernel with its default tile, never the integer-dot or
    // cooperative-matrix paths a tuned config may select.
    const MatmulConfig config{};
    std::mt19937 rng(20261127);
    std::normal_distribution<float> dist(0.0f, 1.0f);
    // Q4_K: full tiles in M, a partial one in N (direct and staged stores); F16: edges everywhere
    // (M, N and K not multiples of the tile, Y rows not 16-byte aligned).
    for (const Product& pr : {Product{TensorType::Q4_K, 64, 256, 40}, Product{TensorType::F16, 70, 100, 40}}) {
        const uint64_t rb = row_bytes(pr.type, pr.cols);
        std::vector<float> src(size_t{pr.rows} * pr.cols);
        for (auto& v : src) v = dist(rng);
        std::vector<uint8_t> wbytes(align_up(rb * pr.rows, 4) + 4, 0);
        for (uint32_t r = 0; r < pr.rows; ++r)
            if (auto st = quantize_row(pr.type, src.data() + size_t{r} * pr.cols, wbytes.data() + r * rb, pr.cols); !st)
                return st;
        std::vector<float> x(size_t{pr.n} * pr.cols);
        for (auto& v : x) v = dist(rng);
        const uint64_t ybytes = uint64_t{pr.n} * pr.rows * 4;

        auto wb = create_buffer(device, wbytes.size(), MemoryKind::DeviceLocal, MemoryUse::Scratch, "the coopmat self-test");
        if (!wb) return wb.error();
        auto xb = create_buffer(device, x.size() * 4, MemoryKind::DeviceLocal, MemoryUse::Scratch, "the coopmat self-test");
        if (!xb) return xb.error();
        auto yb = create_buffer(device, 2 * ybytes, MemoryKind::DeviceLocal, MemoryUse::Scratch, "the coopmat self-test");
        if (!yb) return yb.error();
        if (auto st = upload(device, view_of(*wb), wbytes.data(), wbytes.size()); !st) return st;
        if (auto st = upload(device, view_of(*xb), x.data(), x.size() * 4); !st) return st;

        WeightMatrix w;
        w.type = pr.type;
        w.rows = pr.rows;
        w.cols = pr.cols;
        w.parts.push_back(view_of(*wb).sub(0, rb * pr.rows));
        const BufferView y_plain = view_of(*yb).sub(0, ybytes), y_coop = view_of(*yb).sub(ybytes, ybytes);

        Sequence& q = **seq;
        if (auto st = q.begin(); !st) return st;
        q.fill(view_of(*yb), 0);
        q.barrier();
        if (auto st = record_matmul(cache, q, config, w, view_of(*xb), y_plain, pr.n); !st) return st;
        if (auto st = record(cache, q, w, view_of(*xb), y_coop, pr.n, shape, emulated); !st) return st;
        if (auto st = q.end(); !st) return st;
        if (auto st = q.run(); !st) return st;

        std::vector<float> plain(size_t{pr.n} * pr.rows), coop(plain.size());
        if (auto st = download(device, y_plain, plain.data(), ybytes); !st) return st;
        if (auto st = download(device, y_coop, coop.data(), ybytes); !st) return st;
        const double e = nmse(coop, plain);
        if (!(e < kSelfTestBound))
            return make_error("matmul.coopmat_mismatch",
                              "The cooperative-matrix matrix product on '" + device.info().name + "' gave results for " +
                                  std::to_string(pr.rows) + "x" + std::to_string(pr.cols) + " " + type_name(pr.type) +
                                  " weights that differ from the plain kernel (normalized error " + std::to_string(e) +
                                  "); Hearth uses the plain kernel on this GPU. Updating the GPU driver may help.");
    }
    return {};
}

}  // namespace

std::optional<CoopmatShape> coopmat_shape(const Device& device) {
    if (!device.features().coopmat_nv) return std::nullopt;
    std::optional<CoopmatShape> best;
    int best_rank = 3;
    for (const CoopMatShape& s : device.info().coopmat_shapes) {
        if (!s.subgroup_scope || s.a != CoopMatType::F16 || s.b != CoopMatType::F16 || s.c != CoopMatType::F32 ||
            s.d != CoopMatType::F32 || !shape_ok(s.m, s.n, s.k))
            continue;
        const int rank = (s.m == 16 && s.n == 16 && s.k == 16) ? 0 : (s.m == 16 && s.n == 8 && s.k == 16) ? 1 : 2;
        if (rank < best_rank) {
            best_rank = rank;
            best = CoopmatShape{s.m, s.n, s.k};
        }
    }
    return best;
}

bool coopmat_supported(const Device& device, TensorType type) {
    const auto shape = coopmat_shape(device);
    return shape && kernels_for(type) && matmul_supports(type) && compute_subgroups(device) &&
           workgroup_fits(device, *shape, false);
}

Status record_matmul_coopmat(PipelineCache& cache, Sequence& seq, const MatmulConfig& config, const WeightMatrix& w,
                             const BufferView& x, const BufferView& y, uint32_t n) {
    (void)config;
    if (!coopmat_supported(cache.device(), w.type)) {
        // Bad arguments are reported as such even here, so callers see one set of errors.
        if (auto st = check_matmul_args(cache.device(), w, x, y, n); !st) return st;
        return unsupported(cache.device(), w.type);
    }
    return record(cache, seq, w, x, y, n, *coopmat_shape(cache.device()), false);
}

Status coopmat_self_test(PipelineCache& cache, Device& device) {
    if (!coopmat_supported(device, TensorType::Q4_K) || !coopmat_supported(device, TensorType::F16))
        return unsupported(device, TensorType::Q4_K);
    return self_test(cache, device, *coopmat_shape(device), false);
}

Status record_matmul_coopmat_emulated(PipelineCache& cache, Sequence& seq, const MatmulConfig& config,
                                      const WeightMatrix& w, const BufferView& x, const BufferView& y, uint32_t n,
                                      CoopmatShape shape) {
    (void)config;
    Device& device = cache.device();
    if (!shape_ok(shape.m, shape.n, shape.k) || !compute_subgroups(device) || !workgroup_fits(device, shape, true)) {
        if (auto st = check_matmul_args(device, w, x, y, n); !st) return st;
        return unsupported(device, w.type);
    }
    return record(cache, seq, w, x, y, n, shape, true);
}

Status coopmat_self_test_emulated(PipelineCache& cache, Device& device, CoopmatShape shape) {
    if (!shape_ok(shape.m, shape.n, shape.k) || !compute_subgroups(device) || !workgroup_fits(device, shape, true) ||
        !kernels_for(TensorType::Q4_K))
        return unsupported(device, TensorType::Q4_K);
    return self_test(cache, device, shape, true);
}

}  // namespace hearth::vk
