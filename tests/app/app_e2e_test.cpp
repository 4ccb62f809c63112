// The real `hearth` binary under Xvfb, driven by its --script hook (app/qt/automation.h) over a
// temporary data folder with stories260K: a streamed reply equal to the engine's output for the
// same prompt and seed (a ChatSession run in the test as the oracle), stop midway, regenerate, edit, switch
// branches; quit and start again with the chat and its branches intact; a damaged model file
// shows its error and the app stays usable. Screenshots of every screen, light and dark, in
// English and German, go to <build>/screenshots.
#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QtTest>
#include <fstream>

#include "app/qt/sampling_preset.h"
#include "tests/app/app_fixture.h"

using namespace hearth;

namespace {

struct Run {
    int code = -1;
    QString output;
};

// hearth --data-dir DIR --script FILE, under xvfb-run when available.
Run run_hearth(const QString& dataDir, const QString& script) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    QString program = QStringLiteral(HEARTH_APP_PATH);
    QStringList args{QStringLiteral("--data-dir"), dataDir, QStringLiteral("--script"), script};
    const QString xvfb = env.value(QStringLiteral("HEARTH_USE_XVFB"));
    if (!xvfb.isEmpty()) {
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        args = QStringList{QStringLiteral("-a"), QStringLiteral("--server-args=-screen 0 1280x800x24"), program} + args;
        program = xvfb;
    }
    p.setProcessEnvironment(env);
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    Run r;
    if (!p.waitForFinished(300000)) {
        p.kill();
        p.waitForFinished();
        r.output = QString::fromLocal8Bit(p.readAll());
        return r;
    }
    r.output = QString::fromLocal8Bit(p.readAll());
    r.code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    return r;
}

bool write_file(const QString& path, const QString& text) {
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text.toUtf8()) >= 0;
}

QJsonArray messages(const QString& dumpFile) {
    QFile f(dumpFile);
    if (!f.open(QIODevice::ReadOnly)) return {};
    return QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("messages")).toArray();
}

QString content(const QJsonArray& msgs, int i) { return msgs.at(i).toObject().value(QStringLiteral("content")).toString(); }
int siblings(const QJsonArray& msgs, int i) { return msgs.at(i).toObject().value(QStringLiteral("siblingCount")).toInt(); }

// A real picture: a drawn window has many colours (text is anti-aliased).
bool looks_drawn(const QString& path) {
    QImage image(path);
    if (image.isNull() || image.width() < 600) return false;
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 3)
        for (int x = 0; x < image.width(); x += 3) colours.insert(image.pixel(x, y));
    return colours.size() > 40;
}

}  // namespace

