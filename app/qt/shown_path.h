// A folder as the screens show it: under the user's home as "~/…", the way people read their
// own folders (and the way a screenshot shows nothing of the machine it was made on).
#pragma once

#include <QString>

QString shown_path(const QString& path);
