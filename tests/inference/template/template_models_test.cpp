// The published chat templates of popular model families, rendered through the public API for
// a system + user + assistant + user conversation (and the same without the system message),
// with and without add_generation_prompt. The expected prompts are what Hugging Face's
// apply_chat_template produces (rendered with Jinja2 when these rows were written).
#include <gtest/gtest.h>

#include <cctype>

#include <string>
#include <vector>

#include "tests/inference/template/template_test_support.h"

namespace hearth {
namespace {

const std::vector<ChatMessage> kFull = {
    {"system", "You are terse."}, {"user", "What is 2+2?"}, {"assistant", "4"}, {"user", "And 3+3?"}};
const std::vector<ChatMessage> kNoSystem = {{"user", "What is 2+2?"}, {"assistant", "4"}, {"user", "And 3+3?"}};

struct Row {
    const char* model;
    const char* bos;
    const char* eos;
    const std::vector<ChatMessage>& messages;
    bool add_generation_prompt;
    const char* expected;  // null: the template refuses this conversation (raise_exception)
};

const Row kRows[] = {
    // llama-3.1
    {"llama-3.1", "<|begin_of_text|>", "<|eot_id|>", kFull, true,
     "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\nYou are terse.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nWhat is 2+2?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n4<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nAnd 3+3?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n"},
    {"llama-3.1", "<|begin_of_text|>", "<|eot_id|>", kFull, false,
     "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\nYou are terse.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nWhat is 2+2?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n4<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nAnd 3+3?<|eot_id|>"},
    {"llama-3.1", "<|begin_of_text|>", "<|eot_id|>", kNoSystem, true,
     "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nWhat is 2+2?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n4<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nAnd 3+3?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n"},
    {"llama-3.1", "<|begin_of_text|>", "<|eot_id|>", kNoSystem, false,
     "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nWhat is 2+2?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n4<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nAnd 3+3?<|eot_id|>"},
    // llama-3.2
    {"llama-3.2", "<|begin_of_text|>", "<|eot_id|>", kFull, true,
     "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\nYou are terse.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nWhat is 2+2?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n4<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nAnd 3+3?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n"},
    {"llama-3.2", "<|begin_of_text|>", "<|eot_id|>", kFull, false,
     "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\nYou are terse.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nWhat is 2+2?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n4<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nAnd 3+3?<|eot_id|>"},
    {"llama-3.2", "<|begin_of_text|>", "<|eot_id|>", kNoSystem, true,
     "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nWhat is 2+2?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n4<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nAnd 3+3?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n"},
    {"llama-3.2", "<|begin_of_text|>", "<|eot_id|>", kNoSystem, false,
     "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nWhat is 2+2?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n4<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nAnd 3+3?<|eot_id|>"},
    // qwen2.5
    {"qwen2.5", "", "<|im_end|>", kFull, true,
     "<|im_start|>system\nYou are terse.<|im_end|>\n<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n4<|im_end|>\n<|im_start|>user\nAnd 3+3?<|im_end|>\n<|im_start|>assistant\n"},
    {"qwen2.5", "", "<|im_end|>", kFull, false,
     "<|im_start|>system\nYou are terse.<|im_end|>\n<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n4<|im_end|>\n<|im_start|>user\nAnd 3+3?<|im_end|>\n"},
    {"qwen2.5", "", "<|im_end|>", kNoSystem, true,
     "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n4<|im_end|>\n<|im_start|>user\nAnd 3+3?<|im_end|>\n<|im_start|>assistant\n"},
    {"qwen2.5", "", "<|im_end|>", kNoSystem, false,
     "<|im_start|>system\nYou are Qwen, created by Alibaba Cloud. You are a helpful assistant.<|im_end|>\n<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n4<|im_end|>\n<|im_start|>user\nAnd 3+3?<|im_end|>\n"},
    // mistral-v0.3
    {"mistral-v0.3", "<s>", "</s>", kFull, true,
     "<s>[INST] What is 2+2?[/INST] 4</s>[INST] You are terse.\n\nAnd 3+3?[/INST]"},
    {"mistral-v0.3", "<s>", "</s>", kFull, false,
     "<s>[INST] What is 2+2?[/INST] 4</s>[INST] You are terse.\n\nAnd 3+3?[/INST]"},
    {"mistral-v0.3", "<s>", "</s>", kNoSystem, true,
     "<s>[INST] What is 2+2?[/INST] 4</s>[INST] And 3+3?[/INST]"},
    {"mistral-v0.3", "<s>", "</s>", kNoSystem, false,
     "<s>[INST] What is 2+2?[/INST] 4</s>[INST] And 3+3?[/INST]"},
    // phi-3-mini
    {"phi-3-mini", "<s>", "<|endoftext|>", kFull, true,
     "<|system|>\nYou are terse.<|end|>\n<|user|>\nWhat is 2+2?<|end|>\n<|assistant|>\n4<|end|>\n<|user|>\nAnd 3+3?<|end|>\n<|assistant|>\n"},
    {"phi-3-mini", "<s>", "<|endoftext|>", kFull, false,
     "<|system|>\nYou are terse.<|end|>\n<|user|>\nWhat is 2+2?<|end|>\n<|assistant|>\n4<|end|>\n<|user|>\nAnd 3+3?<|end|>\n<|endoftext|>"},
    {"phi-3-mini", "<s>", "<|endoftext|>", kNoSystem, true,
     "<|user|>\nWhat is 2+2?<|end|>\n<|assistant|>\n4<|end|>\n<|user|>\nAnd 3+3?<|end|>\n<|assistant|>\n"},
    {"phi-3-mini", "<s>", "<|endoftext|>", kNoSystem, false,
     "<|user|>\nWhat is 2+2?<|end|>\n<|assistant|>\n4<|end|>\n<|user|>\nAnd 3+3?<|end|>\n<|endoftext|>"},
    // phi-3.5-mini
    {"phi-3.5-mini", "<s>", "<|endoftext|>", kFull, true,
     "<|system|>\nYou are terse.<|end|>\n<|user|>\nWhat is 2+2?<|end|>\n<|assistant|>\n4<|end|>\n<|user|>\nAnd 3+3?<|end|>\n<|assistant|>\n"},
    {"phi-3.5-mini", "<s>", "<|endoftext|>", kFull, false,
     "<|system|>\nYou are terse.<|end|>\n<|user|>\nWhat is 2+2?<|end|>\n<|assistant|>\n4<|end|>\n<|user|>\nAnd 3+3?<|end|>\n<|endoftext|>"},
    {"phi-3.5-mini", "<s>", "<|endoftext|>", kNoSystem, true,
     "<|user|>\nWhat is 2+2?<|end|>\n<|assistant|>\n4<|end|>\n<|user|>\nAnd 3+3?<|end|>\n<|assistant|>\n"},
    {"phi-3.5-mini", "<s>", "<|endoftext|>", kNoSystem, false,
     "<|user|>\nWhat is 2+2?<|end|>\n<|assistant|>\n4<|end|>\n<|user|>\nAnd 3+3?<|end|>\n<|endoftext|>"},
    // gemma-2
    {"gemma-2", "<bos>", "<eos>", kFull, true,
     nullptr},
    {"gemma-2", "<bos>", "<eos>", kFull, false,
     nullptr},
    {"gemma-2", "<bos>", "<eos>", kNoSystem, true,
     "<bos><start_of_turn>user\nWhat is 2+2?<end_of_turn>\n<start_of_turn>model\n4<end_of_turn>\n<start_of_turn>user\nAnd 3+3?<end_of_turn>\n<start_of_turn>model\n"},
    {"gemma-2", "<bos>", "<eos>", kNoSystem, false,
     "<bos><start_of_turn>user\nWhat is 2+2?<end_of_turn>\n<start_of_turn>model\n4<end_of_turn>\n<start_of_turn>user\nAnd 3+3?<end_of_turn>\n"},
    // gemma-3
    {"gemma-3", "<bos>", "<eos>", kFull, true,
     "<bos><start_of_turn>user\nYou are terse.\n\nWhat is 2+2?<end_of_turn>\n<start_of_turn>model\n4<end_of_turn>\n<start_of_turn>user\nAnd 3+3?<end_of_turn>\n<start_of_turn>model\n"},
    {"gemma-3", "<bos>", "<eos>", kFull, false,
     "<bos><start_of_turn>user\nYou are terse.\n\nWhat is 2+2?<end_of_turn>\n<start_of_turn>model\n4<end_of_turn>\n<start_of_turn>user\nAnd 3+3?<end_of_turn>\n"},
    {"gemma-3", "<bos>", "<eos>", kNoSystem, true,
     "<bos><start_of_turn>user\nWhat is 2+2?<end_of_turn>\n<start_of_turn>model\n4<end_of_turn>\n<start_of_turn>user\nAnd 3+3?<end_of_turn>\n<start_of_turn>model\n"},
    {"gemma-3", "<bos>", "<eos>", kNoSystem, false,
     "<bos><start_of_turn>user\nWhat is 2+2?<end_of_turn>\n<start_of_turn>model\n4<end_of_turn>\n<start_of_turn>user\nAnd 3+3?<end_of_turn>\n"},
    // smollm2
    {"smollm2", "", "<|im_end|>", kFull, true,
     "<|im_start|>system\nYou are terse.<|im_end|>\n<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n4<|im_end|>\n<|im_start|>user\nAnd 3+3?<|im_end|>\n<|im_start|>assistant\n"},
    {"smollm2", "", "<|im_end|>", kFull, false,
     "<|im_start|>system\nYou are terse.<|im_end|>\n<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n4<|im_end|>\n<|im_start|>user\nAnd 3+3?<|im_end|>\n"},
    {"smollm2", "", "<|im_end|>", kNoSystem, true,
     "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n4<|im_end|>\n<|im_start|>user\nAnd 3+3?<|im_end|>\n<|im_start|>assistant\n"},
    {"smollm2", "", "<|im_end|>", kNoSystem, false,
     "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n4<|im_end|>\n<|im_start|>user\nAnd 3+3?<|im_end|>\n"},
    // deepseek-r1-distill
    {"deepseek-r1-distill", "<｜begin▁of▁sentence｜>", "<｜end▁of▁sentence｜>", kFull, true,
     "<｜begin▁of▁sentence｜>\nYou are terse.<｜User｜>What is 2+2?<｜Assistant｜>4<｜end▁of▁sentence｜><｜User｜>And 3+3?<｜Assistant｜>\n"},
    {"deepseek-r1-distill", "<｜begin▁of▁sentence｜>", "<｜end▁of▁sentence｜>", kFull, false,
     "<｜begin▁of▁sentence｜>\nYou are terse.<｜User｜>What is 2+2?<｜Assistant｜>4<｜end▁of▁sentence｜><｜User｜>And 3+3?"},
    {"deepseek-r1-distill", "<｜begin▁of▁sentence｜>", "<｜end▁of▁sentence｜>", kNoSystem, true,
     "<｜begin▁of▁sentence｜>\n<｜User｜>What is 2+2?<｜Assistant｜>4<｜end▁of▁sentence｜><｜User｜>And 3+3?<｜Assistant｜>\n"},
    {"deepseek-r1-distill", "<｜begin▁of▁sentence｜>", "<｜end▁of▁sentence｜>", kNoSystem, false,
     "<｜begin▁of▁sentence｜>\n<｜User｜>What is 2+2?<｜Assistant｜>4<｜end▁of▁sentence｜><｜User｜>And 3+3?"},
    // chatml
    {"chatml", "", "<|im_end|>", kFull, true,
     "<|im_start|>system\nYou are terse.<|im_end|>\n<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n4<|im_end|>\n<|im_start|>user\nAnd 3+3?<|im_end|>\n<|im_start|>assistant\n"},
    {"chatml", "", "<|im_end|>", kFull, false,
     "<|im_start|>system\nYou are terse.<|im_end|>\n<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n4<|im_end|>\n<|im_start|>user\nAnd 3+3?<|im_end|>\n"},
    {"chatml", "", "<|im_end|>", kNoSystem, true,
     "<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n4<|im_end|>\n<|im_start|>user\nAnd 3+3?<|im_end|>\n<|im_start|>assistant\n"},
    {"chatml", "", "<|im_end|>", kNoSystem, false,
     "<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n4<|im_end|>\n<|im_start|>user\nAnd 3+3?<|im_end|>\n"},
};

class PublishedTemplate : public ::testing::TestWithParam<Row> {};

TEST_P(PublishedTemplate, RendersLikeHuggingFace) {
    const Row& row = GetParam();
    const std::string source = test::model_template(row.model);
    ASSERT_FALSE(source.empty()) << "missing templates/" << row.model << ".jinja";
    ChatTemplateInput in;
    in.messages = row.messages;
    in.add_generation_prompt = row.add_generation_prompt;
    in.bos_token = row.bos;
    in.eos_token = row.eos;
    in.now_unix = 1721952000;  // 2024-07-26, the date Llama 3.2 prints through strftime_now
    auto out = render_chat_template(source, in);
    if (!row.expected) {
        ASSERT_FALSE(out.ok()) << "expected the template to refuse, got:\n" << *out;
        EXPECT_EQ(out.error().code, "template.raised");
        return;
    }
    ASSERT_TRUE(out.ok()) << out.error().code << ": " << out.error().message;
    EXPECT_EQ(*out, row.expected);
}

std::string row_name(const ::testing::TestParamInfo<Row>& info) {
    std::string name = std::string(info.param.model) + (&info.param.messages == &kFull ? "_full" : "_nosystem") +
                       (info.param.add_generation_prompt ? "_gen" : "_nogen");
    for (char& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    return name;
}

INSTANTIATE_TEST_SUITE_P(Models, PublishedTemplate, ::testing::ValuesIn(kRows), row_name);

TEST(PublishedTemplate, Gemma2RefusesASystemMessageWithItsOwnWords) {
    ChatTemplateInput in;
    in.messages = kFull;
    auto out = render_chat_template(test::model_template("gemma-2"), in);
    ASSERT_FALSE(out.ok());
    EXPECT_EQ(out.error().code, "template.raised");
    EXPECT_NE(out.error().message.find("System role not supported"), std::string::npos) << out.error().message;
    EXPECT_NE(out.error().message.find("line 2"), std::string::npos) << out.error().message;
}

TEST(PublishedTemplate, MistralRefusesTwoUserTurnsInARow) {
    ChatTemplateInput in;
    in.messages = {{"user", "a"}, {"user", "b"}};
    auto out = render_chat_template(test::model_template("mistral-v0.3"), in);
    ASSERT_FALSE(out.ok());
    EXPECT_NE(out.error().message.find("must alternate user/assistant"), std::string::npos) << out.error().message;
}

TEST(PublishedTemplate, DeepSeekDropsTheReasoningOfEarlierAnswers) {
    ChatTemplateInput in;
    in.messages = {{"user", "Q"}, {"assistant", "<think>long thoughts</think>A"}, {"user", "Q2"}};
    in.bos_token = "<s>";
    auto out = render_chat_template(test::model_template("deepseek-r1-distill"), in);
    ASSERT_TRUE(out.ok()) << out.error().message;
    EXPECT_EQ(*out, "<s>\n<｜User｜>Q<｜Assistant｜>A<｜end▁of▁sentence｜><｜User｜>Q2<｜Assistant｜>\n");
}

TEST(PublishedTemplate, Llama32PrintsTheDateItIsGiven) {
    ChatTemplateInput in;
    in.messages = {{"user", "Hi"}};
    in.now_unix = 1735689600;  // 2025-01-01
    auto out = render_chat_template(test::model_template("llama-3.2"), in);
    ASSERT_TRUE(out.ok()) << out.error().message;
    EXPECT_NE(out->find("Today Date: 01 Jan 2025\n"), std::string::npos) << *out;
    in.extra_strings = {{"date_string", "5 May 2025"}};
    out = render_chat_template(test::model_template("llama-3.2"), in);
    ASSERT_TRUE(out.ok()) << out.error().message;
    EXPECT_NE(out->find("Today Date: 5 May 2025\n"), std::string::npos) << *out;
}

}  // namespace
}  // namespace hearth
