// Linked into every test executable: gives each test the paths it needs (unless the caller set
// them) before main() runs. Done here rather than through ctest's ENVIRONMENT so that running a
// test binary by hand behaves the same as under ctest. Sanitizer settings: sanitizer_hooks.cpp.
#include <cstdlib>
#include <filesystem>
#include <string>

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
}

}  // namespace
