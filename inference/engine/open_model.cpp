#include "inference/engine/open_model.h"

#include <ctime>

#include "inference/arch/load_model.h"
#include "inference/engine/chat_render.h"
#include "inference/engine/generate.h"
#include "inference/tokenizer/vocab.h"

namespace hearth::engine {

Result<std::unique_ptr<OpenModel>> open_model(const std::filesystem::path& path) {
    auto f = GgufFile::open(path);
    if (!f) return f.error();
    auto om = std::make_unique<OpenModel>();
    om->file = std::make_unique<GgufFile>(std::move(*f));
    auto m = arch::load_model(*om->file);
    if (!m) return m.error();
    om->model = std::move(*m);
    auto v = vocab_from_gguf(*om->file);
    if (!v) return v.error();
    auto t = make_tokenizer(std::move(*v));
    if (!t) return t.error();
    om->tokenizer = std::move(*t);
    if (om->tokenizer.vocab.size() > om->model.hp.n_vocab) {
        return make_error("engine.vocab_mismatch",
                          om->file->name() + ": the tokenizer has " + std::to_string(om->tokenizer.vocab.size()) +
                              " tokens but the model only " + std::to_string(om->model.hp.n_vocab) +
                              " embeddings; the file is damaged");
    }
    if (auto tmpl = om->file->get_string("tokenizer.chat_template"); tmpl && !tmpl->empty()) {
        om->chat_template = std::string(*tmpl);
        om->has_own_template = true;
    } else {
        om->chat_template = fallback_chat_template();
    }
    std::vector<int32_t> extra;
    for (const char* key : {"tokenizer.ggml.eot_token_id", "tokenizer.ggml.eom_token_id"})
        if (auto id = om->file->get_int(key)) extra.push_back(static_cast<int32_t>(*id));
    om->stop_tokens = end_of_generation_tokens(om->tokenizer, extra);
    return om;
}

Result<std::vector<int32_t>> chat_prompt_tokens(const OpenModel& m, const std::vector<ChatMessage>& messages,
                                                bool add_generation_prompt) {
    ChatRenderInput in;
    in.messages = messages;
    in.add_generation_prompt = add_generation_prompt;
    // Templates such as Llama 3.x print today's date; the renderer takes "now" as an input so
    // that tests stay deterministic, and a real chat passes the clock.
    in.now_unix = static_cast<std::int64_t>(std::time(nullptr));
    auto t = render_chat_tokens(m, in);
    if (!t) return t.error();
    return t->joined();
}

}  // namespace hearth::engine
