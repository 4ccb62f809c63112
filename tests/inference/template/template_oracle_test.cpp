// Byte-for-byte comparison with Jinja2 itself: every published template and a set of small
// templates that exercise one feature each are rendered by render_oracle.py (Jinja2 configured
// as Hugging Face configures it) and by our renderer, and the outputs must be identical. Where
// Jinja2 raises, we must return an error too. Skips when python3 or python3-jinja2 is missing.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/inference/template/template_test_support.h"
#include "tests/support/run_process.h"

namespace hearth {
namespace {

using tmpl::Value;

struct Case {
    std::string label;
    std::string source;
    std::string vars_json;
    std::int64_t now = 0;
};

bool have_jinja2() {
    static const bool have = test::run_command("python3 -c 'import jinja2' >/dev/null 2>&1").exit_code == 0;
    return have;
}

// Runs all cases through Jinja2 and through us, comparing each.
void check_against_jinja2(const std::string& name, const std::vector<Case>& cases) {
    std::vector<Value> list;
    for (const auto& c : cases) {
        Value item = Value::new_dict();
        item.dict->set("template", Value::string(c.source));
        auto vars = tmpl::parse_json(c.vars_json);
        ASSERT_TRUE(vars.ok()) << c.label << ": bad vars JSON " << c.vars_json;
        item.dict->set("vars", *vars);
        item.dict->set("now", Value::integer(c.now));
        list.push_back(item);
    }
    const auto dir = test::scratch_dir("template-oracle-" + name);
    {
        auto json = tmpl::to_json(Value::new_list(list));
        ASSERT_TRUE(json.ok());
        std::ofstream(dir / "cases.json", std::ios::binary) << *json;
    }
    const auto script = test::template_test_dir() / "render_oracle.py";
    const auto r = test::run_command("python3 '" + script.string() + "' '" + (dir / "cases.json").string() + "' '" +
                                     (dir / "results.json").string() + "'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto results = tmpl::parse_json(test::read_text(dir / "results.json"));
    ASSERT_TRUE(results.ok() && results->is_list());
    ASSERT_EQ(results->list->items.size(), cases.size());
    int compared = 0;
    for (std::size_t k = 0; k < cases.size(); ++k) {
        const auto& c = cases[k];
        const auto& expected = *results->list->items[k].dict;
        const std::string ours = test::render_json(c.source, c.vars_json, c.now);
        if (expected.find("ok")->b) {
            EXPECT_EQ(ours, expected.find("text")->s) << "case " << c.label << "\ntemplate: " << c.source;
        } else {
            EXPECT_EQ(ours.rfind("ERROR ", 0), 0u) << "case " << c.label << ": Jinja2 raised "
                                                   << expected.find("error")->s << " but we rendered:\n" << ours
                                                   << "\ntemplate: " << c.source;
        }
        ++compared;
    }
    EXPECT_EQ(compared, static_cast<int>(cases.size()));
}

// ---- the published templates ------------------------------------------------------------------

const char* kConversations[] = {
    R"([{"role": "user", "content": "Hello!"}])",
    R"([{"role": "system", "content": "You are terse."}, {"role": "user", "content": "Hi there"}])",
    R"([{"role": "system", "content": "You are terse."}, {"role": "user", "content": "What is 2+2?"},
        {"role": "assistant", "content": "4"}, {"role": "user", "content": "And 3+3?"}])",
    R"([{"role": "user", "content": "  padded \n"}, {"role": "assistant", "content": " Sure. "},
        {"role": "user", "content": "Unicode: héllo ✓ 日本語 \"quotes\" 'single' \\ backslash"}])",
    R"([{"role": "user", "content": "Think first"}, {"role": "assistant", "content": "<think>hmm</think>Answer"},
        {"role": "user", "content": "Again"}])",
    R"([{"role": "system", "content": ""}, {"role": "user", "content": ""}])",
    R"([{"role": "assistant", "content": "I start"}, {"role": "user", "content": "odd order"}])",
    R"([])",
};

