// `hearth-cli run -m FILE -p TEXT [-n N] [--temp T] [--top-k K] [--top-p P] [--min-p P]
// [--repeat-penalty R] [--seed S] [--ctx N] [--chat] [--system TEXT] [--backend cpu|vulkan]
// [--context-full stop|shift] [--keep N] [--full-row] [--special] [--prefill-chunk N]`:
// generates text from a prompt, streaming it to stdout as it comes; statistics go to stderr.
// Without --chat the prompt is the raw text (with BOS) and is echoed before the continuation;
// with --chat it becomes one user message rendered through the model's chat template.
// Special tokens written in the prompt ("<|im_start|>") are read as such only with --special
// (without --chat); with --chat the user's text is always plain text. --prefill-chunk sets the
// prompt tokens per evaluation (512; a chat with a Stop button uses 64, engine::kCancelChunk).
// --context-full shift forgets older tokens when the context fills up instead of stopping,
// never the first --keep N (default 1, the BOS token). --full-row samples from the whole logits
// row every token instead of the backend's candidates (the same tokens; for speed comparisons).
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#include "app/cli/backends.h"
#include "app/cli/commands.h"
#include "inference/cpu/cpu_backend.h"
#include "inference/engine/generate.h"
#include "inference/engine/open_model.h"
#include "inference/vulkan/vulkan_backend.h"

namespace hearth::cli {

int cmd_run(Args& args) {
    const auto model_path = args.value({"-m", "--model"});
    const auto prompt = args.value({"-p", "--prompt"});
    const auto n_predict = args.integer({"-n", "--n-predict"}, 0, INT32_MAX);
    const auto temp = args.real({"--temp"}, 0, 100);
    const auto top_k = args.integer({"--top-k"}, 0, INT32_MAX);
    const auto top_p = args.real({"--top-p"}, 0, 1);
    const auto min_p = args.real({"--min-p"}, 0, 1);
    const auto repeat_penalty = args.real({"--repeat-penalty"}, 0, 100);
    const auto seed = args.integer({"--seed"}, 0, INT64_MAX);
    const auto n_ctx = args.integer({"--ctx", "-c"}, 1, INT32_MAX);
    const bool chat = args.flag({"--chat"});
    const auto system = args.value({"--system"});
    const std::string backend_name = args.value_or({"--backend"}, "vulkan");
    const std::string context_full = args.value_or({"--context-full"}, "stop");
    const auto keep = args.integer({"--keep"}, 0, INT32_MAX);
    const bool full_row = args.flag({"--full-row"});
    const bool special = args.flag({"--special"});
    const auto prefill_chunk = args.integer({"--prefill-chunk"}, 1, 8192);
    if (!args.error.empty()) {
        std::fprintf(stderr, "error: run: %s\n", args.error.c_str());
        return 2;
    }
    if (int rc = reject_unused(args, "run")) return rc;
    if (!model_path || !prompt) {
        std::fprintf(stderr, "error: run needs a model and a prompt: hearth-cli run -m FILE -p TEXT\n");
        return 2;
    }

    engine::GenerateParams gp;
    gp.max_tokens = n_predict ? static_cast<int32_t>(*n_predict) : 256;
    if (temp) gp.sampler.temperature = static_cast<float>(*temp);
    if (top_k) gp.sampler.top_k = static_cast<int32_t>(*top_k);
    if (top_p) gp.sampler.top_p = static_cast<float>(*top_p);
    if (min_p) gp.sampler.min_p = static_cast<float>(*min_p);
    if (repeat_penalty) gp.sampler.repeat_penalty = static_cast<float>(*repeat_penalty);
    if (seed) gp.sampler.seed = static_cast<uint64_t>(*seed);
    gp.sample_on_backend = !full_row;
    if (prefill_chunk) gp.prefill_chunk = static_cast<int32_t>(*prefill_chunk);
    if (context_full == "shift") gp.on_context_full = engine::OnContextFull::Shift;
    else if (context_full != "stop") return fail("--context-full must be stop or shift.");
    if (keep) gp.keep = static_cast<int32_t>(*keep);

    auto m = engine::open_model(*model_path);
    if (!m) return fail(m.error().message);
    const int32_t ctx = n_ctx ? static_cast<int32_t>(*n_ctx) : std::min<int32_t>((*m)->model.hp.n_ctx_train, 4096);
    auto backend = make_backend(backend_name, **m, ctx);
    if (!backend) return fail(backend.error().message);

    std::vector<int32_t> ids;
    if (chat) {
        std::vector<ChatMessage> msgs;
        if (system) msgs.push_back({"system", *system});
        msgs.push_back({"user", *prompt});
        auto t = engine::chat_prompt_tokens(**m, msgs);
        if (!t) return fail(t.error().message);
        ids = std::move(*t);
    } else {
        // Text such as "<|im_start|>" in the prompt stays text unless --special asks for the tokens.
        ids = tokenize((*m)->tokenizer, *prompt, {.add_special = true, .parse_special = special});
        std::fputs(prompt->c_str(), stdout);
    }
    gp.stop_tokens = (*m)->stop_tokens;

    engine::Session session{backend->get(), {}, {}};
    auto st = engine::generate(session, (*m)->tokenizer, ids, gp, [](const engine::TokenEvent& e) {
        std::fwrite(e.text.data(), 1, e.text.size(), stdout);
        std::fflush(stdout);
    });
    std::fputs("\n", stdout);
    if (!st) return fail(st.error().message);
    std::fprintf(stderr,
                 "\n[%s] prompt %d tokens, prefill %.1f tok/s; time to first token %.1f ms; "
                 "%d tokens generated, decode %.1f tok/s; %d context shifts; stopped: %s\n",
                 (*backend)->name(), st->n_prompt, st->prefill_tok_s(), st->ttft_ms, st->n_generated,
                 st->decode_tok_s(), st->n_shifts, engine::to_string(st->stop));
    return 0;
}

}  // namespace hearth::cli
