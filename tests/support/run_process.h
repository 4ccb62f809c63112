// Runs a command line through the shell and captures stdout, stderr and the exit code, for
// tests that drive hearth-cli as a user would.
#pragma once

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/support/testdata.h"

namespace hearth::test {

struct ProcessResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};

inline ProcessResult run_command(const std::string& command) {
    static int counter = 0;
    auto err_path = binary_dir() / "test-scratch" /
                    ("stderr-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".txt");
    std::filesystem::create_directories(err_path.parent_path());
    std::string full = command + " 2>'" + err_path.string() + "'";
    ProcessResult r;
    FILE* p = ::popen(full.c_str(), "r");
    if (!p) return r;
    std::array<char, 4096> buf;
    size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
    int status = ::pclose(p);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    std::ifstream ef(err_path);
    std::stringstream ss;
    ss << ef.rdbuf();
    r.err = ss.str();
    std::filesystem::remove(err_path);
    return r;
}

inline std::string cli_path() { return (binary_dir() / "app" / "hearth-cli").string(); }

}  // namespace hearth::test
