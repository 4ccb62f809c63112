// GGUF reader: maps a model file and validates ALL of it up front, so that everything handed out
// afterwards (strings, arrays, tensor data pointers) is known to lie inside the file.
//
// Layout accepted (all integers little-endian):
//   header      magic "GGUF" (bytes 47 47 55 46), u32 version (2 or 3; 1 is refused because it
//               used 32-bit counts), u64 tensor_count, u64 metadata_kv_count
//   metadata    metadata_kv_count times: string key, u32 value_type, value
//     string    u64 length + that many bytes (not NUL-terminated; UTF-8 expected, not enforced)
//     value     by type: U8=0 I8=1 U16=2 I16=3 U32=4 I32=5 F32=6 BOOL=7 (one byte, 0 or 1)
//               STRING=8, ARRAY=9 (u32 element type, u64 count, elements back to back; arrays
//               of arrays allowed up to kMaxArrayDepth), U64=10 I64=11 F64=12
//   tensor info tensor_count times: string name, u32 n_dims (1..4), n_dims x u64 ne (ne[0] is the
//               contiguous dimension), u32 type (GGML type id, see tensor_type.h),
//               u64 offset (from the start of the data section; a multiple of the alignment)
//   padding     zero bytes up to a multiple of the alignment
//   data        tensor bytes. alignment = general.alignment (u32, a power of two) or 32.
//
// Refused, each with its own Error::code (the message names the file and the problem):
//   gguf.io               cannot open/map the file (open() only)
//   gguf.truncated        the file ends inside a field, a string, an array or the tensor table
//   gguf.bad_magic        not "GGUF"
//   gguf.bad_version      version 1 ("GGUF version 1 is not supported"), big-endian, unknown
//   gguf.bad_count        a key/tensor/array count larger than the whole file could hold
//   gguf.bad_value_type   unknown metadata value or array element type
//   gguf.too_deep         arrays nested deeper than kMaxArrayDepth
//   gguf.duplicate_key    a metadata key twice
//   gguf.bad_alignment    general.alignment not a power of two stored as u32
//   gguf.bad_dims         n_dims not in 1..4
//   gguf.bad_shape        a dimension <= 0, or element/byte counts that overflow
//   gguf.unknown_type     tensor type id GGML does not define
//   gguf.unsupported_type a known type Hearth cannot decode (the message names it, e.g. IQ2_XXS)
//   gguf.bad_row_size     ne[0] not a multiple of the type's block size
//   gguf.duplicate_tensor a tensor name twice
//   gguf.misaligned       tensor offset not a multiple of the alignment
//   gguf.out_of_bounds    tensor data past the end of the file
//   gguf.overlap          two tensors' data overlap
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/mapped_file.h"
#include "base/result.h"
#include "inference/tensor/tensor_type.h"

namespace hearth {

enum class GgufValueType : uint32_t {
    U8 = 0, I8 = 1, U16 = 2, I16 = 3, U32 = 4, I32 = 5, F32 = 6, BOOL = 7,
    STRING = 8, ARRAY = 9, U64 = 10, I64 = 11, F64 = 12,
};

inline constexpr uint32_t kGgufDefaultAlignment = 32;
inline constexpr int kMaxArrayDepth = 4;  // arrays of arrays nested deeper than this are refused

// "u32", "string", "array", ...; "?" for an unknown value.
const char* gguf_type_name(GgufValueType t);
// Bytes of one scalar of type t; 0 for STRING, ARRAY and unknown types.
uint32_t gguf_scalar_size(GgufValueType t);

// One metadata value. Points into the file: valid as long as the GgufFile (or the memory given
// to from_memory) lives.
struct GgufValue {
    GgufValueType type = GgufValueType::U8;
    // Scalars: read through these (any integer type converts; checks are done by the getters).
    uint64_t u = 0;       // U8/U16/U32/U64 and BOOL
    int64_t i = 0;        // I8/I16/I32/I64 (also set for unsigned values that fit)
    double f = 0;         // F32/F64
    std::string_view str; // STRING
    // Arrays: element type, element count, and the encoded elements (validated).
    GgufValueType elem_type = GgufValueType::U8;
    uint64_t count = 0;
    std::span<const uint8_t> raw;  // the value's encoded bytes (after the type tag), any type

    bool is_array() const { return type == GgufValueType::ARRAY; }
    bool is_integer() const;
    // Element i of an array of fixed-size numbers or bools; nullopt when out of range or the
    // elements are strings/arrays. Integer elements convert to double exactly up to 2^53.
    std::optional<double> number_at(uint64_t i) const;
    std::optional<int64_t> int_at(uint64_t i) const;  // integer/bool elements only
    // Element i of an array of strings: O(i) (walks the array); use string_array() for all.
    std::optional<std::string_view> string_at(uint64_t i) const;
};

struct GgufKV {
    std::string_view key;
    GgufValue value;
};

struct GgufTensorInfo {
    std::string_view name;
    TensorType type = TensorType::F32;
    int n_dims = 0;
    int64_t ne[4] = {1, 1, 1, 1};  // ne[0] fastest; unused dims are 1
    uint64_t offset = 0;           // relative to the data section
    uint64_t size_bytes = 0;
    const uint8_t* data = nullptr; // into the mapped file

