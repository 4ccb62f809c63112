#include "app/cli/backends.h"

#include "app/environment.h"
#include "inference/cpu/cpu_backend.h"
#include "inference/vulkan/vulkan_backend.h"

namespace hearth::cli {

Result<std::unique_ptr<engine::Backend>> make_backend(const std::string& name, const engine::OpenModel& m,
                                                      int32_t n_ctx) {
    if (name == "cpu") return cpu::make_cpu_backend(m.model, n_ctx);
    if (name == "vulkan") {
        vk::VulkanOptions opt;
        opt.n_ctx = n_ctx;
        // Compiled pipelines are kept in the data folder, so a later run pays no compilation.
        opt.pipeline_cache_dir = app::user_config_from_environment().data_dir;
        auto b = vk::make_vulkan_backend(m.model, opt);
        if (!b) return b.error();
        return std::unique_ptr<engine::Backend>(std::move(*b));
    }
    return make_error("cli.bad_backend", "Unknown backend '" + name + "'; use cpu or vulkan.");
}

}  // namespace hearth::cli
