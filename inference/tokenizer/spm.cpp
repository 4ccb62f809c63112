// SentencePiece BPE. Start from single characters; repeatedly merge the adjacent pair whose
// concatenation is the best-scoring token (ties: leftmost first) until no pair is a token.
// Candidates wait in a max-heap and are checked for staleness when popped, so a text of n
// characters costs O(n log n) rather than a rescan per merge.
#include <queue>

#include "inference/tokenizer/models.h"
#include "inference/tokenizer/utf8.h"

namespace hearth::detail {

namespace {

struct Symbol {
    int32_t prev, next;
    uint32_t start, len;  // len 0: merged into its left neighbour
};

struct Candidate {
    float score;
    int32_t left, right;
    uint32_t len;  // left.len + right.len when pushed; a different sum means it is stale
};

struct Worse {
    bool operator()(const Candidate& a, const Candidate& b) const {
        return a.score < b.score || (a.score == b.score && a.left > b.left);
    }
};

}  // namespace

void tokenize_spm(const Tokenizer& tok, std::string_view text, std::vector<int32_t>& out) {
    std::vector<Symbol> sym;
    sym.reserve(text.size());
    for (size_t pos = 0; pos < text.size();) {
        const auto n = static_cast<uint32_t>(utf8::char_len(text, pos));
        const auto i = static_cast<int32_t>(sym.size());
        sym.push_back({i - 1, i + 1, static_cast<uint32_t>(pos), n});
        pos += n;
    }
    if (sym.empty()) return;
    sym.back().next = -1;

    std::priority_queue<Candidate, std::vector<Candidate>, Worse> heap;
    auto consider = [&](int32_t l, int32_t r) {
        if (l < 0 || r < 0) return;
        const uint32_t len = sym[l].len + sym[r].len;
        auto it = tok.token_to_id.find(text.substr(sym[l].start, len));
        if (it == tok.token_to_id.end()) return;
        heap.push({tok.vocab.score(it->second), l, r, len});
    };
    for (int32_t i = 1; i < static_cast<int32_t>(sym.size()); ++i) consider(i - 1, i);

    while (!heap.empty()) {
        const Candidate c = heap.top();
        heap.pop();
        Symbol& l = sym[c.left];
        Symbol& r = sym[c.right];
        if (l.len == 0 || r.len == 0 || l.len + r.len != c.len) continue;
        l.len += r.len;
        r.len = 0;
        l.next = r.next;
        if (r.next >= 0) sym[r.next].prev = c.left;
        consider(l.prev, c.left);
        consider(c.left, l.next);
    }

    for (int32_t i = 0; i >= 0; i = sym[i].next) {
        const std::string_view piece = text.substr(sym[i].start, sym[i].len);
        if (auto it = tok.token_to_id.find(piece); it != tok.token_to_id.end()) {
            out.push_back(it->second);
            continue;
        }
        // Not in the vocabulary: its bytes as <0xAB> tokens, or one unknown token when the
        // vocabulary has no byte tokens for them (as SentencePiece does without byte fallback).
        bool all_bytes = true;
        for (char ch : piece) all_bytes = all_bytes && tok.byte_token[static_cast<uint8_t>(ch)] >= 0;
        if (all_bytes) {
            for (char ch : piece) out.push_back(tok.byte_token[static_cast<uint8_t>(ch)]);
        } else if (tok.vocab.unk >= 0) {
            out.push_back(tok.vocab.unk);
        }
    }
}

}  // namespace hearth::detail
