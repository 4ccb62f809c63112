// The per-tensor rules of each level. The published mixes spend their extra bits where a layer's
// error reaches the output least diluted: the output matrix (and the token embedding when it is
// also the output), the value projection (attention averages it, errors do not cancel), and the
// FFN down projection of the first and last layers plus every third one between (use_more_bits).
#include "inference/quant/levels.h"

#include <cctype>
#include <charconv>
#include <string>

namespace hearth::quant {
namespace {

struct LevelInfo {
    Level level;
    const char* name;
    uint32_t file_type;
    TensorType base;
};

constexpr LevelInfo kInfo[] = {
    {Level::Q8_0, "Q8_0", 7, TensorType::Q8_0},       {Level::Q6_K, "Q6_K", 18, TensorType::Q6_K},
    {Level::Q5_K_M, "Q5_K_M", 17, TensorType::Q5_K},  {Level::Q5_K_S, "Q5_K_S", 16, TensorType::Q5_K},
    {Level::Q4_K_M, "Q4_K_M", 15, TensorType::Q4_K},  {Level::Q4_K_S, "Q4_K_S", 14, TensorType::Q4_K},
    {Level::Q4_0, "Q4_0", 2, TensorType::Q4_0},       {Level::Q3_K_L, "Q3_K_L", 13, TensorType::Q3_K},
    {Level::Q3_K_M, "Q3_K_M", 12, TensorType::Q3_K},  {Level::Q3_K_S, "Q3_K_S", 11, TensorType::Q3_K},
    {Level::Q2_K, "Q2_K", 10, TensorType::Q2_K},
    {Level::IQ4_NL, "IQ4_NL", 25, TensorType::IQ4_NL},  {Level::IQ4_XS, "IQ4_XS", 30, TensorType::IQ4_XS},
    {Level::IQ3_S, "IQ3_S", 26, TensorType::IQ3_S},     {Level::IQ3_XXS, "IQ3_XXS", 23, TensorType::IQ3_XXS},
    {Level::IQ2_S, "IQ2_S", 28, TensorType::IQ2_XS},    {Level::IQ2_XS, "IQ2_XS", 20, TensorType::IQ2_XS},
    {Level::IQ2_XXS, "IQ2_XXS", 19, TensorType::IQ2_XXS}, {Level::IQ1_M, "IQ1_M", 31, TensorType::IQ1_M},
    {Level::IQ1_S, "IQ1_S", 24, TensorType::IQ1_S},
};

// The levels of two bits and fewer: they share llama.cpp's rules for the tensors that keep more bits.
bool low_iq(Level l) {
    return l == Level::IQ2_XXS || l == Level::IQ2_XS || l == Level::IQ2_S || l == Level::IQ1_S || l == Level::IQ1_M;
}

const LevelInfo& info(Level l) {
    for (const auto& i : kInfo)
        if (i.level == l) return i;
    return kInfo[0];
}

// The first and last eighth of the layers, and every third layer between.
bool use_more_bits(int i, int n) { return i < n / 8 || i >= 7 * n / 8 || (i - n / 8) % 3 == 2; }

// "blk.12.attn_v.weight" -> layer 12, role "attn_v"; other names -> layer -1, role = the name less ".weight".
struct NameParts {
    int layer = -1;
    std::string role;
};
NameParts split_name(std::string_view name) {
    NameParts p;
    std::string_view rest = name;
    if (rest.size() > 4 && rest.substr(0, 4) == "blk.") {
        rest.remove_prefix(4);
        const auto dot = rest.find('.');
        if (dot != std::string_view::npos) {
            int v = 0;
            auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + dot, v);
            if (ec == std::errc() && ptr == rest.data() + dot) {
                p.layer = v;
                rest.remove_prefix(dot + 1);
            }
        }
    }
    if (rest.size() > 7 && rest.substr(rest.size() - 7) == ".weight") rest.remove_suffix(7);
    p.role = std::string(rest);
    return p;
}

// The type a K-quant, IQ or legacy type falls back to when rows of n elements do not fit it. The
// output matrix goes to Q8_0 whatever its level's type (it reaches the logits directly); the IQ
// types, Q2_K and Q3_K to IQ4_NL, whose blocks are 32 long (llama.cpp's choice too: Q4_0's size,
// with less error).
TensorType fallback_for(TensorType t, int64_t n, bool output) {
    TensorType f = t;
    switch (t) {
        case TensorType::IQ1_S:
        case TensorType::IQ1_M:
        case TensorType::IQ2_XXS:
        case TensorType::IQ2_XS:
        case TensorType::IQ2_S:
        case TensorType::IQ3_XXS:
        case TensorType::IQ3_S:
        case TensorType::IQ4_XS:
        case TensorType::Q2_K:
        case TensorType::Q3_K: f = TensorType::IQ4_NL; break;
        case TensorType::Q4_K: f = TensorType::Q5_0; break;
        case TensorType::Q5_K: f = TensorType::Q5_1; break;
        case TensorType::Q6_K: f = TensorType::Q8_0; break;
        default: break;
    }
    if (output) f = TensorType::Q8_0;
    return row_size_ok(f, n) ? f : TensorType::F16;
}

struct Counts {
    int n_layer = 0;
    int n_gqa = 1;
    bool has_output = false;
    bool with_imatrix = false;
};

bool is_output(const NameParts& p, const Counts& c) {
    return p.role == "output" || (!c.has_output && p.role == "token_embd");
}

// A rule's choice of type, with the reason the plan reports for it kept in `why`.
auto choose_for(std::string& why) {
    return [&why](TensorType t, const char* reason) {
        why = reason;
        return t;
    };
}

// The IQ levels' rules (llama.cpp's): the 1- and 2-bit mixes give the token embedding, attn_v and
// the first eighth of ffn_down Q2_K (IQ3_S in the IQ2_S mix), and attn_output one step more; the
// IQ3_XXS mix drops attn_q/attn_k to IQ2_S (their errors are softened by the softmax) and spends
// the bits on attn_output and the embedding. Models with GQA >= 4 share each attn_v among many
// query heads, so it gets a K-quant.
TensorType iq_rule(Level l, const NameParts& p, const Counts& c, std::string& why) {
    const TensorType base = info(l).base;
    const int i = p.layer, n = c.n_layer;
    const auto more = choose_for(why);
    const auto& fewer = more;
    if (p.role == "token_embd") {
        if (l == Level::IQ2_XXS || l == Level::IQ2_XS || l == Level::IQ1_S || l == Level::IQ1_M)
            return more(TensorType::Q2_K, "keeps more bits (token_embd)");
        if (l == Level::IQ2_S || l == Level::IQ3_XXS) return more(TensorType::IQ3_S, "keeps more bits (token_embd)");
        return base;
    }
    if (low_iq(l)) {
        const TensorType up = l == Level::IQ2_S ? TensorType::IQ3_S : TensorType::Q2_K;
        if (p.role == "attn_v") return more(c.n_gqa >= 4 ? TensorType::Q4_K : up, "keeps more bits (attn_v)");
        if (p.role == "ffn_down" && i < n / 8) return more(up, "keeps more bits (ffn_down, first layers)");
        if (p.role == "attn_output") {
            if (l == Level::IQ1_S || l == Level::IQ1_M) return more(TensorType::IQ2_XXS, "keeps more bits (attn_output)");
            if (l == Level::IQ2_S) return more(TensorType::IQ3_S, "keeps more bits (attn_output)");
        }
        return base;
    }
    if (p.role == "attn_v") {
        switch (l) {
            case Level::IQ3_XXS:
                if (c.n_gqa >= 4) return more(TensorType::Q4_K, "keeps more bits (attn_v)");
                if (!c.with_imatrix) return more(TensorType::IQ3_S, "keeps more bits (attn_v, no importance matrix)");
                break;
            case Level::IQ3_S:
                if (c.n_gqa >= 4) return more(TensorType::Q4_K, "keeps more bits (attn_v)");
                break;
            case Level::IQ4_NL:
            case Level::IQ4_XS:
                if (c.n_gqa >= 4) return more(TensorType::Q5_K, "keeps more bits (attn_v)");
                break;
            default: break;
        }
    } else if (p.role == "attn_q" || p.role == "attn_k") {
        if (l == Level::IQ3_XXS) return fewer(TensorType::IQ2_S, "fewer bits (attn_q, attn_k)");
    } else if (p.role == "ffn_down" && !c.with_imatrix) {
        if (l == Level::IQ3_XXS)
            return i < n / 8 ? more(TensorType::Q4_K, "keeps more bits (ffn_down, first layers, no importance matrix)")
                             : more(TensorType::Q3_K, "keeps more bits (ffn_down, no importance matrix)");
        if ((l == Level::IQ4_NL || l == Level::IQ4_XS) && i < n / 8)
            return more(TensorType::Q5_K, "keeps more bits (ffn_down, first layers, no importance matrix)");
    } else if (p.role == "attn_output") {
        if (l == Level::IQ3_XXS) return more(TensorType::IQ3_S, "keeps more bits (attn_output)");
    }
    return base;
}

TensorType rule(Level l, const NameParts& p, const Counts& c, std::string& why) {
    const TensorType base = info(l).base;
    if (is_output(p, c)) {
        why = "keeps more bits (output)";
        if (l == Level::Q8_0) return TensorType::Q8_0;
        return low_iq(l) || l == Level::IQ3_XXS ? TensorType::Q5_K : TensorType::Q6_K;
    }
    if (l >= Level::IQ4_NL) return iq_rule(l, p, c, why);
    const int i = p.layer, n = c.n_layer;
    const auto more = choose_for(why);
    if (p.role == "attn_v") {
        switch (l) {
            case Level::Q2_K: return more(c.n_gqa >= 4 ? TensorType::Q4_K : TensorType::Q3_K, "keeps more bits (attn_v)");
            case Level::Q3_K_M: return more(i < 2 ? TensorType::Q5_K : TensorType::Q4_K, "keeps more bits (attn_v)");
            case Level::Q3_K_L: return more(TensorType::Q5_K, "keeps more bits (attn_v)");
            case Level::Q4_K_S:
                if (i < 4) return more(TensorType::Q5_K, "keeps more bits (attn_v, first layers)");
                break;
            case Level::Q4_K_M:
            case Level::Q5_K_M:
                if (use_more_bits(i, n)) return more(TensorType::Q6_K, "keeps more bits (attn_v)");
                break;
            default: break;
        }
    } else if (p.role == "ffn_down") {
        switch (l) {
            case Level::Q2_K: return more(TensorType::Q3_K, "keeps more bits (ffn_down)");
            case Level::Q3_K_M:
                return i < n / 16 ? more(TensorType::Q5_K, "keeps more bits (ffn_down, first layers)")
                                  : more(TensorType::Q4_K, "keeps more bits (ffn_down)");
            case Level::Q3_K_L: return more(TensorType::Q5_K, "keeps more bits (ffn_down)");
            case Level::Q4_K_S:
                if (i < n / 8) return more(TensorType::Q5_K, "keeps more bits (ffn_down, first layers)");
                break;
            case Level::Q4_K_M:
            case Level::Q5_K_M:
                if (use_more_bits(i, n)) return more(TensorType::Q6_K, "keeps more bits (ffn_down)");
                break;
            default: break;
        }
    } else if (p.role == "attn_output") {
        switch (l) {
            case Level::Q2_K: return more(TensorType::Q3_K, "keeps more bits (attn_output)");
            case Level::Q3_K_M: return more(TensorType::Q4_K, "keeps more bits (attn_output)");
            case Level::Q3_K_L: return more(TensorType::Q5_K, "keeps more bits (attn_output)");
            default: break;
        }
    } else if (p.role == "attn_qkv") {
        switch (l) {
            case Level::Q3_K_M:
            case Level::Q3_K_L: return more(TensorType::Q4_K, "keeps more bits (attn_qkv)");
            case Level::Q4_K_M: return more(TensorType::Q5_K, "keeps more bits (attn_qkv)");
            case Level::Q5_K_M: return more(TensorType::Q6_K, "keeps more bits (attn_qkv)");
            default: break;
        }
    }
    return base;
}

}  // namespace

