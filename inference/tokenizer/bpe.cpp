// Byte-level BPE. Each pre-tokenized word starts as one symbol per byte (the token of the byte's
// GPT-2 alphabet character); the adjacent pair with the lowest merge rank is merged (ties:
// leftmost first) until no pair has a merge. Merges are looked up by id pair, and candidates wait
// in a min-heap checked for staleness when popped: O(n log n) per word.
#include <algorithm>

#include "inference/tokenizer/byte_level.h"
#include "inference/tokenizer/models.h"
#include "inference/tokenizer/pretokenizer.h"

namespace hearth::detail {

namespace {

struct Symbol {
    int32_t prev, next;
    int32_t id;  // -1: a byte with no token; -2: merged away
};

struct Candidate {
    int32_t rank, left, right;
    int32_t left_id, right_id;  // ids when pushed; different ids now mean it is stale
    int32_t merged;
};

struct Worse {
    bool operator()(const Candidate& a, const Candidate& b) const {
        return a.rank > b.rank || (a.rank == b.rank && a.left > b.left);
    }
};

uint64_t pair_key(int32_t l, int32_t r) {
    return (static_cast<uint64_t>(static_cast<uint32_t>(l)) << 32) | static_cast<uint32_t>(r);
}

}  // namespace

void tokenize_bpe(const Tokenizer& tok, std::string_view text, std::vector<int32_t>& out) {
    if (!tok.pre) return;
    std::vector<Symbol> sym;
    std::vector<Candidate> heap;  // reused across words
    for (std::string_view word : pretokenize(*tok.pre, text)) {
        if (tok.ignore_merges) {
            auto it = tok.token_to_id.find(byte_level::encode(word));
            if (it != tok.token_to_id.end()) {
                out.push_back(it->second);
                continue;
            }
        }
        sym.clear();
        for (size_t i = 0; i < word.size(); ++i) {
            const auto n = static_cast<int32_t>(i);
            sym.push_back({n - 1, n + 1, tok.byte_token[static_cast<uint8_t>(word[i])]});
        }
        if (sym.empty()) continue;
        sym.back().next = -1;

        heap.clear();
        auto consider = [&](int32_t l, int32_t r) {
            if (l < 0 || r < 0 || sym[l].id < 0 || sym[r].id < 0) return;
            auto it = tok.merges.find(pair_key(sym[l].id, sym[r].id));
            if (it == tok.merges.end()) return;
            heap.push_back({it->second.first, l, r, sym[l].id, sym[r].id, it->second.second});
            std::push_heap(heap.begin(), heap.end(), Worse{});
        };
        for (int32_t i = 1; i < static_cast<int32_t>(sym.size()); ++i) consider(i - 1, i);

        while (!heap.empty()) {
            std::pop_heap(heap.begin(), heap.end(), Worse{});
            const Candidate c = heap.back();
            heap.pop_back();
            Symbol& l = sym[c.left];
            Symbol& r = sym[c.right];
            if (l.id != c.left_id || r.id != c.right_id) continue;
            l.id = c.merged;
            r.id = -2;
            l.next = r.next;
            if (r.next >= 0) sym[r.next].prev = c.left;
            consider(l.prev, c.left);
            consider(c.left, l.next);
        }
        for (int32_t i = 0; i >= 0; i = sym[i].next) {
            if (sym[i].id >= 0)
                out.push_back(sym[i].id);
            else if (tok.vocab.unk >= 0)
                out.push_back(tok.vocab.unk);
        }
    }
}

}  // namespace hearth::detail
