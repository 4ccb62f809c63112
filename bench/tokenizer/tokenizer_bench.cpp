// Tokenizer throughput: `hearth_bench_tokenizer [--kb N] [VOCAB.gguf ...]`.
// For each vocabulary, tokenizes (1) N KB of prose built by repeating the shared evaluation text
// with varied numbers and punctuation, and (2) N KB with no spaces at all (the worst case for a
// merge loop that rescans: one "word"). Prints tokens/s and MB/s, best of 3 runs.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "inference/gguf/gguf_reader.h"
#include "inference/tokenizer/tokenizer.h"

namespace {

std::string read_all(const std::filesystem::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

std::string prose(const std::filesystem::path& testdata, size_t bytes) {
    std::string base = read_all(testdata / "text/stories-eval.txt");
    if (base.empty())
        base = "Once upon a time, there was a little girl named Lily. She loved to play outside in the park. "
               "One day, she saw a big, red ball! \"Can I play?\" she asked her mom.\n";
    std::string text;
    for (int i = 0; text.size() < bytes; ++i) {
        text += base;
        text += " (" + std::to_string(i * 7919) + ") caf\xC3\xA9 na\xC3\xAFve \xE2\x80\x94 \xF0\x9F\x98\x81\n";
    }
    text.resize(bytes);
    while (!text.empty() && (static_cast<unsigned char>(text.back()) & 0xC0) == 0x80) text.pop_back();
    return text;
}

std::string no_spaces(size_t bytes) {
    std::string text;
    const char* words[] = {"the", "quick", "brown", "fox", "jumped", "over", "lazy", "dogs"};
    for (int i = 0; text.size() < bytes; ++i) text += words[(i * 5) % 8];
    text.resize(bytes);
    return text;
}

void run(const hearth::Tokenizer& tok, const char* what, const std::string& text) {
    double best = 1e30;
    size_t n = 0;
    for (int rep = 0; rep < 3; ++rep) {
        const auto t0 = std::chrono::steady_clock::now();
        const auto ids = hearth::tokenize(tok, text, {.add_special = false, .parse_special = true});
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        best = std::min(best, s);
        n = ids.size();
    }
    std::printf("  %-10s %8zu bytes -> %7zu tokens in %8.2f ms: %10.0f tokens/s, %6.2f MB/s\n", what, text.size(),
                n, best * 1e3, static_cast<double>(n) / best, static_cast<double>(text.size()) / best / 1e6);
}

}  // namespace

int main(int argc, char** argv) {
    size_t kb = 100;
    std::vector<std::filesystem::path> vocabs;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--kb" && i + 1 < argc)
            kb = static_cast<size_t>(std::strtoul(argv[++i], nullptr, 10));
        else
            vocabs.emplace_back(a);
    }
    const char* env = std::getenv("HEARTH_TESTDATA");
    const std::filesystem::path testdata = env && *env ? env : HEARTH_TESTDATA_DIR_DEFAULT;
    if (vocabs.empty()) {
        std::error_code ec;
        for (const auto& e : std::filesystem::directory_iterator(testdata / "vocab", ec))
            if (e.path().extension() == ".gguf") vocabs.push_back(e.path());
        std::sort(vocabs.begin(), vocabs.end());
    }
    if (vocabs.empty()) {
        std::fprintf(stderr, "no vocabularies: pass GGUF files, or set HEARTH_TESTDATA to the shared test data\n");
        return 2;
    }
    const std::string text = prose(testdata, kb * 1024), solid = no_spaces(kb * 1024);
    for (const auto& path : vocabs) {
        auto file = hearth::GgufFile::open(path);
        if (!file) {
            std::fprintf(stderr, "error: %s\n", file.error().message.c_str());
            return 1;
        }
        auto vocab = hearth::vocab_from_gguf(*file);
        if (!vocab) {
            std::fprintf(stderr, "error: %s\n", vocab.error().message.c_str());
            return 1;
        }
        const auto t0 = std::chrono::steady_clock::now();
        auto tok = hearth::make_tokenizer(std::move(*vocab));
        if (!tok) {
            std::fprintf(stderr, "error: %s\n", tok.error().message.c_str());
            return 1;
        }
        const double load_ms = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count() * 1e3;
        std::printf("%s (%d tokens, %s; tables built in %.1f ms)\n", path.filename().string().c_str(),
                    tok->vocab.size(), hearth::to_string(tok->vocab.model), load_ms);
        run(*tok, "prose", text);
        run(*tok, "no-spaces", solid);
    }
    return 0;
}
