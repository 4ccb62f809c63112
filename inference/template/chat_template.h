// Renders a model's chat template (tokenizer.chat_template in GGUF, Jinja2 syntax) for a
// conversation, the way Hugging Face's apply_chat_template does: Jinja2 with trim_blocks and
// lstrip_blocks, loop controls, raise_exception(), strftime_now() and a json.dumps-style tojson.
//
//   ChatTemplateInput in;
//   in.messages = {{"system", "Be brief."}, {"user", "Hi"}};
//   in.bos_token = "<|begin_of_text|>";
//   auto prompt = render_chat_template(gguf_template, in);   // Result<std::string>
//
// Templates are untrusted: rendering is bounded by TemplateLimits and every problem, including
// the template's own raise_exception("…"), comes back as an Error with the line and column.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "inference/template/limits.h"
#include "inference/template/value.h"

namespace hearth {

struct ChatMessage {
    std::string role;  // "system", "user", "assistant", "tool"
    std::string content;
};

struct ChatTemplateInput {
    std::vector<ChatMessage> messages;
    bool add_generation_prompt = true;
    std::string bos_token;
    std::string eos_token;
    // Further variables some templates read, e.g. {"date_string", "26 Jul 2024"} or
    // {"enable_thinking", false}. `tools` and `documents` are none, as in Hugging Face without tools.
    std::vector<std::pair<std::string, std::string>> extra_strings;
    std::vector<std::pair<std::string, bool>> extra_bools;
    // What strftime_now() formats (seconds since the epoch, UTC), so one input renders one way.
    std::int64_t now_unix = 0;
};

Result<std::string> render_chat_template(std::string_view jinja_source, const ChatTemplateInput& input,
                                         const TemplateLimits& limits = {});

// ChatML, for models whose GGUF has no tokenizer.chat_template.
std::string fallback_chat_template();

// The general form: any variables (messages with tool calls, tools lists, …) as a dict value,
// for example one made by tmpl::parse_json.
Result<std::string> render_template(std::string_view jinja_source, const tmpl::DictData& variables,
                                    const TemplateLimits& limits = {}, std::int64_t now_unix = 0);

}  // namespace hearth
