#include "app/qt/start_warmup.h"

#include <QFont>
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QEventLoop>
#include <QFutureWatcher>
#include <QGuiApplication>
#include <QOpenGLContext>
#include <QQuickWindow>
#include <QtConcurrent/QtConcurrentRun>

QFuture<void> warm_fonts_in_background() {
    const QFont font = QGuiApplication::font();
    return QtConcurrent::run([font] {
        (void)QFontDatabase::families();  // fontconfig's configuration and the list of fonts
        // The default font's files opened and a line shaped: what the first caption needs.
        QFont bold = font;
        bold.setBold(true);
        for (const QFont& f : {font, bold}) (void)QFontMetricsF(f).horizontalAdvance(QStringLiteral("Hearth 0123456789"));
    });
}

void warm_render_loop() {
    if (QQuickWindow::graphicsApi() == QSGRendererInterface::OpenGL) {
        QEventLoop loop;
        QFutureWatcher<void> driver;
        QObject::connect(&driver, &QFutureWatcher<void>::finished, &loop, &QEventLoop::quit);
        driver.setFuture(QtConcurrent::run([] {
            QOpenGLContext context;  // the default format, as the window's will be
            (void)context.create();  // a failure is the render loop's to report, later
        }));
        if (!driver.isFinished()) loop.exec();
    }
    QQuickWindow probe;
}
