// Parsing and validation of GGUF files. Every check happens here, before open() returns, so
// the rest of Hearth can trust a GgufFile completely. Error codes (all "gguf."):
//   io, truncated, bad_magic, bad_version, bad_count, bad_value_type, too_deep, duplicate_key,
//   bad_alignment, bad_dims, bad_shape, unknown_type, unsupported_type, bad_row_size,
//   duplicate_tensor, misaligned, out_of_bounds, overlap
#include "inference/gguf/gguf_reader.h"

#include <algorithm>
#include <cstring>
#include <numeric>

#include "inference/gguf/gguf_cursor.h"

namespace hearth {

using gguf_detail::Cursor;

namespace {

constexpr uint8_t kMagic[4] = {'G', 'G', 'U', 'F'};
// The smallest encodings, used to bound counts by the bytes left before allocating anything.
constexpr uint64_t kMinKvBytes = 8 + 4 + 1;              // empty key, type, 1-byte value
constexpr uint64_t kMinTensorInfoBytes = 8 + 4 + 8 + 4 + 8;  // empty name, 1 dim, type, offset

class Parser {
public:
    Parser(const std::string& name, std::span<const uint8_t> bytes) : name_(name), c_(bytes) {}

    Error fail(const char* code, const std::string& what, const std::string& advice) const {
        return make_error(std::string("gguf.") + code, name_ + ": " + what + "; " + advice);
    }
    Error truncated(const std::string& inside) const {
        return fail("truncated",
                    "the file ends at byte " + std::to_string(c_.offset() + c_.remaining()) + " inside " + inside,
                    "it is incomplete or damaged, download it again");
    }
    Error corrupt(const char* code, const std::string& what) const {
        return fail(code, what, "the file is damaged or was not written by a GGUF tool; download it again");
    }

    Cursor& cursor() { return c_; }

    // A count whose entries cannot fit in the bytes left. A count larger than the whole file is
    // nonsense (a damaged field); a smaller one most likely means the file was cut short.
    Error too_many(const std::string& what, uint64_t count) const {
        if (count > c_.offset() + c_.remaining())
            return corrupt("bad_count", what + " claims " + std::to_string(count) +
                                            " entries, more than the whole file could hold");
        return truncated(what);
    }

    // Reads one value of type t (already read) into v, checking every length against the file.
    Status value(GgufValueType t, GgufValue& v, int depth, std::string_view key) {
        const uint8_t* start = c_.here();
        v.type = t;
        const uint32_t size = gguf_scalar_size(t);
        if (size != 0) {
            uint64_t bits = 0;
            for (uint32_t i = 0; i < size; ++i) {
                uint8_t b;
                if (!c_.read_u8(b)) return truncated("the value of key '" + std::string(key) + "'");
                bits |= static_cast<uint64_t>(b) << (8 * i);
            }
            set_scalar(v, t, bits);
        } else if (t == GgufValueType::STRING) {
            if (!c_.read_string(v.str)) return truncated("the string value of key '" + std::string(key) + "'");
        } else if (t == GgufValueType::ARRAY) {
            if (depth >= kMaxArrayDepth)
                return corrupt("too_deep", "key '" + std::string(key) + "' nests arrays more than " +
                                               std::to_string(kMaxArrayDepth) + " deep");
            uint32_t et;
            if (!c_.read_u32(et) || !c_.read_u64(v.count))
                return truncated("the array header of key '" + std::string(key) + "'");
            v.elem_type = static_cast<GgufValueType>(et);
            if (et > static_cast<uint32_t>(GgufValueType::F64))
                return corrupt("bad_value_type", "key '" + std::string(key) + "' is an array of unknown type " +
                                                     std::to_string(et));
            const uint32_t es = gguf_scalar_size(v.elem_type);
            // Strings need at least 8 bytes each, arrays 12: bound the count before walking it.
            const uint64_t min_elem = es ? es : (v.elem_type == GgufValueType::STRING ? 8 : 12);
            if (v.count > c_.remaining() / min_elem)
                return too_many("the array of key '" + std::string(key) + "'", v.count);
            if (es) {
                c_.skip(v.count * es);
            } else {
                GgufValue elem;
                for (uint64_t i = 0; i < v.count; ++i)
                    if (auto s = value(v.elem_type, elem, depth + 1, key); !s) return s;
            }
        } else {
            return corrupt("bad_value_type", "key '" + std::string(key) + "' has unknown value type " +
                                                 std::to_string(static_cast<uint32_t>(t)));
        }
        v.raw = std::span<const uint8_t>(start, static_cast<size_t>(c_.here() - start));
        return {};
    }

private:
    static void set_scalar(GgufValue& v, GgufValueType t, uint64_t bits) {
        switch (t) {
            case GgufValueType::I8: v.i = static_cast<int8_t>(bits); break;
            case GgufValueType::I16: v.i = static_cast<int16_t>(bits); break;
            case GgufValueType::I32: v.i = static_cast<int32_t>(bits); break;
            case GgufValueType::I64: v.i = static_cast<int64_t>(bits); break;
            case GgufValueType::F32: {
                float f;
                const auto b = static_cast<uint32_t>(bits);
                std::memcpy(&f, &b, 4);
                v.f = f;
                return;
            }
            case GgufValueType::F64: std::memcpy(&v.f, &bits, 8); return;
            default:  // unsigned and bool
                v.u = bits;
                v.i = bits <= static_cast<uint64_t>(INT64_MAX) ? static_cast<int64_t>(bits) : 0;
                return;
        }
        v.u = v.i >= 0 ? static_cast<uint64_t>(v.i) : 0;
    }

