// Online backup: a consistent copy of the chat database taken while Hearth keeps running
// (SQLite's backup API reading one snapshot; under WAL the writer is never held up).
#pragma once

#include <filesystem>
#include <future>

#include "base/result.h"
#include "storage/database.h"

namespace hearth::storage {

// Writes a copy of db to dest (through a temporary file renamed into place, so dest is never
// half-written). Blocks: call from a worker thread, or use backup_database_async.
Status backup_database(Database& db, const std::filesystem::path& dest);
// The same on one of db's reader threads.
std::future<Status> backup_database_async(Database& db, const std::filesystem::path& dest);

}  // namespace hearth::storage
