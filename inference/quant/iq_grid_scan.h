// The inner loops of the codebook search (iq_grid_search.cpp): one off-grid key's candidate list
// scanned for its first point of least cost, with every cost read from a target's tables
// (iq_grid_costs.h). The SSE2 variant sums four points at once, each lane adding its point's
// terms in the scalar order, so both give the same point and the same cost to the bit.
#pragma once

#include <cstddef>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "inference/quant/iq_grid.h"

namespace hearth::quant::scan {

// Point i's cost: with kDim == 8 its first half from the low table lo, else summed from 0.
template <int kDim>
inline float point_cost(const GridIndex& g, const float* c, const float* lo, int i) {
    const uint8_t* p = g.cost_at.data() + static_cast<size_t>(i) * kDim;
    float s = 0;
    int j = 0;
    if constexpr (kDim == 8) {
        s = lo[g.low_slot[static_cast<size_t>(i)]];
        j = 4;
    }
    for (; j < kDim; ++j) s += c[p[j]];
    return s;
}

// cand[k..e) scanned in order; a cost replaces the best only when strictly below it, so the
// earliest of equal costs is kept. best_err: the cost to beat on entry, the best cost on return.
template <int kDim>
inline int scalar(const GridIndex& g, const float* c, const float* lo, uint32_t k, uint32_t e, int best,
                  float& best_err) {
    for (; k < e; ++k) {
        const int i = g.cand[k];
        const float s = point_cost<kDim>(g, c, lo, i);
        if (s < best_err) {
            best_err = s;
            best = i;
        }
    }
    return best;
}

#if defined(__SSE2__)
// Four points' costs, lane l holding point cand[l].
template <int kDim>
inline __m128 costs4(const GridIndex& g, const float* c, const float* lo, const uint16_t* cand) {
    const uint8_t* at = g.cost_at.data();
    const uint8_t* p0 = at + static_cast<size_t>(cand[0]) * kDim;
    const uint8_t* p1 = at + static_cast<size_t>(cand[1]) * kDim;
    const uint8_t* p2 = at + static_cast<size_t>(cand[2]) * kDim;
    const uint8_t* p3 = at + static_cast<size_t>(cand[3]) * kDim;
    __m128 s = _mm_setzero_ps();
    int j = 0;
    if constexpr (kDim == 8) {
        const uint16_t* low = g.low_slot.data();
        s = _mm_setr_ps(lo[low[cand[0]]], lo[low[cand[1]]], lo[low[cand[2]]], lo[low[cand[3]]]);
        j = 4;
    }
    for (; j < kDim; ++j) s = _mm_add_ps(s, _mm_setr_ps(c[p0[j]], c[p1[j]], c[p2[j]], c[p3[j]]));
    return s;
}

inline __m128i select(__m128 mask, __m128i a, __m128i b) {
    const __m128i m = _mm_castps_si128(mask);
    return _mm_or_si128(_mm_and_si128(m, a), _mm_andnot_si128(m, b));
}
#endif

// The scan of cand[b..e) from no best (best_err: the largest float on entry); cand[b] and the
// entry best_err when no cost is below it.
template <int kDim>
inline int first_least(const GridIndex& g, const float* c, const float* lo, uint32_t b, uint32_t e, float& best_err) {
    uint32_t k = b;
    int best = g.cand[b];
#if defined(__SSE2__)
    // Lane l sees the points at list positions l, l + 4, ...: each keeps its own earliest least
    // cost, and the lanes are merged by (cost, position).
    __m128 best_s = _mm_set1_ps(best_err);
    __m128i best_k = _mm_set1_epi32(-1), pos = _mm_setr_epi32(0, 1, 2, 3);
    const __m128i four = _mm_set1_epi32(4);
    for (; k + 4 <= e; k += 4) {
        const __m128 s = costs4<kDim>(g, c, lo, g.cand.data() + k);
        const __m128 lt = _mm_cmplt_ps(s, best_s);
        best_s = _mm_or_ps(_mm_and_ps(lt, s), _mm_andnot_ps(lt, best_s));
        best_k = select(lt, pos, best_k);
        pos = _mm_add_epi32(pos, four);
    }
    alignas(16) float ls[4];
    alignas(16) int32_t lk[4];
    _mm_store_ps(ls, best_s);
    _mm_store_si128(reinterpret_cast<__m128i*>(lk), best_k);
    int best_pos = -1;
    for (int l = 0; l < 4; ++l)
        if (lk[l] >= 0 && (best_pos < 0 || ls[l] < best_err || (ls[l] == best_err && lk[l] < best_pos))) {
            best_err = ls[l];
            best_pos = lk[l];
        }
    if (best_pos >= 0) best = g.cand[b + static_cast<uint32_t>(best_pos)];
#endif
    return scalar<kDim>(g, c, lo, k, e, best, best_err);  // the rest, all after the lanes' points
}

}  // namespace hearth::quant::scan
