#include "inference/vulkan/matmul.h"

#include <algorithm>
#include <span>
#include <string>

#include "inference/vulkan/iq_tables_gpu.h"
#include "inference/vulkan/matmul_coopmat.h"
#include "inference/vulkan/matmul_rows.h"
#include "shaders/spirv.h"

namespace hearth::vk {
namespace {

using Spirv = std::span<const uint32_t>;

struct TypeKernels {
    TensorType type;
    const char* matvec_name;
    const char* matmul_name;
    const char* q8_name;
    const char* mm_q8_name;
    Spirv matvec, matvec_sg, matmul;
    Spirv q8, q8_sg, mm_q8;  // empty where there is no integer-dot variant
};

#define HEARTH_MM_FLOAT(T, n)                                                                  \
    TypeKernels {                                                                              \
        TensorType::T, "matvec_" #n, "matmul_" #n, "", "", shaders::matvec_##n,                \
            shaders::matvec_##n##_sg, shaders::matmul_##n, {}, {}, {}                         \
    }
#define HEARTH_MM_Q8(T, n)                                                                     \
    TypeKernels {                                                                              \
        TensorType::T, "matvec_" #n, "matmul_" #n, "matvec_q8_" #n, "matmul_q8_" #n,           \
            shaders::matvec_##n, shaders::matvec_##n##_sg, shaders::matmul_##n,                \
            shaders::matvec_q8_##n, shaders::matvec_q8_##n##_sg, shaders::matmul_q8_##n        \
    }

const TypeKernels kKernels[] = {
    HEARTH_MM_FLOAT(F32, f32),   HEARTH_MM_FLOAT(F16, f16),   HEARTH_MM_FLOAT(BF16, bf16),
    HEARTH_MM_Q8(Q4_0, q4_0),    HEARTH_MM_Q8(Q4_1, q4_1),    HEARTH_MM_Q8(Q5_0, q5_0),
    HEARTH_MM_Q8(Q5_1, q5_1),    HEARTH_MM_Q8(Q8_0, q8_0),    HEARTH_MM_Q8(Q2_K, q2_k),
    HEARTH_MM_Q8(Q3_K, q3_k),    HEARTH_MM_Q8(Q4_K, q4_k),    HEARTH_MM_Q8(Q5_K, q5_k),
    HEARTH_MM_Q8(Q6_K, q6_k),
    // IQ types: codebook formats, decoded to float (no integer-dot variant yet).
    HEARTH_MM_FLOAT(IQ4_NL, iq4_nl), HEARTH_MM_FLOAT(IQ4_XS, iq4_xs), HEARTH_MM_FLOAT(IQ2_XXS, iq2_xxs),
    HEARTH_MM_FLOAT(IQ2_XS, iq2_xs), HEARTH_MM_FLOAT(IQ2_S, iq2_s),   HEARTH_MM_FLOAT(IQ3_XXS, iq3_xxs),
    HEARTH_MM_FLOAT(IQ3_S, iq3_s),   HEARTH_MM_FLOAT(IQ1_S, iq1_s),   HEARTH_MM_FLOAT(IQ1_M, iq1_m),
};
#undef HEARTH_MM_FLOAT
#undef HEARTH_MM_Q8

const TypeKernels* kernels_for(TensorType t) {
    for (const auto& k : kKernels)
        if (k.type == t) return &k;
    return nullptr;
}

// Push constants shared by matvec, matvec_q8 and matmul (see the .comp files).
struct MatPush {
    uint32_t M, K, N, w_offset, row_bytes, x_stride, y_stride, y_offset;
};
struct QuantizePush {
    uint32_t K, N, x_stride;
};

constexpr uint32_t kMaxMatvecCols = 8;
constexpr uint32_t kMaxGroups = 65535;  // the guaranteed minimum of maxComputeWorkGroupCount
constexpr uint64_t kBlockQ8Bytes = 48;  // BlockQ8 in q8_block.glsl

// A 1-D count of workgroups as a 2-D grid within the per-dimension limit.
void grid(uint64_t groups, uint32_t& gx, uint32_t& gy) {
    gx = static_cast<uint32_t>(std::min<uint64_t>(groups, kMaxGroups));
    gy = static_cast<uint32_t>((groups + gx - 1) / gx);
}

bool subgroup_arithmetic(const Device& device) {
    VkPhysicalDeviceSubgroupProperties sg{};
    sg.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_SUBGROUP_PROPERTIES;
    VkPhysicalDeviceProperties2 props{};
    props.sType = VK_STRUCTURE_TYPE_PHYSICAL_DEVICE_PROPERTIES_2;
    props.pNext = &sg;
    vkGetPhysicalDeviceProperties2(device.physical(), &props);
    return (sg.supportedStages & VK_SHADER_STAGE_COMPUTE_BIT) &&
           (sg.supportedOperations & VK_SUBGROUP_FEATURE_BASIC_BIT) &&
           (sg.supportedOperations & VK_SUBGROUP_FEATURE_ARITHMETIC_BIT);
}

Status record_quantize_q8(PipelineCache& cache, Sequence& seq, const BufferView& x, const BufferView& xq,
                          uint32_t k, uint32_t n) {
    constexpr uint32_t kThreads = 64;
    PipelineDesc d;
    d.name = "quantize_q8";
    d.spirv = shaders::quantize_q8;
    d.spec = {kThreads};
    d.push_bytes = sizeof(QuantizePush);
    d.bindings = 2;
    auto p = cache.get(d);
    if (!p) return p.error();
    const QuantizePush push{k, n, k};
    uint32_t gx = 0, gy = 0;
    grid((uint64_t{n} * (k / 32) + kThreads - 1) / kThreads, gx, gy);
    return seq.dispatch(**p, {in(x), out(xq)}, &push, gx, gy);
}

// The integer-dot kernels' input: x quantized once into `xq` (then read by every row tile of
// every chunk), in units of 32-value blocks.
Status record_x_q8(PipelineCache& cache, Sequence& seq, const BufferView& x, const BufferView& xq, uint32_t k,
                   uint32_t n, BufferView& xin, uint32_t& x_stride) {
    xin = xq;
    x_stride = k / 32;
    return record_quantize_q8(cache, seq, x, xq, k, n);
}

// A matrix kernel's dispatch: the IQ types' kernels also read the codebook buffer (binding 3).
Status dispatch_mat(PipelineCache& cache, Sequence& seq, const Pipeline& p, TensorType type,
                    std::initializer_list<Binding> bindings, const void* push, uint32_t gx, uint32_t gy) {
    if (!uses_iq_tables(type)) return seq.dispatch(p, bindings, push, gx, gy);
    auto tables = cache.iq_tables();
    if (!tables) return tables.error();
    std::vector<Binding> all(bindings);
    all.push_back(in(*tables));
    return seq.dispatch(p, all, push, gx, gy);
}

}  // namespace

MatmulConfig default_matmul_config(const Device& device) {
    MatmulConfig c;
    c.subgroup_reduce = subgroup_arithmetic(device);
    const bool idot = device.features().integer_dot_product;
    c.integer_dot_matvec = idot && device.info().integer_dot_accelerated;
    // On a CPU driver the emulated dot products still beat the float tiles for prefill (lavapipe,
    // 134M-parameter synthetic model: Q4_K 10.0 -> 27.3 tok/s, Q8_0 11.5 -> 26.5 tok/s) but not
    // for decode (Q8_0 8.7 -> 5.2 tok/s), so only the tiled kernel takes them there.
    c.integer_dot_matmul = idot && (device.info().integer_dot_accelerated || device.info().type == DeviceType::Cpu);
    const uint32_t sg = device.info().subgroup_size;
    if (device.info().type == DeviceType::Cpu && sg >= 4 && (sg & (sg - 1)) == 0) {
        // CPU drivers (lavapipe) run a workgroup as a loop over SIMD-wide subgroups and pay a
        // coroutine switch per barrier: one subgroup per workgroup with more rows is ~2x faster.
        c.matvec_threads = sg;
        c.matvec_rows = 4;
    }
    return c;
}

bool matmul_supports(TensorType type) { return kernels_for(type) != nullptr; }

bool matvec_q8_supports(TensorType type) {
    const auto* k = kernels_for(type);
    return k && !k->q8.empty();
}

uint64_t matvec_scratch_bytes(TensorType type, uint32_t k, uint32_t n) {
    if (!matvec_q8_supports(type) || k % 32 != 0) return 0;
    return uint64_t{n} * (k / 32) * kBlockQ8Bytes;
}

Status check_matmul_args(const Device& device, const WeightMatrix& w, const BufferView& x, const BufferView& y,
                         uint32_t n) {
    if (!matmul_supports(w.type))
        return make_error("matmul.unsupported_type", std::string("The GPU engine cannot multiply ") +
                                                         type_name(w.type) + " weights yet; use a model in another quantization.");
    if (w.rows == 0 || w.cols == 0 || n == 0 || !row_size_ok(w.type, w.cols))
        return make_error("matmul.bad_shape", "Internal error: a " + std::to_string(w.rows) + "x" +
                                                  std::to_string(w.cols) + " " + type_name(w.type) +
                                                  " matrix product with " + std::to_string(n) + " vectors is not valid.");
    if (uint64_t{n} * w.cols > 0xFFFFFFFFull || uint64_t{n} * w.rows > 0xFFFFFFFFull)
        return make_error("matmul.bad_shape", "Internal error: a matrix product with " + std::to_string(n) +
                                                  " vectors is too large for one dispatch.");
    const uint64_t rb = row_bytes(w.type, w.cols);
    uint64_t rows = 0;
    for (const auto& p : w.parts) rows += p.size / rb;
    if (rows < w.rows || x.size < uint64_t{n} * w.cols * 4 || y.size < uint64_t{n} * w.rows * 4)
        return make_error("matmul.too_small", "Internal error: a buffer given to a " + std::string(type_name(w.type)) +
                                                  " matrix product is smaller than its shape needs.");
    if (rb + 3 > device.max_binding_range())
        return make_error("matmul.row_too_large", "A weight row of " + std::to_string(rb) +
                                                      " bytes is larger than one GPU buffer binding may address.");
    return {};
}

Status record_matvec(PipelineCache& cache, Sequence& seq, const MatmulConfig& config, const WeightMatrix& w,
                     const BufferView& x, const BufferView& y, uint32_t n, const BufferView& scratch) {
    if (auto st = check_matmul_args(cache.device(), w, x, y, n); !st) return st;
    if (n > kMaxMatvecCols)
        return make_error("matmul.bad_shape", "Internal error: the matrix-vector kernel takes at most 8 vectors, not " +
                                                  std::to_string(n) + ".");
    const uint32_t t = config.matvec_threads;
    if (t == 0 || (t & (t - 1)) != 0 || t > cache.device().info().max_workgroup_invocations || config.matvec_rows == 0)
        return make_error("matmul.bad_config", "Internal error: the matrix-vector kernel needs a power-of-two "
                                               "workgroup size the device supports and at least one row per workgroup.");
    auto chunks = chunk_rows(cache.device(), w, uint64_t{0xFFFFFFFF});
    if (!chunks) return chunks.error();
    const TypeKernels& k = *kernels_for(w.type);

    const uint64_t need = matvec_scratch_bytes(w.type, w.cols, n);
    const bool q8 = config.integer_dot_matvec && need > 0 && scratch && scratch.size >= need;
    PipelineDesc d;
    d.push_bytes = sizeof(MatPush);
    d.bindings = uses_iq_tables(w.type) ? 4 : 3;
    d.spec = {config.matvec_threads, config.matvec_rows, n};
    if (q8) {
        d.name = k.q8_name;
        d.spirv = config.subgroup_reduce ? k.q8_sg : k.q8;
    } else {
        d.name = k.matvec_name;
        d.spirv = config.subgroup_reduce ? k.matvec_sg : k.matvec;
    }
    auto p = cache.get(d);
    if (!p) return p.error();

    BufferView xin = x;
    uint32_t x_stride = w.cols;
    if (q8) {
        if (auto st = record_x_q8(cache, seq, x, scratch.sub(0, need), w.cols, n, xin, x_stride); !st) return st;
    }
    for (const auto& c : *chunks) {
        const MatPush push{c.rows, w.cols, n, c.w_offset, static_cast<uint32_t>(row_bytes(w.type, w.cols)),
                           x_stride, w.rows, c.first_row};
        uint32_t gx = 0, gy = 0;
        grid((c.rows + config.matvec_rows - 1) / config.matvec_rows, gx, gy);
        if (auto st = dispatch_mat(cache, seq, **p, w.type, {in(c.binding), in(xin), out(y)}, &push, gx, gy); !st)
            return st;
    }
    return {};
}

Status record_matmul(PipelineCache& cache, Sequence& seq, const MatmulConfig& config, const WeightMatrix& w,
                     const BufferView& x, const BufferView& y, uint32_t n, const BufferView& scratch) {
    if (auto st = check_matmul_args(cache.device(), w, x, y, n); !st) return st;
    const uint64_t need = matvec_scratch_bytes(w.type, w.cols, n);
    const bool q8 = config.integer_dot_matmul && need > 0 && scratch && scratch.size >= need;
    const uint32_t tm = config.tile_threads_m * config.tile_rm;
    const uint32_t tn = config.tile_threads_n * config.tile_rn;
    // Shared memory: float tiles of tile_k (+1 padding) per row; int8 tiles of 8 words per run
    // of 32 (+1 padding) and a vec4 of coefficients per run.
    const uint32_t runs = config.tile_k_q8 / 32;
    const uint64_t shared = q8 ? (uint64_t{tm} + tn) * ((uint64_t{runs} * 8 + 1) * 4 + uint64_t{runs} * 16)
                               : (uint64_t{tm} + tn) * (config.tile_k + 1) * 4;
    if (tm == 0 || tn == 0 || config.tile_k == 0 || config.tile_k % 4 != 0 ||
        (q8 && (config.tile_k_q8 == 0 || config.tile_k_q8 % 32 != 0)) ||
        config.tile_threads_m * config.tile_threads_n > cache.device().info().max_workgroup_invocations ||
        shared > cache.device().info().max_compute_shared_memory)
        return make_error("matmul.bad_config", "Internal error: the matrix-matrix tile configuration does not fit "
                                               "this device's workgroup or shared-memory limits.");
    auto chunks = chunk_rows(cache.device(), w, uint64_t{kMaxGroups} * tm);
    if (!chunks) return chunks.error();
    const TypeKernels& k = *kernels_for(w.type);

    PipelineDesc d;
    d.name = q8 ? k.mm_q8_name : k.matmul_name;
    d.spirv = q8 ? k.mm_q8 : k.matmul;
    d.push_bytes = sizeof(MatPush);
    d.bindings = uses_iq_tables(w.type) ? 4 : 3;
    d.spec = {config.tile_threads_m * config.tile_threads_n, config.tile_threads_m, config.tile_threads_n,
              config.tile_rm, config.tile_rn, q8 ? runs : config.tile_k};
    auto p = cache.get(d);
    if (!p) return p.error();

    const uint64_t gy = (uint64_t{n} + tn - 1) / tn;
    if (gy > kMaxGroups)
        return make_error("matmul.bad_shape", "Internal error: " + std::to_string(n) +
                                                  " rows are too many for one tiled matrix product.");
    BufferView xin = x;
    uint32_t x_stride = w.cols;
    if (q8) {
        if (auto st = record_x_q8(cache, seq, x, scratch.sub(0, need), w.cols, n, xin, x_stride); !st) return st;
    }
    for (const auto& c : *chunks) {
        const MatPush push{c.rows, w.cols, n, c.w_offset, static_cast<uint32_t>(row_bytes(w.type, w.cols)),
                           x_stride, w.rows, c.first_row};
        const uint32_t gx = (c.rows + tm - 1) / tm;
        if (auto st = dispatch_mat(cache, seq, **p, w.type, {in(c.binding), in(xin), out(y)}, &push, gx,
                                   static_cast<uint32_t>(gy));
            !st)
            return st;
    }
    return {};
}

Status record_linear(PipelineCache& cache, Sequence& seq, const MatmulConfig& config, const WeightMatrix& w,
                     const BufferView& x, const BufferView& y, uint32_t n, const BufferView& scratch) {
    if (n <= std::min(config.matvec_max_cols, kMaxMatvecCols))
        return record_matvec(cache, seq, config, w, x, y, n, scratch);
    // Tensor cores beat packed integer dot products at prefill batch sizes, so cooperative
    // matrices win where the engine enabled them (only after coopmat_self_test passed).
    if (config.cooperative_matrix && coopmat_supported(cache.device(), w.type))
        return record_matmul_coopmat(cache, seq, config, w, x, y, n);
    return record_matmul(cache, seq, config, w, x, y, n, scratch);
}

}  // namespace hearth::vk
