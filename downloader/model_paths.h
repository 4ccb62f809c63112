// Where Hearth keeps models and its state: $XDG_DATA_HOME/hearth (default ~/.local/share/hearth),
// models in models/ below it and the database beside them.
#pragma once

#include <filesystem>
#include <string>

namespace hearth::dl {

std::filesystem::path data_dir();
std::filesystem::path models_dir();
std::filesystem::path state_db_path();

// A file name from a repo path that cannot escape the models folder ("a/b.gguf" -> "b.gguf").
std::string safe_file_name(const std::string& repo_path);

}  // namespace hearth::dl
