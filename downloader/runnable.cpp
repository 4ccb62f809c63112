#include "downloader/runnable.h"

#include "inference/arch/hparams.h"
#include "inference/tensor/quant_level.h"

namespace hearth::dl {

std::string quant_cannot_run(std::string_view quant) {
    if (quant.empty()) return {};
    return level_unsupported_reason(quant);
}

std::string arch_cannot_run(std::string_view arch) {
    if (arch.empty() || arch::arch_from_name(arch)) return {};
    return "Hearth cannot run '" + std::string(arch) + "' models (the architecture is not supported)";
}

}  // namespace hearth::dl
