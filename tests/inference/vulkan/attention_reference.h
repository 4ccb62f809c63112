// The attention kernels' CPU reference, in double precision: softmax(softcap(q.k * scale)) v,
// causal and windowed, with grouped-query heads, over the cache as the kernel sees it (F16-rounded,
// or exact for an F32 cache). Token t sits at position pos0 + t.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "inference/tensor/half.h"

namespace hearth::vk {

struct AttentionShape {
    uint32_t tokens, pos0, heads, kv_heads, hd_k, hd_v, window;
    float softcap;
    uint32_t pad = 0;  // extra floats at the end of each token's row of q and of the output
};

inline uint32_t window_begin(uint32_t pos, uint32_t window) {
    return (window && pos + 1 > window) ? pos + 1 - window : 0;
}

// Rows of `q` and of the result are `heads * hd + pad` floats apart; k and v hold cache rows of
// kv_heads * hd. Only the first `n_tokens` tokens are computed (the rest stay 0).
inline std::vector<double> attention_reference(const AttentionShape& c, bool f32_cache, const std::vector<float>& q,
                                               const std::vector<float>& k, const std::vector<float>& v, float scale,
                                               uint32_t n_tokens) {
    auto cached = [f32_cache](float x) { return f32_cache ? x : fp16_to_f32(f32_to_fp16(x)); };
    const uint32_t qs = c.heads * c.hd_k + c.pad, os = c.heads * c.hd_v + c.pad, group = c.heads / c.kv_heads;
    std::vector<double> o(size_t(c.tokens) * os, 0.0);
    for (uint32_t t = 0; t < n_tokens; ++t)
        for (uint32_t h = 0; h < c.heads; ++h) {
            const uint32_t pos = c.pos0 + t, kvh = h / group, begin = window_begin(pos, c.window);
            std::vector<double> s;
            for (uint32_t j = begin; j <= pos; ++j) {
                double d = 0;
                for (uint32_t i = 0; i < c.hd_k; ++i)
                    d += double(q[size_t(t) * qs + h * c.hd_k + i]) *
                         cached(k[(size_t(j) * c.kv_heads + kvh) * c.hd_k + i]);
                d *= scale;
                if (c.softcap > 0) d = c.softcap * std::tanh(d / c.softcap);
                s.push_back(d);
            }
            const double m = *std::max_element(s.begin(), s.end());
            double sum = 0;
            for (auto& x : s) sum += (x = std::exp(x - m));
            for (uint32_t j = begin; j <= pos; ++j)
                for (uint32_t i = 0; i < c.hd_v; ++i)
                    o[size_t(t) * os + h * c.hd_v + i] +=
                        s[j - begin] / sum * cached(v[(size_t(j) * c.kv_heads + kvh) * c.hd_v + i]);
        }
    return o;
}

}  // namespace hearth::vk
