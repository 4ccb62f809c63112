#include "app/qt/number_words.h"

#include <QLocale>

QString bytes_words(qint64 bytes) {
    const double b = static_cast<double>(bytes);
    constexpr double kib = 1024.0, mib = kib * 1024, gib = mib * 1024;
    if (b >= gib) return QStringLiteral("%1 GiB").arg(decimal_words(b / gib, 1));
    if (b >= mib) return QStringLiteral("%1 MiB").arg(decimal_words(b / mib, b < 10.0 * mib ? 1 : 0));
    return QStringLiteral("%1 KiB").arg(decimal_words(b / kib, 0));
}

QString decimal_words(double value, int decimals) { return QLocale().toString(value, 'f', decimals); }

QString integer_words(qint64 value) { return QLocale().toString(value); }
