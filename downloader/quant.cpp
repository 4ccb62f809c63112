#include "downloader/quant.h"

#include "downloader/runnable.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace hearth::dl {
namespace {

std::string upper(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

struct Known {
    const char* name;
    double bpw;
};

// Longest first so that "Q4_K_M" wins over "Q4_K" and "IQ4_XS" over "Q4".
constexpr Known kKnown[] = {
    {"IQ1_S", 1.56}, {"IQ1_M", 1.75}, {"IQ2_XXS", 2.06}, {"IQ2_XS", 2.31}, {"IQ2_S", 2.5}, {"IQ2_M", 2.7},
    {"IQ3_XXS", 3.06}, {"IQ3_XS", 3.3}, {"IQ3_S", 3.44}, {"IQ3_M", 3.66}, {"IQ4_XS", 4.25}, {"IQ4_NL", 4.5},
    {"Q2_K_S", 2.6}, {"Q2_K_L", 3.1}, {"Q2_K", 2.96}, {"Q3_K_S", 3.5}, {"Q3_K_M", 3.91}, {"Q3_K_L", 4.27},
    {"Q3_K_XL", 4.4}, {"Q3_K", 3.91}, {"Q4_K_S", 4.58}, {"Q4_K_M", 4.89}, {"Q4_K_L", 5.1}, {"Q4_K", 4.89},
    {"Q4_0_4_4", 4.5}, {"Q4_0_4_8", 4.5}, {"Q4_0_8_8", 4.5}, {"Q4_0", 4.5}, {"Q4_1", 5.0},
    {"Q5_K_S", 5.54}, {"Q5_K_M", 5.7}, {"Q5_K_L", 5.9}, {"Q5_K", 5.7}, {"Q5_0", 5.5}, {"Q5_1", 6.0},
    {"Q6_K_L", 6.8}, {"Q6_K", 6.56}, {"Q8_0", 8.5}, {"Q8_K", 9.1}, {"TQ1_0", 1.69}, {"TQ2_0", 2.06},
    {"MXFP4", 4.25},
    {"BF16", 16}, {"F16", 16}, {"FP16", 16}, {"F32", 32}, {"FP32", 32},
};

bool is_separator(char c) { return c == '-' || c == '.' || c == '_' || c == ' '; }

// "part 2 of 3 is missing", "parts 2, 3 of 5 are missing": the parts a split group lacks.
std::string missing_parts(const std::vector<RepoFile>& files, int count) {
    std::vector<bool> have(static_cast<size_t>(count) + 1, false);
    for (const auto& f : files)
        if (auto s = parse_split(f.path.substr(f.path.rfind('/') == std::string::npos ? 0 : f.path.rfind('/') + 1)))
            if (s->index <= count) have[static_cast<size_t>(s->index)] = true;
    std::string list;
    int n = 0;
    for (int i = 1; i <= count; ++i) {
        if (have[static_cast<size_t>(i)]) continue;
        list += (n++ ? ", " : "") + std::to_string(i);
    }
    return (n == 1 ? "part " : "parts ") + list + " of " + std::to_string(count) + (n == 1 ? " is" : " are") +
           " missing from the repository";
}

}  // namespace

std::optional<SplitPart> parse_split(std::string_view filename) {
    // ...-NNNNN-of-MMMMM.gguf
    std::string up = upper(filename);
    if (up.size() < 20 || up.substr(up.size() - 5) != ".GGUF") return std::nullopt;
    std::string_view stem(filename.data(), filename.size() - 5);
    if (stem.size() < 15) return std::nullopt;
    std::string_view tail = stem.substr(stem.size() - 15);  // "-00001-of-00003"
    auto digits = [](std::string_view s) {
        return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    if (tail[0] != '-' || tail.substr(6, 4) != "-of-" || !digits(tail.substr(1, 5)) || !digits(tail.substr(10, 5)))
        return std::nullopt;
    SplitPart p;
    p.index = std::stoi(std::string(tail.substr(1, 5)));
    p.count = std::stoi(std::string(tail.substr(10, 5)));
    if (p.index < 1 || p.count < 1 || p.index > p.count) return std::nullopt;
    p.base = std::string(stem.substr(0, stem.size() - 15));
    return p;
}

std::string quant_from_filename(std::string_view filename) {
    auto slash = filename.rfind('/');
    if (slash != std::string_view::npos) filename.remove_prefix(slash + 1);
    std::string name = upper(filename);
    if (auto split = parse_split(filename)) name = upper(split->base);
    else if (name.size() > 5 && name.substr(name.size() - 5) == ".GGUF") name.resize(name.size() - 5);
    // The tag is the last token that is a known level, bounded by separators.
    std::string best;
    size_t best_pos = 0;
    for (const auto& k : kKnown) {
        std::string_view tag = k.name;
        size_t pos = name.rfind(tag);
        while (pos != std::string::npos) {
            bool left = pos == 0 || is_separator(name[pos - 1]);
            size_t end = pos + tag.size();
            bool right = end == name.size() || is_separator(name[end]);
            // "Q4_K" inside "Q4_K_M" is bounded by '_' on the right; prefer the longer tag that
            // starts at the same place.
            if (left && right) {
                if (best.empty() || pos > best_pos || (pos == best_pos && tag.size() > best.size())) {
                    best = std::string(tag);
                    best_pos = pos;
                }
                break;
            }
            if (pos == 0) break;
            pos = name.rfind(tag, pos - 1);
        }
    }
    if (best == "FP16") best = "F16";
    if (best == "FP32") best = "F32";
    return best;
}

double quant_bits_per_weight(std::string_view quant) {
    std::string q = upper(quant);
    for (const auto& k : kKnown)
        if (q == k.name) return k.bpw;
    return 0;
}

std::vector<QuantGroup> group_by_quant(const std::vector<RepoFile>& files) {
    std::map<std::string, QuantGroup> groups;  // key: quant + split base
    std::map<std::string, int> expected_parts;
    for (const auto& f : files) {
        std::string name = f.path.substr(f.path.rfind('/') == std::string::npos ? 0 : f.path.rfind('/') + 1);
        std::string up = upper(name);
        if (up.size() < 5 || up.substr(up.size() - 5) != ".GGUF") continue;
        if (up.rfind("MMPROJ", 0) == 0 || up.find("-MMPROJ") != std::string::npos) continue;
        auto split = parse_split(name);
        std::string dir = f.path.substr(0, f.path.size() - name.size());
        std::string key = quant_from_filename(name) + "|" + dir + (split ? split->base : name);
        auto& g = groups[key];
        g.quant = quant_from_filename(name);
        g.files.push_back(f);
        if (split) expected_parts[key] = split->count;
    }
    std::vector<QuantGroup> out;
    for (auto& [key, g] : groups) {
        std::sort(g.files.begin(), g.files.end(), [](const RepoFile& a, const RepoFile& b) { return a.path < b.path; });
        g.total_size = 0;
        for (const auto& f : g.files) {
            if (f.size < 0 || g.total_size < 0) g.total_size = -1;
            else g.total_size += f.size;
        }
        auto it = expected_parts.find(key);
        g.complete = it == expected_parts.end() || static_cast<int>(g.files.size()) == it->second;
        if (!g.complete) g.cannot_run = missing_parts(g.files, it->second);
        else g.cannot_run = quant_cannot_run(g.quant);
        out.push_back(std::move(g));
    }
    std::sort(out.begin(), out.end(), [](const QuantGroup& a, const QuantGroup& b) {
        if ((a.total_size < 0) != (b.total_size < 0)) return b.total_size < 0;
        if (a.total_size != b.total_size) return a.total_size < b.total_size;
        return a.quant < b.quant;
    });
    return out;
}

}  // namespace hearth::dl
