#include "inference/tensor/quant_level.h"

#include <cctype>

namespace hearth {
namespace {

std::string upper(std::string_view s) {
    std::string out(s);
    for (auto& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() > suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::optional<TensorType> level_main_type(std::string_view level) {
    const std::string name = upper(level);
    if (auto t = type_from_name(name)) return t;
    if (name == "FP16") return TensorType::F16;
    if (name == "FP32") return TensorType::F32;
    // llama.cpp's IQ mixes named after a size rather than a type store their bulk in IQ2_S / IQ3_S.
    if (name == "IQ2_M") return TensorType::IQ2_S;
    if (name == "IQ3_XS" || name == "IQ3_M") return TensorType::IQ3_S;
    // K-quant levels: "Qn_K" plus a size suffix (_S, _M, _L; _XL in some uploaders' names).
    for (std::string_view suffix : {"_XL", "_S", "_M", "_L"}) {
        if (!ends_with(name, suffix)) continue;
        const std::string stem = name.substr(0, name.size() - suffix.size());
        if (ends_with(stem, "_K"))
            if (auto t = type_from_name(stem)) return t;
    }
    return std::nullopt;
}

std::string level_unsupported_reason(std::string_view level) {
    const auto t = level_main_type(level);
    if (!t) return "'" + std::string(level) + "' is not a quantization Hearth knows";
    if (!is_supported(*t)) {
        return std::string(type_name(*t)) + " weights are not supported by Hearth yet; choose another quantization";
    }
    return {};
}

}  // namespace hearth