std::vector<Case> model_cases(const std::string& model, const std::string& bos, const std::string& eos) {
    std::vector<Case> cases;
    const std::string source = test::model_template(model);
    int n = 0;
    for (const char* conversation : kConversations) {
        for (const char* gen : {"true", "false"}) {
            Case c;
            c.label = model + " conversation " + std::to_string(n) + " add_generation_prompt=" + gen;
            c.source = source;
            c.vars_json = std::string(R"({"messages": )") + conversation + R"(, "add_generation_prompt": )" + gen +
                          R"(, "bos_token": ")" + bos + R"(", "eos_token": ")" + eos +
                          R"(", "tools": null, "documents": null})";
            c.now = 1732492800;  // 2024-11-25
            cases.push_back(c);
        }
        ++n;
    }
    return cases;
}

// Tool definitions and tool calls, for the templates that render them.
std::vector<Case> tool_cases(const std::string& model, const std::string& bos, const std::string& eos) {
    const std::string tools =
        R"([{"type": "function", "function": {"name": "get_weather", "description": "Weather for a city, in °C",
            "parameters": {"type": "object", "properties": {"city": {"type": "string", "description": "City name"}},
            "required": ["city"]}}}])";
    const std::string conversation =
        R"([{"role": "system", "content": "Use tools."}, {"role": "user", "content": "Weather in Paris?"},
            {"role": "assistant", "content": null, "tool_calls": [{"id": "abc123xyz", "type": "function",
             "function": {"name": "get_weather", "arguments": {"city": "Paris"}}}]},
            {"role": "tool", "content": "21", "tool_call_id": "abc123xyz"},
            {"role": "assistant", "content": "It is 21 °C."}, {"role": "user", "content": "Thanks"}])";
    std::vector<Case> cases;
    for (const char* gen : {"true", "false"}) {
        Case c;
        c.label = model + " with tools add_generation_prompt=" + gen;
        c.source = test::model_template(model);
        c.vars_json = R"({"messages": )" + conversation + R"(, "tools": )" + tools + R"(, "add_generation_prompt": )" +
                      gen + R"(, "bos_token": ")" + bos + R"(", "eos_token": ")" + eos + R"("})";
        cases.push_back(c);
    }
    if (model == "llama-3.1") {  // built-in tools: the <|python_tag|> call and <|eom_id|>
        Case c;
        c.label = model + " with builtin_tools";
        c.source = test::model_template(model);
        c.vars_json =
            R"({"messages": [{"role": "user", "content": "Search the news"}, {"role": "assistant", "content": "",
                "tool_calls": [{"function": {"name": "brave_search", "arguments": {"query": "news", "n": "3"}}}]},
                {"role": "ipython", "content": {"results": ["a", "b"]}}],
               "builtin_tools": ["brave_search", "code_interpreter", "wolfram_alpha"], "tools": null,
               "add_generation_prompt": true, "bos_token": ")" + bos + R"("})";
        cases.push_back(c);
    }
    return cases;
}

#define HEARTH_ORACLE_TEST(Name, model, bos, eos, with_tools)                                         \
    TEST(TemplateOracle, Name) {                                                                      \
        if (!have_jinja2()) GTEST_SKIP() << "python3 with jinja2 not found (apt install python3-jinja2)"; \
        auto cases = model_cases(model, bos, eos);                                                    \
        if (with_tools) {                                                                             \
            auto extra = tool_cases(model, bos, eos);                                                 \
            cases.insert(cases.end(), extra.begin(), extra.end());                                    \
        }                                                                                             \
        check_against_jinja2(model, cases);                                                           \
    }

