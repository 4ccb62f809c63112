// What the downloader reads from a GGUF header: the post-download check, the quant level the
// file really holds (names on the Hub are only a hint), and the shape that fit prediction needs.
#pragma once

#include <filesystem>
#include <string>

#include "base/result.h"
#include "downloader/fit.h"

namespace hearth::dl {

// Opens `path` with the GGUF reader (which validates the header, metadata and tensor table) as
// the engine will: a split model from its first part, with every other part found beside it and
// matching (gguf.split_part_missing names a missing one; another part is refused).
Status check_gguf_file(const std::filesystem::path& path);
// The check after a download (NetworkOptions::gguf_check): the same validation of one file on its
// own, so a part of a split model passes whether or not its sibling parts have arrived (and under
// its ".part" name, which hides the numbering the whole-model open needs).
Status check_gguf_download(const std::filesystem::path& path);

struct GgufFacts {
    std::string architecture;
    std::string quant;  // from general.file_type ("Q4_K_M"), empty when absent or unknown
    ModelShape shape;   // weight bytes = the sum of the tensor sizes
};
Result<GgufFacts> read_gguf_facts(const std::filesystem::path& path);

// llama.cpp's general.file_type numbering -> "Q4_K_M"; empty when unknown.
std::string quant_from_file_type(int file_type);

}  // namespace hearth::dl
