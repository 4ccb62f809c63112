// Fontconfig and Qt's font database start up once per process (reading the configuration,
// listing and opening the fonts): 100–250 ms on a plain Linux desktop. Whichever thread needs a
// font first does it while holding the font database's lock, and the first text QML lays out
// would otherwise wait for it on the UI thread. Started at the top of main, on a worker thread,
// it runs beside the database opening and the QML engine's own start (plugins, compiling).
#pragma once

#include <QFuture>

// Has a pool thread list the font families and lay out a line in the default font. Call once,
// after the QGuiApplication exists (Qt 6 lays out text in any thread).
QFuture<void> warm_fonts_in_background();
