#include "app/qt/sampling_preset.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

ChatSampling preset_sampling(const QString& preset) {
    ChatSampling s;
    s.preset = preset;
    auto& p = s.params;
    if (preset == QLatin1String("precise")) {
        p.temperature = 0.2f;
        p.top_k = 20;
        p.top_p = 0.9f;
        p.min_p = 0.1f;
        p.repeat_penalty = 1.05f;
    } else if (preset == QLatin1String("creative")) {
        p.temperature = 1.0f;
        p.top_k = 100;
        p.top_p = 0.98f;
        p.min_p = 0.02f;
        p.repeat_penalty = 1.1f;
    } else {
        s.preset = QStringLiteral("balanced");
        p.temperature = 0.7f;
        p.top_k = 40;
        p.top_p = 0.95f;
        p.min_p = 0.05f;
        p.repeat_penalty = 1.05f;
    }
    return s;
}

std::string to_json(const ChatSampling& s, int droppedOldest) {
    QJsonObject o{{QStringLiteral("preset"), s.preset},
                  {QStringLiteral("temperature"), static_cast<double>(s.params.temperature)},
                  {QStringLiteral("top_k"), s.params.top_k},
                  {QStringLiteral("top_p"), static_cast<double>(s.params.top_p)},
                  {QStringLiteral("min_p"), static_cast<double>(s.params.min_p)},
                  {QStringLiteral("repeat_penalty"), static_cast<double>(s.params.repeat_penalty)},
                  {QStringLiteral("max_tokens"), s.maxTokens}};
    if (!s.randomSeed) o.insert(QStringLiteral("seed"), QString::number(s.params.seed));
    if (droppedOldest > 0) o.insert(QStringLiteral("dropped_oldest"), droppedOldest);
    return QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString();
}

ChatSampling sampling_from_json(const std::string& json) {
    const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
    ChatSampling s = preset_sampling(o.value(QStringLiteral("preset")).toString(QStringLiteral("balanced")));
    s.preset = o.value(QStringLiteral("preset")).toString(s.preset);
    auto& p = s.params;
    p.temperature = static_cast<float>(o.value(QStringLiteral("temperature")).toDouble(p.temperature));
    p.top_k = o.value(QStringLiteral("top_k")).toInt(p.top_k);
    p.top_p = static_cast<float>(o.value(QStringLiteral("top_p")).toDouble(p.top_p));
    p.min_p = static_cast<float>(o.value(QStringLiteral("min_p")).toDouble(p.min_p));
    p.repeat_penalty = static_cast<float>(o.value(QStringLiteral("repeat_penalty")).toDouble(p.repeat_penalty));
    s.maxTokens = o.value(QStringLiteral("max_tokens")).toInt(s.maxTokens);
    if (o.contains(QStringLiteral("seed"))) {
        s.randomSeed = false;
        p.seed = o.value(QStringLiteral("seed")).toString().toULongLong();
    }
    return s;
}

int dropped_oldest_from_json(const std::string& json) {
    const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(json)).object();
    return std::max(0, o.value(QStringLiteral("dropped_oldest")).toInt(0));
}
