// Holds back the end of streamed text while it could still grow into a stop string. Internal to
// the generation loop.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

namespace hearth::engine::detail {

// Holds back the end of the text while it could still grow into a stop string.
struct StopMatcher {
    const std::vector<std::string>& stops;
    std::string pending;

    // Appends `piece`; returns the text that is safe to release, and sets `hit` when a stop
    // string was completed (the text up to it is released, the rest dropped).
    std::string push(const std::string& piece, bool& hit) {
        pending += piece;
        size_t cut = std::string::npos;
        for (const auto& s : stops) {
            if (s.empty()) continue;
            size_t at = pending.find(s);
            if (at != std::string::npos) cut = std::min(cut, at);
        }
        if (cut != std::string::npos) {
            hit = true;
            std::string out = pending.substr(0, cut);
            pending.clear();
            return out;
        }
        // Longest suffix of `pending` that is a proper prefix of some stop string.
        size_t keep = 0;
        for (const auto& s : stops) {
            for (size_t n = std::min(s.size() - (s.empty() ? 0 : 1), pending.size()); n > keep; --n) {
                if (pending.compare(pending.size() - n, n, s, 0, n) == 0) {
                    keep = n;
                    break;
                }
            }
        }
        std::string out = pending.substr(0, pending.size() - keep);
        pending.erase(0, pending.size() - keep);
        return out;
    }
};

}  // namespace hearth::engine::detail
