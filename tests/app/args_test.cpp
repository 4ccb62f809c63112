// hearth-cli's one number parser (app/cli/args.h): a table of values a user might type, each
// with the number it must give or the fact that it must be refused with a message naming the
// option and its range. Before this parser, strtoll/stoul wrapped, threw or took NaN.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>

#include "app/cli/args.h"

using hearth::cli::Args;
using hearth::cli::parse_double;
using hearth::cli::parse_int;

namespace {

struct IntCase {
    const char* text;
    int64_t min, max;
    bool ok;
    int64_t want;
};

const IntCase kIntCases[] = {
    {"0", 0, 10, true, 0},
    {"10", 0, 10, true, 10},
    {"-5", -10, 10, true, -5},
    {"4294967295", 0, INT64_MAX, true, 4294967295},
    {"9223372036854775807", 0, INT64_MAX, true, INT64_MAX},
    {"-9223372036854775808", INT64_MIN, INT64_MAX, true, INT64_MIN},
    {"007", 0, 10, true, 7},
    {"11", 0, 10, false, 0},                      // above the range
    {"-1", 0, 10, false, 0},                      // negative where only counts make sense
    {"4294967296", 0, INT32_MAX, false, 0},       // would wrap to 0 in a uint32_t
    {"99999999999999999999", 0, INT64_MAX, false, 0},  // overflows int64: stoul threw here
    {"-99999999999999999999", INT64_MIN, 0, false, 0},
    {"", 0, 10, false, 0},
    {" 5", 0, 10, false, 0},
    {"5 ", 0, 10, false, 0},
    {"+5", 0, 10, false, 0},
    {"5abc", 0, 10, false, 0},
    {"abc", 0, 10, false, 0},
    {"1.5", 0, 10, false, 0},
    {"1e3", 0, 10000, false, 0},
    {"0x10", 0, 100, false, 0},
    {"-", 0, 10, false, 0},
    {"nan", 0, 10, false, 0},
};

struct RealCase {
    const char* text;
    double min, max;
    bool ok;
    double want;
};

const RealCase kRealCases[] = {
    {"0", 0, 1, true, 0},
    {"0.95", 0, 1, true, 0.95},
    {"1", 0, 1, true, 1},
    {"-2.5", -10, 10, true, -2.5},
    {"1e-3", 0, 1, true, 0.001},
    {"7", 0, 100, true, 7},
    {"nan", 0, 100, false, 0},
    {"NaN", 0, 100, false, 0},
    {"-nan", 0, 100, false, 0},
    {"inf", 0, 1e308, false, 0},
    {"-inf", -1e308, 0, false, 0},
    {"infinity", 0, 1e308, false, 0},
    {"1e400", 0, 1e308, false, 0},  // out of double's range
    {"1.5", 0, 1, false, 0},
    {"-0.1", 0, 1, false, 0},
    {"", 0, 1, false, 0},
    {" 0.5", 0, 1, false, 0},
    {"0.5 ", 0, 1, false, 0},
    {"0.5x", 0, 1, false, 0},
    {"0,5", 0, 1, false, 0},
    {"0x1p-1", 0, 1, false, 0},
    {"+0.5", 0, 1, false, 0},
};

}  // namespace

TEST(ParseInt, TableOfGoodAndBadValues) {
    for (const auto& c : kIntCases) {
        SCOPED_TRACE(std::string("text '") + c.text + "'");
        auto r = parse_int("--count", c.text, c.min, c.max);
        ASSERT_EQ(r.ok(), c.ok);
        if (c.ok) {
            EXPECT_EQ(*r, c.want);
        } else {
            EXPECT_EQ(r.error().code, "cli.bad_number");
            EXPECT_EQ(r.error().message, "--count must be a whole number between " + std::to_string(c.min) +
                                             " and " + std::to_string(c.max) + ", not '" + c.text + "'.");
        }
    }
}

TEST(ParseDouble, TableOfGoodAndBadValues) {
    for (const auto& c : kRealCases) {
        SCOPED_TRACE(std::string("text '") + c.text + "'");
        auto r = parse_double("--top-p", c.text, c.min, c.max);
        ASSERT_EQ(r.ok(), c.ok);
        if (c.ok) {
            EXPECT_DOUBLE_EQ(*r, c.want);
        } else {
            EXPECT_EQ(r.error().code, "cli.bad_number");
            EXPECT_NE(r.error().message.find("--top-p must be a number between"), std::string::npos);
            EXPECT_NE(r.error().message.find(std::string("not '") + c.text + "'."), std::string::npos);
        }
    }
}

TEST(ParseDouble, MessageWritesTheRangeAsTheUserWouldType) {
    auto r = parse_double("--temp", "nan", 0, 100);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message, "--temp must be a number between 0 and 100, not 'nan'.");
    r = parse_double("--min-p", "2", 0, 0.5);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().message, "--min-p must be a number between 0 and 0.5, not '2'.");
}

TEST(Args, IntegerNamesTheSpellingTheUserTyped) {
    Args a({"-n", "4294967296"});
    EXPECT_EQ(a.integer({"-n", "--n-predict"}, 0, INT32_MAX), std::nullopt);
    EXPECT_EQ(a.error, "-n must be a whole number between 0 and 2147483647, not '4294967296'.");
    EXPECT_TRUE(a.unused().empty());  // the bad value is taken, not left over as a positional word
}

TEST(Args, GoodValuesAndAbsentOptions) {
    Args a({"--n-predict", "12", "--temp", "0.7"});
    EXPECT_EQ(a.integer({"-n", "--n-predict"}, 0, 100), 12);
    EXPECT_EQ(a.real({"--temp"}, 0, 100), 0.7);
    EXPECT_EQ(a.integer({"--seed"}, 0, INT64_MAX), std::nullopt);
    EXPECT_TRUE(a.error.empty()) << a.error;
}

TEST(Args, FirstErrorIsKept) {
    Args a({"--temp", "inf", "--top-p", "2"});
    EXPECT_EQ(a.real({"--temp"}, 0, 100), std::nullopt);
    EXPECT_EQ(a.real({"--top-p"}, 0, 1), std::nullopt);
    EXPECT_EQ(a.error, "--temp must be a number between 0 and 100, not 'inf'.");
}

TEST(Args, MissingValueIsAnError) {
    Args a({"--seed"});
    EXPECT_EQ(a.integer({"--seed"}, 0, INT64_MAX), std::nullopt);
    EXPECT_EQ(a.error, "option --seed needs a value");
}
