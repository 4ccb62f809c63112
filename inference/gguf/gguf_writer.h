// GGUF v3 writer. Metadata is kept in insertion order (setting a key again replaces its value
// in place), tensors in the order added; tensor data is laid out back to back, each tensor
// starting at a multiple of the alignment (32, or general.alignment when set), zero padding in
// between and at the end. This is the layout llama.cpp writes, so reading a file and writing
// its metadata and tensors back in the same order reproduces it byte for byte.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "inference/gguf/gguf_reader.h"
#include "inference/tensor/tensor_type.h"

namespace hearth {

class GgufWriter {
public:
    GgufWriter() = default;

    // --- metadata --------------------------------------------------------------------------
    void set_u8(std::string_view key, uint8_t v);
    void set_i8(std::string_view key, int8_t v);
    void set_u16(std::string_view key, uint16_t v);
    void set_i16(std::string_view key, int16_t v);
    void set_u32(std::string_view key, uint32_t v);
    void set_i32(std::string_view key, int32_t v);
    void set_u64(std::string_view key, uint64_t v);
    void set_i64(std::string_view key, int64_t v);
    void set_f32(std::string_view key, float v);
    void set_f64(std::string_view key, double v);
    void set_bool(std::string_view key, bool v);
    void set_string(std::string_view key, std::string_view v);
    void set_string_array(std::string_view key, const std::vector<std::string>& v);
    void set_string_array(std::string_view key, const std::vector<std::string_view>& v);
    void set_f32_array(std::string_view key, std::span<const float> v);
    void set_i32_array(std::string_view key, std::span<const int32_t> v);
    void set_u32_array(std::string_view key, std::span<const uint32_t> v);
    // Any array of fixed-size scalars: `bytes` holds count elements of elem_type, little-endian.
    // Refused (returns false, nothing changed) when elem_type is STRING/ARRAY or the size is wrong.
    bool set_array_raw(std::string_view key, GgufValueType elem_type, uint64_t count,
                       std::span<const uint8_t> bytes);
    // Copies a value read from a GgufFile exactly (any type, nested arrays included).
    void set_value(std::string_view key, const GgufValue& value);
    // Low level: `encoded` is the value's encoding after the type tag (as GgufValue::raw).
    void set_encoded(std::string_view key, GgufValueType type, std::span<const uint8_t> encoded);
    bool remove(std::string_view key);
    bool has(std::string_view key) const;
    size_t metadata_count() const { return kvs_.size(); }

    // --- tensors -----------------------------------------------------------------------------
    // `ne` has 1..4 dims, ne[0] contiguous. Names must be 1..63 bytes (llama.cpp's limit).
    // Errors: "gguf.bad_tensor" (bad name/dims/duplicate),
    // "tensor.unsupported_type" / "tensor.row_size" (type cannot hold rows of ne[0]), and
    // "gguf.bad_tensor" when bytes.size() != the size the type and shape imply.
    // Copies the bytes.
    Status add_tensor(std::string_view name, TensorType type, std::span<const int64_t> ne,
                      std::span<const uint8_t> bytes);
    // Same without copying: `bytes` must stay alive until the last write()/to_bytes().
    Status add_tensor_view(std::string_view name, TensorType type, std::span<const int64_t> ne,
                           std::span<const uint8_t> bytes);
    // Quantizes n_elements floats row by row into `type` (F32/F16/BF16 or any block type).
    Status add_tensor_f32(std::string_view name, TensorType type, std::span<const int64_t> ne,
                          std::span<const float> values);
    // Copies a tensor read from a GgufFile (no copy of the data: the file must stay open).
    Status add_tensor_from(const GgufTensorInfo& t);
    // Re-encodes a tensor read from a GgufFile as `type`, row by row (dequantize, quantize):
    // what a quantizer does. Same errors as add_tensor_f32.
    Status add_tensor_converted(const GgufTensorInfo& t, TensorType type);
    // Declares a tensor whose data the caller writes itself after header_bytes(), for writers that
    // stream tensors one at a time (inference/quant). to_bytes()/write() refuse a writer holding one.
    Status add_tensor_streamed(std::string_view name, TensorType type, std::span<const int64_t> ne);
    size_t tensor_count() const { return tensors_.size(); }

    // --- output ------------------------------------------------------------------------------
    // Alignment used: general.alignment if set to a power of two as u32, else 32.
    uint64_t alignment() const;
    Result<std::vector<uint8_t>> to_bytes() const;
    // Everything before the first tensor's data (header, metadata, tensor infos, padding), and the
    // size of the whole file: the header plus every tensor's data padded to the alignment.
    std::vector<uint8_t> header_bytes() const;
    uint64_t file_size() const;
    // Writes `path.tmp` and renames it over `path`. Error code "gguf.write" with the OS reason.
    Status write(const std::filesystem::path& path) const;

private:
    struct KV {
        std::string key;
        GgufValueType type;
        std::vector<uint8_t> encoded;
    };
    struct Tensor {
        std::string name;
        TensorType type;
        std::vector<int64_t> ne;
        std::span<const uint8_t> bytes;          // what to write
        uint64_t size = 0;                       // bytes.size(), or the streamed data's size
        bool streamed = false;                   // data written by the caller (add_tensor_streamed)
        std::shared_ptr<std::vector<uint8_t>> owned;  // backing store when copied
    };
    Status check_tensor(std::string_view name, TensorType type, std::span<const int64_t> ne,
                        uint64_t n_bytes) const;
    void put(std::string_view key, GgufValueType type, std::vector<uint8_t> encoded);
    // Streams the whole file through `out` (false from `out` aborts with "gguf.write").
    Status emit(const std::function<bool(std::span<const uint8_t>)>& out) const;

    std::vector<KV> kvs_;
    std::vector<Tensor> tensors_;
};

}  // namespace hearth
