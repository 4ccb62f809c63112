#include "downloader/model_paths.h"

#include <cstdlib>
#include <string>

namespace hearth::dl {

std::filesystem::path data_dir() {
    if (const char* x = std::getenv("XDG_DATA_HOME"); x && *x == '/') return std::filesystem::path(x) / "hearth";
    if (const char* home = std::getenv("HOME"); home && *home)
        return std::filesystem::path(home) / ".local" / "share" / "hearth";
    return std::filesystem::current_path() / ".hearth";
}

std::filesystem::path models_dir() { return data_dir() / "models"; }

std::filesystem::path state_db_path() { return data_dir() / "hearth.sqlite3"; }

std::string safe_file_name(const std::string& repo_path) {
    std::string name = repo_path.substr(repo_path.rfind('/') == std::string::npos ? 0 : repo_path.rfind('/') + 1);
    if (name.empty() || name == "." || name == "..") return "model.gguf";
    for (auto& c : name)
        if (c == '\\' || c == ':' || static_cast<unsigned char>(c) < 0x20) c = '_';
    return name;
}

}  // namespace hearth::dl