HEARTH_ORACLE_TEST(Llama31, "llama-3.1", "<|begin_of_text|>", "<|eot_id|>", true)
HEARTH_ORACLE_TEST(Llama32, "llama-3.2", "<|begin_of_text|>", "<|eot_id|>", true)
HEARTH_ORACLE_TEST(Qwen25, "qwen2.5", "", "<|im_end|>", true)
HEARTH_ORACLE_TEST(MistralV03, "mistral-v0.3", "<s>", "</s>", true)
HEARTH_ORACLE_TEST(Phi3Mini, "phi-3-mini", "<s>", "<|endoftext|>", false)
HEARTH_ORACLE_TEST(Phi35Mini, "phi-3.5-mini", "<s>", "<|endoftext|>", false)
HEARTH_ORACLE_TEST(Gemma2, "gemma-2", "<bos>", "<eos>", false)
HEARTH_ORACLE_TEST(Gemma3, "gemma-3", "<bos>", "<eos>", false)
HEARTH_ORACLE_TEST(SmolLM2, "smollm2", "", "<|im_end|>", false)
HEARTH_ORACLE_TEST(DeepSeekR1Distill, "deepseek-r1-distill", "<｜begin▁of▁sentence｜>", "<｜end▁of▁sentence｜>", false)
HEARTH_ORACLE_TEST(ChatML, "chatml", "", "<|im_end|>", false)

// ---- one feature per template ------------------------------------------------------------------

