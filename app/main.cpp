// hearth: the desktop app, and its composition root. Creates the services (database, downloader,
// the one inference worker), hands them to the view-models, registers those for QML as the
// singleton App, loads the QML, and gets out of the way.
#include <QCommandLineParser>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QThreadPool>
#include <QTimer>
#include <cstdio>

#include "app/qt/app_services.h"
#include "app/qt/automation.h"
#include "app/qt/hearth_app.h"
#include "app/qt/start_warmup.h"
#include "app/environment.h"
#include "app/version.h"

Q_IMPORT_QML_PLUGIN(HearthPlugin)

// --screenshot FILE: once the UI reports ready (or after 30 s), save the window to FILE and quit.
// This is how tests and docs get a picture of the real window. A window that never became ready
// is still saved (to show what went wrong) but the exit code is 3, so a test fails.
static void scheduleScreenshot(QQuickWindow* window, const QString& path) {
    auto* timer = new QTimer(window);
    auto* waited = new int(0);
    QObject::connect(timer, &QTimer::timeout, window, [=] {
        *waited += 100;
        const bool ready = window->property("ready").toBool();
        if (!ready && *waited < 30000) return;
        timer->stop();
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
    // First of all, beside everything that follows until the first text is laid out.
    const QFuture<void> fonts = warm_fonts_in_background();
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
    QCommandLineOption script(QStringLiteral("script"),
                              QStringLiteral("Run the test commands in <file> and quit (see app/qt/automation.h)."),
                              QStringLiteral("file"));
    QCommandLineOption dataDir(QStringLiteral("data-dir"),
                               QStringLiteral("Keep chats and models in <folder> instead of the usual data folder."),
                               QStringLiteral("folder"));
    parser.addOption(screenshot);
    parser.addOption(script);
    parser.addOption(dataDir);
    parser.process(app);

    QStringList scriptLines;
    if (parser.isSet(script)) {
        QString error;
        scriptLines = ScriptRunner::readScript(parser.value(script), &error);
        if (!error.isEmpty()) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 2;
        }
    }

    QQuickStyle::setStyle(QStringLiteral("Material"));
    const std::filesystem::path data = parser.isSet(dataDir) ? std::filesystem::path(parser.value(dataDir).toStdString())
                                                             : hearth::app::user_config_from_environment().data_dir;
    int rc = 0;
    {
        AppServices services(data);
        HearthApp hearthApp(&services);
        // The database opens on its own thread while QML starts; its answer is queued until
        // the event loop runs, when the window is there to show it.
        services.start();
        qmlRegisterSingletonInstance("Hearth", 1, 0, "App", &hearthApp);

        QQmlApplicationEngine engine;
        hearthApp.settings()->setEngine(&engine);
        QObject::connect(&engine, &QQmlApplicationEngine::objectCreationFailed, &app,
                         [] { QCoreApplication::exit(1); }, Qt::QueuedConnection);
        // The render loop in a turn of its own: the UI thread returns to its event loop between
        // it and the QML (app/qt/start_warmup.h).
        warm_render_loop();
        QCoreApplication::processEvents();
        engine.load(QUrl(QStringLiteral("qrc:/Hearth/Main.qml")));
        if (engine.rootObjects().isEmpty()) return 1;

        auto* window = qobject_cast<QQuickWindow*>(engine.rootObjects().first());
        if (window && parser.isSet(screenshot)) scheduleScreenshot(window, parser.value(screenshot));
        std::unique_ptr<ScriptRunner> runner;
        if (window && parser.isSet(script)) {
            runner = std::make_unique<ScriptRunner>(window, &hearthApp, scriptLines);
            runner->start();
        }
        rc = app.exec();
        // Work queued on the global pool (downloads being planned, backups) may still point at
        // the services; it finishes before they go.
        QThreadPool::globalInstance()->waitForDone();
    }
    return rc;
}
