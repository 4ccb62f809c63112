// Where Hearth keeps models and its state, below the data folder (UserConfig::data_dir, by
// default ~/.local/share/hearth): models in models/ and the database beside them.
#pragma once

#include <filesystem>
#include <string>

namespace hearth::dl {

std::filesystem::path models_dir(const std::filesystem::path& data_dir);
std::filesystem::path state_db_path(const std::filesystem::path& data_dir);

// A file name from a repo path that cannot escape the models folder ("a/b.gguf" -> "b.gguf").
std::string safe_file_name(const std::string& repo_path);

}  // namespace hearth::dl
