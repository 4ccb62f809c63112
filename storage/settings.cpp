#include "storage/settings.h"

#include "storage/connection.h"

namespace hearth::storage {

Result<std::optional<std::string>> get_setting(Connection& c, const std::string& key) {
    Stmt s(c, "SELECT value FROM settings WHERE key = ?1");
    s.bind(1, key);
    auto r = s.step();
    if (!r) return r.error();
    if (!*r) return std::optional<std::string>();
    return std::optional<std::string>(s.text(0));
}

Status set_setting(Connection& c, const std::string& key, const std::string& value) {
    Stmt s(c, "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    s.bind(1, key).bind(2, value);
    return s.run();
}

Status remove_setting(Connection& c, const std::string& key) {
    Stmt s(c, "DELETE FROM settings WHERE key = ?1");
    s.bind(1, key);
    return s.run();
}

Result<std::vector<std::pair<std::string, std::string>>> list_settings(Connection& c) {
    Stmt s(c, "SELECT key, value FROM settings ORDER BY key");
    return s.rows([](const Stmt& row) { return std::pair(row.text(0), row.text(1)); });
}

}  // namespace hearth::storage
