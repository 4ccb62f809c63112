// The IQ codebooks compiled into Hearth (inference/tensor/iq_tables.*, generated once) against the
// format description in the shared test data (formats/iq-tables.json, extracted from llama.cpp):
// an IQ block decodes bit-compatibly only with exactly these values.
#include <gtest/gtest.h>

#include <cstdint>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include "inference/tensor/iq_tables.h"
#include "tests/inference/cpu/golden_util.h"
#include "tests/support/testdata.h"

using namespace hearth;

namespace {

// The "values" array of table `name` in the JSON (numbers, or hex strings for the 32/64-bit
// grids), as unsigned 64-bit patterns (negative numbers two's complement).
std::vector<uint64_t> table_values(const std::string& json, const std::string& name) {
    std::vector<uint64_t> out;
    const auto at = json.find("\"" + name + "\"");
    if (at == std::string::npos) return out;
    const auto open = json.find('[', json.find("\"values\"", at));
    const auto close = json.find(']', open);
    std::stringstream items(json.substr(open + 1, close - open - 1));
    std::string item;
    while (std::getline(items, item, ',')) {
        std::string t;
        for (char c : item)
            if (c != '"' && c != ' ' && c != '\n' && c != '\r' && c != '\t') t += c;
        if (t.empty()) continue;
        if (t.rfind("0x", 0) == 0) out.push_back(std::stoull(t.substr(2), nullptr, 16));
        else out.push_back(static_cast<uint64_t>(std::stoll(t)));
    }
    return out;
}

template <class T>
void expect_table(const std::string& json, const std::string& name, std::span<const T> ours) {
    const auto want = table_values(json, name);
    ASSERT_EQ(want.size(), ours.size()) << name;
    for (size_t i = 0; i < ours.size(); ++i) {
        const auto mine = static_cast<uint64_t>(static_cast<std::make_signed_t<T>>(ours[i]));
        const uint64_t mask = sizeof(T) == 8 ? ~0ull : (1ull << (8 * sizeof(T))) - 1;
        ASSERT_EQ(mine & mask, want[i] & mask) << name << "[" << i << "]";
    }
}

TEST(IqTables, MatchTheFormatDescription) {
    HEARTH_REQUIRE_TESTDATA("formats/iq-tables.json");
    const std::string json = test::read_text(test::testdata_dir() / "formats" / "iq-tables.json");
    expect_table<int8_t>(json, "kvalues_iq4nl", iq::kvalues_iq4nl);
    expect_table<uint8_t>(json, "ksigns_iq2xs", iq::ksigns_iq2xs);
    expect_table<uint8_t>(json, "kmask_iq2xs", iq::kmask_iq2xs);
    expect_table<uint64_t>(json, "iq2xxs_grid", iq::iq2xxs_grid);
    expect_table<uint64_t>(json, "iq2xs_grid", iq::iq2xs_grid);
    expect_table<uint64_t>(json, "iq2s_grid", iq::iq2s_grid);
    expect_table<uint32_t>(json, "iq3xxs_grid", iq::iq3xxs_grid);
    expect_table<uint32_t>(json, "iq3s_grid", iq::iq3s_grid);
    expect_table<uint64_t>(json, "iq1s_grid", iq::iq1s_grid);
}

// Without the test data the tables still have the properties the decoders rely on.
TEST(IqTables, SignTableHasEvenParityAndGridsTheirValueSets) {
    for (int i = 0; i < 128; ++i) {
        EXPECT_EQ(iq::ksigns_iq2xs[i] & 127, i);
        EXPECT_EQ(__builtin_popcount(iq::ksigns_iq2xs[i]) % 2, 0) << i;
    }
    for (uint64_t e : iq::iq2xxs_grid)
        for (int j = 0; j < 8; ++j) {
            const auto b = (e >> (8 * j)) & 0xFF;
            EXPECT_TRUE(b == 8 || b == 25 || b == 43) << std::hex << e;
        }
    for (uint64_t e : iq::iq1s_grid)
        for (int j = 0; j < 8; ++j) {
            const auto b = static_cast<int8_t>((e >> (8 * j)) & 0xFF);
            EXPECT_TRUE(b >= -1 && b <= 1) << std::hex << e;
        }
}

}  // namespace
