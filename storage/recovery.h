// What happens when the chat database is damaged (a bad disk, a copy cut short, another tool
// writing into it): the file is never deleted or "repaired" in place. It is moved aside under
// a dated name, a fresh database takes its place, and every row that can still be read is
// copied into the fresh one. The caller gets an OpenReport saying all of this.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "base/result.h"

namespace hearth::storage {

struct Connection;

// Runs PRAGMA quick_check on an open connection: "" when sound, else what is wrong. An
// error when the check itself could not run for another reason (interrupted, locked).
Result<std::string> quick_check(Connection& c);

// The file whose presence makes the next open() check and recover before anything else
// (left by a background check that found damage).
std::filesystem::path damage_marker(const std::filesystem::path& db_path);

// Runs PRAGMA quick_check on path. Returns "" when the file is sound, else what is wrong
// (SQLite's words). An error only when the file cannot be opened at all for a reason other
// than damage (permissions, missing folder).
Result<std::string> check_database(const std::filesystem::path& path, int busy_timeout_ms);

// Moves path (and its -wal and -shm files) to "<stem>.damaged-YYYYMMDD-HHMMSS<ext>" in the
// same folder; returns the new path of the main file.
Result<std::filesystem::path> move_aside(const std::filesystem::path& path);

struct SalvageCounts {
    int64_t conversations = 0;
    int64_t messages = 0;
    int64_t other_rows = 0;   // settings, downloads, models
    int64_t read_errors = 0;  // times a table scan hit damage and skipped ahead
};

// Copies what can be read from the damaged file into fresh (already migrated to the latest
// schema), works on a scratch copy so the damaged file stays exactly as found, then repairs
// the tree: messages whose conversation row is gone get a stand-in "Recovered chat", messages
// whose parent is gone become roots, and active leaves that point nowhere move to the
// conversation's newest message.
Result<SalvageCounts> salvage_into(Connection& fresh, const std::filesystem::path& damaged,
                                   int busy_timeout_ms);

}  // namespace hearth::storage
