// Fuzz target: the input is a chat template. Rendering it for a fixed conversation, under tight
// limits, must return a value or an error; it must never crash, hang, leak or read out of bounds.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "inference/template/chat_template.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const hearth::ChatTemplateInput input = [] {
        hearth::ChatTemplateInput in;
        in.messages = {{"system", "Be brief."}, {"user", "Hi ✓"}, {"assistant", "<think>x</think>Hello"}, {"user", "Bye"}};
        in.bos_token = "<s>";
        in.eos_token = "</s>";
        in.extra_strings = {{"date_string", "26 Jul 2024"}};
        in.now_unix = 1721952000;
        return in;
    }();
    hearth::TemplateLimits limits;
    limits.max_template_bytes = 64 << 10;
    limits.max_output_bytes = 64 << 10;
    limits.max_alloc_bytes = 8 << 20;
    limits.max_steps = 200000;
    limits.max_depth = 32;
    const std::string_view source(reinterpret_cast<const char*>(data), size);
    auto out = hearth::render_chat_template(source, input, limits);
    (void)out;
    return 0;
}
