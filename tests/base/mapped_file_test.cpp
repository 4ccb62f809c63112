#include "base/mapped_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using hearth::MapFileHints;
using hearth::MappedFile;

namespace {

fs::path scratch() {
    const fs::path d = fs::temp_directory_path() /
                       ("hearth-mapped-" + std::to_string(::getpid()) + "-" +
                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(d);
    fs::create_directories(d);
    return d;
}

TEST(MappedFile, MapsTheWholeFileAndSurvivesMoves) {
    const fs::path p = scratch() / "f.bin";
    std::vector<char> want(3 * 4096 + 17);
    for (size_t i = 0; i < want.size(); ++i) want[i] = static_cast<char>(i * 7 + 3);
    std::ofstream(p, std::ios::binary).write(want.data(), static_cast<std::streamsize>(want.size()));
    auto m = MappedFile::open(p);
    ASSERT_TRUE(m) << m.error().message;
    const auto bytes = m->bytes();
    ASSERT_EQ(bytes.size(), want.size());
    MappedFile moved = std::move(*m);
    EXPECT_TRUE(m->bytes().empty());
    ASSERT_EQ(moved.bytes().data(), bytes.data());
    EXPECT_TRUE(std::equal(want.begin(), want.end(), reinterpret_cast<const char*>(bytes.data())));
    // Dropped pages come back from the file with the same bytes.
    hearth::release_pages(moved.bytes());
    hearth::release_pages(moved.bytes().subspan(5, 5000));
    EXPECT_TRUE(std::equal(want.begin(), want.end(), reinterpret_cast<const char*>(moved.bytes().data())));
}

TEST(MappedFile, EmptyFileHasNoBytes) {
    const fs::path p = scratch() / "empty";
    std::ofstream{p};
    auto m = MappedFile::open(p);
    ASSERT_TRUE(m) << m.error().message;
    EXPECT_TRUE(m->bytes().empty());
}

TEST(MappedFile, ErrorsNameTheFileTheReasonAndWhatToDo) {
    const fs::path d = scratch();
    const MapFileHints hints{"x.io", "look for it", "pick a file", "free memory"};
    auto missing = MappedFile::open(d / "absent.gguf", hints);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, "x.io");
    EXPECT_NE(missing.error().message.find("absent.gguf"), std::string::npos);
    EXPECT_NE(missing.error().message.find("No such file"), std::string::npos) << missing.error().message;
    EXPECT_NE(missing.error().message.find("look for it"), std::string::npos);
    auto folder = MappedFile::open(d, hints);
    ASSERT_FALSE(folder);
    EXPECT_NE(folder.error().message.find("not a regular file; pick a file"), std::string::npos)
        << folder.error().message;
}

}  // namespace
