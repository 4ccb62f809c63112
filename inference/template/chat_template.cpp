#include "inference/template/chat_template.h"

#include "inference/template/evaluator.h"
#include "inference/template/parser.h"

namespace hearth {

Result<std::string> render_template(std::string_view jinja_source, const tmpl::DictData& variables,
                                    const TemplateLimits& limits, std::int64_t now_unix) {
    auto parsed = tmpl::parse_template(jinja_source, limits);
    if (!parsed) return parsed.error();
    return tmpl::render(*parsed, variables, limits, now_unix);
}

Result<std::string> render_chat_template(std::string_view jinja_source, const ChatTemplateInput& input,
                                         const TemplateLimits& limits) {
    using tmpl::Value;
    std::vector<Value> messages;
    messages.reserve(input.messages.size());
    for (const auto& m : input.messages) {
        Value msg = Value::new_dict();
        msg.dict->set("role", Value::string(m.role));
        msg.dict->set("content", Value::string(m.content));
        messages.push_back(std::move(msg));
    }
    tmpl::DictData vars;
    vars.set("messages", Value::new_list(std::move(messages)));
    vars.set("tools", Value::none());
    vars.set("documents", Value::none());
    vars.set("add_generation_prompt", Value::boolean(input.add_generation_prompt));
    vars.set("bos_token", Value::string(input.bos_token));
    vars.set("eos_token", Value::string(input.eos_token));
    for (const auto& [k, v] : input.extra_strings) vars.set(k, Value::string(v));
    for (const auto& [k, v] : input.extra_bools) vars.set(k, Value::boolean(v));
    return render_template(jinja_source, vars, limits, input.now_unix);
}

std::string fallback_chat_template() {
    return "{%- for message in messages %}"
           "{{- '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>\\n' }}"
           "{%- endfor %}"
           "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}";
}

}  // namespace hearth
