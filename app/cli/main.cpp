// hearth-cli: the command-line front end over the same libraries as the app. Tests and
// benchmarks drive the libraries through it.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "app/cli/commands.h"
#include "app/version.h"

namespace hearth::cli {

static const Command kCommands[] = {
    {"devices", "[--json]", "list Vulkan devices and what they can do", cmd_devices},
    {"info", "FILE [--all]", "show what a GGUF model file holds", cmd_info},
    {"tokenize", "-m FILE -p TEXT [--no-bos] [--no-special] [--ids]", "show the token ids of a text", cmd_tokenize},
    {"run", "-m FILE -p TEXT [-n N] [--temp T] [--top-k K] [--top-p P] [--min-p P] [--seed S] [--chat] [--backend cpu|vulkan] [--context-full stop|shift] [--keep N] [--full-row] [--special] [--prefill-chunk N]", "generate text from a prompt", cmd_run},
    {"chat", "-m FILE [--db PATH] [--backend cpu|vulkan] [--ctx N] [-n N] [--temp T] [--seed S] [--system TEXT] [--no-thinking]", "chat in the terminal, saved with the app's chats", cmd_chat},
    {"bench", "-m FILE [-p 512] [-n 128] [--batch B] [--integer-dot auto|on|off] [--device N|NAME] [--ctx N] [--profile] | --copy [--copy-max-mib N]", "measure Vulkan prefill/decode speed and bandwidth", cmd_bench},
    {"search", "TEXT [--sort downloads|likes|recent] [--limit N] [--json]", "find GGUF models on the Hugging Face Hub", cmd_search},
    {"files", "OWNER/REPO [--json]", "list a repository's GGUF files by quant level", cmd_files},
    {"catalog", "[--refresh [URL]]", "list the recommended models; fetch a newer list", cmd_catalog},
    {"pull", "OWNER/REPO FILE | --catalog ID [--quant Q] [--dir D]", "download a model, verified and resumable", cmd_pull},
    {"fit", "OWNER/REPO|FILE [--ctx N]", "predict whether a model fits this GPU", cmd_fit},
    {"synth", "-o FILE [--shape 7b|1b|tiny|custom] [--type q4_k] [--fill quantize|random] [--arch A] [--seed N]", "write a synthetic model (random weights) for benchmarks", cmd_synth},
    {"quantize", "IN OUT --type T [--imatrix FILE | --calibrate TEXTFILE] [--threads N] [--plan]", "make a model smaller (Q8_0 ... Q2_K, IQ4_NL ... IQ1_S)", cmd_quantize},
    {"imatrix", "-m FILE -f TEXTFILE -o OUT [--ctx N] [--backend cpu|vulkan]", "measure which weights matter, for quantize", cmd_imatrix},
    {"eval", "--model Q --reference R [--text FILE] [--ctx N] [--json] [--save-reference FILE]", "measure what a quantization cost", cmd_eval},
};

int fail(const std::string& message) {
    std::fprintf(stderr, "error: %s\n", message.c_str());
    return 1;
}

int usage_error(const std::string& message) {
    fail(message);
    return 2;
}

int reject_unused(const Args& args, const char* command) {
    auto rest = args.unused();
    if (rest.empty()) return 0;
    std::string list;
    for (const auto& w : rest) list += (list.empty() ? "" : " ") + w;
    std::fprintf(stderr, "error: %s: unexpected arguments: %s (see hearth-cli help)\n", command,
                 list.c_str());
    return 2;
}

static void print_help() {
    std::printf("hearth-cli %s: private AI chat on your own GPU\n\nUsage: hearth-cli <command> [options]\n\n",
                HEARTH_VERSION);
    for (const auto& c : kCommands)
        std::printf("  %-10s %-40s %s\n", c.name, c.usage, c.summary);
    std::printf("  %-10s %-40s %s\n", "--version", "", "print the version");
}

}  // namespace hearth::cli

int main(int argc, char** argv) {
    using namespace hearth::cli;
    if (argc < 2 || !std::strcmp(argv[1], "help") || !std::strcmp(argv[1], "--help") ||
        !std::strcmp(argv[1], "-h")) {
        print_help();
        return argc < 2 ? 2 : 0;
    }
    if (!std::strcmp(argv[1], "--version") || !std::strcmp(argv[1], "version")) {
        std::printf("hearth-cli %s\n", HEARTH_VERSION);
        return 0;
    }
    for (const auto& c : kCommands) {
        if (std::strcmp(argv[1], c.name) != 0) continue;
        Args args(std::vector<std::string>(argv + 2, argv + argc));
        return c.run(args);
    }
    std::fprintf(stderr, "error: unknown command '%s'. Run 'hearth-cli help' for the list.\n", argv[1]);
    return 2;
}
