#include "inference/vulkan/instance.h"

#include <cstring>
#include <string>
#include <vector>

namespace hearth::vk {

Instance& Instance::operator=(Instance&& o) noexcept {
    if (this != &o) {
        if (handle_) vkDestroyInstance(handle_, nullptr);
        handle_ = o.handle_;
        o.handle_ = VK_NULL_HANDLE;
    }
    return *this;
}

Instance::~Instance() {
    if (handle_) vkDestroyInstance(handle_, nullptr);
}

static const char* kNoDriverHelp =
    "No Vulkan driver was found. Hearth runs models on the GPU through Vulkan: install your GPU "
    "vendor's driver, or on Debian/Ubuntu the package mesa-vulkan-drivers (which also provides a "
    "slow CPU fallback).";

Result<Instance> create_instance() {
    uint32_t n_ext = 0;
    if (vkEnumerateInstanceExtensionProperties(nullptr, &n_ext, nullptr) != VK_SUCCESS)
        return make_error("vulkan.no_driver", kNoDriverHelp);
    std::vector<VkExtensionProperties> exts(n_ext);
    vkEnumerateInstanceExtensionProperties(nullptr, &n_ext, exts.data());
    auto has = [&](const char* name) {
        for (const auto& e : exts)
            if (std::strcmp(e.extensionName, name) == 0) return true;
        return false;
    };

    // Portability enumeration makes MoltenVK (macOS) devices visible; elsewhere it is a no-op.
    std::vector<const char*> enabled;
    VkInstanceCreateFlags flags = 0;
    if (has(VK_KHR_PORTABILITY_ENUMERATION_EXTENSION_NAME)) {
        enabled.push_back(VK_KHR_PORTABILITY_ENUMERATION_EXTENSION_NAME);
        flags |= VK_INSTANCE_CREATE_ENUMERATE_PORTABILITY_BIT_KHR;
    }
    if (has(VK_KHR_GET_PHYSICAL_DEVICE_PROPERTIES_2_EXTENSION_NAME))
        enabled.push_back(VK_KHR_GET_PHYSICAL_DEVICE_PROPERTIES_2_EXTENSION_NAME);

    uint32_t loader_version = VK_API_VERSION_1_0;
    vkEnumerateInstanceVersion(&loader_version);

    VkApplicationInfo app{};
    app.sType = VK_STRUCTURE_TYPE_APPLICATION_INFO;
    app.pApplicationName = "Hearth";
    app.pEngineName = "Hearth";
    app.apiVersion = loader_version >= VK_API_VERSION_1_3 ? VK_API_VERSION_1_3 : VK_API_VERSION_1_2;

    VkInstanceCreateInfo ci{};
    ci.sType = VK_STRUCTURE_TYPE_INSTANCE_CREATE_INFO;
    ci.flags = flags;
    ci.pApplicationInfo = &app;
    ci.enabledExtensionCount = static_cast<uint32_t>(enabled.size());
    ci.ppEnabledExtensionNames = enabled.data();

    VkInstance inst = VK_NULL_HANDLE;
    VkResult r = vkCreateInstance(&ci, nullptr, &inst);
    if (r == VK_ERROR_INCOMPATIBLE_DRIVER) return make_error("vulkan.no_driver", kNoDriverHelp);
    if (r != VK_SUCCESS)
        return make_error("vulkan.instance",
                          "Could not start Vulkan (vkCreateInstance returned " + std::to_string(r) +
                              "). Reinstalling the GPU driver usually fixes this.");
    return Instance(inst);
}

}  // namespace hearth::vk
