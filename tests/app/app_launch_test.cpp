// The desktop app as a user starts it: a real process opens its window titled Hearth, shows the
// device list, saves a screenshot into the build folder, and quits cleanly, with a Vulkan driver
// and without one.
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QtTest>

class AppLaunchTest : public QObject {
    Q_OBJECT

private:
    // Runs the app with --screenshot; returns its exit code (or -1 on crash/timeout).
    static int launch(const QString& screenshot, const QStringList& extraEnv, QString* output) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const auto& kv : extraEnv) env.insert(kv.section('=', 0, 0), kv.section('=', 1));
        QString program = QStringLiteral(HEARTH_APP_PATH);
        // A data folder of its own, not the user's.
        QStringList args{QStringLiteral("--screenshot"), screenshot, QStringLiteral("--data-dir"),
                         QStringLiteral(HEARTH_BINARY_DIR "/test-scratch/app_launch")};
        const QString xvfb = env.value(QStringLiteral("HEARTH_USE_XVFB"));
        if (!xvfb.isEmpty()) {
            // A real X server, as on a user's desktop.
            env.remove(QStringLiteral("QT_QPA_PLATFORM"));
            args.prepend(program);
            args.prepend(QStringLiteral("--server-args=-screen 0 1280x800x24"));
            args.prepend(QStringLiteral("-a"));
            program = xvfb;
        }
        p.setProcessEnvironment(env);
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(program, args);
        if (!p.waitForFinished(90000)) {
            p.kill();
            return -1;
        }
        *output = QString::fromLocal8Bit(p.readAll());
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    }

    static void checkScreenshot(const QString& path) {
        QImage image(path);
        QVERIFY2(!image.isNull(), qPrintable("no readable screenshot at " + path));
        QVERIFY(image.width() >= 600);
        QVERIFY(image.height() >= 400);
        // A window that drew its text has many distinct colours (anti-aliased glyphs); a blank or
        // failed render has one or two.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 2)
            for (int x = 0; x < image.width(); x += 2) colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 20, qPrintable(QStringLiteral("only %1 colours").arg(colours.size())));
    }

private slots:
    void opensWindowAndSavesScreenshot() {
        const QString path = QStringLiteral(HEARTH_BINARY_DIR "/hearth-window.png");
        QFile::remove(path);
        QString out;
        const int code = launch(path, {}, &out);
        QVERIFY2(code == 0, qPrintable(QStringLiteral("exit %1, output:\n%2").arg(code).arg(out)));
        checkScreenshot(path);
    }

    void withoutVulkanDriverStillOpensAndQuits() {
        const QString path = QStringLiteral(HEARTH_BINARY_DIR "/hearth-window-no-vulkan.png");
        QFile::remove(path);
        QString out;
        const int code = launch(path,
                                {QStringLiteral("VK_ICD_FILENAMES=/nonexistent/icd.json"),
                                 QStringLiteral("VK_DRIVER_FILES=/nonexistent/icd.json")},
                                &out);
        QVERIFY2(code == 0, qPrintable(QStringLiteral("exit %1, output:\n%2").arg(code).arg(out)));
        checkScreenshot(path);
    }
};

QTEST_GUILESS_MAIN(AppLaunchTest)
#include "app_launch_test.moc"
