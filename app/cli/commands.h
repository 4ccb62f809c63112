// hearth-cli's commands. Each lives in its own cmd_<name>.cpp, reads its options from Args,
// prints to stdout (results) or stderr (errors), and returns the process exit code:
// 0 success, 1 a failure the user can act on (message printed), 2 bad usage.
#pragma once

#include <string>

#include "app/cli/args.h"
#include "base/result.h"

namespace hearth::cli {

struct Command {
    const char* name;
    const char* usage;    // one line: arguments and options
    const char* summary;  // one line: what it does
    int (*run)(Args& args);
};

int cmd_devices(Args& args);
int cmd_info(Args& args);
int cmd_tokenize(Args& args);
int cmd_run(Args& args);
int cmd_bench(Args& args);
int cmd_search(Args& args);
int cmd_files(Args& args);
int cmd_catalog(Args& args);
int cmd_pull(Args& args);
int cmd_fit(Args& args);
int cmd_synth(Args& args);
int cmd_quantize(Args& args);
int cmd_eval(Args& args);
int cmd_imatrix(Args& args);
int cmd_chat(Args& args);

// Prints "error: <message>" to stderr; returns 1 so commands can `return fail(...)`.
int fail(const std::string& message);
// Prints "error: <message>" to stderr; returns 2, for bad usage such as an option's bad value.
int usage_error(const std::string& message);
// Rejects options the command did not read; returns 2 after printing them, else 0.
int reject_unused(const Args& args, const char* command);

}  // namespace hearth::cli
