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
// `droppedOldest`: the chat's answer to "it no longer fits" when that was "drop the oldest
// turns": how many of the branch's oldest messages the model no longer sees. It is kept in the
// same per-chat JSON so that the choice holds after a restart (0 is not written).
std::string to_json(const ChatSampling& s, int droppedOldest = 0);
// Unknown or damaged JSON gives Balanced.
ChatSampling sampling_from_json(const std::string& json);
// 0 when the JSON has none (or is damaged).
int dropped_oldest_from_json(const std::string& json);
