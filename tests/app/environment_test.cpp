// app/environment.h: the one place that reads the user's environment for the libraries.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "app/environment.h"

using hearth::app::user_config_from_environment;

namespace {

hearth::dl::UserConfig from(const std::map<std::string, std::string>& env) {
    return user_config_from_environment([&env](const char* name) -> const char* {
        auto it = env.find(name);
        return it == env.end() ? nullptr : it->second.c_str();
    });
}

}  // namespace

TEST(Environment, ReadsEveryVariableTheLibrariesNeed) {
    auto c = from({{"HF_ENDPOINT", "https://mirror.example"},
                   {"HF_TOKEN", "hf_one"},
                   {"HUGGING_FACE_HUB_TOKEN", "hf_two"},
                   {"HEARTH_CATALOG", "/opt/catalog.json"},
                   {"XDG_DATA_HOME", "/data"},
                   {"HOME", "/home/u"}});
    EXPECT_EQ(c.hub_endpoint, "https://mirror.example");
    EXPECT_EQ(c.hf_token, "hf_one") << "HF_TOKEN comes first";
    EXPECT_EQ(c.catalog_file, "/opt/catalog.json");
    EXPECT_EQ(c.data_dir, "/data/hearth");
}

TEST(Environment, FallsBackStepByStep) {
    auto c = from({{"HF_TOKEN", ""}, {"HUGGING_FACE_HUB_TOKEN", "hf_two"}, {"XDG_DATA_HOME", "relative"},
                   {"HOME", "/home/u"}});
    EXPECT_EQ(c.hub_endpoint, "");  // the downloader's default host
    EXPECT_EQ(c.hf_token, "hf_two") << "an empty HF_TOKEN is unset";
    EXPECT_TRUE(c.catalog_file.empty());
    EXPECT_EQ(c.data_dir, "/home/u/.local/share/hearth") << "a relative XDG_DATA_HOME is ignored";
    auto bare = from({});
    EXPECT_TRUE(bare.hf_token.empty());
    EXPECT_EQ(bare.data_dir, std::filesystem::current_path() / ".hearth");
}
