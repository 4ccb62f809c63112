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
// that was half of the UI thread's work in `engine.load`. Making the render loop must happen on
// the UI thread, but loading the driver need not: an OpenGL context made (and dropped) on a worker
// thread loads and starts it there (a context may be made on any thread: Qt's threaded render loop
// makes its own on its render thread), while the UI thread keeps running its event loop. What the
// UI thread then does itself (the render loop, the test context) is about a tenth of the whole.
#pragma once

#include <QFuture>

// Has a pool thread list the font families and lay out a line in the default font. Call once,
// after the QGuiApplication exists (Qt 6 lays out text in any thread).
QFuture<void> warm_fonts_in_background();

// Loads the OpenGL driver on a worker (when the scene graph draws with OpenGL), running the event
// loop meanwhile, then makes (and drops) a window that is never shown: the render loop stays for
// the real one. Call before the QML is made.
void warm_render_loop();
