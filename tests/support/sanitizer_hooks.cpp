// Sanitizer settings for Hearth's own processes in the asan and fuzz builds: linked into every
// test executable and, in sanitized builds, into hearth-cli (which the tests run as a child).
//
// Leaks inside the Vulkan loader and Mesa's lavapipe (LLVM's JIT state, ICD tables) are
// process-lifetime allocations they never free, so they are suppressed by library name. That only
// works while the driver is still mapped: when the last Vulkan instance is destroyed the loader
// unloads it, and LeakSanitizer then reports those allocations as "<unknown module>", which no
// suppression can name. So the driver is pinned in memory for the whole process.
#include <dlfcn.h>

#include <initializer_list>

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

__attribute__((constructor)) void hearth_pin_vulkan_driver() {
#if HEARTH_UNDER_ASAN
    for (const char* icd : {"libvulkan_lvp.so", "/usr/lib/x86_64-linux-gnu/libvulkan_lvp.so"})
        if (::dlopen(icd, RTLD_NOW | RTLD_NODELETE | RTLD_LOCAL)) break;
#endif
}

}  // namespace

extern "C" const char* __lsan_default_suppressions() {
    return "leak:libvulkan.so\nleak:libvulkan_lvp.so\nleak:libLLVM\nleak:libdbus\nleak:libfontconfig\n";
}
extern "C" const char* __ubsan_default_options() { return "print_stacktrace=1:halt_on_error=1"; }
