// tokenizer.model: SentencePiece's ModelProto, read with a minimal protobuf wire-format reader.
// Only these fields matter (sentencepiece_model.proto):
//   ModelProto      1: repeated SentencePiece pieces   2: TrainerSpec   3: NormalizerSpec
//   SentencePiece   1: string piece   2: float score   3: enum type (NORMAL=1 ... BYTE=6)
//   TrainerSpec     3: enum model_type (UNIGRAM=1, BPE=2, WORD=3, CHAR=4)
//                   40: unk_id  41: bos_id  42: eos_id  43: pad_id   (int32; -1 = none)
//   NormalizerSpec  3: bool add_dummy_prefix (default true)
// Wire format: each field is a varint key (field number << 3 | wire type) and a value: 0 varint,
// 1 eight bytes, 2 varint length + bytes, 5 four bytes. Unknown fields are skipped; groups (3, 4)
// are refused, as no SentencePiece model has them.
#include <cstring>

#include "inference/hf/vocab.h"

namespace hearth::hf {
namespace {

struct Wire {
    std::span<const uint8_t> b;
    size_t pos = 0;

    bool done() const { return pos >= b.size(); }
    bool varint(uint64_t& v) {
        v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= b.size()) return false;
            const uint8_t c = b[pos++];
            v |= static_cast<uint64_t>(c & 0x7f) << shift;
            if (!(c & 0x80)) return true;
        }
        return false;
    }
    // One field: its number and wire type, and for type 2 the payload, for 0/1/5 the value.
    bool field(uint32_t& num, uint32_t& wt, uint64_t& value, std::span<const uint8_t>& payload) {
        uint64_t key;
        if (!varint(key) || key >> 3 == 0 || key >> 3 > 0x1fffffff) return false;
        num = static_cast<uint32_t>(key >> 3);
        wt = static_cast<uint32_t>(key & 7);
        switch (wt) {
            case 0: return varint(value);
            case 1:
            case 5: {
                const size_t n = wt == 1 ? 8 : 4;
                if (b.size() - pos < n) return false;
                value = 0;
                for (size_t i = 0; i < n; ++i) value |= static_cast<uint64_t>(b[pos + i]) << (8 * i);
                pos += n;
                return true;
            }
            case 2: {
                uint64_t n;
                if (!varint(n) || n > b.size() - pos) return false;
                payload = b.subspan(pos, static_cast<size_t>(n));
                pos += static_cast<size_t>(n);
                return true;
            }
            default: return false;
        }
    }
};

Error bad(const std::string& file, const std::string& what) {
    return make_error("hf.bad_tokenizer", file + ": " + what + "; the model folder's tokenizer.model is damaged");
}

// A protobuf int32 is sent as a 64-bit varint (negative values sign-extended).
int64_t as_int32(uint64_t v) { return static_cast<int64_t>(static_cast<int32_t>(static_cast<uint32_t>(v))); }

}  // namespace

Result<HfVocab> read_sentencepiece(std::span<const uint8_t> bytes, const std::string& file) {
    HfVocab v;
    v.model = "llama";
    int64_t unk = 0, bos = 1, eos = 2, pad = -1;  // TrainerSpec's defaults
    bool dummy_prefix = true;
    uint64_t model_type = 1;
    Wire w{bytes};
    while (!w.done()) {
        uint32_t num, wt;
        uint64_t value = 0;
        std::span<const uint8_t> payload;
        if (!w.field(num, wt, value, payload)) return bad(file, "it is not a valid protobuf message");
        if (wt != 2 || num > 3) continue;
        Wire m{payload};
        if (num == 1) {
            std::string piece;
            float score = 0;
            int32_t type = kNormal;
            while (!m.done()) {
                uint32_t n2, wt2;
                uint64_t v2 = 0;
                std::span<const uint8_t> p2;
                if (!m.field(n2, wt2, v2, p2)) return bad(file, "piece " + std::to_string(v.tokens.size()) + " is malformed");
                if (n2 == 1 && wt2 == 2) piece.assign(reinterpret_cast<const char*>(p2.data()), p2.size());
                if (n2 == 2 && wt2 == 5) {
                    const auto bits = static_cast<uint32_t>(v2);
                    std::memcpy(&score, &bits, 4);
                }
                if (n2 == 3 && wt2 == 0) {
                    if (v2 < 1 || v2 > 6) return bad(file, "piece " + std::to_string(v.tokens.size()) + " has an unknown type");
                    type = static_cast<int32_t>(v2);
                }
            }
            if (v.tokens.size() >= (1u << 24)) return bad(file, "it has more pieces than an id can hold");
            v.tokens.push_back(std::move(piece));
            v.scores.push_back(score);
            v.types.push_back(type);
        } else {
            while (!m.done()) {
                uint32_t n2, wt2;
                uint64_t v2 = 0;
                std::span<const uint8_t> p2;
                if (!m.field(n2, wt2, v2, p2)) return bad(file, "its settings are malformed");
                if (wt2 != 0) continue;
                if (num == 2) {
                    if (n2 == 3) model_type = v2;
                    if (n2 == 40) unk = as_int32(v2);
                    if (n2 == 41) bos = as_int32(v2);
                    if (n2 == 42) eos = as_int32(v2);
                    if (n2 == 43) pad = as_int32(v2);
                } else if (n2 == 3) {
                    dummy_prefix = v2 != 0;
                }
            }
        }
    }
    if (v.tokens.empty()) return bad(file, "it has no pieces");
    // Hearth's SentencePiece tokenizer merges by score, which is the BPE kind; a unigram model
    // would need Viterbi segmentation (llama.cpp reads those as a different model).
    if (model_type != 2)
        return make_error("hf.unknown_pretokenizer",
                          file + ": the SentencePiece model is a " + std::string(model_type == 1 ? "unigram" : "word or character") +
                              " model; Hearth runs SentencePiece BPE models only.");
    const auto n = static_cast<int64_t>(v.tokens.size());
    auto id = [&](int64_t x) { return x >= 0 && x < n ? std::optional<int64_t>(x) : std::nullopt; };
    v.unk = id(unk);
    v.bos = id(bos);
    v.eos = id(eos);
    v.pad = id(pad);
    v.add_space_prefix = dummy_prefix;
    return v;
}

}  // namespace hearth::hf
