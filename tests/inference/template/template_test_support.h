// Shared by the template tests: where the published templates are, and a one-call render.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "inference/template/chat_template.h"
#include "inference/template/json.h"

namespace hearth::test {

inline std::filesystem::path template_test_dir() {
    const char* src = std::getenv("HEARTH_SOURCE_DIR");
    return std::filesystem::path(src ? src : ".") / "tests" / "inference" / "template";
}

inline std::string read_text(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline std::string model_template(const std::string& name) {
    return read_text(template_test_dir() / "templates" / (name + ".jinja"));
}

// Renders `source` with variables given as a JSON object; "ERROR <code>: <message>" on failure.
inline std::string render_json(const std::string& source, const std::string& vars_json, std::int64_t now = 0,
                               const TemplateLimits& limits = {}) {
    auto vars = tmpl::parse_json(vars_json);
    if (!vars || !vars->is_dict()) return "BAD TEST JSON";
    auto out = render_template(source, *vars->dict, limits, now);
    if (!out) return "ERROR " + out.error().code + ": " + out.error().message;
    return *out;
}

}  // namespace hearth::test
