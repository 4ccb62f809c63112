// A conversation out of and back into the database: Markdown (the visible branch, for
// reading and sharing) and JSON (the whole tree with every field, for backup and moving
// between machines; import_conversation_json(export_conversation_json(x)) is lossless).
//
// The JSON names messages by their position in the file ("id": 1, 2, ... and "parent"),
// not by database ids, so exporting an imported chat gives the same bytes again.
#pragma once

#include <cstdint>
#include <string>

#include "base/result.h"

namespace hearth::storage {

struct Connection;

Result<std::string> export_conversation_markdown(Connection& c, int64_t conversation_id);
Result<std::string> export_conversation_json(Connection& c, int64_t conversation_id);
// Adds the conversation in json as a new conversation (needs the writer's connection);
// returns its id. storage.import when the text is not a Hearth conversation export.
Result<int64_t> import_conversation_json(Connection& c, const std::string& json);

}  // namespace hearth::storage
