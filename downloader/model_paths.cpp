#include "downloader/model_paths.h"

#include <string>

namespace hearth::dl {

std::filesystem::path models_dir(const std::filesystem::path& data_dir) { return data_dir / "models"; }

std::filesystem::path state_db_path(const std::filesystem::path& data_dir) { return data_dir / "hearth.sqlite3"; }

std::string safe_file_name(const std::string& repo_path) {
    std::string name = repo_path.substr(repo_path.rfind('/') == std::string::npos ? 0 : repo_path.rfind('/') + 1);
    if (name.empty() || name == "." || name == "..") return "model.gguf";
    for (auto& c : name)
        if (c == '\\' || c == ':' || static_cast<unsigned char>(c) < 0x20) c = '_';
    return name;
}

}  // namespace hearth::dl