const char* level_name(Level l) { return info(l).name; }
uint32_t level_file_type(Level l) { return info(l).file_type; }
TensorType level_base_type(Level l) { return info(l).base; }

std::optional<Level> level_from_name(std::string_view s) {
    for (const auto& i : kInfo) {
        const std::string_view n = i.name;
        if (n.size() != s.size()) continue;
        bool same = true;
        for (size_t k = 0; k < n.size() && same; ++k)
            same = std::toupper(static_cast<unsigned char>(s[k])) == static_cast<unsigned char>(n[k]);
        if (same) return i.level;
    }
    return std::nullopt;
}

std::string level_advice(Level level, bool with_imatrix) {
    if (with_imatrix || level < Level::IQ3_XXS) return {};
    return std::string(level_name(level)) +
           " without an importance matrix: quantized with the default weighting. At this size an importance matrix "
           "is recommended (--imatrix or --calibrate).";
}

std::vector<TensorChoice> plan_tensors(const GgufFile& file, Level level, bool with_imatrix) {
    Counts c;
    c.with_imatrix = with_imatrix;
    for (const auto& t : file.tensors()) {
        const NameParts p = split_name(t.name);
        c.n_layer = std::max(c.n_layer, p.layer + 1);
        if (p.role == "output") c.has_output = true;
    }
    if (auto arch = file.get_string("general.architecture")) {
        const std::string a(*arch);
        const auto heads = file.get_uint(a + ".attention.head_count");
        const auto kv = file.get_uint(a + ".attention.head_count_kv");
        if (heads && kv && *kv > 0) c.n_gqa = static_cast<int>(*heads / *kv);
    }
    std::vector<TensorChoice> plan;
    plan.reserve(file.tensors().size());
    for (const auto& t : file.tensors()) {
        TensorChoice ch;
        ch.name = std::string(t.name);
        ch.from = t.type;
        ch.to = t.type;
        const bool matrix = t.n_dims >= 2 && ch.name.size() > 7 && ch.name.ends_with(".weight");
        if (matrix) {
            const NameParts p = split_name(t.name);
            TensorType want = rule(level, p, c, ch.note);
            if (!row_size_ok(want, t.ne[0])) {
                const TensorType fb = fallback_for(want, t.ne[0], is_output(p, c));
                ch.note = "rows of " + std::to_string(t.ne[0]) + " elements do not fit " + type_name(want) + ": " +
                          type_name(fb) + " instead";
                ch.fallback = true;
                want = fb;
            }
            ch.to = want;
        }
        plan.push_back(std::move(ch));
    }
    return plan;
}

}  // namespace hearth::quant
