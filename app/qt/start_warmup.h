// What the first window needs that can be made ready before the QML: so that the UI thread's
// longest time away from its event loop at start (measured by bench/app) is shorter.
//
// Fonts: fontconfig and Qt's font database start up once per process (reading the configuration,
// listing and opening the fonts): 100–250 ms on a plain Linux desktop. Whichever thread needs a
// font first does it while holding the font database's lock, and the first text QML lays out
// would otherwise wait for it on the UI thread. Started at the top of main, on a worker thread,
// it runs beside the database opening and the QML engine's own start (plugins, compiling).
//
// The render loop: the first QQuickWindow makes the scene graph's render loop, which loads the
// OpenGL driver and makes a test context to see whether it can render on a thread of its own;
// that was half of the UI thread's work in `engine.load`. It must happen on the UI thread, but it
// can happen in a turn of the event loop of its own, before the QML is made.
#pragma once

#include <QFuture>

// Has a pool thread list the font families and lay out a line in the default font. Call once,
// after the QGuiApplication exists (Qt 6 lays out text in any thread).
QFuture<void> warm_fonts_in_background();

// Makes (and drops) a window that is never shown: the render loop stays for the real one.
void warm_render_loop();
