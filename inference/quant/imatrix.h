// An importance matrix: for each matrix product of a model, the mean squared activation of each
// of its input columns over some calibration text. The quantizer weighs each column's rounding
// error by it (block_quant.h).
//
// File format (written and read here): a GGUF v3 file with
//   metadata  general.type = "imatrix", imatrix.chunk_count (u32: chunks of text evaluated),
//             imatrix.chunk_size (u32: tokens per chunk), imatrix.datasets (string array: the
//             calibration text files' names)
//   tensors   per weight matrix W (named as in the model, e.g. "blk.0.ffn_down.weight"):
//               "<W>.in_sum2"  F32 [n_cols]: the sum over all evaluated tokens of each input column's square
//               "<W>.counts"   F32 [1]: the number of tokens summed
//             so the importance of column i is in_sum2[i] / counts.
// Keeping sums rather than means lets two files be merged by adding them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "base/result.h"

namespace hearth::quant {

struct ImatrixEntry {
    std::vector<double> sum2;  // [n_cols]
    double count = 0;          // tokens summed

    std::vector<float> importance() const;  // sum2 / count (zeros when count is 0)
};

struct Imatrix {
    std::map<std::string, ImatrixEntry> entries;  // by weight name
    uint32_t chunk_count = 0;
    uint32_t chunk_size = 0;
    std::vector<std::string> datasets;

    const ImatrixEntry* find(const std::string& weight) const;
};

// Errors: "imatrix.write" (I/O, with the reason), "gguf.bad_tensor" (a name too long for GGUF).
Status save_imatrix(const Imatrix& m, const std::filesystem::path& path);
// Errors: the GGUF reader's, "imatrix.bad_file" (not an importance matrix, or inconsistent).
Result<Imatrix> load_imatrix(const std::filesystem::path& path);

}  // namespace hearth::quant
