// What the downloader reads from a GGUF header: the post-download check, the quant level the
// file really holds (names on the Hub are only a hint), and the shape that fit prediction needs.
#pragma once

#include <filesystem>
#include <string>

#include "base/result.h"
#include "downloader/fit.h"

namespace hearth::dl {

// Validates `path` with the GGUF reader (header, metadata and tensor table), as one file: a part
// of a split model passes on its own, whether or not its sibling parts are there yet.
Status check_gguf_file(const std::filesystem::path& path);
// Opens a model as the engine will: a split model from its first part, with every other part
// found beside it and matching (gguf.split_part_missing names a missing one).
Status check_gguf_model(const std::filesystem::path& first_part);

struct GgufFacts {
    std::string architecture;
    std::string quant;  // from general.file_type ("Q4_K_M"), empty when absent or unknown
    ModelShape shape;   // weight bytes = the sum of the tensor sizes
};
Result<GgufFacts> read_gguf_facts(const std::filesystem::path& path);

// llama.cpp's general.file_type numbering -> "Q4_K_M"; empty when unknown.
std::string quant_from_file_type(int file_type);

}  // namespace hearth::dl