    const std::string& name_;
    Cursor c_;
};

std::string shape_string(const int64_t* ne, int n) {
    std::string s = "[";
    for (int i = 0; i < n; ++i) s += (i ? ", " : "") + std::to_string(ne[i]);
    return s + "]";
}

}  // namespace

Result<GgufFile> GgufFile::parse(GgufFile f, bool header_only) {
    Parser p(f.name_, f.bytes_);
    Cursor& c = p.cursor();

    // --- header ---
    uint8_t magic[4] = {0, 0, 0, 0};
    for (auto& b : magic)
        if (!c.read_u8(b)) return p.truncated("the header (a GGUF file starts with 24 header bytes)");
    if (std::memcmp(magic, kMagic, 4) != 0)
        return p.fail("bad_magic", "this is not a GGUF file (it does not start with \"GGUF\")",
                      "choose a .gguf model file");
    uint32_t version;
    if (!c.read_u32(version)) return p.truncated("the header");
    if (version == 1)
        return p.fail("bad_version", "GGUF version 1 is not supported (it is the obsolete 2023 layout)",
                      "download a current GGUF of this model or convert it again with a recent llama.cpp");
    if (version == 0x02000000 || version == 0x03000000)
        return p.fail("bad_version", "big-endian GGUF files are not supported",
                      "download the little-endian GGUF of this model");
    if (version != 2 && version != 3)
        return p.fail("bad_version", "GGUF version " + std::to_string(version) + " is not supported (Hearth reads 2 and 3)",
                      "use a model file written by a GGUF tool Hearth supports");
    f.version_ = version;
    uint64_t n_tensors, n_kv;
    if (!c.read_u64(n_tensors) || !c.read_u64(n_kv)) return p.truncated("the header");
    if (n_kv > c.remaining() / kMinKvBytes) return p.too_many("the metadata", n_kv);
    if (n_tensors > c.remaining() / kMinTensorInfoBytes) return p.too_many("the tensor table", n_tensors);

    // --- metadata ---  (counts are bounded by the file size above, so reserving is safe)
    f.metadata_.reserve(static_cast<size_t>(n_kv));
    f.kv_index_.reserve(static_cast<size_t>(n_kv));
    for (uint64_t k = 0; k < n_kv; ++k) {
        GgufKV kv;
        if (!c.read_string(kv.key)) return p.truncated("the key of metadata entry " + std::to_string(k));
        uint32_t t;
        if (!c.read_u32(t)) return p.truncated("the type of key '" + std::string(kv.key) + "'");
        if (auto s = p.value(static_cast<GgufValueType>(t), kv.value, 0, kv.key); !s) return s.error();
        if (!f.kv_index_.emplace(kv.key, f.metadata_.size()).second)
            return p.corrupt("duplicate_key", "metadata key '" + std::string(kv.key) + "' appears twice");
        f.metadata_.push_back(kv);
    }
    if (const GgufValue* a = f.find("general.alignment")) {
        if (a->type != GgufValueType::U32 || a->u == 0 || (a->u & (a->u - 1)) != 0)
            return p.corrupt("bad_alignment", "general.alignment must be a power of two stored as u32");
        f.alignment_ = a->u;
    }

    // --- tensor infos ---
    f.tensors_.reserve(static_cast<size_t>(n_tensors));
    f.tensor_index_.reserve(static_cast<size_t>(n_tensors));
    for (uint64_t k = 0; k < n_tensors; ++k) {
        GgufTensorInfo t;
        if (!c.read_string(t.name)) return p.truncated("the name of tensor " + std::to_string(k));
        const std::string tn = "tensor '" + std::string(t.name) + "'";
        uint32_t n_dims;
        if (!c.read_u32(n_dims)) return p.truncated("the info of " + tn);
        if (n_dims < 1 || n_dims > 4)
            return p.corrupt("bad_dims", tn + " has " + std::to_string(n_dims) + " dimensions (1 to 4 allowed)");
        t.n_dims = static_cast<int>(n_dims);
        int64_t n_elem = 1;
        for (uint32_t d = 0; d < n_dims; ++d) {
            uint64_t ne;
            if (!c.read_u64(ne)) return p.truncated("the shape of " + tn);
            if (ne == 0 || ne > static_cast<uint64_t>(INT64_MAX))
                return p.corrupt("bad_shape", tn + " has dimension " + std::to_string(d) + " of " +
                                                  (ne == 0 ? std::string("0") : std::to_string(static_cast<int64_t>(ne))));
            t.ne[d] = static_cast<int64_t>(ne);
            if (__builtin_mul_overflow(n_elem, t.ne[d], &n_elem))
                return p.corrupt("bad_shape", tn + " has more elements than can be counted");
        }
        uint32_t type;
        uint64_t offset;
        if (!c.read_u32(type) || !c.read_u64(offset)) return p.truncated("the info of " + tn);
        const TypeTraits* tt = type_traits(type);
        if (!tt) return p.corrupt("unknown_type", tn + " has unknown type id " + std::to_string(type));
        t.type = static_cast<TensorType>(type);
        if (!tt->supported)
            return p.fail("unsupported_type", tn + " uses type " + tt->name + ", which Hearth does not support yet",
                          "choose a GGUF quantized as Q4_K_M, Q5_K_M, Q6_K, Q8_0, Q4_0, F16 or F32");
        if (!row_size_ok(t.type, t.ne[0]))
            return p.corrupt("bad_row_size", tn + " has rows of " + std::to_string(t.ne[0]) + " elements, not a multiple of " +
                                                 tt->name + "'s block of " + std::to_string(tt->block_size));
        const uint64_t rb = row_bytes(t.type, t.ne[0]);
        const auto rows = static_cast<uint64_t>(n_elem / t.ne[0]);
        if (__builtin_mul_overflow(rb, rows, &t.size_bytes))
            return p.corrupt("bad_shape", tn + " " + shape_string(t.ne, t.n_dims) + " is too large");
        t.offset = offset;
        if (!f.tensor_index_.emplace(t.name, f.tensors_.size()).second)
            return p.corrupt("duplicate_tensor", "tensor name '" + std::string(t.name) + "' appears twice");
        f.tensors_.push_back(t);
    }

    // --- data section ---
    const uint64_t end_of_infos = c.offset();
    const uint64_t size = f.bytes_.size();
    const uint64_t data_offset = (end_of_infos + f.alignment_ - 1) / f.alignment_ * f.alignment_;
    if (f.tensors_.empty() || header_only) {
        f.data_offset_ = std::min(data_offset, size);  // vocab-only files may end without padding
        return f;  // header_only: data pointers stay null
    }
    if (data_offset > size) return p.truncated("the padding before the tensor data");
    f.data_offset_ = data_offset;
    const uint64_t data_size = size - data_offset;
    for (auto& t : f.tensors_) {
        const std::string tn = "tensor '" + std::string(t.name) + "'";
        if (t.offset % f.alignment_ != 0)
            return p.corrupt("misaligned", tn + " starts at data offset " + std::to_string(t.offset) +
                                               ", not a multiple of the alignment " + std::to_string(f.alignment_));
        if (t.offset > data_size || t.size_bytes > data_size - t.offset)
            return p.fail("out_of_bounds",
                          tn + " lies outside the file (bytes " + std::to_string(data_offset + t.offset) + " to " +
                              std::to_string(data_offset + t.offset + t.size_bytes) + " of a " +
                              std::to_string(size) + "-byte file)",
                          "the file is truncated or damaged, download it again");
        t.data = f.bytes_.data() + data_offset + t.offset;
    }
    std::vector<size_t> order(f.tensors_.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return f.tensors_[a].offset < f.tensors_[b].offset; });
    for (size_t i = 1; i < order.size(); ++i) {
        const auto& a = f.tensors_[order[i - 1]];
        const auto& b = f.tensors_[order[i]];
        if (a.offset + a.size_bytes > b.offset)
            return p.corrupt("overlap", "the data of tensors '" + std::string(a.name) + "' and '" +
                                            std::string(b.name) + "' overlap");
    }
    return f;
}

Result<GgufFile> GgufFile::from_memory(std::span<const uint8_t> bytes, std::string name) {
    GgufFile f;
    f.name_ = std::move(name);
    f.bytes_ = bytes;
    return parse(std::move(f));
}

Result<GgufFile> GgufFile::from_header(std::span<const uint8_t> bytes, std::string name) {
    GgufFile f;
    f.name_ = std::move(name);
    f.bytes_ = bytes;
    return parse(std::move(f), true);
}

Result<GgufFile> GgufFile::open_single(const std::filesystem::path& path) {
    auto map = MappedFile::open(path, {"gguf.io", "check the path and its permissions",
                                       "choose a .gguf model file", "check free memory and address space"});
    if (!map) return map.error();
    GgufFile f;
    f.name_ = path.string();
    f.bytes_ = map->bytes();
    f.map_ = std::move(*map);
    return parse(std::move(f));
}

Result<GgufFile> GgufFile::open(const std::filesystem::path& path) {
    auto f = open_single(path);
    if (!f) return f;
    const uint64_t count = f->get_uint("split.count").value_or(1);
    if (count > 1) {
        if (auto st = f->join_parts(path, count); !st) return st.error();
    }
    return f;
}

}  // namespace hearth
