// The exact early exits the block encoders share (IQ4, IQ1 and the codebook fit): a pick that may
// stop once it cannot be kept, and a scale tried once. Both only skip work whose result the caller
// would reject, so the bytes written are those of the full search.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>

namespace hearth::quant {

// A caller that keeps an error only when it is below `below`, and its sum with `before` only when
// that is below `total_below`: once a partial error already fails either test, the rest cannot
// pass (every term is >= 0, and float rounding is monotonic), so a pick may stop there and return
// the partial error, which fails the same test. The defaults never stop.
struct PickBound {
    double below = std::numeric_limits<double>::infinity();
    double before = 0;
    double total_below = std::numeric_limits<double>::infinity();

    bool fails(double e) const { return e >= below || before + e >= total_below; }
};

// The fp16 scales a block search has tried: one tried before gives its error again, which cannot
// beat the best (the best only drops). Past N it remembers no more and the search just repeats.
template <int N>
struct TriedScales {
    uint16_t bits[N];
    int n = 0;

    bool first_time(uint16_t b) {
        if (std::find(bits, bits + n, b) != bits + n) return false;
        if (n < N) bits[n++] = b;
        return true;
    }
};

}  // namespace hearth::quant
