// Quantization levels as they appear in GGUF file names on the Hub ("Qwen2.5-7B-Instruct-Q4_K_M.gguf",
// "model-IQ4_XS-00001-of-00003.gguf"). Names are a hint; the header decides after download.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hearth::dl {

// The quant tag in a file name, upper-cased ("Q4_K_M", "IQ4_XS", "Q8_0", "F16", "BF16"), or
// empty when the name carries none.
std::string quant_from_filename(std::string_view filename);

struct SplitPart {
    int index = 0;  // 1-based
    int count = 0;
    std::string base;  // the name without "-00001-of-00003.gguf"
};
// "name-00002-of-00005.gguf" -> {2, 5, "name"}; nullopt for a single-file model.
std::optional<SplitPart> parse_split(std::string_view filename);

// Approximate bits per weight for a quant level (0 when unknown): to rank levels and to
// predict sizes before a header is available.
double quant_bits_per_weight(std::string_view quant);

struct RepoFile {
    std::string path;
    int64_t size = -1;
    std::string sha256;  // LFS oid; empty for small non-LFS files
};

// The GGUF files of one quant level: one file, or every part of a split model.
struct QuantGroup {
    std::string quant;              // "" for files without a recognisable tag
    std::vector<RepoFile> files;    // in part order
    int64_t total_size = 0;         // -1 when any size is unknown
    bool complete = true;           // false when a split model is missing parts
    std::string cannot_run;         // empty when Hearth can run it; otherwise why not (a missing
                                    // part, a quant type the engine does not read)
};

// Groups a repo's .gguf files by quant level (multimodal projector files "mmproj-*" are left
// out), smallest first, each marked with why Hearth cannot run it, if it cannot.
std::vector<QuantGroup> group_by_quant(const std::vector<RepoFile>& files);

}  // namespace hearth::dl
