#include "app/qt/shown_path.h"

#include <QDir>

QString shown_path(const QString& path) {
    const QString clean = QDir::cleanPath(path);
    const QString home = QDir::cleanPath(QDir::homePath());
    if (home.isEmpty() || home == QLatin1String("/")) return clean;
    if (clean == home) return QStringLiteral("~");
    if (clean.startsWith(home + QLatin1Char('/'))) return QStringLiteral("~") + clean.mid(home.size());
    return clean;
}
