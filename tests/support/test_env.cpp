// Linked into every test executable: gives each test the paths it needs (unless the caller set
// them) and the sanitizer settings, before main() runs. Done here rather than through ctest's
// ENVIRONMENT so that running a test binary by hand behaves the same as under ctest.
#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <string>

// GCC says __SANITIZE_ADDRESS__; clang 14 only answers __has_feature, which GCC 12 lacks.
#if defined(__SANITIZE_ADDRESS__)
#define HEARTH_UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HEARTH_UNDER_ASAN 1
#endif
#endif
#ifndef HEARTH_UNDER_ASAN
#define HEARTH_UNDER_ASAN 0
#endif

namespace {

void set_default(const char* name, const std::string& value) { ::setenv(name, value.c_str(), 0); }

__attribute__((constructor)) void hearth_test_environment() {
    set_default("HEARTH_TESTDATA", HEARTH_TESTDATA_DIR_DEFAULT);
    set_default("HEARTH_BINARY_DIR", HEARTH_BINARY_DIR_DEFAULT);
    set_default("HEARTH_SOURCE_DIR", HEARTH_SOURCE_DIR_DEFAULT);
    const std::string runtime = std::string(HEARTH_BINARY_DIR_DEFAULT) + "/xdg-runtime";
    std::error_code ec;
    std::filesystem::create_directories(runtime, ec);
    std::filesystem::permissions(runtime, std::filesystem::perms::owner_all, ec);
    set_default("XDG_RUNTIME_DIR", runtime);
    // Keep Mesa's lavapipe mapped for the whole process: when a test destroys its last Vulkan device
    // the loader unloads the driver, and LeakSanitizer then reports the driver's process-lifetime
    // allocations as coming from "<unknown module>", which no suppression can name.
#if HEARTH_UNDER_ASAN
    for (const char* icd : {"libvulkan_lvp.so", "/usr/lib/x86_64-linux-gnu/libvulkan_lvp.so"})
        if (::dlopen(icd, RTLD_NOW | RTLD_NODELETE | RTLD_LOCAL)) break;
#endif
}

}  // namespace

// Sanitizer hooks (used only in the asan build): leaks inside the Vulkan loader and Mesa's
// lavapipe (LLVM's JIT state, ICD tables) are process-lifetime allocations they never free.
extern "C" const char* __lsan_default_suppressions() {
    return "leak:libvulkan.so\nleak:libvulkan_lvp.so\nleak:libLLVM\nleak:libdbus\nleak:libfontconfig\n";
}
extern "C" const char* __ubsan_default_options() { return "print_stacktrace=1:halt_on_error=1"; }
