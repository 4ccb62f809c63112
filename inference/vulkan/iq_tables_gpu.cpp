#include "inference/vulkan/iq_tables_gpu.h"

#include "inference/tensor/iq_tables.h"
#include "inference/vulkan/pipeline.h"

namespace hearth::vk {

bool uses_iq_tables(TensorType t) {
    switch (t) {
        case TensorType::IQ4_NL: case TensorType::IQ4_XS: case TensorType::IQ2_XXS: case TensorType::IQ2_XS:
        case TensorType::IQ2_S: case TensorType::IQ3_XXS: case TensorType::IQ3_S: case TensorType::IQ1_S:
        case TensorType::IQ1_M:
            return true;
        default:
            return false;
    }
}

std::vector<uint32_t> iq_table_words() {
    std::vector<uint32_t> w;
    w.reserve(8576);
    for (uint8_t s : iq::ksigns_iq2xs) w.push_back(s);
    auto grid64 = [&](const auto& g) {
        for (uint64_t e : g) {
            w.push_back(static_cast<uint32_t>(e));
            w.push_back(static_cast<uint32_t>(e >> 32));
        }
    };
    grid64(iq::iq2xxs_grid);  // word 128
    grid64(iq::iq2xs_grid);   // 640
    grid64(iq::iq2s_grid);    // 1664
    for (uint32_t e : iq::iq3xxs_grid) w.push_back(e);  // 3712
    for (uint32_t e : iq::iq3s_grid) w.push_back(e);    // 3968
    grid64(iq::iq1s_grid);    // 4480
    return w;                 // 8576 words
}

Result<BufferView> PipelineCache::iq_tables() {
    if (!iq_tables_.handle()) {
        const std::vector<uint32_t> words = iq_table_words();
        auto b = create_buffer(*device_, words.size() * 4, MemoryKind::DeviceLocal, MemoryUse::Weights,
                               "the IQ codebooks");
        if (!b) return b.error();
        if (auto st = upload(*device_, view_of(*b), words.data(), words.size() * 4); !st) return st.error();
        iq_tables_ = std::move(*b);
    }
    return view_of(iq_tables_);
}

}  // namespace hearth::vk