const std::vector<std::pair<std::string, std::string>> kSnippets = {
    // whitespace control, trim_blocks, lstrip_blocks, comments, raw
    {"a  \n  {% if true %}\n  b\n  {% endif %}\n c", "{}"},
    {"x\n{#- c -#}\n  y {# c #}\nz", "{}"},
    {"  {{ 1 }}  \n{%- if 1 -%}  a  {%- endif %}\n\n", "{}"},
    {"{% if true +%}\nkeep{%+ if true %} x{% endif %}{% endif %}", "{}"},
    {"line\r\nwin\rmac\n", "{}"},
    {"{% raw %}{{ not rendered }}{% endraw %}\n{%- raw -%}  spaced  {%- endraw %}", "{}"},
    {"\t{% for i in [1,2] %}\n\t{{ i }}\n\t{% endfor %}\n", "{}"},
    {"{{- 'a' -}}   {{- 'b' }}  {{ 'c' -}}\n\n d", "{}"},
    // literals and printing
    {"{{ 1.0 }} {{ 1e16 }} {{ 0.1 + 0.2 }} {{ 1e-5 }} {{ 2.5e-3 }} {{ 123456789.125 }} {{ -0.0 }}", "{}"},
    {"{{ [1, 'a', none, true, 2.5, [\"x\"]] }} {{ {'a': 1, 'b': [1]} }} {{ (1, 2) }} {{ (1,) }} {{ () }}", "{}"},
    {"{{ none }}|{{ true }}|{{ false }}|{{ undefined_name }}|{{ '' }}", "{}"},
    {"{{ \"it's\" }} {{ ['it\\'s', \"say \\\"hi\\\"\", 'tab\\there', 'nl\\n', 'é'] }}", "{}"},
    {"{{ 'a\\nb\\x41\\u00e9\\q\\\\' }}", "{}"},
    {"{{ 'ab' 'cd' }} {{ 1_000 }}", "{}"},
    {"{{ '}}' }}{{ \"%}\" }}{% set x = '{% %}' %}{{ x }}{{ {'a': {'b': 1}} }}{%\n if true\n %}multi{% endif %}", "{}"},
    {"{{ }}", "{}"},
    {"{{ 'a' is string and 'b' }} {{ x is defined and x.y is defined }} {{ 'a' is in 'abc' }} {{ not x is defined or x }}", R"({"x": {"y": 0}})"},
    {"{{ 10 / 4 }} {{ 2 ** -1 }} {{ 1e3 }} {{ 3.0 == 3 }} {{ 1.5e300 * 1e10 }} {{ 0.1 * 3 }} {{ 1 / 3 }} {{ 2 / 3 * 3 }} {{ 100000000000000000.0 }}", "{}"},
    // arithmetic and operators
    {"{{ 7 // 2 }} {{ -7 // 2 }} {{ 7 % 3 }} {{ -7 % 3 }} {{ 7 / 2 }} {{ 2 ** 10 }} {{ 4 / 2 }} {{ 7.5 // 2 }} {{ -7.5 % 2 }}", "{}"},
    {"{{ 'ab' * 3 }} {{ [1] * 2 }} {{ 3 * 'x' }} {{ [1] + [2] }} {{ 'a' ~ 1 ~ none ~ u }} {{ true + 1 }}", "{}"},
    {"{{ 1 + 2 * 3 - 4 }} {{ (1 + 2) * 3 }} {{ -2 ** 2 }} {{ 2 ** 3 ** 2 }} {{ 10 - 2 - 3 }} {{ -(3) }}", "{}"},
    {"{{ 1 + 'a' }}", "{}"},
    {"{{ 1 / 0 }}", "{}"},
    {"{{ u + 1 }}", "{}"},
    {"{{ 'a' ~ 'b' | upper }} {{ -1 | abs }} {{ 1 + 2 | string }}", "{}"},
    // comparisons and logic
    {"{{ 1 == 1.0 }} {{ true == 1 }} {{ [1, 2] == [1, 2] }} {{ {'a': 1} == {'a': 1} }} {{ 'a' != 'b' }} {{ (1,) == [1] }}", "{}"},
    {"{{ 1 < 2 < 3 }} {{ 3 > 2 > 2 }} {{ 'abc' < 'abd' }} {{ [1, 2] < [1, 3] }} {{ 2 >= 2.0 }}", "{}"},
    {"{{ 'b' in 'abc' }} {{ 2 in [1, 2] }} {{ 'k' in {'k': 1} }} {{ 'z' not in 'abc' }} {{ 'x' in u }}", "{}"},
    {"{{ 0 or 'fallback' }} {{ 'x' and 'y' }} {{ none or none }} {{ not 0 }} {{ not 'a' and 1 }} {{ [] or {} }}", "{}"},
    {"{{ 'yes' if 1 else 'no' }} {{ 'yes' if 0 }}|{{ 'a' if false else 'b' if true else 'c' }}", "{}"},
    {"{{ 'a' < 1 }}", "{}"},
    // attribute, item access, slicing
    {"{{ m.role }} {{ m['content'] }} {{ m.missing }}|{{ m['missing'] }}|{{ l[0] }} {{ l[-1] }} {{ l[9] }}|{{ l.1 }}",
     R"({"m": {"role": "user", "content": "hi"}, "l": [10, 20, 30]})"},
    {"{{ s[::-1] }} {{ s[1:] }} {{ s[:2] }} {{ s[-2:] }} {{ s[::2] }} {{ s[1:-1] }} {{ l[::-1] }} {{ l[1:2] }} {{ l[5:] }} {{ s[-1] }}",
     R"({"s": "héllo", "l": [1, 2, 3]})"},
    {"{{ none.x }}|{{ 'a'.x }}|{{ (3)[0] }}|{{ m.a.b }}", R"({"m": {"a": null}})"},
    {"{{ u.x }}", "{}"},
    {"{{ u[0] }}", "{}"},
    // for loops
    {"{% for x in [1, 2, 3] if x > 1 %}{{ loop.index }}/{{ loop.length }}{{ loop.first }}{{ loop.last }} {% else %}E{% endfor %}", "{}"},
    {"{% for x in [] %}{{ x }}{% else %}empty{% endfor %}{% for x in u %}{{ x }}{% else %}undef{% endfor %}", "{}"},
    {"{% for x in 'hé!' %}[{{ x }}{{ loop.index0 }}{{ loop.revindex }}{{ loop.revindex0 }}]{% endfor %}", "{}"},
    {"{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}{% for k in d %}{{ k }}{% endfor %}{% for a, b in [[1, 2], (3, 4)] %}{{ a + b }}{% endfor %}",
     R"({"d": {"z": 1, "a": 2}})"},
    {"{% for x in [1, 2, 3, 4] %}{% if x == 2 %}{% continue %}{% endif %}{% if x == 4 %}{% break %}{% endif %}{{ x }}{% endfor %}", "{}"},
    {"{% for x in [1, 2, 3] %}{{ loop.previtem }}-{{ loop.nextitem }},{% endfor %}", "{}"},
    {"{% for i in [1, 2] %}{% for j in 'ab' %}{{ i }}{{ j }}{{ loop.index }}{% endfor %}{{ loop.index }}|{% endfor %}", "{}"},
    {"{% for x in none %}{% endfor %}", "{}"},
    {"{% for x in 'abc' %}{{ loop.cycle('odd', 'even') }}{% endfor %} {{ [u, none] }}", "{}"},
    {"{% for x in 5 %}{% endfor %}", "{}"},
    // scoping and namespaces
    {"{% for i in [1, 2] %}{{ x }}{% set x = i %}{{ x }}{% endfor %}[{{ x }}]", "{}"},
    {"{% set x = 5 %}{% for i in [1, 2] %}{{ x }}{% set x = i %}{{ x }}{% endfor %}[{{ x }}]", "{}"},
    {"{% if true %}{% set y = 3 %}{% endif %}{{ y }}", "{}"},
    {"{% set ns = namespace(a=1, b='x') %}{% for i in range(3) %}{% set ns.a = ns.a + i %}{% endfor %}{{ ns.a }}{{ ns.b }} {{ ns }}", "{}"},
    {"{% set ns = namespace() %}{% set ns.items = [] %}{% for i in range(3) %}{% set ns.items = ns.items + [i] %}{% endfor %}{{ ns.items }}", "{}"},
    {"{% set a, b = 1, 2 %}{{ a }}{{ b }}{% set c = [3, 4] %}{% set d, e = c %}{{ d + e }}", "{}"},
    {"{% set x %}captured {{ 1 + 1 }}{% endset %}[{{ x }}]{% set y | upper %}shout{% endset %}{{ y }}", "{}"},
    {"{% with a = 1, b = 2 %}{{ a + b }}{% endwith %}[{{ a }}]", "{}"},
    {"{% set x = 1 %}{% set x.y = 2 %}", "{}"},
    {"{% set messages = messages[1:] %}{{ messages | length }}", R"({"messages": [1, 2, 3]})"},
    // macros
    {"{% macro f(a, b=2, c='c') %}{{ a }}-{{ b }}-{{ c }}{% endmacro %}{{ f(1) }} {{ f(1, 3) }} {{ f(1, c=9) }} {{ f() }}", "{}"},
    {"{% set g = 'global' %}{% macro m(x) %}{{ g }}{{ x }}{{ local }}{% endmacro %}{% for local in [1] %}{{ m(2) }}{% endfor %}", "{}"},
    {"{% macro rec(n) %}{{ n }}{% if n > 0 %}{{ rec(n - 1) }}{% endif %}{% endmacro %}{{ rec(3) }}", "{}"},
    {"{% macro f(a) %}{{ a }}{% endmacro %}{{ f(1, 2) }}", "{}"},
    {"{% filter upper %}shout {{ 'this' }}{% endfilter %}", "{}"},
    // tests
    {"{{ x is defined }} {{ u is undefined }} {{ n is none }} {{ 1 is number }} {{ true is number }} {{ 1 is integer }} {{ 1.0 is float }} {{ true is boolean }}",
     R"({"x": 1, "n": null})"},
    {"{{ 's' is string }} {{ {} is mapping }} {{ [] is iterable }} {{ 's' is iterable }} {{ u is iterable }} {{ 3 is iterable }} {{ [] is sequence }} {{ 1 is sequence }}", "{}"},
    {"{{ 3 is odd }} {{ 4 is even }} {{ 9 is divisibleby 3 }} {{ 9 is divisibleby(2) }} {{ 1 is eq 1 }} {{ 'a' is equalto 'a' }} {{ 2 is gt 1 }} {{ 1 is lt 0 }} {{ 1 is in [1] }}", "{}"},
    {"{{ true is true }} {{ 1 is true }} {{ false is false }} {{ x is not none }} {{ not x is none }} {{ 'abc' is lower }} {{ 'ABC' is upper }} {{ none is sameas none }}",
     R"({"x": 0})"},
    {"{{ f is callable }} {% macro f() %}{% endmacro %}{{ f is callable }} {{ range is callable }}", "{}"},
    // filters
    {"{{ '  x  ' | trim }}|{{ 'xxaxx' | trim('x') }}|{{ [1, 2, 3] | length }} {{ 'héllo' | length }} {{ {'a': 1} | count }} {{ u | length }}", "{}"},
    {"{{ 'hello world' | title }} {{ 'hELLO wORLD' | capitalize }} {{ 'MiXeD' | lower }} {{ 'MiXeD' | upper }} {{ 'a-b(c [d' | title }}", "{}"},
    {"{{ 'aXbXc' | replace('X', '-') }} {{ 'aaa' | replace('a', 'b', 2) }} {{ 'ab' | replace('', '.') }}", "{}"},
    {"{{ [1, 2, 3] | join(', ') }} {{ ['a', 'b'] | join }} {{ users | join('/', attribute='name') }} {{ u | join(',') }}",
     R"({"users": [{"name": "x"}, {"name": "y"}]})"},
    {"{{ u | default('d') }} {{ '' | default('d') }} {{ '' | default('d', true) }} {{ none | default('d') }} {{ 0 | d(5) }} {{ u | default }}|", "{}"},
    {"{{ [1, 2] | first }} {{ [1, 2] | last }} {{ 'abc' | first }} {{ 'abc' | last }} {{ [] | first }}|{{ {'a': 1, 'b': 2} | items | list }} {{ {'a': 1} | list }}", "{}"},
    {"{{ 42 | string }}{{ none | string }} {{ '42' | int + 1 }} {{ '3.7' | int }} {{ 'x' | int }} {{ 'x' | int(7) }} {{ 3.9 | int }} {{ '2.5' | float }} {{ 'x' | float }} {{ 3 | float }}", "{}"},
    {"{{ msgs | selectattr('role', 'equalto', 'user') | list | length }} {{ msgs | rejectattr('role', 'eq', 'user') | map(attribute='content') | list }} {{ msgs | selectattr('tool') | list }} {{ msgs | map(attribute='role') | join(',') }}",
     R"({"msgs": [{"role": "user", "content": "a"}, {"role": "assistant", "content": "b", "tool": true}, {"role": "user", "content": "c"}]})"},
    {"{{ [1, 2, 3, 4] | select('odd') | list }} {{ [1, 2, 3, 4] | reject('odd') | list }} {{ [0, 1, '', 'a'] | select | list }} {{ ['a', 'b'] | map('upper') | list }} {{ [1, 2] | map('string') | join }}", "{}"},
    {"{{ x | tojson }} {{ x | tojson(indent=2) }} {{ [] | tojson(indent=2) }} {{ {} | tojson }} {{ 'é\"\\n\\u0001' | tojson }} {{ 1.5 | tojson }} {{ none | tojson }}",
     R"({"x": {"b": [1, true, null, "s"], "a": {"n": 2.5}}})"},
    {"{{ x | tojson(sort_keys=true) }} {{ x | tojson(separators=(',', ':')) }} {{ 'é' | tojson(ensure_ascii=true) }}",
     R"({"x": {"b": 1, "a": [1, 2]}})"},
    {"{{ [3, 1, 2] | sort }} {{ ['b', 'A', 'c'] | sort }} {{ [3, 1, 2] | sort(reverse=true) }} {{ users | sort(attribute='age') | map(attribute='n') | join }}",
     R"({"users": [{"n": "x", "age": 3}, {"n": "y", "age": 1}]})"},
    {"{{ [1, 2, 3] | sum }} {{ [1, 2] | reverse | list }} {{ 'abc' | reverse }} {{ 2.567 | round(2) }} {{ 2.5 | round }} {{ 3.5 | round }} {{ -3 | abs }} {{ '<a & \"b\">' | e }} {{ 'x' | safe }}", "{}"},
    {"{{ 'a\\nb\\n\\nc' | indent }}|{{ 'a\\nb' | indent(2, true) }}|{{ 'a\\n\\nb' | indent(1, blank=true) }}", "{}"},
    {"{{ {'b': 1, 'A': 2} | dictsort }}", "{}"},
    {"{{ 1 | nosuchfilter }}", "{}"},
    // methods
    {"{{ '  a b  '.strip() }}|{{ 'xxaxx'.strip('x') }}|{{ '  a'.lstrip() }}|{{ 'a  '.rstrip() }}|{{ 'A'.lower() }}{{ 'a'.upper() }}|{{ \"it's a-b\".title() }}|{{ 'hELLO'.capitalize() }}", "{}"},
    {"{{ 'a b  c'.split() }} {{ 'a,b,,c'.split(',') }} {{ 'a,b,c'.split(',', 1) }} {{ '  a  b '.split(none, 1) }} {{ 'x</think>y'.split('</think>')[-1] }}", "{}"},
    {"{{ 'abc'.startswith('ab') }} {{ 'abc'.endswith('bc') }} {{ 'abc'.startswith(('x', 'a')) }} {{ 'abc'.replace('b', 'B') }} {{ 'abcb'.find('b') }} {{ 'abcb'.count('b') }} {{ '-'.join(['a', 'b']) }}", "{}"},
    {"{{ d.get('a') }} {{ d.get('z') }} {{ d.get('z', 0) }} {{ d.keys() | list }} {{ d.values() | list }} {{ d.items() | list }}",
     R"({"d": {"a": 1, "b": 2}})"},
    {"{{ 'a'.nosuchmethod() }}", "{}"},
    {"{{ '%s: %d%%' % ('a', 3) }} {{ '%s' % 'x' }} {{ '%r' | format('q') }} {{ '%s-%s' | format(1, none) }} {{ '{} {}'.format(1, 'b') }} {{ '{1}{0}{{x}}'.format('a', 'b') }} {{ '{n}!'.format(n=5) }}", "{}"},
    {"{{ '%s %s' % ('only one',) }}", "{}"},
    {"{{ '{}'.format() }}", "{}"},
    // globals
    {"{{ range(3) | list }} {{ range(1, 10, 3) | list }} {{ range(5, 0, -2) | list }} {{ range(0) | list }} {{ dict(a=1) }}", "{}"},
    {"{{ strftime_now('%d %b %Y') }} {{ strftime_now('%Y-%m-%d %H:%M:%S %A %B %j %p %y') }}", "{}"},
    {"before{{ raise_exception('Only user and assistant roles are supported!') }}after", "{}"},
    // errors that must stay errors
    {"{% if %}", "{}"},
    {"{% for x in [1] %}", "{}"},
    {"{{ 1 + }}", "{}"},
    {"{% endif %}", "{}"},
    {"{{ 'unterminated }}", "{}"},
    {"{% include 'x.jinja' %}", "{}"},
};

TEST(TemplateOracle, FeatureSnippets) {
    if (!have_jinja2()) GTEST_SKIP() << "python3 with jinja2 not found (apt install python3-jinja2)";
    std::vector<Case> cases;
    for (std::size_t k = 0; k < kSnippets.size(); ++k) {
        Case c;
        c.label = "snippet " + std::to_string(k);
        c.source = kSnippets[k].first;
        c.vars_json = kSnippets[k].second;
        c.now = 1721952000 + 13 * 3600 + 5 * 60 + 9;  // 2024-07-26 13:05:09 UTC
        cases.push_back(c);
    }
    check_against_jinja2("snippets", cases);
}

}  // namespace
}  // namespace hearth
