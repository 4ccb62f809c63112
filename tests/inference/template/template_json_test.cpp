// JSON in and out of template values: tojson must match Python's json.dumps byte for byte.
#include <gtest/gtest.h>

#include "inference/template/json.h"

namespace hearth::tmpl {
namespace {

std::string dump(const std::string& json, const JsonOptions& opt = {}) {
    auto v = parse_json(json);
    if (!v) return "PARSE ERROR " + v.error().message;
    auto out = to_json(*v, opt);
    return out ? *out : "DUMP ERROR " + out.error().message;
}

TEST(TemplateJson, RoundTripsInPythonsLayout) {
    EXPECT_EQ(dump(R"({"b":1,"a":[true,false,null,1.5,-2,"x"]})"), R"({"b": 1, "a": [true, false, null, 1.5, -2, "x"]})");
    EXPECT_EQ(dump("[]"), "[]");
    EXPECT_EQ(dump("{}"), "{}");
}

TEST(TemplateJson, IndentsLikeJsonDumps) {
    JsonOptions opt;
    opt.indent = 2;
    opt.item_separator = ",";
    EXPECT_EQ(dump(R"({"a":[1,{}],"b":[]})", opt), "{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": []\n}");
}

TEST(TemplateJson, EscapesOnlyWhatJsonDumpsEscapes) {
    EXPECT_EQ(dump(R"("é\u0001\n\"\\/\ud83d\ude00")"), "\"é\\u0001\\n\\\"\\\\/😀\"");
    JsonOptions ascii;
    ascii.ensure_ascii = true;
    EXPECT_EQ(dump(R"("é😀")", ascii), "\"\\u00e9\\ud83d\\ude00\"");
}

TEST(TemplateJson, FloatsPrintAsPythonRepr) {
    EXPECT_EQ(float_repr(0.1), "0.1");
    EXPECT_EQ(float_repr(1.0), "1.0");
    EXPECT_EQ(float_repr(1e16), "1e+16");
    EXPECT_EQ(float_repr(123456789012345.0), "123456789012345.0");
    EXPECT_EQ(float_repr(0.0001), "0.0001");
    EXPECT_EQ(float_repr(0.00001), "1e-05");
    EXPECT_EQ(float_repr(-2.5e-300), "-2.5e-300");
    EXPECT_EQ(float_repr(-0.0), "-0.0");
}

TEST(TemplateJson, RejectsMalformedInput) {
    EXPECT_FALSE(parse_json("{").ok());
    EXPECT_FALSE(parse_json("[1,]").ok());
    EXPECT_FALSE(parse_json("\"open").ok());
    EXPECT_FALSE(parse_json("01x").ok());
    EXPECT_FALSE(parse_json(std::string(1000, '[')).ok());
}

TEST(TemplateJson, UndefinedCannotBeWritten) {
    auto out = to_json(Value::undefined("x"));
    ASSERT_FALSE(out.ok());
    EXPECT_EQ(out.error().code, "template.type");
}

}  // namespace
}  // namespace hearth::tmpl
