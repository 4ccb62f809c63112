// Collecting an importance matrix from a text file with a model file, as `imatrix` and
// `quantize --calibrate` both do.
#pragma once

#include <string>

#include "base/result.h"
#include "inference/quant/imatrix.h"

namespace hearth::cli {

// Vulkan where a device exists (the activation taps sum on the GPU), else the CPU reference.
std::string default_imatrix_backend();

// n_ctx <= 0: the model's training context, at most 512. backend "auto": default_imatrix_backend().
// Progress goes to stderr.
Result<quant::Imatrix> collect_imatrix_from_text(const std::string& model, const std::string& text_file,
                                                 const std::string& backend, int n_ctx);

// The whole file as a string; "cli.read" with the reason.
Result<std::string> read_text_file(const std::string& path);

}  // namespace hearth::cli
