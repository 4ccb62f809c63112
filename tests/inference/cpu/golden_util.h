// Reading the golden files of the shared test data (see ../shared/testdata/README.md from the
// project root, or the folder HEARTH_TESTDATA names).
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace hearth::test {

inline std::string read_text(const std::filesystem::path& p) {
    std::ifstream f(p, std::ios::binary);
    std::stringstream ss;
    ss << f.rdbuf();
    return ss.str();
}

// The integers of the JSON array under `key` ("prompt_ids": [1, 2, 3]); empty if absent.
inline std::vector<int32_t> json_int_array(const std::string& json, const std::string& key) {
    std::vector<int32_t> out;
    auto at = json.find("\"" + key + "\"");
    if (at == std::string::npos) return out;
    auto open = json.find('[', at);
    auto close = json.find(']', open);
    if (open == std::string::npos || close == std::string::npos) return out;
    std::stringstream ss(json.substr(open + 1, close - open - 1));
    std::string item;
    while (std::getline(ss, item, ',')) out.push_back(static_cast<int32_t>(std::stol(item)));
    return out;
}

inline std::vector<float> read_f32(const std::filesystem::path& p) {
    std::string bytes = read_text(p);
    std::vector<float> out(bytes.size() / 4);
    std::memcpy(out.data(), bytes.data(), out.size() * 4);
    return out;
}

// The row error used throughout: max |a - b| / max |b| over one row of logits.
inline double row_rel_error(const float* a, const float* b, int64_t n) {
    double num = 0.0, den = 0.0;
    for (int64_t i = 0; i < n; ++i) {
        num = std::max(num, std::fabs(static_cast<double>(a[i]) - b[i]));
        den = std::max(den, std::fabs(static_cast<double>(b[i])));
    }
    return den > 0 ? num / den : num;
}

}  // namespace hearth::test
