// The strict, bounded JSON parser and its serializer.
#include <gtest/gtest.h>

#include "base/json.h"

namespace hearth::test {
namespace {

using json::Type;

TEST(Json, ParsesEveryKindOfValue) {
    auto v = json::parse(R"( {"a": [1, -2.5, 3e2, true, false, null], "s": "x\"\\\/\n\u00e9\ud83d\ude00", "o": {}} )");
    ASSERT_TRUE(v.ok()) << v.error().message;
    ASSERT_TRUE(v->is_object());
    const auto* a = v->find("a");
    ASSERT_TRUE(a && a->is_array());
    ASSERT_EQ(a->arr.size(), 6u);
    EXPECT_EQ(a->arr[0].as_int(), 1);
    EXPECT_DOUBLE_EQ(a->arr[1].num, -2.5);
    EXPECT_DOUBLE_EQ(a->arr[2].num, 300);
    EXPECT_EQ(a->arr[2].as_int(), 300);
    EXPECT_TRUE(a->arr[3].b);
    EXPECT_TRUE(a->arr[4].is_bool() && !a->arr[4].b);
    EXPECT_TRUE(a->arr[5].is_null());
    EXPECT_EQ(v->get_string("s"), "x\"\\/\n\xc3\xa9\xf0\x9f\x98\x80");
    EXPECT_TRUE(v->find("o")->is_object());
    EXPECT_EQ(v->find("missing"), nullptr);
}

TEST(Json, LargeIntegersStayExact) {
    auto v = json::parse(R"({"size": 9007199254740993, "neg": -42, "frac": 1.5, "big": 1e300})");
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(v->get_int("size"), 9007199254740993LL);
    EXPECT_EQ(v->get_int("neg"), -42);
    EXPECT_FALSE(v->get_int("frac"));
    EXPECT_FALSE(v->get_int("big"));
}

TEST(Json, RejectsMalformedInput) {
    for (const char* bad : {"", "{", "[1,]", "{\"a\":1,}", "{'a':1}", "01", "1.", "-", "1e", "tru", "nul",
                            "\"unterminated", "\"bad \\x escape\"", "\"\\ud800\"", "\"\\udc00\"",
                            "[1] 2", "{\"a\" 1}", "\"tab\there\"", "\"\xff\"", "\"\xc0\x80\"", "NaN",
                            "[1,2", "{\"a\":}"}) {
        auto v = json::parse(bad);
        EXPECT_FALSE(v.ok()) << "accepted: " << bad;
        if (!v.ok()) {
            EXPECT_EQ(v.error().code, "json.syntax");
        }
    }
}

TEST(Json, BoundsDepthAndSize) {
    std::string deep(100, '[');
    deep += std::string(100, ']');
    auto v = json::parse(deep);
    ASSERT_FALSE(v.ok());
    EXPECT_NE(v.error().message.find("deeper"), std::string::npos);
    json::Limits lim;
    lim.max_depth = 200;
    EXPECT_TRUE(json::parse(deep, lim).ok());
    lim.max_bytes = 10;
    auto big = json::parse("[1,2,3,4,5,6,7]", lim);
    ASSERT_FALSE(big.ok());
    EXPECT_EQ(big.error().code, "json.too_large");
}

TEST(Json, SerializeRoundTrips) {
    auto v = json::Value::object_value();
    v.set("name", json::Value::string_value("Qwen \"2.5\"\n\x01"));
    v.set("size", json::Value::integer_value(4683073536LL));
    v.set("ok", json::Value::boolean_value(true));
    auto arr = json::Value::array_value();
    arr.push(json::Value::null_value());
    arr.push(json::Value::number_value(0.5));
    v.set("list", arr);
    v.set("ok", json::Value::boolean_value(false));  // replaces
    for (int indent : {-1, 2}) {
        std::string text = json::serialize(v, indent);
        auto back = json::parse(text);
        ASSERT_TRUE(back.ok()) << text;
        EXPECT_EQ(back->get_string("name"), "Qwen \"2.5\"\n\x01");
        EXPECT_EQ(back->get_int("size"), 4683073536LL);
        EXPECT_EQ(back->get_bool("ok"), false);
        EXPECT_EQ(back->obj.size(), 4u);
        EXPECT_EQ(json::serialize(*back, indent), text);
    }
    EXPECT_EQ(json::serialize(v), R"({"name":"Qwen \"2.5\"\n\u0001","size":4683073536,"ok":false,"list":[null,0.5]})");
}

}  // namespace
}  // namespace hearth::test
