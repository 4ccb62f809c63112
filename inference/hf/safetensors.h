// Reader for one .safetensors file (the format Hugging Face stores weights in), memory-mapped and
// validated up front, so that every tensor handed out is known to lie inside the file.
//
// Layout (https://github.com/huggingface/safetensors, "Format"):
//   u64 N        little-endian length of the header
//   N bytes      a JSON object, UTF-8: for each tensor name
//                  {"dtype": "F16", "shape": [rows, cols], "data_offsets": [begin, end]}
//                and optionally "__metadata__": {string: string}
//   data         the tensors' bytes, row-major; offsets are relative to the start of the data
//
// Refused, each with its own Error::code (the message names the file and the problem):
//   safetensors.io               cannot open or map the file
//   safetensors.truncated        shorter than 8 bytes, or the header runs past the end
//   safetensors.header_too_large N above kMaxHeaderBytes (the reference reader's own limit)
//   safetensors.bad_json         the header is not a JSON object (bad syntax, invalid UTF-8, ...)
//   safetensors.bad_entry        an entry without dtype/shape/data_offsets of the right JSON types,
//                                or a __metadata__ that is not an object of strings
//   safetensors.unknown_dtype    a dtype the format does not define
//   safetensors.unsupported_dtype a defined dtype Hearth does not convert (only F32, F16, BF16)
//   safetensors.bad_shape        more than 4 dimensions, a dimension of 0, or counts that overflow
//   safetensors.size_mismatch    end - begin differs from the size dtype and shape imply
//   safetensors.out_of_bounds    begin > end, or end past the end of the file
//   safetensors.overlap          two tensors share bytes
//   safetensors.duplicate_tensor a tensor name twice
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/mapped_file.h"
#include "base/result.h"
#include "inference/tensor/tensor_type.h"

namespace hearth::hf {

inline constexpr uint64_t kMaxHeaderBytes = 100u << 20;

struct SafeTensor {
    std::string name;
    TensorType type = TensorType::F32;  // F32, F16 or BF16
    std::vector<int64_t> shape;         // as stored: row-major, shape.back() is contiguous
    uint64_t begin = 0, end = 0;        // byte range within the data section

    int64_t n_elements() const;
    // The shape as GGUF states it: reversed, ne[0] contiguous, unused dimensions 1.
    std::vector<int64_t> gguf_ne() const;
};

class SafetensorsFile {
public:
    static Result<SafetensorsFile> open(const std::filesystem::path& path);
    // Parses bytes the caller keeps alive (no copy); `name` stands for the file name in messages.
    static Result<SafetensorsFile> from_memory(std::span<const uint8_t> bytes, std::string name);

    const std::string& name() const { return name_; }
    const std::vector<SafeTensor>& tensors() const { return tensors_; }
    const SafeTensor* find(std::string_view name) const;
    const std::vector<std::pair<std::string, std::string>>& metadata() const { return metadata_; }
    // The tensor's bytes; not aligned to the element size in general (copy before casting).
    std::span<const uint8_t> data(const SafeTensor& t) const {
        return data_.subspan(static_cast<size_t>(t.begin), static_cast<size_t>(t.end - t.begin));
    }
    // Gives the tensor's clean file pages back to the kernel (a mapped file only).
    void release(const SafeTensor& t) const;

private:
    static Result<SafetensorsFile> parse(SafetensorsFile f, std::span<const uint8_t> bytes);

    std::string name_;
    std::shared_ptr<MappedFile> map_;  // null for from_memory
    std::span<const uint8_t> data_;
    std::vector<SafeTensor> tensors_;
    std::vector<std::pair<std::string, std::string>> metadata_;
};

}  // namespace hearth::hf
