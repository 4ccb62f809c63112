// The three sampling presets a user picks from, and the per-chat settings as stored in the
// conversation's sampling_json.
#pragma once

#include <QString>
#include <string>

#include "inference/sampling/sampler.h"

struct ChatSampling {
    QString preset = QStringLiteral("balanced");  // precise | balanced | creative | custom
    hearth::sampling::SamplerParams params;
    int maxTokens = 512;
    bool randomSeed = true;  // a fresh seed per reply unless the user fixed one
};

// Precise: nearly deterministic answers; Balanced: everyday chat; Creative: stories and ideas.
ChatSampling preset_sampling(const QString& preset);
std::string to_json(const ChatSampling& s);
// Unknown or damaged JSON gives Balanced.
ChatSampling sampling_from_json(const std::string& json);