class AppEndToEndTest : public QObject {
    Q_OBJECT

private slots:
    void chatStopRegenerateEditRestartAndDamagedModel() {
        const QString model = test::stories_model();
        if (model.isEmpty()) QSKIP("shared test data not found (models/stories260K.gguf); set HEARTH_TESTDATA");
        const auto dir = test::scratch_dir("app_e2e");
        const QString data = QString::fromStdString((dir / "data").string());
        const QString out = QString::fromStdString(dir.string());
        const QString shots = QStringLiteral(HEARTH_BINARY_DIR "/screenshots");
        QDir().mkpath(shots);

        // The oracle: the engine's own reply for the same prompt and seed (the Balanced preset).
        sampling::SamplerParams sp = preset_sampling(QStringLiteral("balanced")).params;
        sp.seed = 42;
        const QString expected = QString::fromStdString(test::engine_reply(model, "Once upon a time", sp, 40, 0));

        const QString first = out + "/first.txt";
        QVERIFY(write_file(first, QStringLiteral(
                        "wait-ready\n"
                        "theme light\n"
                        "screenshot %3/first-run-light.png\n"
                        "theme dark\n"
                        "screenshot %3/first-run-dark.png\n"
                        "theme light\n"
                        "add-model %1\n"
                        "expect-loaded\n"
                        "sampling seed=42 max=40\n"
                        "send Once upon a time\n"
                        "dump %2/sent.json\n"
                        "sampling max=400\n"
                        "send-stop 3 Lily went to the park\n"
                        "dump %2/stopped.json\n"
                        "sampling max=20\n"
                        "regenerate -1\n"
                        "dump %2/regenerated.json\n"
                        "branch -1 -1\n"
                        "dump %2/branch-back.json\n"
                        "edit 0 Tom saw a big dog\n"
                        "dump %2/edited.json\n"
                        "screenshot %3/chat-light.png\n"
                        "theme dark\n"
                        "screenshot %3/chat-dark.png\n"
                        "page models\n"
                        "screenshot %3/models-dark.png\n"
                        "page settings\n"
                        "screenshot %3/settings-dark.png\n"
                        "theme light\n"
                        "screenshot %3/settings-light.png\n"
                        "page models\n"
                        "screenshot %3/models-light.png\n"
                        "language de\n"
                        "page chats\n"
                        "screenshot %3/chat-light-de.png\n"
                        "page settings\n"
                        "screenshot %3/settings-light-de.png\n"
                        "theme dark\n"
                        "page chats\n"
                        "screenshot %3/chat-dark-de.png\n"
                        "language ar\n"
                        "screenshot %3/chat-dark-rtl.png\n"
                        "language en\n"
                        "theme light\n"
                        "quit\n")
                        .arg(model, out, shots)));
        Run r = run_hearth(data, first);
        QVERIFY2(r.code == 0, qPrintable(r.output));

        QJsonArray sent = messages(out + "/sent.json");
        QCOMPARE(sent.size(), 2);
        QCOMPARE(content(sent, 0), QStringLiteral("Once upon a time"));
        QCOMPARE(content(sent, 1), expected);

        QJsonArray stopped = messages(out + "/stopped.json");
        QCOMPARE(stopped.size(), 4);
        QCOMPARE(stopped.at(3).toObject().value(QStringLiteral("stopReason")).toString(), QStringLiteral("cancelled"));
        QVERIFY(stopped.at(3).toObject().value(QStringLiteral("tokens")).toInt() < 400);

        QJsonArray regenerated = messages(out + "/regenerated.json");
        QCOMPARE(regenerated.size(), 4);
        QCOMPARE(siblings(regenerated, 3), 2);
        QJsonArray back = messages(out + "/branch-back.json");
        QCOMPARE(content(back, 3), content(stopped, 3));

        QJsonArray edited = messages(out + "/edited.json");
        QCOMPARE(edited.size(), 2);
        QCOMPARE(content(edited, 0), QStringLiteral("Tom saw a big dog"));
        QCOMPARE(siblings(edited, 0), 2);

        for (const char* name : {"first-run-light", "first-run-dark", "chat-light", "chat-dark", "models-light", "models-dark",
                                 "settings-light", "settings-dark", "chat-light-de", "settings-light-de", "chat-dark-de",
                                 "chat-dark-rtl"})
            QVERIFY2(looks_drawn(shots + "/" + name + ".png"), name);

        // Start again: the chat and its branches are intact; a damaged model shows its error and
        // the app still answers.
        const QString broken = out + "/broken.gguf";
        {
            QFile in(model), o(broken);
            QVERIFY(in.open(QIODevice::ReadOnly) && o.open(QIODevice::WriteOnly));
            o.write(in.read(5000));
        }
        const QString second = out + "/second.txt";
        QVERIFY(write_file(second, QStringLiteral(
                        "wait-ready\n"
                        "open-latest\n"
                        "dump %2/restarted.json\n"
                        "branch 0 -1\n"
                        "dump %2/restarted-first-branch.json\n"
                        "add-model %3\n"
                        "expect-model-error broken.gguf\n"
                        "page models\n"
                        "screenshot %4/models-error-light.png\n"
                        "page chats\n"
                        "add-model %1\n"
                        "new-chat\n"
                        "sampling max=8\n"
                        "send Hello\n"
                        "dump %2/after-error.json\n"
                        "quit\n")
                        .arg(model, out, broken, shots)));
        r = run_hearth(data, second);
        QVERIFY2(r.code == 0, qPrintable(r.output));
        QJsonArray restarted = messages(out + "/restarted.json");
        QCOMPARE(restarted.size(), 2);
        QCOMPARE(content(restarted, 0), QStringLiteral("Tom saw a big dog"));
        QJsonArray firstBranch = messages(out + "/restarted-first-branch.json");
        QCOMPARE(firstBranch.size(), 4);
        QCOMPARE(content(firstBranch, 1), expected);
        QCOMPARE(siblings(firstBranch, 3), 2);
        QJsonArray afterError = messages(out + "/after-error.json");
        QCOMPARE(afterError.size(), 2);
        QVERIFY(afterError.at(1).toObject().value(QStringLiteral("error")).toString().isEmpty());
        QVERIFY(looks_drawn(shots + "/models-error-light.png"));
    }

    void badScriptCommandFails() {
        const auto dir = test::scratch_dir("app_e2e_bad");
        const QString script = QString::fromStdString((dir / "bad.txt").string());
        QVERIFY(write_file(script, QStringLiteral("wait-ready\nfly-to-the-moon\n")));
        const Run r = run_hearth(QString::fromStdString((dir / "data").string()), script);
        QCOMPARE(r.code, 3);
        QVERIFY2(r.output.contains(QStringLiteral("fly-to-the-moon")), qPrintable(r.output));
    }
};

QTEST_GUILESS_MAIN(AppEndToEndTest)
#include "app_e2e_test.moc"
