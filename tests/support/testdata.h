// Where tests find things: the shared real-model data (optional) and the built binaries.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

namespace hearth::test {

// ../shared/testdata, or whatever HEARTH_TESTDATA points to; empty when absent.
inline std::filesystem::path testdata_dir() {
    const char* env = std::getenv("HEARTH_TESTDATA");
    if (!env || !*env) return {};
    std::filesystem::path p(env);
    std::error_code ec;
    if (!std::filesystem::is_directory(p, ec)) return {};
    return p;
}

inline std::filesystem::path binary_dir() {
    const char* env = std::getenv("HEARTH_BINARY_DIR");
    return env ? std::filesystem::path(env) : std::filesystem::current_path();
}

// A fresh, empty scratch folder for one test, under the build tree.
inline std::filesystem::path scratch_dir(const std::string& name) {
    auto p = binary_dir() / "test-scratch" / name;
    std::filesystem::remove_all(p);
    std::filesystem::create_directories(p);
    return p;
}

}  // namespace hearth::test

// Skips the current GoogleTest test, saying why, when the shared test data is not there.
#define HEARTH_REQUIRE_TESTDATA(relative)                                                      \
    do {                                                                                       \
        auto hearth_td_ = ::hearth::test::testdata_dir();                                      \
        if (hearth_td_.empty() || !std::filesystem::exists(hearth_td_ / (relative)))           \
            GTEST_SKIP() << "shared test data not found (" << (relative)                       \
                         << "); set HEARTH_TESTDATA to ../shared/testdata to run this test";   \
    } while (0)
