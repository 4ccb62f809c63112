// Application settings: a key -> text value table (values are whatever the app writes,
// often JSON). Key names belong to the caller, e.g. "ui.theme", "engine.default_model".
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"

namespace hearth::storage {

struct Connection;

Result<std::optional<std::string>> get_setting(Connection& c, const std::string& key);
Status set_setting(Connection& c, const std::string& key, const std::string& value);
Status remove_setting(Connection& c, const std::string& key);  // no error when absent
Result<std::vector<std::pair<std::string, std::string>>> list_settings(Connection& c);  // by key

}  // namespace hearth::storage
