// Numbers as the user's language writes them ("4.096", "2,8 MiB" in German). Everything goes
// through the default QLocale, which AppSettings sets whenever the language changes, so texts
// made after a switch follow it without a restart.
#pragma once

#include <QString>
#include <QtGlobal>

// "1,2 GiB" / "340 MiB" / "2,8 MiB" / "12 KiB"
QString bytes_words(qint64 bytes);
// A fixed number of decimals: decimal_words(49.1, 1) is "49,1" in German.
QString decimal_words(double value, int decimals);
// With the language's digit grouping: "4.096" in German, "4,096" in English.
QString integer_words(qint64 value);
