// Templates are untrusted input: every malformed or hostile template must end in an error value
// with a stable code and a position, never a crash, a hang or unbounded memory.
#include <gtest/gtest.h>

#include <string>

#include "tests/inference/template/template_test_support.h"

namespace hearth {
namespace {

Result<std::string> render(const std::string& source, const TemplateLimits& limits = {}) {
    return render_template(source, tmpl::DictData{}, limits);
}

void expect_error(const std::string& source, const std::string& code, const std::string& fragment,
                  const TemplateLimits& limits = {}) {
    auto out = render(source, limits);
    ASSERT_FALSE(out.ok()) << "rendered: " << out.value();
    EXPECT_EQ(out.error().code, code) << out.error().message;
    EXPECT_NE(out.error().message.find(fragment), std::string::npos) << out.error().message;
}

TEST(TemplateLimits, SyntaxErrorsSayWhere) {
    expect_error("ok\n{% if x %}\nnever closed", "template.syntax", "line 2, column 1");
    expect_error("{{ 1 + }}", "template.syntax", "line 1, column 8");
    expect_error("a\nb {{ 'open", "template.syntax", "line 2, column 6");
    expect_error("{% endfor %}", "template.syntax", "does not close any open block");
    expect_error("{% include 'other' %}", "template.syntax", "not supported");
    expect_error("{# never closed", "template.syntax", "comment");
    expect_error("{{ x ]] }}", "template.syntax", "unexpected ']'");
}

TEST(TemplateLimits, RuntimeErrorsSayWhere) {
    expect_error("\n\n  {{ 1 + 'a' }}", "template.type", "line 3, column 8");
    expect_error("{{ missing.attr }}", "template.undefined", "'missing' is undefined");
    expect_error("{{ 1 // 0 }}", "template.value", "division by zero");
    expect_error("{{ 1 | nope }}", "template.unknown_filter", "'nope'");
    expect_error("{{ 1 is nope }}", "template.unknown_test", "'nope'");
    expect_error("{% for x in 3 %}{% endfor %}", "template.type", "cannot be iterated");
    expect_error("{{ 9223372036854775807 + 1 }}", "template.overflow", "64 bits");
}

TEST(TemplateLimits, RaiseExceptionKeepsTheTemplatesMessage) {
    auto out = render("x\n{{ raise_exception('Roles must alternate!') }}");
    ASSERT_FALSE(out.ok());
    EXPECT_EQ(out.error().code, "template.raised");
    EXPECT_EQ(out.error().message.rfind("Roles must alternate!", 0), 0u) << out.error().message;
    EXPECT_NE(out.error().message.find("line 2"), std::string::npos) << out.error().message;
}

TEST(TemplateLimits, EndlessRecursionStops) {
    expect_error("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "template.depth", "too deeply");
}

TEST(TemplateLimits, LongLoopsStop) {
    TemplateLimits limits;
    limits.max_steps = 100000;
    expect_error("{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}", "template.too_slow",
                 "steps", limits);
    expect_error("{{ range(100001) | length }}", "template.too_large", "range");
}

TEST(TemplateLimits, OutputIsBounded) {
    TemplateLimits limits;
    limits.max_output_bytes = 1000;
    expect_error("{% for i in range(1000) %}0123456789{% endfor %}", "template.output_too_large", "1000 bytes", limits);
    auto ok = render("{% for i in range(100) %}0123456789{% endfor %}", limits);
    ASSERT_TRUE(ok.ok()) << ok.error().message;
    EXPECT_EQ(ok->size(), 1000u);
}

TEST(TemplateLimits, RunawayStringsAndListsAreRefused) {
    expect_error("{{ ('x' * 1000000000) | length }}", "template.too_large", "memory");
    expect_error("{% set ns = namespace(s='xxxxxxxx') %}{% for i in range(100) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
                 "template.too_large", "memory");
    expect_error("{{ ([1] * 1000000000) | length }}", "template.too_large", "memory");
}

TEST(TemplateLimits, WorkOnSharedNestedListsIsCounted) {
    // A few list slots can describe millions of elements by sharing; comparing or printing
    // them is charged by the elements visited, not by the expression nodes evaluated.
    TemplateLimits limits;
    limits.max_steps = 2'000'000;
    limits.max_alloc_bytes = 4u << 20;
    const std::string lists = "{% set a = [[[1] * 100] * 100] * 100 %}{% set b = [[[1] * 100] * 100] * 100 %}";
    expect_error(lists + "{% for i in range(1000) %}{{ a == b }}{% endfor %}", "template.too_slow", "steps", limits);
    expect_error(lists + "{% for i in range(1000) %}{{ a in [b] }}{% endfor %}", "template.too_slow", "steps", limits);
    expect_error("{{ ([[[[1] * 100] * 100] * 100] * 100) | tojson | length }}", "template.too_large", "", limits);
    expect_error("{{ ([[[[1] * 100] * 100] * 100] * 100) | string | length }}", "template.too_large", "memory", limits);
    expect_error("{% set s = 'x' * 1000000 %}{% for i in range(10000) %}{% if s %}{% endif %}{% endfor %}",
                 "template.too_slow", "steps", limits);
}

TEST(TemplateLimits, DeepNestingIsRefusedNotFollowed) {
    expect_error("{{ " + std::string(5000, '(') + "1" + std::string(5000, ')') + " }}", "template.syntax", "nested too deeply");
    expect_error("{{ " + std::string(5000, '[') + std::string(5000, ']') + " }}", "template.syntax", "nested too deeply");
    expect_error("{{ " + std::string(20000, '-') + "1 }}", "template.syntax", "nested too deeply");
    std::string deep_blocks;
    for (int k = 0; k < 500; ++k) deep_blocks += "{% if true %}";
    expect_error(deep_blocks, "template.syntax", "nested too deeply");
    expect_error("{% set ns = namespace(l=[]) %}{% for i in range(1000) %}{% set ns.l = [ns.l] %}{% endfor %}",
                 "template.depth", "levels deep");
}

TEST(TemplateLimits, ReferenceCyclesAreReleased) {
    // Leak checkers (ASan in CI) see a leak here if the cycle survives the render.
    auto out = render("{% set ns = namespace() %}{% set ns.self = ns %}{% set l = [] %}{{ l.append(l) }}{{ l | length }}");
    ASSERT_TRUE(out.ok()) << out.error().message;
    EXPECT_EQ(*out, "None1");
}

TEST(TemplateLimits, TemplateSizeIsBounded) {
    TemplateLimits limits;
    limits.max_template_bytes = 10;
    expect_error("01234567890", "template.too_large", "bytes", limits);
}

}  // namespace
}  // namespace hearth
