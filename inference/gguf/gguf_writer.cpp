// GGUF v3 writer: encodes metadata as it is set, lays tensors out at aligned offsets, and
// streams header, metadata, tensor infos, padding and data in file order.
#include "inference/gguf/gguf_writer.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <system_error>

#include "base/align.h"
#include "inference/tensor/dequantize.h"
#include "inference/tensor/quantize.h"

namespace hearth {
namespace {

template <class T>
void put_le(std::vector<uint8_t>& out, T v) {
    uint64_t bits;
    if constexpr (sizeof(T) == 8) {
        std::memcpy(&bits, &v, 8);
    } else {
        typename std::conditional<sizeof(T) == 4, uint32_t, typename std::conditional<sizeof(T) == 2, uint16_t, uint8_t>::type>::type u;
        std::memcpy(&u, &v, sizeof(T));
        bits = u;
    }
    for (size_t i = 0; i < sizeof(T); ++i) out.push_back(static_cast<uint8_t>(bits >> (8 * i)));
}

void put_string(std::vector<uint8_t>& out, std::string_view s) {
    put_le<uint64_t>(out, s.size());
    out.insert(out.end(), s.begin(), s.end());
}

std::vector<uint8_t> array_header(GgufValueType elem, uint64_t count) {
    std::vector<uint8_t> e;
    put_le<uint32_t>(e, static_cast<uint32_t>(elem));
    put_le<uint64_t>(e, count);
    return e;
}

template <class T>
std::vector<uint8_t> scalar(T v) {
    std::vector<uint8_t> e;
    put_le<T>(e, v);
    return e;
}

template <class T>
std::vector<uint8_t> numeric_array(GgufValueType elem, std::span<const T> v) {
    auto e = array_header(elem, v.size());
    for (const T& x : v) put_le<T>(e, x);
    return e;
}

constexpr size_t kMaxTensorName = 64;  // GGML_MAX_NAME, including the terminating NUL

}  // namespace

void GgufWriter::put(std::string_view key, GgufValueType type, std::vector<uint8_t> encoded) {
    for (auto& kv : kvs_) {
        if (kv.key == key) {
            kv.type = type;
            kv.encoded = std::move(encoded);
            return;
        }
    }
    kvs_.push_back(KV{std::string(key), type, std::move(encoded)});
}

void GgufWriter::set_u8(std::string_view k, uint8_t v) { put(k, GgufValueType::U8, scalar(v)); }
void GgufWriter::set_i8(std::string_view k, int8_t v) { put(k, GgufValueType::I8, scalar(v)); }
void GgufWriter::set_u16(std::string_view k, uint16_t v) { put(k, GgufValueType::U16, scalar(v)); }
void GgufWriter::set_i16(std::string_view k, int16_t v) { put(k, GgufValueType::I16, scalar(v)); }
void GgufWriter::set_u32(std::string_view k, uint32_t v) { put(k, GgufValueType::U32, scalar(v)); }
void GgufWriter::set_i32(std::string_view k, int32_t v) { put(k, GgufValueType::I32, scalar(v)); }
void GgufWriter::set_u64(std::string_view k, uint64_t v) { put(k, GgufValueType::U64, scalar(v)); }
void GgufWriter::set_i64(std::string_view k, int64_t v) { put(k, GgufValueType::I64, scalar(v)); }
void GgufWriter::set_f32(std::string_view k, float v) { put(k, GgufValueType::F32, scalar(v)); }
void GgufWriter::set_f64(std::string_view k, double v) { put(k, GgufValueType::F64, scalar(v)); }
void GgufWriter::set_bool(std::string_view k, bool v) {
    put(k, GgufValueType::BOOL, scalar<uint8_t>(v ? 1 : 0));
}
void GgufWriter::set_string(std::string_view k, std::string_view v) {
    std::vector<uint8_t> e;
    put_string(e, v);
    put(k, GgufValueType::STRING, std::move(e));
}
void GgufWriter::set_string_array(std::string_view k, const std::vector<std::string>& v) {
    auto e = array_header(GgufValueType::STRING, v.size());
    for (const auto& s : v) put_string(e, s);
    put(k, GgufValueType::ARRAY, std::move(e));
}
void GgufWriter::set_string_array(std::string_view k, const std::vector<std::string_view>& v) {
    auto e = array_header(GgufValueType::STRING, v.size());
    for (const auto& s : v) put_string(e, s);
    put(k, GgufValueType::ARRAY, std::move(e));
}
void GgufWriter::set_f32_array(std::string_view k, std::span<const float> v) {
    put(k, GgufValueType::ARRAY, numeric_array(GgufValueType::F32, v));
}
void GgufWriter::set_i32_array(std::string_view k, std::span<const int32_t> v) {
    put(k, GgufValueType::ARRAY, numeric_array(GgufValueType::I32, v));
}
void GgufWriter::set_u32_array(std::string_view k, std::span<const uint32_t> v) {
    put(k, GgufValueType::ARRAY, numeric_array(GgufValueType::U32, v));
}

bool GgufWriter::set_array_raw(std::string_view k, GgufValueType elem, uint64_t count,
                               std::span<const uint8_t> bytes) {
    const uint32_t es = gguf_scalar_size(elem);
    if (es == 0 || count > bytes.size() / es || count * es != bytes.size()) return false;
    auto e = array_header(elem, count);
    e.insert(e.end(), bytes.begin(), bytes.end());
    put(k, GgufValueType::ARRAY, std::move(e));
    return true;
}

void GgufWriter::set_value(std::string_view k, const GgufValue& v) { set_encoded(k, v.type, v.raw); }

void GgufWriter::set_encoded(std::string_view k, GgufValueType type, std::span<const uint8_t> encoded) {
    put(k, type, std::vector<uint8_t>(encoded.begin(), encoded.end()));
}

bool GgufWriter::remove(std::string_view key) {
    for (auto it = kvs_.begin(); it != kvs_.end(); ++it) {
        if (it->key == key) {
            kvs_.erase(it);
            return true;
        }
    }
    return false;
}

bool GgufWriter::has(std::string_view key) const {
    for (const auto& kv : kvs_)
        if (kv.key == key) return true;
    return false;
}

Status GgufWriter::check_tensor(std::string_view name, TensorType type, std::span<const int64_t> ne,
                                uint64_t n_bytes) const {
    const std::string tn = "tensor '" + std::string(name) + "'";
    if (name.empty() || name.size() >= kMaxTensorName)
        return make_error("gguf.bad_tensor", tn + ": tensor names must be 1 to " + std::to_string(kMaxTensorName - 1) +
                                                 " bytes long, or llama.cpp cannot load the file.");
    if (ne.empty() || ne.size() > 4)
        return make_error("gguf.bad_tensor", tn + " must have 1 to 4 dimensions, not " + std::to_string(ne.size()) + ".");
    int64_t n = 1;
    for (int64_t d : ne) {
        if (d <= 0) return make_error("gguf.bad_tensor", tn + " has a dimension of " + std::to_string(d) + "; every dimension must be at least 1.");
        if (__builtin_mul_overflow(n, d, &n)) return make_error("gguf.bad_tensor", tn + " has too many elements.");
    }
    const TypeTraits* tt = type_traits(static_cast<uint32_t>(type));
    if (!tt || tt->block_size == 0)
        return make_error("tensor.unsupported_type", tn + " has an unknown tensor type " +
                                                         std::to_string(static_cast<uint32_t>(type)) + ".");
    if (!row_size_ok(type, ne[0]))
        return make_error("tensor.row_size", tn + " has rows of " + std::to_string(ne[0]) + " elements, which " +
                                                 tt->name + " cannot store (rows must be a multiple of " +
                                                 std::to_string(tt->block_size) + ").");
    uint64_t expect;
    if (__builtin_mul_overflow(row_bytes(type, ne[0]), static_cast<uint64_t>(n / ne[0]), &expect))
        return make_error("gguf.bad_tensor", tn + " is too large.");
    if (expect != n_bytes)
        return make_error("gguf.bad_tensor", tn + " has " + std::to_string(n_bytes) + " bytes of data but its type and shape need " +
                                                 std::to_string(expect) + ".");
    for (const auto& t : tensors_)
        if (t.name == name) return make_error("gguf.bad_tensor", tn + " was added twice.");
    return {};
}

Status GgufWriter::add_tensor_view(std::string_view name, TensorType type, std::span<const int64_t> ne,
                                   std::span<const uint8_t> bytes) {
    if (auto s = check_tensor(name, type, ne, bytes.size()); !s) return s;
    tensors_.push_back(Tensor{std::string(name), type, std::vector<int64_t>(ne.begin(), ne.end()), bytes,
                              bytes.size(), false, nullptr});
    return {};
}

Status GgufWriter::add_tensor_streamed(std::string_view name, TensorType type, std::span<const int64_t> ne) {
    uint64_t rows = 1;
    for (size_t i = 1; i < ne.size(); ++i) rows *= ne[i] > 0 ? static_cast<uint64_t>(ne[i]) : 0;
    const uint64_t size = ne.empty() || ne[0] <= 0 || !row_size_ok(type, ne[0]) ? 0 : row_bytes(type, ne[0]) * rows;
    if (auto s = check_tensor(name, type, ne, size); !s) return s;
    tensors_.push_back(Tensor{std::string(name), type, std::vector<int64_t>(ne.begin(), ne.end()), {}, size, true, nullptr});
    return {};
}

Status GgufWriter::add_tensor(std::string_view name, TensorType type, std::span<const int64_t> ne,
                              std::span<const uint8_t> bytes) {
    if (auto s = check_tensor(name, type, ne, bytes.size()); !s) return s;
    auto owned = std::make_shared<std::vector<uint8_t>>(bytes.begin(), bytes.end());
    tensors_.push_back(Tensor{std::string(name), type, std::vector<int64_t>(ne.begin(), ne.end()),
                              std::span<const uint8_t>(*owned), owned->size(), false, owned});
    return {};
}

Status GgufWriter::add_tensor_f32(std::string_view name, TensorType type, std::span<const int64_t> ne,
                                  std::span<const float> values) {
    if (!is_writable(type))
        return make_error("tensor.unsupported_type", "tensor '" + std::string(name) + "': Hearth cannot quantize to " +
                                                         type_name(type) + ".");
    int64_t n = 1;
    for (int64_t d : ne)
        if (n < 0 || d <= 0 || __builtin_mul_overflow(n, d, &n)) n = -1;
    if (ne.empty() || ne.size() > 4 || n < 0 || static_cast<uint64_t>(n) != values.size())
        return make_error("gguf.bad_tensor", "tensor '" + std::string(name) + "' was given " +
                                                 std::to_string(values.size()) + " values, which do not match its shape.");
    if (!row_size_ok(type, ne[0]))
        return check_tensor(name, type, ne, 0);  // gives the row-size message
    const uint64_t rb = row_bytes(type, ne[0]);
    const int64_t rows = n / ne[0];
    auto owned = std::make_shared<std::vector<uint8_t>>(rb * static_cast<uint64_t>(rows));
    for (int64_t r = 0; r < rows; ++r)
        if (auto s = quantize_row(type, values.data() + r * ne[0], owned->data() + static_cast<uint64_t>(r) * rb, ne[0]); !s)
            return make_error(s.error().code, "tensor '" + std::string(name) + "', row " + std::to_string(r) + ": " +
                                                  s.error().message);
    if (auto s = check_tensor(name, type, ne, owned->size()); !s) return s;
    tensors_.push_back(Tensor{std::string(name), type, std::vector<int64_t>(ne.begin(), ne.end()),
                              std::span<const uint8_t>(*owned), owned->size(), false, owned});
    return {};
}

Status GgufWriter::add_tensor_from(const GgufTensorInfo& t) {
    return add_tensor_view(t.name, t.type, std::span<const int64_t>(t.ne, static_cast<size_t>(t.n_dims)),
                           std::span<const uint8_t>(t.data, t.size_bytes));
}

Status GgufWriter::add_tensor_converted(const GgufTensorInfo& t, TensorType type) {
    const std::span<const int64_t> ne(t.ne, static_cast<size_t>(t.n_dims));
    if (!is_writable(type))
        return make_error("tensor.unsupported_type", "tensor '" + std::string(t.name) + "': Hearth cannot quantize to " +
                                                         type_name(type) + ".");
    if (!row_size_ok(type, t.ne[0])) return check_tensor(t.name, type, ne, 0);
    if (!is_supported(t.type) || !row_size_ok(t.type, t.ne[0]) || t.size_bytes != t.row_size() * static_cast<uint64_t>(t.n_rows()))
        return make_error("gguf.bad_tensor", "tensor '" + std::string(t.name) + "' cannot be read as " +
                                                 type_name(t.type) + ".");
    const uint64_t rb = row_bytes(type, t.ne[0]);
    const int64_t rows = t.n_rows();
    auto owned = std::make_shared<std::vector<uint8_t>>(rb * static_cast<uint64_t>(rows));
    std::vector<float> row(static_cast<size_t>(t.ne[0]));
    for (int64_t r = 0; r < rows; ++r) {
        dequantize_row(t.type, t.data + static_cast<uint64_t>(r) * t.row_size(), row.data(), t.ne[0]);
        if (auto s = quantize_row(type, row.data(), owned->data() + static_cast<uint64_t>(r) * rb, t.ne[0]); !s)
            return make_error(s.error().code, "tensor '" + std::string(t.name) + "', row " + std::to_string(r) + ": " +
                                                  s.error().message);
    }
    if (auto s = check_tensor(t.name, type, ne, owned->size()); !s) return s;
    tensors_.push_back(Tensor{std::string(t.name), type, std::vector<int64_t>(ne.begin(), ne.end()),
                              std::span<const uint8_t>(*owned), owned->size(), false, owned});
    return {};
}

uint64_t GgufWriter::alignment() const {
    for (const auto& kv : kvs_) {
        if (kv.key != "general.alignment" || kv.type != GgufValueType::U32 || kv.encoded.size() != 4) continue;
        const uint32_t a = static_cast<uint32_t>(kv.encoded[0]) | static_cast<uint32_t>(kv.encoded[1]) << 8 |
                           static_cast<uint32_t>(kv.encoded[2]) << 16 | static_cast<uint32_t>(kv.encoded[3]) << 24;
        if (a != 0 && (a & (a - 1)) == 0) return a;
    }
    return kGgufDefaultAlignment;
}

std::vector<uint8_t> GgufWriter::header_bytes() const {
    const uint64_t align = alignment();
    std::vector<uint8_t> head{'G', 'G', 'U', 'F'};
    put_le<uint32_t>(head, 3);
    put_le<uint64_t>(head, tensors_.size());
    put_le<uint64_t>(head, kvs_.size());
    for (const auto& kv : kvs_) {
        put_string(head, kv.key);
        put_le<uint32_t>(head, static_cast<uint32_t>(kv.type));
        head.insert(head.end(), kv.encoded.begin(), kv.encoded.end());
    }
    uint64_t offset = 0;
    for (const auto& t : tensors_) {
        put_string(head, t.name);
        put_le<uint32_t>(head, static_cast<uint32_t>(t.ne.size()));
        for (int64_t d : t.ne) put_le<uint64_t>(head, static_cast<uint64_t>(d));
        put_le<uint32_t>(head, static_cast<uint32_t>(t.type));
        put_le<uint64_t>(head, offset);
        offset = align_up(offset + t.size, align);
    }
    // llama.cpp writes no padding after the infos of a file without tensors (vocab-only files).
    if (!tensors_.empty()) head.resize(align_up(head.size(), align), 0);
    return head;
}

uint64_t GgufWriter::file_size() const {
    uint64_t n = header_bytes().size();
    for (const auto& t : tensors_) n += align_up(t.size, alignment());
    return n;
}

Status GgufWriter::emit(const std::function<bool(std::span<const uint8_t>)>& out) const {
    const uint64_t align = alignment();
    for (const auto& t : tensors_)
        if (t.streamed)
            return make_error("gguf.write", "tensor '" + t.name + "' is written by a streaming writer, not this one");
    if (!out(header_bytes())) return make_error("gguf.write", "writing the GGUF header failed");
    const std::vector<uint8_t> zeros(align, 0);
    for (const auto& t : tensors_) {
        if (!out(t.bytes)) return make_error("gguf.write", "writing tensor '" + t.name + "' failed");
        const uint64_t pad = align_up(t.bytes.size(), align) - t.bytes.size();
        if (pad && !out(std::span<const uint8_t>(zeros.data(), pad)))
            return make_error("gguf.write", "writing padding after tensor '" + t.name + "' failed");
    }
    return {};
}

Result<std::vector<uint8_t>> GgufWriter::to_bytes() const {
    std::vector<uint8_t> bytes;
    auto s = emit([&](std::span<const uint8_t> b) {
        bytes.insert(bytes.end(), b.begin(), b.end());
        return true;
    });
    if (!s) return s.error();
    return bytes;
}

Status GgufWriter::write(const std::filesystem::path& path) const {
    std::filesystem::path tmp = path;
    tmp += ".tmp";
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f)
        return make_error("gguf.write", tmp.string() + ": cannot create the file (" + std::strerror(errno) +
                                            "); check the folder exists and is writable");
    int err = 0;
    auto s = emit([&](std::span<const uint8_t> b) {
        if (b.empty()) return true;
        if (std::fwrite(b.data(), 1, b.size(), f) == b.size()) return true;
        err = errno;
        return false;
    });
    if (std::fclose(f) != 0 && s && !err) err = errno ? errno : EIO;
    if (!s || err) {
        std::error_code ec;
        std::filesystem::remove(tmp, ec);
        return make_error("gguf.write", path.string() + ": writing failed (" + std::string(std::strerror(err ? err : EIO)) +
                                            "); check free disk space");
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) {
        const std::string why = ec.message();
        std::filesystem::remove(tmp, ec);
        return make_error("gguf.write", path.string() + ": cannot rename the finished file into place (" + why +
                                            "); check the folder is writable");
    }
    return {};
}

}  // namespace hearth
