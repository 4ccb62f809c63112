// Split models: one model stored as N files "<prefix>-00001-of-0000N.gguf" ... "-0000N-of-0000N.gguf"
// (llama.cpp's gguf-split naming), each a complete GGUF file holding some of the tensors, with
// `split.no` (0-based part number), `split.count` (N) and, in the first part, `split.tensors.count`
// (tensors over all parts). The first part also holds all the model's metadata. GgufFile::open on
// the first part opens them all as one model.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hearth {

struct SplitName {
    std::string prefix;  // "model-Q4_K_M" for "model-Q4_K_M-00002-of-00003.gguf"
    uint32_t no = 0;     // 1-based, as in the name
    uint32_t count = 0;
};

// The split numbering in a file name (a path's last component, or the whole path); nullopt when
// the name does not end in "-NNNNN-of-MMMMM.gguf" with 1 <= NNNNN <= MMMMM.
std::optional<SplitName> parse_split_name(std::string_view file_name);

// "<prefix>-0000<no>-of-0000<count>.gguf".
std::string split_part_name(std::string_view prefix, uint32_t no, uint32_t count);

}  // namespace hearth
