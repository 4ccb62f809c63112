// The renderer's behaviour feature by feature, with expected strings written out by hand
// (template_oracle_test.cpp checks the same ground against Jinja2 itself when it is installed).
#include <gtest/gtest.h>

#include <string>

#include "tests/inference/template/template_test_support.h"

namespace hearth {
namespace {

std::string render(const std::string& source, const std::string& vars = "{}") { return test::render_json(source, vars); }

TEST(TemplateRender, PlainTextAndExpressions) {
    EXPECT_EQ(render("hello"), "hello");
    EXPECT_EQ(render("{{ 1 + 2 * 3 }}|{{ (1 + 2) * 3 }}|{{ 7 // 2 }}|{{ -7 // 2 }}|{{ -7 % 3 }}|{{ 7 / 2 }}"), "7|9|3|-4|2|3.5");
    EXPECT_EQ(render("{{ 'a' ~ 1 ~ none ~ missing }}|{{ 'ab' * 2 }}|{{ [1] + [2] }}"), "a1None|abab|[1, 2]");
    EXPECT_EQ(render("{{ name }}", R"({"name": "Ada"})"), "Ada");
}

TEST(TemplateRender, PrintsValuesAsPythonDoes) {
    EXPECT_EQ(render("{{ none }} {{ true }} {{ 1.0 }} {{ 0.1 + 0.2 }} {{ 1e16 }} {{ 1e-5 }}"),
              "None True 1.0 0.30000000000000004 1e+16 1e-05");
    EXPECT_EQ(render("{{ [1, 'a', none] }} {{ {'k': \"it's\"} }} {{ (1,) }}"), "[1, 'a', None] {'k': \"it's\"} (1,)");
    EXPECT_EQ(render("{{ missing }}"), "");
}

TEST(TemplateRender, WhitespaceControlAsHuggingFaceConfiguresIt) {
    // trim_blocks: the newline after a block tag goes; lstrip_blocks: indentation before it goes.
    EXPECT_EQ(render("{% if true %}\n    x\n{% endif %}\n"), "    x\n");
    EXPECT_EQ(render("  {% if true %}a{% endif %}  b"), "a  b");
    EXPECT_EQ(render("a   {{- 'b' -}}   c"), "abc");
    EXPECT_EQ(render("a\n{%- if true -%}\n b \n{%- endif %}"), "ab");
    EXPECT_EQ(render("{# a comment #}\nx"), "x");
    EXPECT_EQ(render("line\n"), "line");  // one trailing newline is dropped, as Jinja2 does
    EXPECT_EQ(render("{% raw %}{{ x }}{% endraw %}"), "{{ x }}");
}

TEST(TemplateRender, ForLoopsWithLoopVariablesElseAndFilters) {
    EXPECT_EQ(render("{% for x in xs %}{{ loop.index }}{{ x }}{% if not loop.last %},{% endif %}{% endfor %}",
                     R"({"xs": ["a", "b", "c"]})"),
              "1a,2b,3c");
    EXPECT_EQ(render("{% for x in [] %}x{% else %}none{% endfor %}"), "none");
    EXPECT_EQ(render("{% for x in [1, 2, 3, 4] if x is even %}{{ x }}/{{ loop.length }} {% endfor %}"), "2/2 4/2 ");
    EXPECT_EQ(render("{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}", R"({"d": {"b": 1, "a": 2}})"), "b=1;a=2;");
    EXPECT_EQ(render("{% for x in [1, 2, 3] %}{% if x == 2 %}{% continue %}{% endif %}{{ x }}{% endfor %}"), "13");
    EXPECT_EQ(render("{% for x in [1, 2, 3] %}{% if x == 2 %}{% break %}{% endif %}{{ x }}{% endfor %}"), "1");
}

TEST(TemplateRender, LoopScopeAndNamespaces) {
    // A plain `set` inside a loop does not leak out; a namespace attribute does.
    EXPECT_EQ(render("{% set n = 0 %}{% for x in [1, 2] %}{% set n = n + x %}{% endfor %}{{ n }}"), "0");
    EXPECT_EQ(render("{% set ns = namespace(n=0) %}{% for x in [1, 2] %}{% set ns.n = ns.n + x %}{% endfor %}{{ ns.n }}"), "3");
    EXPECT_EQ(render("{% if true %}{% set y = 1 %}{% endif %}{{ y }}"), "1");
}

TEST(TemplateRender, MacrosAndCapture) {
    EXPECT_EQ(render("{% macro turn(role, text='') %}<{{ role }}>{{ text }}{% endmacro %}{{ turn('user', 'hi') }}{{ turn('bot') }}"),
              "<user>hi<bot>");
    EXPECT_EQ(render("{% set x %}a{{ 1 }}{% endset %}[{{ x }}]"), "[a1]");
}

TEST(TemplateRender, AccessAndSlicing) {
    const std::string vars = R"({"m": {"role": "user"}, "l": [1, 2, 3], "s": "héllo"})";
    EXPECT_EQ(render("{{ m.role }}{{ m['role'] }}|{{ m.nope }}|{{ l[-1] }}{{ l[1:] }}{{ l[::-1] }}", vars), "useruser||3[2, 3][3, 2, 1]");
    EXPECT_EQ(render("{{ s[1] }}{{ s[::-1] }}{{ s | length }}", vars), "éolléh5");  // by code point, as Python
}

TEST(TemplateRender, TestsFiltersAndMethods) {
    EXPECT_EQ(render("{{ x is defined }}{{ y is defined }}{{ x is string }}{{ 3 is odd }}{{ none is none }}", R"({"x": "a"})"),
              "TrueFalseTrueTrueTrue");
    EXPECT_EQ(render("{{ '  a  ' | trim }}|{{ 'ab' | upper }}|{{ ['a', 'b'] | join(', ') }}|{{ missing | default('d') }}"),
              "a|AB|a, b|d");
    EXPECT_EQ(render("{{ ms | selectattr('role', 'equalto', 'user') | map(attribute='c') | list }}",
                     R"({"ms": [{"role": "user", "c": 1}, {"role": "bot", "c": 2}, {"role": "user", "c": 3}]})"),
              "[1, 3]");
    EXPECT_EQ(render("{{ ' x '.strip() }}|{{ 'a</think>b'.split('</think>')[-1] }}|{{ 'abc'.startswith('a') }}|{{ d.get('z', 5) }}",
                     R"({"d": {}})"),
              "x|b|True|5");
    EXPECT_EQ(render("{{ {'a': [1, 'é'], 'b': none} | tojson }}"), "{\"a\": [1, \"é\"], \"b\": null}");
    EXPECT_EQ(render("{{ {'a': 1} | tojson(indent=2) }}"), "{\n  \"a\": 1\n}");
}

TEST(TemplateRender, ListAppendThroughANamespace) {
    EXPECT_EQ(render("{% set ns = namespace(l=[]) %}{% for x in [1, 2] %}{{ ns.l.append(x * 10) }}{% endfor %}{{ ns.l }}"),
              "NoneNone[10, 20]");
}

TEST(TemplateRender, ChatInputBecomesTemplateVariables) {
    ChatTemplateInput in;
    in.messages = {{"system", "S"}, {"user", "U"}};
    in.add_generation_prompt = false;
    in.bos_token = "<s>";
    in.eos_token = "</s>";
    in.extra_strings = {{"who", "me"}};
    in.extra_bools = {{"enable_thinking", true}};
    auto out = render_chat_template(
        "{{ bos_token }}{% for m in messages %}{{ m.role }}:{{ m['content'] }};{% endfor %}{{ add_generation_prompt }}"
        "{{ eos_token }}{{ who }}{{ enable_thinking }}{{ tools is none }}",
        in);
    ASSERT_TRUE(out.ok()) << out.error().message;
    EXPECT_EQ(*out, "<s>system:S;user:U;False</s>meTrueTrue");
}

TEST(TemplateRender, FallbackTemplateIsChatML) {
    ChatTemplateInput in;
    in.messages = {{"system", "S"}, {"user", "Hi"}};
    auto out = render_chat_template(fallback_chat_template(), in);
    ASSERT_TRUE(out.ok()) << out.error().message;
    EXPECT_EQ(*out, "<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n");
    in.add_generation_prompt = false;
    out = render_chat_template(fallback_chat_template(), in);
    ASSERT_TRUE(out.ok());
    EXPECT_EQ(*out, "<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n");
}

TEST(TemplateRender, StrftimeNowUsesTheGivenTime) {
    ChatTemplateInput in;
    in.now_unix = 1721999109;  // 2024-07-26 13:05:09 UTC, a Friday
    auto out = render_chat_template("{{ strftime_now('%Y-%m-%d %H:%M:%S %a %d %b %Y %B %A') }}", in);
    ASSERT_TRUE(out.ok()) << out.error().message;
    EXPECT_EQ(*out, "2024-07-26 13:05:09 Fri 26 Jul 2024 July Friday");
}

}  // namespace
}  // namespace hearth
