// Everything needed to chat with one GGUF file, opened and checked together: the mapping, the
// architecture and weights, the tokenizer, the chat template and the end-of-turn tokens. The CLI
// and the app both start here and then pick a backend for `model`.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "base/result.h"
#include "inference/arch/model.h"
#include "inference/gguf/gguf_reader.h"
#include "inference/template/chat_template.h"
#include "inference/tokenizer/tokenizer.h"

namespace hearth::engine {

struct OpenModel {
    std::unique_ptr<GgufFile> file;  // owns the mapping `model` points into
    arch::Model model;
    Tokenizer tokenizer;
    std::string chat_template;        // tokenizer.chat_template, or ChatML when absent
    bool has_own_template = false;
    std::vector<int32_t> stop_tokens;  // end_of_generation_tokens plus the file's EOT/EOM ids
};

// Errors: those of GgufFile::open, arch::load_model, vocab_from_gguf and make_tokenizer, and
// "engine.vocab_mismatch" when the tokenizer has more tokens than the model has embeddings.
Result<std::unique_ptr<OpenModel>> open_model(const std::filesystem::path& path);

// The prompt tokens for a conversation: the chat template rendered with the model's BOS/EOS
// texts; special tokens are parsed in the template's text only, never in the messages'
// contents (see chat_render.h). BOS is added only when the rendered text does not already begin
// with it (most templates write it themselves).
Result<std::vector<int32_t>> chat_prompt_tokens(const OpenModel& m, const std::vector<ChatMessage>& messages,
                                                bool add_generation_prompt = true);

}  // namespace hearth::engine