    int64_t n_elements() const { return ne[0] * ne[1] * ne[2] * ne[3]; }
    int64_t n_rows() const { return ne[1] * ne[2] * ne[3]; }
    uint64_t row_size() const { return row_bytes(type, ne[0]); }
};

class GgufFile {
public:
    // Maps the file read-only and validates everything. Error codes: "gguf.io" (cannot open or
    // map), and the "gguf.*" format codes listed in gguf_reader.cpp.
    // A split model (`split.count` > 1, files "<name>-00001-of-0000N.gguf", see gguf_split.h) is
    // opened from its first part as one file: the other parts are mapped too and their tensors
    // listed here. Errors then also: "gguf.split_part_missing" (names the missing part),
    // "gguf.split_not_first" (another part was given), "gguf.split_mismatch" (a part of another
    // model, or tensor counts that do not add up), and any part's own format errors.
    static Result<GgufFile> open(const std::filesystem::path& path);
    // Parses bytes the caller keeps alive for the GgufFile's lifetime (no copy). `name` is used in
    // error messages in place of a file name.
    static Result<GgufFile> from_memory(std::span<const uint8_t> bytes, std::string name);
    // The metadata and tensor table of a header alone (GgufWriter::header_bytes()), for a model
    // whose tensors come from elsewhere one at a time (a Hugging Face folder being converted):
    // every tensor's `data` is null and its bounds are not checked.
    static Result<GgufFile> from_header(std::span<const uint8_t> bytes, std::string name);

    GgufFile(GgufFile&& other) noexcept = default;
    GgufFile& operator=(GgufFile&& other) noexcept = default;
    GgufFile(const GgufFile&) = delete;
    GgufFile& operator=(const GgufFile&) = delete;

    const std::string& name() const { return name_; }  // path or the name given to from_memory
    uint32_t version() const { return version_; }
    uint64_t alignment() const { return alignment_; }
    uint64_t file_size() const { return bytes_.size(); }
    std::span<const uint8_t> bytes() const { return bytes_; }  // the whole file

    const std::vector<GgufKV>& metadata() const { return metadata_; }
    const GgufValue* find(std::string_view key) const;
    // Typed getters: nullopt when the key is absent or holds an incompatible type.
    std::optional<std::string_view> get_string(std::string_view key) const;
    std::optional<uint64_t> get_uint(std::string_view key) const;  // any integer type, if >= 0
    std::optional<int64_t> get_int(std::string_view key) const;    // any integer type that fits
    std::optional<double> get_float(std::string_view key) const;   // F32/F64 (and integers)
    std::optional<bool> get_bool(std::string_view key) const;
    // Arrays: nullopt when absent or not an array of the right element type.
    std::optional<uint64_t> get_array_count(std::string_view key) const;
    std::optional<std::vector<std::string_view>> get_string_array(std::string_view key) const;
    std::optional<std::vector<float>> get_f32_array(std::string_view key) const;  // F32 (or F64)
    std::optional<std::vector<int32_t>> get_i32_array(std::string_view key) const;  // any int <= 32 bits

    // Files of a split model (1 otherwise); the tensors of every part are in tensors().
    size_t part_count() const { return 1 + parts_.size(); }

    const std::vector<GgufTensorInfo>& tensors() const { return tensors_; }
    const GgufTensorInfo* tensor(std::string_view name) const;
    uint64_t data_offset() const { return data_offset_; }  // file offset of the data section
    std::span<const uint8_t> data_section() const { return bytes_.subspan(data_offset_); }

private:
    GgufFile() = default;
    static Result<GgufFile> parse(GgufFile file, bool header_only = false);
    static Result<GgufFile> open_single(const std::filesystem::path& path);  // one file, no joining
    // Opens parts 2..N of a split model whose first part this is, and lists their tensors.
    Status join_parts(const std::filesystem::path& first, uint64_t count);

    std::string name_;
    std::span<const uint8_t> bytes_;
    MappedFile map_;  // what bytes_ points into when open() mapped the file
    uint32_t version_ = 0;
    uint64_t alignment_ = kGgufDefaultAlignment;
    uint64_t data_offset_ = 0;
    std::vector<GgufKV> metadata_;
    std::vector<GgufTensorInfo> tensors_;
    std::unordered_map<std::string_view, size_t> kv_index_;      // key -> metadata_ index
    std::unordered_map<std::string_view, size_t> tensor_index_;  // name -> tensors_ index
    std::vector<std::unique_ptr<GgufFile>> parts_;  // the other files of a split model
};

}  // namespace hearth
