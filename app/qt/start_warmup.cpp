#include "app/qt/start_warmup.h"

#include <QFont>
#include <QFontDatabase>
#include <QFontMetricsF>
#include <QGuiApplication>
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
    QQuickWindow probe;
}
