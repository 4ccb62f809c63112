// Text to token ids and back, for the three vocabulary families GGUF models use:
//   SPM (llama):  SentencePiece BPE: characters merged by token score, "▁" for spaces, a dummy
//                 space prefix, <0xAB> byte tokens for characters not in the vocabulary.
//   BPE (gpt2):   byte-level BPE: a regex pre-tokenizer chosen by tokenizer.ggml.pre cuts words,
//                 bytes map to GPT-2's printable alphabet, pairs merge by rank.
//   WordPiece (bert): BERT's basic pre-tokenization, then greedy longest match per word.
// Special tokens (control, user-defined) are cut out of the text first and never merged with it.
//
// A Tokenizer is immutable after make_tokenizer: share it across threads freely.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/result.h"
#include "inference/tokenizer/vocab.h"

namespace hearth {

struct PreTokenizer;

struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using TokenMap = std::unordered_map<std::string, int32_t, StringHash, std::equal_to<>>;

struct Tokenizer {
    Vocab vocab;
    TokenMap token_to_id;
    // BPE: (left id << 32 | right id) -> {rank, merged id}.
    std::unordered_map<uint64_t, std::pair<int32_t, int32_t>> merges;
    // SPM: the <0xAB> token per byte; BPE: the token of the byte's alphabet character. -1: none.
    std::array<int32_t, 256> byte_token = [] {
        std::array<int32_t, 256> a{};
        a.fill(-1);
        return a;
    }();
    // Tokens cut out of the text before tokenizing, longest first.
    std::vector<int32_t> specials;
    std::shared_ptr<const PreTokenizer> pre;  // BPE only
    bool ignore_merges = false;               // BPE: whole-word tokens skip merging (Llama 3)
    // WordPiece: "##" marks a continuation (Hugging Face's vocab.txt); otherwise the GGUF
    // convention: "▁" marks a word start and continuations are bare.
    bool wordpiece_hash_continuation = false;
    bool wordpiece_lowercase = true;  // uncased vocabularies: lower-case and strip accents
    // Tokens that end a generated reply: EOS, EOT, and control tokens chat formats end turns
    // with (<|eot_id|>, <|im_end|>, <|end|>, <end_of_turn> ...). Sorted.
    std::vector<int32_t> end_of_generation;
};

// Builds the lookup tables. Errors: those of validate_vocab, "tokenizer.unknown_pre",
// "tokenizer.bad_regex".
Result<Tokenizer> make_tokenizer(Vocab vocab);
// vocab_from_gguf + make_tokenizer; every error message names the file.
Result<Tokenizer> tokenizer_from_gguf(const GgufFile& file);

bool is_end_of_generation(const Tokenizer& tok, int32_t id);

struct TokenizeOptions {
    bool add_special = true;    // BOS / EOS as the vocabulary's add_bos / add_eos flags say
    bool parse_special = true;  // match control tokens (<s>, <|im_start|>) written in the text
};

// Never fails: characters the vocabulary cannot express become byte tokens or the unknown token.
std::vector<int32_t> tokenize(const Tokenizer& tok, std::string_view text, TokenizeOptions opt = {});

// One piece of a rendered chat: the template's own text, or a message's content.
struct TextPiece {
    std::string_view text;
    bool is_template = false;
};
// Tokenizes a chat prompt piece by piece, so that special tokens are recognised only where the
// template wrote them: template pieces are tokenized with parse_special, content pieces as
// plain text (control tokens never; added tokens only when they do not look like markup, such
// as "<start_of_turn>" or "[INST]", which some files mark as added rather than control). No
// piece merges with its neighbours; the SPM space prefix is applied as if the pieces were one
// text. No BOS/EOS is added.
std::vector<int32_t> tokenize_pieces(const Tokenizer& tok, std::span<const TextPiece> pieces);

// The bytes a token stands for: "▁" becomes a space, <0x0A> the byte 0x0A, byte-level BPE text
// its bytes. Control tokens give "" unless render_special, which gives their text. Ids out of
// range give "".
std::string token_to_piece(const Tokenizer& tok, int32_t id, bool render_special = false);

struct DetokenizeOptions {
    bool render_special = false;
    bool strip_space_prefix = false;  // drop the space the SPM space prefix put before the text
};
std::string detokenize(const Tokenizer& tok, std::span<const int32_t> ids, DetokenizeOptions opt = {});

// Turns ids into text as they are generated. A token may end inside a multi-byte character
// (byte tokens, byte-level BPE), so bytes that do not yet finish a UTF-8 character are held back
// until a later token completes them.
struct StreamingDetokenizer {
    const Tokenizer* tok = nullptr;
    bool render_special = false;
    std::string pending;  // bytes of an unfinished character
};
// Text that is ready: only whole UTF-8 characters (bytes that can never become valid UTF-8 are
// passed through rather than held forever).
std::string push(StreamingDetokenizer& s, int32_t id);
// Whatever is still held back (an unfinished character at the end of the stream), as is.
std::string flush(StreamingDetokenizer& s);

}  // namespace hearth
