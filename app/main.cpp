// hearth: the desktop app. Builds the object graph, loads the QML, and gets out of the way.
#include <QCommandLineParser>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QQuickWindow>
#include <QTimer>
#include <QTranslator>
#include <QLocale>
#include <cstdio>

#include "app/version.h"

Q_IMPORT_QML_PLUGIN(HearthPlugin)

// --screenshot FILE: once the UI reports ready (or after a timeout), save the window to FILE
// and quit. This is how tests and docs get a picture of the real window. A window that never
// became ready is still saved (to show what went wrong) but the exit code is 3, so a test fails.
static void scheduleScreenshot(QQuickWindow* window, const QString& path) {
    auto* timer = new QTimer(window);
    auto* waited = new int(0);
    QObject::connect(timer, &QTimer::timeout, window, [=] {
        *waited += 100;
        if (!window->property("ready").toBool() && *waited < 15000) return;
        timer->stop();
        const bool ready = window->property("ready").toBool();
        if (!ready) std::fprintf(stderr, "the window did not become ready within %d ms\n", *waited);
        delete waited;
        const QImage image = window->grabWindow();
        const bool saved = !image.isNull() && image.save(path);
        std::fprintf(saved ? stdout : stderr, "%s %s\n", saved ? "screenshot saved to" : "could not save screenshot to",
                     qPrintable(path));
        QCoreApplication::exit(!saved ? 1 : !ready ? 3 : 0);
    });
    timer->start(100);
}

int main(int argc, char* argv[]) {
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("Hearth"));
    QGuiApplication::setOrganizationName(QStringLiteral("Hearth"));
    QGuiApplication::setApplicationVersion(QStringLiteral(HEARTH_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Private AI chat on your own GPU"));
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                  QStringLiteral("Save a picture of the window to <file> and quit."),
                                  QStringLiteral("file"));
    parser.addOption(screenshot);
    parser.process(app);

    QTranslator translator;
    if (translator.load(QLocale(), QStringLiteral("hearth"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        QCoreApplication::installTranslator(&translator);

    QQmlApplicationEngine engine;
    QObject::connect(&engine, &QQmlApplicationEngine::objectCreationFailed, &app,
                     [] { QCoreApplication::exit(1); }, Qt::QueuedConnection);
    engine.load(QUrl(QStringLiteral("qrc:/Hearth/Main.qml")));
    if (engine.rootObjects().isEmpty()) return 1;

    auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().first());
    if (window && parser.isSet(screenshot)) scheduleScreenshot(window, parser.value(screenshot));
    return app.exec();
}
