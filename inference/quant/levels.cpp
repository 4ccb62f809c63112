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
};

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

// The type a K-quant or legacy type falls back to when rows of n elements do not fit it.
TensorType fallback_for(TensorType t, int64_t n) {
    TensorType f = t;
    switch (t) {
        case TensorType::Q2_K:
        case TensorType::Q3_K: f = TensorType::Q4_0; break;
        case TensorType::Q4_K: f = TensorType::Q5_0; break;
        case TensorType::Q5_K: f = TensorType::Q5_1; break;
        case TensorType::Q6_K: f = TensorType::Q8_0; break;
        default: break;
    }
    return row_size_ok(f, n) ? f : TensorType::F16;
}

struct Counts {
    int n_layer = 0;
    int n_gqa = 1;
    bool has_output = false;
};

TensorType rule(Level l, const NameParts& p, const Counts& c, std::string& why) {
    const TensorType base = info(l).base;
    const bool output = p.role == "output" || (!c.has_output && p.role == "token_embd");
    if (output) {
        why = "keeps more bits (output)";
        return l == Level::Q8_0 ? TensorType::Q8_0 : TensorType::Q6_K;
    }
    const int i = p.layer, n = c.n_layer;
    auto more = [&](TensorType t, const char* reason) {
        why = reason;
        return t;
    };
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

std::vector<TensorChoice> plan_tensors(const GgufFile& file, Level level) {
    Counts c;
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
            TensorType want = rule(level, split_name(t.name), c, ch.note);
            if (!row_size_ok(want, t.ne[0])) {
                const TensorType fb = fallback_for(want, t.ne[0]);
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
