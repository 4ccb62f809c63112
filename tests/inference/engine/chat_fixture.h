// What the ChatSession tests share: a model made of a character vocabulary and a chat template
// (no weights: the scripted backend stands in for them), and a backend whose next token is a
// fixed function of the last one, so every prefill and reuse can be counted exactly.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "inference/engine/backend.h"
#include "inference/engine/open_model.h"

namespace hearth::test {

// SentencePiece vocabulary: <unk> <s> </s>, the 256 byte tokens, one piece per printable ASCII
// character ("▁" for the space), then `controls` (control tokens) and `added` (user-defined).
std::unique_ptr<engine::OpenModel> char_model(const std::string& chat_template, const std::vector<std::string>& controls,
                                              const std::vector<std::string>& added = {});

int32_t token_id(const engine::OpenModel& m, const std::string& text);  // -1 when absent

struct ScriptedBackend : engine::Backend {
    std::map<int32_t, int32_t> next;  // last token -> the token it makes most likely
    int32_t fallback = 2;             // for tokens not in `next`
    int32_t ctx = 512;
    int32_t vocab = 0;
    int32_t cached_n = 0;
    int32_t evaluated = 0;  // tokens run, over all calls
    std::vector<int32_t> batch_sizes;

    const char* name() const override { return "scripted"; }
    int32_t n_ctx() const override { return ctx; }
    int32_t n_vocab() const override { return vocab; }
    int32_t n_cached() const override { return cached_n; }
    Status eval(std::span<const int32_t> tokens, int32_t pos0, std::span<float> logits) override;
    Status shift(int32_t keep, int32_t discard) override;
};

}  // namespace hearth::test
