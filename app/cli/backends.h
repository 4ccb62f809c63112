// The compute backend a command asked for (--backend cpu|vulkan), shared by run, eval and imatrix.
#pragma once

#include <memory>
#include <string>

#include "base/result.h"
#include "inference/engine/backend.h"
#include "inference/engine/open_model.h"

namespace hearth::cli {

// Errors: the backend's, "cli.bad_backend" for an unknown name.
Result<std::unique_ptr<engine::Backend>> make_backend(const std::string& name, const engine::OpenModel& m,
                                                      int32_t n_ctx);

}  // namespace hearth::cli
