#include "app/qt/quant_accuracy.h"

#include <QCoreApplication>
#include <array>
#include <algorithm>
#include <cmath>
#include <map>

#include "app/qt/number_words.h"
#include "inference/tensor/tensor_type.h"

namespace {

constexpr std::array kEstimates{
    QuantEstimate{"F32", 32.0, 0.0},       QuantEstimate{"F16", 16.0, 0.0020},   QuantEstimate{"BF16", 16.0, 0.0020},
    QuantEstimate{"Q8_0", 8.5, 0.0026},    QuantEstimate{"Q6_K", 6.56, 0.0217},  QuantEstimate{"Q5_K_M", 5.69, 0.0569},
    QuantEstimate{"Q5_K_S", 5.54, 0.1049}, QuantEstimate{"Q5_1", 6.0, 0.1062},   QuantEstimate{"Q5_0", 5.5, 0.1316},
    QuantEstimate{"Q4_K_M", 4.89, 0.1754}, QuantEstimate{"Q4_K_S", 4.58, 0.2689}, QuantEstimate{"Q4_1", 5.0, 0.4511},
    QuantEstimate{"Q4_0", 4.5, 0.4685},    QuantEstimate{"Q3_K_L", 4.27, 0.5562}, QuantEstimate{"Q3_K_M", 3.91, 0.6569},
    QuantEstimate{"Q3_K_S", 3.5, 1.6321},  QuantEstimate{"Q2_K", 3.0, 3.5199},
};

// The strings are marked with QT_TRANSLATE_NOOP so that lupdate finds them under this context.
QString translated(const char* text) { return QCoreApplication::translate("QuantAccuracy", text); }

}  // namespace

std::string dominant_weight_type(const hearth::GgufFile& file) {
    std::map<hearth::TensorType, uint64_t> bytes;
    for (const auto& t : file.tensors())
        if (t.n_dims >= 2) bytes[t.type] += t.size_bytes;
    auto best = std::max_element(bytes.begin(), bytes.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    return best == bytes.end() ? std::string() : std::string(hearth::type_name(best->first));
}

std::optional<QuantEstimate> quant_estimate(const QString& type) {
    const QString t = type.trimmed().toUpper();
    for (const auto& e : kEstimates)
        if (t == QLatin1String(e.type)) return e;
    return std::nullopt;
}

QString size_level_words(const QString& type) {
    if (type.isEmpty()) return translated(QT_TRANSLATE_NOOP("QuantAccuracy", "unknown size"));
    // The nominal width people know the levels by ("4-bit"), from the name: Q4_K_M, F16, BF16.
    const QString t = type.toUpper();
    qsizetype at = 0;
    while (at < t.size() && !t[at].isDigit()) ++at;
    qsizetype end = at;
    while (end < t.size() && t[end].isDigit()) ++end;
    if (end == at) return t;
    return translated(QT_TRANSLATE_NOOP("QuantAccuracy", "%1-bit (%2)")).arg(t.mid(at, end - at), t);
}

AccuracyText describe_accuracy(const QString& type, std::optional<double> kl, std::optional<double> top1) {
    AccuracyText out;
    if (top1) {
        out.estimate = false;
        out.summary = translated(QT_TRANSLATE_NOOP("QuantAccuracy", "Picks the same next word as the full model %1 % of the time")).arg(qRound(*top1 * 100));
        out.detail = kl ? translated(QT_TRANSLATE_NOOP("QuantAccuracy", "Measured on this file: KL divergence %1 from the full-precision model.")).arg(decimal_words(*kl, 4))
                        : translated(QT_TRANSLATE_NOOP("QuantAccuracy", "Measured on this file against the full-precision model."));
        return out;
    }
    const auto e = quant_estimate(type);
    if (!e) {
        out.estimate = false;
        out.summary = translated(QT_TRANSLATE_NOOP("QuantAccuracy", "Not known for this size level"));
        out.detail = translated(QT_TRANSLATE_NOOP("QuantAccuracy", "No measurement is stored and no published figure exists for %1.")).arg(type.isEmpty() ? translated(QT_TRANSLATE_NOOP("QuantAccuracy", "this file")) : type);
        return out;
    }
    if (e->ppl_increase < 0.005) {
        // F32, F16, BF16: the weights as published, nothing reduced.
        out.estimate = false;
        out.summary = translated(QT_TRANSLATE_NOOP("QuantAccuracy", "Full quality: this file is not reduced"));
        out.detail = translated(QT_TRANSLATE_NOOP("QuantAccuracy", "%1 keeps the weights as they were published.")).arg(type.toUpper());
        return out;
    }
    const double share = 100.0 * (1.0 - e->ppl_increase / kReferencePerplexity);
    out.summary = translated(QT_TRANSLATE_NOOP("QuantAccuracy", "About %1 % of the full model's quality")).arg(decimal_words(share, share >= 99.5 ? 1 : 0));
    out.detail = translated(QT_TRANSLATE_NOOP("QuantAccuracy", "Published figure for %1: perplexity +%2 on Llama-3-8B (llama.cpp's quantize tool). "
                    "Not measured on this file.")).arg(type.toUpper(), decimal_words(e->ppl_increase, 4));
    return out;
}
