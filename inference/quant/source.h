// Where the quantizer reads a model from, one tensor at a time: a GGUF file, or a Hugging Face
// model folder converted as it is read (inference/hf). Either way the quantizer sees a GGUF-shaped
// table (metadata and tensor infos, as the output will carry them) and asks for each tensor's bytes
// in turn, so that at most one source tensor is resident at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>

#include "base/result.h"
#include "inference/gguf/gguf_reader.h"

namespace hearth::quant {

class ModelSource {
public:
    virtual ~ModelSource() = default;
    // The metadata and tensor table. For a converted source the tensors' `data` pointers are null:
    // read their bytes through read().
    virtual const GgufFile& table() const = 0;
    // Tensor i's bytes, in table().tensors()[i]'s type and shape; valid until the next read() or
    // release(). Errors are the source's (a damaged or missing file part).
    virtual Result<std::span<const uint8_t>> read(size_t i) = 0;
    // Done with tensor i: give back the memory its bytes took.
    virtual void release(size_t i) = 0;
};

// A GGUF file (or the first part of a split one), or a folder holding a Hugging Face model.
// Errors: GgufFile::open's, or hf::open_model's for a folder.
Result<std::unique_ptr<ModelSource>> open_source(const std::filesystem::path& in);

}  // namespace hearth::quant
