// The user's environment, read in one place for the CLI and the app and handed to the libraries
// as plain settings (the libraries read no environment variables):
//   HF_ENDPOINT                         the Hugging Face Hub or a mirror
//   HF_TOKEN, HUGGING_FACE_HUB_TOKEN    the access token for gated models (the first set wins)
//   HEARTH_CATALOG                      a model catalog to use instead of the bundled one
//   XDG_DATA_HOME, HOME                 where Hearth keeps its data: $XDG_DATA_HOME/hearth, else
//                                       ~/.local/share/hearth, else ./.hearth
#pragma once

#include <functional>

#include "downloader/user_config.h"

namespace hearth::app {

// `lookup` returns a variable's value or null; tests pass their own table.
using EnvLookup = std::function<const char*(const char* name)>;

dl::UserConfig user_config_from_environment(const EnvLookup& lookup);
dl::UserConfig user_config_from_environment();  // the process's environment

}  // namespace hearth::app
