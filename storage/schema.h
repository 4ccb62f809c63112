// The schema, as a list of forward-only migrations keyed on PRAGMA user_version.
//
// Version N of the database is what you get by running steps 1..N on an empty file. A step
// is never edited once released: a change is a new step. Each step runs inside its own
// transaction together with its user_version bump, so a crash mid-upgrade leaves the file
// at the previous version, never half-migrated.
//
//   v1  conversations, messages (a tree through parent_id), settings, downloads
//   v2  messages_fts: an FTS5 index over message text (external content, kept by triggers),
//       built for the messages already there
//   v3  models: the local model files and what we measured about them
//   v4  messages.thinking, messages.token_data (per-token BLOB), messages.stats_json
//   v5  model_accuracy: each accuracy measurement of a model (perplexity, KL divergence, top-1,
//       delta-p with standard errors) with its reference, text and context
#pragma once

#include "base/result.h"

namespace hearth::storage {

struct Connection;

// The version this build of Hearth writes.
int latest_schema_version();

// PRAGMA user_version of c's database.
Result<int> schema_version(Connection& c);

// Runs the steps after the current version up to target (latest by default). Errors:
// storage.too_new when the file is newer than this build, storage.migrate when a step fails
// (the file stays at the last version that completed).
Status migrate(Connection& c, int target = -1);

}  // namespace hearth::storage
