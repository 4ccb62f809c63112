// `hearth-cli devices`: every Vulkan physical device and the capabilities the engine cares about.
#include <cstdio>
#include <string>

#include "app/cli/commands.h"
#include "inference/vulkan/device_info.h"

namespace hearth::cli {

static std::string mib(uint64_t bytes) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.0f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
    return buf;
}

static std::string json_string(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (static_cast<unsigned char>(c) < 0x20) continue;
        out += c;
    }
    return out + "\"";
}

static const char* yes_no(bool b) { return b ? "yes" : "no"; }

static void print_text(const vk::DeviceInfo& d) {
    std::printf("[%u] %s\n", d.index, d.name.c_str());
    std::printf("    type:                     %s\n", vk::to_string(d.type));
    std::printf("    driver:                   %s (%s)\n", d.driver_name.c_str(), d.driver_info.c_str());
    std::printf("    vulkan:                   %s\n", vk::api_version_string(d.api_version).c_str());
    for (size_t i = 0; i < d.heaps.size(); ++i) {
        const auto& h = d.heaps[i];
        std::printf("    heap %zu:                   %s%s", i, mib(h.size).c_str(),
                    h.device_local ? " device-local" : " host");
        if (h.budget) std::printf(", budget %s, used %s", mib(h.budget).c_str(), mib(h.usage).c_str());
        std::printf("\n");
    }
    std::printf("    unified memory:           %s\n", yes_no(d.unified_memory));
    std::printf("    subgroup size:            %u", d.subgroup_size);
    if (d.subgroup_size_max) std::printf(" (control %u..%u)", d.subgroup_size_min, d.subgroup_size_max);
    std::printf("\n");
    std::printf("    fp16 arithmetic:          %s\n", yes_no(d.fp16));
    std::printf("    int8 arithmetic:          %s\n", yes_no(d.int8));
    std::printf("    16/8-bit storage:         %s/%s\n", yes_no(d.storage_16bit), yes_no(d.storage_8bit));
    std::printf("    maxStorageBufferRange:    %llu (%s)\n",
                static_cast<unsigned long long>(d.max_storage_buffer_range),
                mib(d.max_storage_buffer_range).c_str());
    std::printf("    maxMemoryAllocationSize:  %llu (%s)\n",
                static_cast<unsigned long long>(d.max_memory_allocation_size),
                mib(d.max_memory_allocation_size).c_str());
    std::printf("    cooperative matrix:       %s\n", vk::coopmat_summary(d).c_str());
    std::printf("    integer dot product:      %s\n",
                d.integer_dot_product ? (d.integer_dot_accelerated ? "yes (accelerated)" : "yes (emulated)")
                                      : "no");
    std::printf("    memory budget:            %s\n", yes_no(d.memory_budget));
}

static void print_json(const std::vector<vk::DeviceInfo>& devs) {
    std::printf("[");
    for (size_t k = 0; k < devs.size(); ++k) {
        const auto& d = devs[k];
        std::printf("%s\n  {\"index\": %u, \"name\": %s, \"type\": \"%s\", \"driver\": %s, "
                    "\"subgroup_size\": %u, \"fp16\": %s, \"int8\": %s, "
                    "\"max_storage_buffer_range\": %llu, \"max_memory_allocation_size\": %llu, "
                    "\"cooperative_matrix\": %s, \"integer_dot_product\": %s, "
                    "\"device_local_bytes\": %llu}",
                    k ? "," : "", d.index, json_string(d.name).c_str(), vk::to_string(d.type),
                    json_string(d.driver_name).c_str(),
                    d.subgroup_size, d.fp16 ? "true" : "false", d.int8 ? "true" : "false",
                    static_cast<unsigned long long>(d.max_storage_buffer_range),
                    static_cast<unsigned long long>(d.max_memory_allocation_size),
                    d.cooperative_matrix ? "true" : "false", d.integer_dot_product ? "true" : "false",
                    static_cast<unsigned long long>(vk::device_local_bytes(d)));
    }
    std::printf("\n]\n");
}

int cmd_devices(Args& args) {
    const bool json = args.flag({"--json"});
    if (int rc = reject_unused(args, "devices")) return rc;
    auto devs = vk::list_devices();
    if (!devs) return fail(devs.error().message);
    if (json) {
        print_json(*devs);
        return 0;
    }
    for (const auto& d : *devs) print_text(d);
    return 0;
}

}  // namespace hearth::cli
